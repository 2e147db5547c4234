"""Inspections of a group and their judgements per key question."""

from datetime import date

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, TEXT_LENGTH, Versioned

LANGUAGES_LENGTH = 400


class Inspection(Versioned, table=True):
    """One inspection of an inspection group, with its milestone dates."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    group_id: int = Field(foreign_key="inspection_group.id", index=True)
    inspection_type: str = Field(max_length=20)
    mode: str | None = Field(default=None, max_length=20)
    # As given: empty means the type's default scope (see dashboard.core.key_questions).
    key_questions: str | None = Field(default=None, max_length=100)
    trigger: str | None = Field(default=None, max_length=40)
    lead_inspector: str | None = Field(default=None, max_length=NAME_LENGTH, index=True)
    announced_on: date | None = None
    pir_requested_on: date | None = None
    pir_returned_on: date | None = None
    # planned, carried out or cancelled (dashboard.core.vocabulary.InspectionStatus): only a
    # carried-out inspection counts for coverage; a cancelled one has no milestones.
    status: str = Field(default="carried out", max_length=20, index=True)
    cancelled_reason: str | None = Field(default=None, max_length=TEXT_LENGTH)
    start_on: date = Field(index=True)
    end_on: date | None = None
    draft_sent_on: date | None = None
    fa_returned_on: date | None = None
    final_sent_on: date | None = None
    early_outcome_letter_on: date | None = None
    # Evidence base, as counts only: never a survivor's name or case details.
    survey_responses: int | None = None
    # `;`-separated language names of the survey responses (languages are not personal data).
    survey_languages: str | None = Field(default=None, max_length=LANGUAGES_LENGTH)
    survivors_spoken_with: int | None = None
    staff_interviewed: int | None = None
    cases_reviewed: int | None = None
    fa_outcome: str | None = Field(default=None, max_length=20)
    quality_panel_review: bool | None = None
    # CQC's own notes on the inspection; never shown to partners.
    internal_notes: str | None = Field(default=None, max_length=TEXT_LENGTH)


class JudgementRecord(Versioned, table=True):
    """The judgement on one key question in an inspection's scope."""

    __tablename__ = "judgement"
    __table_args__ = (UniqueConstraint("inspection_id", "key_question"),)

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    key_question: str = Field(max_length=20)
    judgement: str = Field(max_length=20)


class InformationRequest(Versioned, table=True):
    """An additional information request to the provider, logged so it is not asked twice."""

    __tablename__ = "information_request"

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    text: str = Field(max_length=TEXT_LENGTH)
    asked_on: date
    due_on: date
    received_on: date | None = None
    asked_by: str | None = Field(default=None, max_length=NAME_LENGTH)
