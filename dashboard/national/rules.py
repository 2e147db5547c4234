"""National recommendations: what the register shows as of a date, worst RAG first.

They follow the action log's rules (`governance.rules.status_on` and `rag`): red overdue, amber
due within ten working days, green on track, blue done, grey dropped.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard.governance.rules import RAG_ORDER, Rag, StatusChange, rag, status_on


@dataclass(frozen=True)
class NationalFacts:
    """A national recommendation with its dated status changes."""

    ref: str
    programme_year: int
    owner_org: str
    text: str
    due_on: date
    status: str
    closed_on: date | None = None
    updates: tuple[StatusChange, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class RegisterRow:
    """A national recommendation as of a date: its status then and its RAG tag."""

    recommendation: NationalFacts
    status: str
    rag: Rag


def register(
    recommendations: Iterable[NationalFacts], day: date, *, open_only: bool = False
) -> list[RegisterRow]:
    """The recommendations of national reports by the day, worst RAG first, then by due date;
    with `open_only`, those neither done nor dropped on the day."""
    rows = [
        RegisterRow(r, status_on(r, day), rag(r, day))
        for r in recommendations
        if not open_only or rag(r, day) not in (Rag.BLUE, Rag.GREY)
    ]
    rows.sort(
        key=lambda row: (
            RAG_ORDER.index(row.rag),
            row.recommendation.due_on,
            row.recommendation.ref,
        )
    )
    return rows
