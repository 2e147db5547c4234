"""National recommendations as of a date: the action log's RAG rules, worst first, with
hand-worked dates (a bank holiday inside the amber window, a closure on the day)."""

from datetime import date

from dashboard.governance.rules import Rag, StatusChange
from dashboard.national.rules import NationalFacts, judgements_report, register

D = date.fromisoformat


def _rec(
    ref: str, due: str, status: str = "open", closed: str | None = None, **kw
) -> NationalFacts:
    return NationalFacts(
        ref=ref,
        programme_year=2025,
        owner_org="home office",
        text="",
        due_on=D(due),
        status=status,
        closed_on=D(closed) if closed else None,
        **kw,
    )


def test_red_amber_green_by_working_days_to_the_due_date_over_christmas():
    # From Mon 15 Dec 2025 to Thu 1 Jan 2026: 10 working days later is Wed 31 Dec (25, 26 Dec
    # and 1 Jan are bank holidays), so a due date of Fri 2 Jan is 11 away: green; 31 Dec amber.
    rows = register(
        [_rec("NR-G", "2026-01-02"), _rec("NR-A", "2025-12-31"), _rec("NR-R", "2025-12-12")],
        D("2025-12-15"),
    )
    assert [(row.recommendation.ref, row.rag) for row in rows] == [
        ("NR-R", Rag.RED),
        ("NR-A", Rag.AMBER),
        ("NR-G", Rag.GREEN),
    ]


def test_a_recommendation_closed_on_a_day_is_open_the_day_before_and_done_from_that_day():
    done = _rec(
        "NR-1",
        "2026-03-31",
        status="done",
        closed="2026-02-02",
        updates=(
            StatusChange(D("2026-01-05"), "in progress"),
            StatusChange(D("2026-02-02"), "done"),
        ),
    )
    before, on = register([done], D("2026-02-01"))[0], register([done], D("2026-02-02"))[0]
    assert (before.status, before.rag) == ("in progress", Rag.GREEN)
    assert (on.status, on.rag) == ("done", Rag.BLUE)
    assert register([done], D("2026-02-02"), open_only=True) == []
    assert register([done], D("2026-02-01"), open_only=True) == [before]


def test_dropped_is_grey_and_nothing_gives_nothing():
    dropped = _rec("NR-2", "2026-03-31", status="dropped", closed="2026-01-10")
    assert register([dropped], D("2026-02-01"))[0].rag is Rag.GREY
    assert register([], D("2026-02-01")) == []


def test_the_judgements_report_lists_every_key_question_in_order_with_zeros():
    report = judgements_report({("well-led", "not meeting"): 2, ("safe", "meeting"): 3})
    assert report.columns == ("key_question", "inspections", "meeting", "not_meeting")
    assert report.rows == [
        ("safe", "3", "3", "0"),
        ("effective", "0", "0", "0"),
        ("caring", "0", "0", "0"),
        ("responsive", "0", "0", "0"),
        ("well-led", "2", "0", "2"),
    ]
