"""Reads of escalations: how many are open on a date and how many of those are flagged."""

import os
from datetime import date

from sqlmodel import Session

from dashboard.recommendations import queries as recommendation_queries

# An open escalation raised more than this many days before the as-of date is flagged.
ESCALATION_FLAG_DAYS = 30
FLAG_DAYS_ENV = "OVERSIGHT_ESCALATION_FLAG_DAYS"


def flag_days() -> int:
    """The flagging threshold: OVERSIGHT_ESCALATION_FLAG_DAYS if set, else 30 days."""
    value = os.environ.get(FLAG_DAYS_ENV, "").strip()
    return int(value) if value.isdigit() else ESCALATION_FLAG_DAYS


def open_escalation_count(
    session: Session, as_of: date, days: int | None = None
) -> tuple[int, int]:
    """For the Overview: escalations open on the date, and how many of them are flagged."""
    return recommendation_queries.escalation_counts(
        session, as_of, flag_days() if days is None else days
    )
