"""Follow-ups falling due: days overdue and the due window, with hand-worked dates."""

from datetime import date

import pytest

from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.follow_ups.rules import (
    FOLLOW_UP_COLUMNS,
    DueRecommendation,
    FollowUpDue,
    OpenAction,
    RecommendationContext,
    action_reminder,
    days_overdue,
    due_follow_ups,
    follow_up_reminder,
    follow_up_report,
    may_follow_up,
    window_end,
)
from models.recommendations import Recommendation


def rec(
    ref: str,
    due_on: date | None,
    status: str = "open",
    lead: str | None = "Amira Shah",
    allocated: str | None = None,
) -> DueRecommendation:
    return DueRecommendation(
        ref, f"INS-{ref}", "G01", "P01", "high", due_on, status, lead, allocated
    )


@pytest.mark.parametrize(
    ("due_on", "as_of", "expected"),
    [
        (date(2026, 11, 2), date(2026, 11, 2), 0),  # due today: not yet overdue
        (date(2026, 11, 3), date(2026, 11, 2), 0),  # due tomorrow
        (date(2026, 11, 1), date(2026, 11, 2), 1),
        (date(2024, 2, 28), date(2024, 3, 1), 2),  # 29 February 2024 counts
        (date(2023, 2, 28), date(2023, 3, 1), 1),  # no leap day in 2023
        (date(2024, 2, 29), date(2025, 2, 28), 365),  # a leap day's year later
        (date(2025, 12, 31), date(2026, 1, 1), 1),  # across the year end
        (date(2025, 12, 20), date(2026, 1, 5), 16),  # 11 days of December + 5 of January
        (date(2024, 1, 1), date(2025, 1, 1), 366),  # the whole of leap year 2024
    ],
)
def test_days_overdue_counts_calendar_days_after_the_due_date(due_on, as_of, expected):
    assert days_overdue(due_on, as_of) == expected


@pytest.mark.parametrize(
    ("as_of", "within", "expected"),
    [
        (date(2026, 11, 2), 30, date(2026, 12, 2)),
        (date(2026, 11, 2), 0, date(2026, 11, 2)),
        (date(2028, 2, 15), 14, date(2028, 2, 29)),  # lands on a leap day
        (date(2026, 12, 20), 30, date(2027, 1, 19)),  # across the year end
    ],
)
def test_the_window_ends_within_days_after_the_as_of_date(as_of, within, expected):
    assert window_end(as_of, within) == expected


def test_a_negative_window_is_refused():
    with pytest.raises(ValueError, match="within: -1 days is negative"):
        window_end(date(2026, 11, 2), -1)


def test_window_edges_include_the_last_day_and_exclude_the_next():
    as_of = date(2026, 11, 2)
    recs = [
        rec("edge", date(2026, 12, 2)),
        rec("after", date(2026, 12, 3)),
        rec("today", as_of),
        rec("late", date(2026, 10, 1)),
    ]
    assert [row.ref for row in due_follow_ups(recs, as_of, 30)] == ["late", "today", "edge"]
    assert [row.ref for row in due_follow_ups(recs, as_of, 0)] == ["late", "today"]


def test_closed_superseded_and_undated_recommendations_are_not_due():
    as_of = date(2026, 11, 2)
    recs = [
        rec("closed", date(2026, 1, 1), "closed"),
        rec("gone", date(2026, 1, 1), "superseded"),
        rec("undated", None),
        rec("evidence", date(2026, 1, 1), "evidence submitted"),
        rec("working", date(2026, 1, 2), "in progress"),
    ]
    rows = due_follow_ups(recs, as_of)
    assert [(row.ref, row.days_overdue) for row in rows] == [("evidence", 305), ("working", 304)]


def test_oldest_first_then_by_ref():
    due = date(2026, 10, 1)
    recs = [rec("B", due), rec("C", date(2026, 9, 30)), rec("A", due)]
    assert [row.ref for row in due_follow_ups(recs, date(2026, 11, 2))] == ["C", "A", "B"]


def test_an_inspector_keeps_the_inspections_they_led_and_optionally_their_providers():
    due = date(2026, 10, 1)
    recs = [
        rec("led", due, lead="Amira Shah"),
        rec("allocated", due, lead="Tom Okafor", allocated="Amira Shah"),
        rec("other", due, lead="Tom Okafor", allocated="Ruth Pryce"),
    ]
    as_of = date(2026, 11, 2)
    led = due_follow_ups(recs, as_of, inspector="Amira Shah")
    both = due_follow_ups(recs, as_of, inspector="Amira Shah", include_allocated=True)
    assert [row.ref for row in led] == ["led"]
    assert [row.ref for row in both] == ["allocated", "led"]
    assert len(due_follow_ups(recs, as_of)) == 3


