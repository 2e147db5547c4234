"""Recommendations from inspections, their follow-ups, and escalations."""

from datetime import date

from sqlmodel import Field

from models.base import CODE_LENGTH, NAME_LENGTH, TEXT_LENGTH, Versioned


class Recommendation(Versioned, table=True):
    """A recommendation tracked until an inspector verifies it closed."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    service_id: int | None = Field(default=None, foreign_key="service.id", index=True)
    key_question: str | None = Field(default=None, max_length=20)
    kloe: str | None = Field(default=None, max_length=10)
    theme: str | None = Field(default=None, max_length=100)
    risk: str = Field(max_length=10)
    text: str = Field(max_length=TEXT_LENGTH)
    owner: str | None = Field(default=None, max_length=40)
    # The explicit due date, as imported or changed with a reason; empty follows the default.
    due_on: date | None = Field(default=None, index=True)
    # When it falls due: `due_on` if given, else its risk's working days after the inspection's
    # final report was sent; empty until then. Derived, kept in step by
    # `dashboard.recommendations.queries.refresh_falls_due_on` in every write that changes it.
    falls_due_on: date | None = Field(default=None, index=True)
    status: str = Field(max_length=30, index=True)
    closed_on: date | None = None
    # Who verified the closure and on which date (set when closed, cleared when reopened).
    verified_by: str | None = Field(default=None, max_length=NAME_LENGTH)
    verified_on: date | None = None
    # The recommendation that replaces this one, when superseded.
    superseded_by_id: int | None = Field(default=None, foreign_key="recommendation.id")
    # Why the due date differs from the risk's default timescale, when edited.
    due_on_reason: str | None = Field(default=None, max_length=TEXT_LENGTH)


class FollowUp(Versioned, table=True):
    """A dated update on a recommendation: who, what, and the status it left it in."""

    __tablename__ = "follow_up"

    id: int | None = Field(default=None, primary_key=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", index=True)
    made_on: date
    made_by: str | None = Field(default=None, max_length=NAME_LENGTH)
    note: str | None = Field(default=None, max_length=TEXT_LENGTH)
    status: str | None = Field(default=None, max_length=30)


class Escalation(Versioned, table=True):
    """A significant concern escalated to the prime contractor and the Home Office."""

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=CODE_LENGTH, unique=True, index=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    raised_on: date
    concern: str = Field(max_length=TEXT_LENGTH)
    escalated_to: str | None = Field(default=None, max_length=NAME_LENGTH)
    early_outcome_letter_on: date | None = None
    resolved_on: date | None = None
    resolution_note: str | None = Field(default=None, max_length=TEXT_LENGTH)


class RecommendationTimescale(Versioned, table=True):
    """A programme setting: the working days after the final report a risk's recommendations
    fall due in, unless given a date. Admins set it; a risk with no row keeps the default
    (`dashboard.recommendations.rules.DEFAULT_DUE_WORKING_DAYS`)."""

    __tablename__ = "recommendation_timescale"

    id: int | None = Field(default=None, primary_key=True)
    risk: str = Field(max_length=10, unique=True)
    working_days: int
