"""The programme year (1 April to 31 March): labels, bounds, months and quarters, by hand."""

from datetime import date

import pytest

from dashboard.core.programme_year import (
    month_end,
    month_start,
    months_between,
    next_month,
    programme_year_bounds,
    programme_year_of,
    quarter_bounds,
    quarter_label,
    quarter_of,
    year_label,
    year_months,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-02-29", 2023),
        ("2024-03-31", 2023),  # last day of programme year 2023
        ("2024-04-01", 2024),  # first day of programme year 2024
        ("2024-12-31", 2024),
        ("2025-01-01", 2024),
    ],
)
def test_programme_year_runs_1_april_to_31_march(day: str, expected: int) -> None:
    assert programme_year_of(D(day)) == expected


def test_programme_year_bounds_are_1_april_and_31_march_next_year() -> None:
    assert programme_year_bounds(2024) == (D("2024-04-01"), D("2025-03-31"))


def test_year_months_run_april_to_march() -> None:
    months = year_months(2026)
    assert (months[0], months[-1], len(months)) == (D("2026-04-01"), D("2027-03-01"), 12)


@pytest.mark.parametrize(
    ("day", "bounds", "label"),
    [
        ("2026-11-02", ("2026-10-01", "2026-12-31"), "Q3 (Oct–Dec 2026)"),
        ("2026-04-01", ("2026-04-01", "2026-06-30"), "Q1 (Apr–Jun 2026)"),
        ("2027-02-28", ("2027-01-01", "2027-03-31"), "Q4 (Jan–Mar 2027)"),
        ("2026-09-30", ("2026-07-01", "2026-09-30"), "Q2 (Jul–Sep 2026)"),
    ],
)
def test_programme_quarters(day: str, bounds: tuple[str, str], label: str) -> None:
    assert quarter_bounds(D(day)) == (D(bounds[0]), D(bounds[1]))
    assert quarter_label(D(day)) == label


@pytest.mark.parametrize(
    ("year", "label"),
    [(2026, "2026/27"), (1999, "1999/00"), (2009, "2009/10"), (2099, "2099/00")],
)
def test_year_label_writes_the_second_year_in_two_digits(year: int, label: str) -> None:
    assert year_label(year) == label


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        ("2027-03-31", 2026, 4),  # 31 March: last day of programme year 2026, still Q4
        ("2027-04-01", 2027, 1),  # 1 April: first day of the next programme year, Q1
        ("2024-02-29", 2023, 4),  # leap day falls in Q4 of the year begun the April before
        ("2026-06-30", 2026, 1),
        ("2026-07-01", 2026, 2),
        ("2026-12-31", 2026, 3),
        ("2027-01-01", 2026, 4),
    ],
)
def test_quarter_of_31_march_1_april_and_leap_day(day: str, year: int, quarter: int) -> None:
    assert quarter_of(D(day)) == (year, quarter)


def test_bounds_of_a_year_holding_a_leap_day_end_on_31_march() -> None:
    first, last = programme_year_bounds(2023)
    assert (first, last, (last - first).days + 1) == (D("2023-04-01"), D("2024-03-31"), 366)


@pytest.mark.parametrize(
    ("day", "start", "end", "following"),
    [
        ("2024-02-29", "2024-02-01", "2024-02-29", "2024-03-01"),  # leap February
        ("2023-02-15", "2023-02-01", "2023-02-28", "2023-03-01"),
        ("2027-03-31", "2027-03-01", "2027-03-31", "2027-04-01"),  # year end rolls to April
        ("2026-12-05", "2026-12-01", "2026-12-31", "2027-01-01"),  # December rolls the year
    ],
)
def test_month_start_end_and_next_month(day: str, start: str, end: str, following: str) -> None:
    assert (month_start(D(day)), month_end(D(day)), next_month(D(day))) == (
        D(start),
        D(end),
        D(following),
    )


def test_months_between_includes_both_end_months() -> None:
    assert months_between(D("2026-11-30"), D("2027-02-01")) == [
        D("2026-11-01"),
        D("2026-12-01"),
        D("2027-01-01"),
        D("2027-02-01"),
    ]


def test_quarter_label_of_31_march_and_1_april() -> None:
    assert quarter_label(D("2027-03-31")) == "Q4 (Jan–Mar 2027)"
    assert quarter_label(D("2027-04-01")) == "Q1 (Apr–Jun 2027)"
