"""The calendar puts an overdue follow-up on the day it is made for, not years back."""

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from dashboard.follow_ups.rules import DueRecommendation, due_follow_ups
from dashboard.follow_ups.rules.calendar import event_day, follow_up_calendar


@pytest.mark.parametrize(
    ("due_on", "as_of", "day"),
    [
        # Not yet due, or due today: on its due date.
        (date(2026, 12, 10), date(2026, 12, 8), date(2026, 12, 10)),
        (date(2026, 12, 8), date(2026, 12, 8), date(2026, 12, 8)),
        # Overdue, made on a working day (Tuesday 8 Dec 2026): on that day.
        (date(2023, 5, 2), date(2026, 12, 8), date(2026, 12, 8)),
        # Overdue, made on Saturday 12 Dec 2026: on Monday 14 Dec.
        (date(2026, 11, 30), date(2026, 12, 12), date(2026, 12, 14)),
        # Overdue, made on Christmas Day 2026 (Friday): past Boxing Day (Saturday, its
        # substitute bank holiday on Monday 28 Dec) to Tuesday 29 Dec.
        (date(2026, 12, 1), date(2026, 12, 25), date(2026, 12, 29)),
        # Overdue across a year end, made on New Year's Day 2027 (Friday): on Monday 4 Jan.
        (date(2026, 12, 30), date(2027, 1, 1), date(2027, 1, 4)),
    ],
)
def test_event_day_moves_overdue_follow_ups_to_the_next_working_day(due_on, as_of, day):
    assert event_day(due_on, as_of) == day


def test_calendar_describes_the_original_due_date_of_an_overdue_follow_up():
    old = DueRecommendation("R-OLD", "I1", "G1", "P1", "high", date(2023, 5, 2), "open")
    soon = DueRecommendation("R-SOON", "I1", "G1", "P1", "low", date(2026, 12, 21), "open")
    rows = due_follow_ups([old, soon], date(2026, 12, 12), within_days=30)  # a Saturday
    ics = follow_up_calendar(
        rows, inspector="Amira Shah", stamped_at=datetime(2026, 12, 12, tzinfo=UTC)
    )
    first, second = Calendar.from_ical(ics).walk("VEVENT")
    assert first.decoded("dtstart") == date(2026, 12, 14)
    assert "originally due 02 May 2023, 1320 days overdue" in str(first["description"])
    assert second.decoded("dtstart") == date(2026, 12, 21)
    assert "originally due 21 Dec 2026." in str(second["description"])
