"""Inspections of a group and their judgements per key question."""

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, Versioned


class Inspection(Versioned, table=True):
    """One inspection of an inspection group, with its milestone dates."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    group_id: int = Field(foreign_key="inspection_group.id", index=True)
    inspection_type: str = Field(max_length=20)
    mode: str | None = Field(default=None, max_length=20)
    # As given: empty means the type's default scope (see dashboard.key_questions).
    key_questions: str | None = Field(default=None, max_length=100)
    trigger: str | None = Field(default=None, max_length=40)
    lead_inspector: str | None = Field(default=None, max_length=NAME_LENGTH, index=True)
    announced_on: date | None = None
    pir_requested_on: date | None = None
    pir_returned_on: date | None = None
    start_on: date = Field(index=True)
    end_on: date | None = None
    draft_sent_on: date | None = None
    fa_returned_on: date | None = None
    final_sent_on: date | None = None
    early_outcome_letter_on: date | None = None


class JudgementRecord(Versioned, table=True):
    """The judgement on one key question in an inspection's scope."""

    __tablename__ = "judgement"
    __table_args__ = (UniqueConstraint("inspection_id", "key_question"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    key_question: str = Field(max_length=20)
    judgement: str = Field(max_length=20)
