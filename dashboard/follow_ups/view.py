"""The My follow-ups page's table: the due follow-ups, oldest first."""

from collections.abc import Sequence

import pandas as pd

from dashboard.follow_ups.rules import FollowUpDue


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
