"""The pack's open recommendations, counted in SQL by provider and risk as of a meeting day."""

from datetime import date

from sqlmodel import Session

from dashboard.core.permissions import STAFF_VIEWER
from dashboard.governance.queries import OpenRecommendations, open_recommendation_counts
from tests import factories as make

DAY = date(2026, 7, 7)


def _programme(session: Session) -> None:
    """Hand-worked: of eight recommendations, three are open on DAY and one of those is overdue."""
    north, south = make.provider(session, "P-N"), make.provider(session, "P-S")
    ended = make.inspection(
        session,
        "INS-1",
        make.group(session, "G-N", north),
        date(2026, 5, 11),
        end_on=date(2026, 5, 13),
    )
    ends_after_day = make.inspection(
        session,
        "INS-2",
        make.group(session, "G-S", south),
        date(2026, 7, 6),
        end_on=date(2026, 7, 8),
    )
    later = make.inspection(session, "INS-3", make.group(session, "G-S2", south), date(2026, 7, 20))

    def rec(ref, inspection, due_on, status="open", risk="high", closed_on=None):
        row = make.recommendation(session, ref, inspection, due_on, status, risk)
        row.closed_on = closed_on
        session.add(row)

    rec("R1", ended, date(2026, 7, 6))  # open, overdue (due the day before)
    rec("R2", ended, DAY, risk="low")  # open, due on the day: not overdue
    rec("R3", ended, None, status="closed", closed_on=date(2026, 8, 1))  # closed after: open
    rec("R4", ended, None, status="closed", closed_on=DAY)  # closed on the day: not open
    rec("R5", ended, None, status="closed")  # closed, no date: not open
    rec("R6", ended, None, status="superseded")  # superseded: not open
    rec("R7", ends_after_day, date(2026, 6, 1))  # inspection ends after: not yet made
    rec("R8", later, None)  # inspection starts after: not made
    session.flush()


def test_counts_follow_the_open_on_a_day_rule(session: Session) -> None:
    _programme(session)

    counts = sorted(
        open_recommendation_counts(session, DAY, viewer=STAFF_VIEWER), key=lambda c: c.risk
    )

    assert counts == [
        OpenRecommendations("P-N", "high", open=2, overdue=1),
        OpenRecommendations("P-N", "low", open=1, overdue=0),
    ]


def test_nothing_made_yet_counts_nothing(session: Session) -> None:
    _programme(session)
    assert open_recommendation_counts(session, date(2026, 5, 12), viewer=STAFF_VIEWER) == []
