"""The Escalations page's table: each escalation's state, days open and dates, and refusals
as form messages."""

from collections.abc import Sequence
from datetime import date

import pandas as pd

from dashboard.escalations.queries import EscalationRow
from dashboard.escalations.rules import ESCALATION_FLAG_DAYS, days_open, is_flagged, is_open_on


def state_of(row: EscalationRow, as_of: date, days: int = ESCALATION_FLAG_DAYS) -> str:
    """'flagged' (open too long), 'open' or 'resolved' on the date."""
    if is_flagged(row.raised_on, row.resolved_on, as_of, days):
        return "flagged"
    return "open" if is_open_on(row.raised_on, row.resolved_on, as_of) else "resolved"


def _resolved_by(row: EscalationRow, as_of: date) -> date | None:
    """The resolution date if it had happened by the as-of date."""
    return row.resolved_on if row.resolved_on and row.resolved_on <= as_of else None


def escalations_frame(rows: Sequence[EscalationRow], as_of: date, days: int) -> pd.DataFrame:
    """Escalations as a table: state, days open, and the dates from raised to resolution."""
    records = [
        {
            "ref": row.ref,
            "state": state_of(row, as_of, days),
            "days open": days_open(row.raised_on, _resolved_by(row, as_of) or as_of),
            "provider": row.provider_code,
            "group": row.group_code,
            "inspection": row.inspection_ref,
            "raised on": row.raised_on,
            "concern": row.concern,
            "escalated to": (row.escalated_to or "").replace(";", ", "),
            "early outcome letter": row.early_outcome_letter_on,
            "resolved on": _resolved_by(row, as_of),
            "resolution note": row.resolution_note if _resolved_by(row, as_of) else None,
        }
        for row in rows
    ]
    return pd.DataFrame.from_records(records)
