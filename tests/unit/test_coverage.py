"""Annual coverage of inspection groups as of a date, and programme-year coverage."""

import time
from datetime import date, timedelta

import pytest

from dashboard.coverage.rules import (
    CoverageStatus,
    GroupFacts,
    InspectionStart,
    ProgrammeYearRow,
    ServiceSpan,
    add_one_year,
    coverage_as_of,
    coverage_percent,
    is_group_active,
    is_open_on,
    programme_year_coverage,
)

D = date.fromisoformat


def group(code: str, *spans: tuple[str, str | None], provider: str = "P1") -> GroupFacts:
    """A group whose services are given as (opened_on, closed_on) ISO strings."""
    return GroupFacts(
        code=code,
        provider_code=provider,
        services=tuple(ServiceSpan(D(o), D(c) if c else None) for o, c in spans),
    )


def inspection(code: str, start_on: str, kind: str = "comprehensive") -> InspectionStart:
    return InspectionStart(group_code=code, start_on=D(start_on), inspection_type=kind)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-02-29", "2025-02-28"),  # leap day falls back to 28 February
        ("2024-02-28", "2025-02-28"),
        ("2023-02-28", "2024-02-28"),
        ("2023-03-01", "2024-03-01"),
        ("2025-12-31", "2026-12-31"),
    ],
)
def test_add_one_year_maps_leap_day_to_28_february(day: str, expected: str) -> None:
    assert add_one_year(D(day)) == D(expected)


@pytest.mark.parametrize(
    ("opened", "closed", "day", "expected"),
    [
        ("2024-01-10", None, "2024-01-09", False),  # before opening
        ("2024-01-10", None, "2024-01-10", True),  # on the opening day
        ("2024-01-10", "2024-06-30", "2024-06-29", True),
        ("2024-01-10", "2024-06-30", "2024-06-30", False),  # closed on the day: not open
    ],
)
def test_service_open_from_opened_on_until_before_closed_on(
    opened: str, closed: str | None, day: str, expected: bool
) -> None:
    span = ServiceSpan(D(opened), D(closed) if closed else None)
    assert is_open_on(span, D(day)) is expected


def test_group_active_when_any_service_open() -> None:
    g = group("G1", ("2023-01-01", "2024-01-01"), ("2024-06-01", None))
    assert not is_group_active(g, D("2024-03-01"))
    assert is_group_active(g, D("2024-06-01"))


def test_no_groups_gives_empty_coverage() -> None:
    assert coverage_as_of([], [inspection("G1", "2025-01-01")], D("2025-06-01")) == []


@pytest.mark.parametrize(
    "spans",
    [
        [("2023-01-01", "2025-05-31")],  # only service closed before as_of
        [("2023-01-01", "2025-06-01")],  # only service closed exactly on as_of
        [("2025-06-02", None)],  # not yet open
        [],  # no services at all
    ],
)
def test_inactive_group_is_not_reported(spans: list[tuple[str, str | None]]) -> None:
    assert coverage_as_of([group("G1", *spans)], [], D("2025-06-01")) == []


def test_group_with_one_closed_and_one_open_service_is_reported() -> None:
    g = group("G1", ("2023-01-01", "2024-01-01"), ("2024-09-15", None))
    [row] = coverage_as_of([g], [], D("2025-06-01"))
    assert row.group_code == "G1"


def test_never_inspected_group_due_a_year_after_its_earliest_opened_service() -> None:
    g = group("G1", ("2024-09-15", None), ("2024-03-01", None), provider="P7")
    [row] = coverage_as_of([g], [], D("2025-02-01"))
    assert row.provider_code == "P7"
    assert row.last_inspected_on is None
    assert row.last_inspection_type is None
    assert row.next_due_on == D("2025-03-01")
    assert row.status == CoverageStatus.DUE_SOON  # 28 days away


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025-05-31", CoverageStatus.IN_DATE),  # 62 days before due
        ("2025-06-01", CoverageStatus.IN_DATE),  # 61 days before due
        ("2025-06-02", CoverageStatus.DUE_SOON),  # exactly 60 days before due
        ("2025-08-01", CoverageStatus.DUE_SOON),  # on the due date
        ("2025-08-02", CoverageStatus.OVERDUE),  # one day after the due date
    ],
)
def test_status_from_days_until_next_due(as_of: str, expected: CoverageStatus) -> None:
    g = group("G1", ("2023-01-01", None))
    [row] = coverage_as_of([g], [inspection("G1", "2024-08-01")], D(as_of))
    assert row.next_due_on == D("2025-08-01")
    assert row.status == expected


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2025-02-28", CoverageStatus.DUE_SOON), ("2025-03-01", CoverageStatus.OVERDUE)],
)
def test_inspected_on_leap_day_due_28_february(as_of: str, status: CoverageStatus) -> None:
    g = group("G1", ("2023-01-01", None))
    [row] = coverage_as_of([g], [inspection("G1", "2024-02-29")], D(as_of))
    assert row.next_due_on == D("2025-02-28")
    assert row.status == status


def test_inspection_starting_on_as_of_counts_as_done() -> None:
    g = group("G1", ("2024-01-01", None))
    [row] = coverage_as_of([g], [inspection("G1", "2025-06-02", "focused")], D("2025-06-02"))
    assert row.last_inspected_on == D("2025-06-02")
    assert row.last_inspection_type == "focused"
    assert row.next_due_on == D("2026-06-02")
    assert row.status == CoverageStatus.IN_DATE
    assert row.scheduled_on is None


