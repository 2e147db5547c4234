"""The Concerns page's register: each concern's state and days open on the date, the filters'
choices and a stored concern as the edit form's starting values."""

from collections.abc import Sequence
from datetime import date

import pandas as pd

from dashboard.concerns.rules import ConcernDraft, ConcernFacts, days_open, status_on
from dashboard.core.vocabulary import ConcernSource, ConcernStatus, Risk

STATUSES: tuple[str, ...] = tuple(ConcernStatus)
SOURCES: tuple[str, ...] = tuple(ConcernSource)
RISKS: tuple[str, ...] = tuple(Risk)
COLUMNS = (
    "ref",
    "status",
    "risk",
    "received on",
    "days open",
    "source",
    "provider",
    "group",
    "key questions",
    "response",
    "inspection",
    "closed on",
    "summary",
)


def received_by(rows: Sequence[ConcernFacts], as_of: date) -> list[ConcernFacts]:
    """The concerns received on or before the date (a later one is not known yet)."""
    return [row for row in rows if row.received_on <= as_of]


def concerns_frame(rows: Sequence[ConcernFacts], as_of: date) -> pd.DataFrame:
    """Concerns as a table: status on the date, days open (to closure, or to the date)."""
    records = []
    for row in rows:
        state = status_on(row, as_of)
        closed_on = row.closed_on if state == ConcernStatus.CLOSED else None
        records.append(
            {
                "ref": row.ref,
                "status": state,
                "risk": row.risk,
                "received on": row.received_on,
                "days open": days_open(row.received_on, closed_on or as_of),
                "source": row.source,
                "provider": row.provider_code,
                "group": row.group_code,
                "key questions": ", ".join(row.key_questions),
                "response": row.response,
                "inspection": row.inspection_ref,
                "closed on": closed_on,
                "summary": row.summary,
            }
        )
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def draft_of(row: ConcernFacts) -> ConcernDraft:
    """A stored concern as the edit form's starting values."""
    return ConcernDraft(
        received_on=row.received_on,
        source=row.source,
        provider_code=row.provider_code,
        summary=row.summary,
        risk=row.risk,
        status=row.status,
        group_code=row.group_code,
        key_questions=row.key_questions,
        response=row.response,
        inspection_ref=row.inspection_ref,
        closed_on=row.closed_on,
    )
