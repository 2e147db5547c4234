"""Concerns about a provider raised between inspections, and how CQC responded."""

from datetime import date

from sqlmodel import Field

from models.base import CODE_LENGTH, TEXT_LENGTH, Versioned


class Concern(Versioned, table=True):
    """A concern about a provider (from the prime contractor, the Home Office, a whistleblower
    ...): programme facts only, never a survivor's name or details; open until closed."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    received_on: date = Field(index=True)
    source: str = Field(max_length=30)
    provider_id: int = Field(foreign_key="provider.id", index=True)
    group_id: int | None = Field(default=None, foreign_key="inspection_group.id", index=True)
    # `;`-separated key questions, as an inspection's (empty: none named).
    key_questions: str | None = Field(default=None, max_length=100)
    summary: str = Field(max_length=TEXT_LENGTH)
    risk: str = Field(max_length=10)
    status: str = Field(max_length=10, index=True)
    response: str | None = Field(default=None, max_length=30)
    # The inspection the concern led to, if any.
    inspection_id: int | None = Field(default=None, foreign_key="inspection.id", index=True)
    closed_on: date | None = None