def test_inspection_starting_after_as_of_is_scheduled_not_done() -> None:
    g = group("G1", ("2024-01-01", None))
    inspections = [
        inspection("G1", "2024-06-10", "comprehensive"),
        inspection("G1", "2025-07-01", "assurance"),
        inspection("G1", "2025-06-02", "focused"),
    ]
    [row] = coverage_as_of([g], inspections, D("2025-06-01"))
    assert row.last_inspected_on == D("2024-06-10")
    assert row.last_inspection_type == "comprehensive"
    assert row.next_due_on == D("2025-06-10")
    assert row.status == CoverageStatus.DUE_SOON
    assert row.scheduled_on == D("2025-06-02")  # the earliest future start


def test_inspections_of_other_groups_do_not_count() -> None:
    g = group("G1", ("2024-01-01", None))
    [row] = coverage_as_of([g], [inspection("G2", "2025-05-01")], D("2025-06-01"))
    assert row.last_inspected_on is None
    assert row.status == CoverageStatus.OVERDUE  # due 2025-01-01 from opening


def test_coverage_sorted_worst_first_then_due_date_then_code() -> None:
    groups = [group(code, ("2023-01-01", None)) for code in ("G1", "G2", "G3", "G4", "G5")]
    inspections = [
        inspection("G1", "2025-05-01"),  # due 2026-05-01: in date
        inspection("G2", "2024-07-20"),  # due 2025-07-20: due soon
        inspection("G3", "2024-05-01"),  # due 2025-05-01: overdue
        inspection("G4", "2024-07-10"),  # due 2025-07-10: due soon, earlier
        inspection("G5", "2024-07-10"),  # same due date as G4: by code
    ]
    rows = coverage_as_of(groups, inspections, D("2025-06-01"))
    assert [(r.group_code, r.status) for r in rows] == [
        ("G3", CoverageStatus.OVERDUE),
        ("G4", CoverageStatus.DUE_SOON),
        ("G5", CoverageStatus.DUE_SOON),
        ("G2", CoverageStatus.DUE_SOON),
        ("G1", CoverageStatus.IN_DATE),
    ]


def test_coverage_scales_to_4000_groups_and_50000_inspections() -> None:
    groups = [group(f"G{i:04}", ("2020-01-01", None)) for i in range(4000)]
    first = D("2021-01-01")
    inspections = [
        InspectionStart(f"G{i % 4000:04}", first + timedelta(days=i % 1500), "assurance")
        for i in range(50_000)
    ]
    began = time.perf_counter()
    rows = coverage_as_of(groups, inspections, D("2024-06-01"))
    year_rows = programme_year_coverage(groups, inspections, 2023, D("2024-06-01"))
    assert time.perf_counter() - began < 5
    assert len(rows) == 4000
    assert len(year_rows) == 4000


YEAR_2024_GROUPS = [
    group("A", ("2023-01-01", "2024-04-01")),  # last open day 2024-03-31: not required
    group("B", ("2023-01-01", "2024-04-02")),  # open on 2024-04-01 only: required
    group("C", ("2025-03-31", None)),  # opens on the last day: required
    group("D", ("2025-04-01", None)),  # opens the day after: not required
    group("E", ("2020-01-01", None)),
]


def test_programme_year_requires_groups_active_on_any_day_of_it() -> None:
    rows = programme_year_coverage(YEAR_2024_GROUPS, [], 2024, D("2025-06-01"))
    assert [r.group_code for r in rows] == ["B", "C", "E"]
    assert not any(r.covered for r in rows)


@pytest.mark.parametrize(
    ("start_on", "as_of", "covered"),
    [
        ("2024-04-01", "2025-06-01", True),  # first day of the year
        ("2025-03-31", "2025-06-01", True),  # last day of the year
        ("2024-03-31", "2025-06-01", False),  # previous programme year
        ("2025-04-01", "2025-06-01", False),  # next programme year
        ("2025-02-10", "2025-01-15", False),  # in the year but after as_of: scheduled
        ("2025-02-10", "2025-02-10", True),  # starts on as_of: done
    ],
)
def test_programme_year_covered_by_inspection_started_in_year_by_as_of(
    start_on: str, as_of: str, covered: bool
) -> None:
    [row] = programme_year_coverage(
        [group("E", ("2020-01-01", None))], [inspection("E", start_on)], 2024, D(as_of)
    )
    assert row == ProgrammeYearRow("E", "P1", covered)


def test_programme_year_rows_sorted_by_group_code() -> None:
    groups = [group(code, ("2020-01-01", None)) for code in ("G3", "G1", "G2")]
    rows = programme_year_coverage(groups, [], 2024, D("2025-01-01"))
    assert [r.group_code for r in rows] == ["G1", "G2", "G3"]


@pytest.mark.parametrize(
    ("covered", "expected"),
    [
        ([], None),  # no required groups
        ([False, False], 0.0),
        ([True, False, False], 100 / 3),
        ([True, True, False, False], 50.0),
        ([True, True], 100.0),
    ],
)
def test_coverage_percent_is_covered_over_required(
    covered: list[bool], expected: float | None
) -> None:
    rows = [ProgrammeYearRow(f"G{i}", "P1", c) for i, c in enumerate(covered)]
    assert coverage_percent(rows) == (None if expected is None else pytest.approx(expected))


def test_no_groups_gives_no_coverage_percent() -> None:
    assert coverage_percent(programme_year_coverage([], [], 2024, D("2025-01-01"))) is None
