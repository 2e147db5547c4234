"""The national recommendations register as the Governance page shows it, in words."""

from collections.abc import Iterable

import pandas as pd

from dashboard.core.programme_year import year_label
from dashboard.core.vocabulary import in_words
from dashboard.governance.rules import rag_label
from dashboard.national.rules import RegisterRow
from models.national import NationalRecommendationUpdate

COLUMNS = ["ref", "programme year", "owner", "recommendation", "due on", "status", "RAG"]


def register_frame(rows: Iterable[RegisterRow]) -> pd.DataFrame:
    """One row per national recommendation, worst RAG first."""
    return pd.DataFrame(
        [
            {
                "ref": row.recommendation.ref,
                "programme year": year_label(row.recommendation.programme_year),
                "owner": in_words(row.recommendation.owner_org),
                "recommendation": row.recommendation.text,
                "due on": row.recommendation.due_on,
                "status": row.status,
                "RAG": rag_label(row.rag),
            }
            for row in rows
        ],
        columns=COLUMNS,
    )


def updates_frame(updates: Iterable[NationalRecommendationUpdate]) -> pd.DataFrame:
    """A national recommendation's dated updates, oldest first."""
    return pd.DataFrame(
        [{"on": u.on, "by": u.by, "status": u.status, "note": u.note} for u in updates],
        columns=["on", "by", "status", "note"],
    )
