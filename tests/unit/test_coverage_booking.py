"""The coverage table's booking flag, worked by hand: nothing booked, booked late, in time."""

from datetime import date

import pytest

from dashboard.coverage.rules import CoverageStatus
from dashboard.coverage.rules.booking import booking_flag, whole_months_between

OVERDUE, DUE_SOON, IN_DATE = CoverageStatus.OVERDUE, CoverageStatus.DUE_SOON, CoverageStatus.IN_DATE


@pytest.mark.parametrize(
    ("status", "due", "booked", "flag"),
    [
        # Nothing booked: flagged while overdue or due soon; in date there is time to book.
        (OVERDUE, date(2026, 9, 1), None, "overdue · not scheduled"),
        (DUE_SOON, date(2026, 12, 1), None, "due soon · not scheduled"),
        (IN_DATE, date(2027, 6, 1), None, ""),
        # Booked on the due date is in time; a day after is a day late.
        (DUE_SOON, date(2026, 12, 1), date(2026, 12, 1), ""),
        (DUE_SOON, date(2026, 12, 1), date(2026, 11, 3), ""),
        (DUE_SOON, date(2026, 12, 1), date(2026, 12, 2), "booked 1 day late"),
        # Across the year end: 15 Nov 2026 to 20 Mar 2027 is 4 whole months (and 5 days).
        (OVERDUE, date(2026, 11, 15), date(2027, 3, 20), "booked 4 months late"),
        (OVERDUE, date(2026, 11, 15), date(2027, 3, 14), "booked 3 months late"),
        (OVERDUE, date(2026, 12, 31), date(2027, 1, 31), "booked 1 month late"),
        # Short of a whole month it counts days: 31 Jan to 28 Feb 2027 is 28 days.
        (IN_DATE, date(2027, 1, 31), date(2027, 2, 28), "booked 28 days late"),
        (IN_DATE, date(2026, 6, 1), date(2027, 6, 1), "booked 12 months late"),
    ],
)
def test_booking_flag_says_what_is_not_booked_in_time(status, due, booked, flag):
    assert booking_flag(status, due, booked) == flag


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (date(2026, 11, 15), date(2027, 3, 15), 4),
        (date(2026, 11, 15), date(2027, 3, 14), 3),
        (date(2026, 12, 31), date(2027, 2, 28), 1),
        (date(2027, 1, 31), date(2027, 2, 28), 0),
        (date(2026, 4, 1), date(2026, 4, 1), 0),
    ],
)
def test_whole_months_between_counts_complete_months_across_year_ends(earlier, later, months):
    assert whole_months_between(earlier, later) == months
