"""The My follow-ups page's table: the due follow-ups, oldest first."""

from collections.abc import Sequence

import pandas as pd

from dashboard.follow_ups.rules import DueRecommendation, FollowUpDue

NOTHING_RECORDED = "nothing recorded yet"
NOTE_SHOWN_CHARACTERS = 80  # the rest is on the Recommendations page's timeline
COLUMNS = [
    "Recommendation",
    "Provider",
    "Recommendation text",
    "Due on",
    "Status",
    "Days overdue",
    "Last recorded",
    "Inspection",
    "Risk",
]


def last_recorded(rec: DueRecommendation) -> str:
    """The last follow-up in words: '12 Nov 2026: in progress · Chased the provider.'"""
    if rec.last_recorded_on is None:
        return NOTHING_RECORDED
    words = f"{rec.last_recorded_on:%d %b %Y}: {rec.last_recorded_status or 'no status'}"
    note = " ".join((rec.last_recorded_note or "").split())
    if len(note) > NOTE_SHOWN_CHARACTERS:
        note = note[: NOTE_SHOWN_CHARACTERS - 1].rstrip() + "…"
    return f"{words} · {note}" if note else words


def follow_ups_frame(rows: Sequence[FollowUpDue]) -> pd.DataFrame:
    """The follow-ups as the My follow-ups page lists them, oldest first as given."""
    return pd.DataFrame(
        [
            {
                "Recommendation": row.ref,
                "Provider": " · ".join(
                    part
                    for part in (row.recommendation.provider_code, row.recommendation.provider_name)
                    if part
                ),
                "Recommendation text": row.recommendation.text,
                "Due on": row.recommendation.due_on,
                "Status": row.recommendation.status,
                "Days overdue": row.days_overdue,
                "Last recorded": last_recorded(row.recommendation),
                "Inspection": row.recommendation.inspection_ref,
                "Risk": row.recommendation.risk,
            }
            for row in rows
        ],
        columns=COLUMNS,
    )
