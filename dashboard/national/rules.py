"""National recommendations: what the register shows as of a date, worst RAG first.

They follow the action log's rules (`governance.rules.status_on` and `rag`): red overdue, amber
due within ten working days, green on track, blue done, grey dropped.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from dashboard.core.report import Cell, Report
from dashboard.core.vocabulary import ALL_KEY_QUESTIONS, Judgement
from dashboard.governance.rules import RAG_ORDER, Rag, StatusChange, rag, status_on

NATIONAL_REPORT_COLUMNS = ("key_question", "inspections", "meeting", "not_meeting")


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


def judgements_report(counts: Mapping[tuple[str, str], int]) -> Report:
    """`dashboard report national`: per key question, in the usual order, how many of the
    year's reported inspections had a judgement on it, and how many of those were meeting and
    not meeting. `counts` is keyed by (key question, judgement); a key question never judged
    is a row of zeros."""
    rows: list[tuple[Cell, ...]] = []
    for kq in ALL_KEY_QUESTIONS:
        meeting = counts.get((kq.value, Judgement.MEETING.value), 0)
        not_meeting = counts.get((kq.value, Judgement.NOT_MEETING.value), 0)
        rows.append((kq.value, str(meeting + not_meeting), str(meeting), str(not_meeting)))
    return Report(NATIONAL_REPORT_COLUMNS, rows)
