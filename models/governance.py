"""MoU terms, governance meetings and their action log."""

from datetime import date

from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, TEXT_LENGTH, Versioned


class MouTerm(Versioned, table=True):
    """A term of the memorandum of understanding between CQC and the Home Office."""

    __tablename__ = "mou_term"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    starts_on: date
    ends_on: date
    note: str | None = Field(default=None, max_length=TEXT_LENGTH)


class Meeting(Versioned, table=True):
    """A governance, programme board, provider engagement or information-sharing meeting."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    held_on: date = Field(index=True)
    kind: str = Field(max_length=30)
    attendees: str | None = Field(default=None, max_length=TEXT_LENGTH)
    notes: str | None = Field(default=None, max_length=TEXT_LENGTH)
    # The provider an engagement or information-sharing meeting was held with, if any.
    provider_id: int | None = Field(default=None, foreign_key="provider.id", index=True)


class Action(Versioned, table=True):
    """An action raised at a meeting, owned by an organisation, until done or dropped."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    text: str = Field(max_length=TEXT_LENGTH)
    owner_org: str = Field(max_length=30)
    owner_name: str | None = Field(default=None, max_length=NAME_LENGTH)
    due_on: date = Field(index=True)
    status: str = Field(max_length=20, index=True)
    closed_on: date | None = None


class ActionUpdate(Versioned, table=True):
    """A dated update on an action: who, what, and the status it left the action in."""

    __tablename__ = "action_update"

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    on: date = Field(index=True)
    by: str | None = Field(default=None, max_length=NAME_LENGTH)
    note: str | None = Field(default=None, max_length=TEXT_LENGTH)
    status: str | None = Field(default=None, max_length=20)
