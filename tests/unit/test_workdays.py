"""Working days in England and Wales: weekends and bank holidays, worked out by hand."""

from datetime import date

import pytest

from dashboard.core.workdays import add_working_days, is_working_day, working_days_between

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2025-06-09", True),  # Monday
        ("2024-02-29", True),  # leap day, a Thursday
        ("2025-06-07", False),  # Saturday
        ("2025-06-08", False),  # Sunday
        ("2025-12-25", False),  # Christmas Day
        ("2026-12-28", False),  # Boxing Day substitute (26th is a Saturday)
        ("2025-04-18", False),  # Good Friday
        ("2025-04-21", False),  # Easter Monday
        ("2022-06-03", False),  # Platinum Jubilee
        ("2022-09-19", False),  # Queen Elizabeth II's state funeral
        ("2023-05-08", False),  # coronation of Charles III
    ],
)
def test_working_day_is_a_weekday_that_is_not_a_bank_holiday(day: str, expected: bool) -> None:
    assert is_working_day(D(day)) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Christmas and New Year
        ("2025-12-24", 1, "2025-12-29"),  # 25, 26 bank holidays, then the weekend
        ("2025-12-22", 3, "2025-12-29"),  # 23, 24, 29
        ("2025-12-31", 1, "2026-01-02"),  # New Year's Day skipped
        ("2026-12-24", 1, "2026-12-29"),  # Boxing Day substitute on Monday 28th
        ("2022-12-23", 1, "2022-12-28"),  # Christmas and Boxing Day substitutes 26th, 27th
        ("2022-12-30", 1, "2023-01-03"),  # New Year substitute Monday 2 January
        ("2025-12-19", 7, "2026-01-02"),
        # Easter
        ("2025-04-17", 1, "2025-04-22"),  # Good Friday 18th and Easter Monday 21st
        ("2024-03-28", 1, "2024-04-02"),  # Easter across March into April
        # one-off bank holidays
        ("2022-06-01", 1, "2022-06-06"),  # spring bank holiday moved + Platinum Jubilee
        ("2022-09-16", 1, "2022-09-20"),  # the Queen's funeral
        ("2023-05-05", 1, "2023-05-09"),  # coronation
        # weekends as start dates
        ("2025-06-07", 1, "2025-06-09"),  # Saturday + 1 is Monday
        ("2025-06-08", 5, "2025-06-13"),  # Sunday + 5 is Friday
        # zero returns the start unchanged, even on a weekend or bank holiday
        ("2025-06-09", 0, "2025-06-09"),
        ("2025-06-07", 0, "2025-06-07"),
        ("2025-12-25", 0, "2025-12-25"),
    ],
)
def test_add_working_days_counts_forward_from_the_day_after_start(
    start: str, n: int, expected: str
) -> None:
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2023-05-09", -1, "2023-05-05"),  # back across the coronation
        ("2025-04-22", -1, "2025-04-17"),  # back across Easter Monday, weekend, Good Friday
        ("2026-01-05", -3, "2025-12-30"),  # 2 Jan, (1 Jan), 31 Dec, 30 Dec
        ("2025-06-08", -1, "2025-06-06"),  # Sunday - 1 is Friday
        ("2023-05-10", -10, "2023-04-24"),  # across coronation and May Day
    ],
)
def test_negative_working_days_count_back_across_bank_holidays(
    start: str, n: int, expected: str
) -> None:
    assert add_working_days(D(start), n) == D(expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-06-09", "2025-06-09", 0),
        ("2025-06-06", "2025-06-09", 1),  # Friday to Monday
        ("2025-06-07", "2025-06-08", 0),  # Saturday to Sunday
        ("2025-12-24", "2025-12-29", 1),  # over Christmas
        ("2025-04-17", "2025-04-22", 1),  # over Easter
        ("2025-12-19", "2026-01-02", 7),  # over Christmas and New Year
        ("2025-12-29", "2025-12-24", -1),  # end before start counts negative
        ("2026-01-02", "2025-12-19", -7),
    ],
)
def test_working_days_between_counts_days_after_start_up_to_end(
    start: str, end: str, expected: int
) -> None:
    assert working_days_between(D(start), D(end)) == expected


@pytest.mark.parametrize("start", ["2025-12-19", "2025-12-25", "2023-05-06", "2024-02-29"])
@pytest.mark.parametrize("n", [0, 1, 7, 20, 50])
def test_working_days_between_undoes_add_working_days(start: str, n: int) -> None:
    assert working_days_between(D(start), add_working_days(D(start), n)) == n
