"""Follow-ups falling due: which recommendations an inspector must check, and how late they are.

A recommendation is due for follow-up as of A within D days when it is neither closed nor
superseded, has a due date, and `due_on` ≤ A + D. It is overdue by A − `due_on` calendar days
when that is positive (0 otherwise). Oldest due date first, then by ref.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from dashboard.core.report import Report
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES

DEFAULT_WITHIN_DAYS = 30
FOLLOW_UP_COLUMNS = (
    "recommendation_ref",
    "inspection_ref",
    "group_code",
    "provider_code",
    "risk",
    "due_on",
    "status",
    "days_overdue",
)


@dataclass(frozen=True)
class DueRecommendation:
    """A recommendation with the facts that decide whose follow-up it is and when it is due."""

    recommendation_ref: str
    inspection_ref: str
    group_code: str
    provider_code: str
    risk: str
    due_on: date | None
    status: str
    lead_inspector: str | None = None
    allocated_inspector: str | None = None
    version: int = 1


@dataclass(frozen=True)
class FollowUpDue:
    """A recommendation due for follow-up as of a date, and by how many days it is overdue."""

    recommendation: DueRecommendation
    days_overdue: int

    @property
    def ref(self) -> str:
        """The recommendation's ref (the row's stable key)."""
        return self.recommendation.recommendation_ref


def days_overdue(due_on: date, as_of: date) -> int:
    """Calendar days from the due date to the as-of date, or 0 when not yet past due."""
    return max((as_of - due_on).days, 0)


def window_end(as_of: date, within_days: int) -> date:
    """The last due date that counts as due within the window."""
    if within_days < 0:
        raise ValueError(f"within: {within_days} days is negative; use 0 or more")
    return as_of + timedelta(days=within_days)


def is_theirs(
    recommendation: DueRecommendation, inspector: str, *, include_allocated: bool = False
) -> bool:
    """Whether the inspector led its inspection (or, if asked, is allocated to its provider)."""
    if recommendation.lead_inspector == inspector:
        return True
    return include_allocated and recommendation.allocated_inspector == inspector


def due_follow_ups(
    recommendations: Iterable[DueRecommendation],
    as_of: date,
    within_days: int = DEFAULT_WITHIN_DAYS,
    *,
    inspector: str | None = None,
    include_allocated: bool = False,
) -> list[FollowUpDue]:
    """The recommendations due for follow-up, oldest due date first."""
    last_due = window_end(as_of, within_days)
    rows = [
        FollowUpDue(rec, days_overdue(rec.due_on, as_of))
        for rec in recommendations
        if rec.status in OPEN_RECOMMENDATION_STATUSES
        and rec.due_on is not None
        and rec.due_on <= last_due
        and (inspector is None or is_theirs(rec, inspector, include_allocated=include_allocated))
    ]
    return sorted(rows, key=lambda row: (row.recommendation.due_on, row.ref))


def follow_ups_frame(rows: Sequence[FollowUpDue]) -> pd.DataFrame:
    """The follow-ups as the My follow-ups page lists them, oldest first as given."""
    return pd.DataFrame(
        [
            {
                "Recommendation": row.ref,
                "Inspection": row.recommendation.inspection_ref,
                "Provider": row.recommendation.provider_code,
                "Risk": row.recommendation.risk,
                "Due on": row.recommendation.due_on,
                "Status": row.recommendation.status,
                "Days overdue": row.days_overdue,
            }
            for row in rows
        ],
        columns=[
            "Recommendation",
            "Inspection",
            "Provider",
            "Risk",
            "Due on",
            "Status",
            "Days overdue",
        ],
    )


def follow_up_report(rows: Sequence[FollowUpDue]) -> Report:
    """The follow-ups report: one row per due recommendation, in the order given."""
    return Report(
        FOLLOW_UP_COLUMNS,
        [
            (
                row.ref,
                row.recommendation.inspection_ref,
                row.recommendation.group_code,
                row.recommendation.provider_code,
                row.recommendation.risk,
                row.recommendation.due_on,
                row.recommendation.status,
                str(row.days_overdue),
            )
            for row in rows
        ],
        footer=f"{len(rows)} follow-up{'s' * (len(rows) != 1)} due, "
        f"{sum(row.days_overdue > 0 for row in rows)} overdue",
    )
