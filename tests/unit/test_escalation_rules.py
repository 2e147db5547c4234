"""When an escalation is open and when it is flagged, on the day before, of and after."""

from datetime import date, timedelta

import pytest

from dashboard.escalations.rules import is_flagged, is_open_on

AS_OF = date(2026, 11, 2)
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("raised_on", "resolved_on", "open_then"),
    [
        (AS_OF - DAY, None, True),
        (AS_OF, None, True),  # raised on the date: open on it
        (AS_OF + DAY, None, False),  # not raised yet
        (AS_OF - 9 * DAY, AS_OF - DAY, False),
        (AS_OF - 9 * DAY, AS_OF, False),  # resolved on the date: not open on it
        (AS_OF - 9 * DAY, AS_OF + DAY, True),  # resolved after it: still open on it
    ],
)
def test_an_escalation_is_open_from_the_day_raised_until_the_day_resolved(
    raised_on: date, resolved_on: date | None, open_then: bool
) -> None:
    assert is_open_on(raised_on, resolved_on, AS_OF) is open_then


@pytest.mark.parametrize(
    ("days_before", "flagged"),
    [
        (29, False),
        (30, False),  # raised exactly 30 days before: not more than 30
        (31, True),
    ],
)
def test_an_open_escalation_is_flagged_when_raised_more_than_30_days_before(
    days_before: int, flagged: bool
) -> None:
    assert is_flagged(AS_OF - days_before * DAY, None, AS_OF) is flagged