def test_the_report_has_the_exact_columns_and_cells():
    rows = due_follow_ups([rec("R1", date(2026, 10, 31))], date(2026, 11, 2))
    report = follow_up_report(rows)
    assert (
        report.columns
        == FOLLOW_UP_COLUMNS
        == (
            "recommendation_ref",
            "inspection_ref",
            "group_code",
            "provider_code",
            "risk",
            "due_on",
            "status",
            "days_overdue",
        )
    )
    assert report.rows == [("R1", "INS-R1", "G01", "P01", "high", date(2026, 10, 31), "open", "2")]
    assert report.footer == "1 follow-up due, 1 overdue"


def test_the_page_table_lists_each_follow_up_in_the_order_given():
    from dashboard.follow_ups.rules import FollowUpDue
    from dashboard.follow_ups.view import follow_ups_frame

    rows = [FollowUpDue(rec("R2", date(2026, 10, 1)), 32), FollowUpDue(rec("R1", None), 0)]
    frame = follow_ups_frame(rows)
    assert list(frame["Recommendation"]) == ["R2", "R1"]
    assert list(frame["Days overdue"]) == [32, 0]
    assert follow_ups_frame([]).columns[0] == "Recommendation"


@pytest.mark.parametrize(
    ("days", "overdue", "soon"),
    [
        (0, 0, 1),  # due today: due soon, not overdue
        (1, 1, 0),  # a day past due: overdue
        (2, 1, 0),
    ],
)
def test_the_reminder_lists_a_follow_up_as_overdue_from_the_day_after_it_is_due(
    days, overdue, soon
):
    as_of = date(2026, 11, 2)
    row = FollowUpDue(rec("R1", date.fromordinal(as_of.toordinal() - days)), days)
    reminder = follow_up_reminder("Amira Shah", "amira@example.org", [row], as_of, as_of)
    assert f": {overdue} overdue and {soon} soon-due follow-ups" in reminder.subject


@pytest.mark.parametrize(
    ("days", "footer"),
    [(0, "1 follow-up due, 0 overdue"), (1, "1 follow-up due, 1 overdue")],
)
def test_the_report_counts_as_overdue_only_follow_ups_past_their_due_date(days, footer):
    row = FollowUpDue(rec("R1", date(2026, 11, 2)), days)
    assert follow_up_report([row]).footer == footer


@pytest.mark.parametrize(
    ("due_on", "overdue", "line"),
    [
        (date(2026, 11, 1), True, "- A1 (meeting M1): due 2026-11-01, open, 1 days overdue"),
        (date(2026, 11, 2), False, "- A1 (meeting M1): due 2026-11-02, open"),  # due today
        (date(2026, 11, 3), False, "- A1 (meeting M1): due 2026-11-03, open"),
    ],
)
def test_an_action_is_overdue_in_its_owner_s_reminder_from_the_day_after_it_is_due(
    due_on, overdue, line
):
    action = OpenAction("A1", "M1", "Amira Shah", due_on, "open")
    body = action_reminder("Amira Shah", "amira@example.org", [action], date(2026, 11, 2)).body
    heading = "Overdue (1):" if overdue else "Open (1):"
    assert f"{heading}\n{line}\n" in body
    assert ("Overdue (1):" in body, "Open (1):" in body) == (overdue, not overdue)


@pytest.mark.parametrize(
    ("role", "name", "allowed"),
    [
        (Role.PROGRAMME_MANAGER, "Tom Okafor", True),  # managers follow up any recommendation
        (Role.INSPECTOR, "Amira Shah", True),  # the inspector who led it
        (Role.INSPECTOR, "Tom Okafor", False),  # another inspector
    ],
)
def test_only_managers_and_the_recommendation_s_own_inspectors_may_follow_up(role, name, allowed):
    recommendation = Recommendation(ref="R1", inspection_id=1, risk="high", text="t", status="open")
    context = RecommendationContext(recommendation, "INS-R1", date(2026, 6, 1), "Amira Shah", None)
    assert may_follow_up(Actor("user", name, role), context) is allowed
