"""Coverage follows the inspection status: only a carried-out inspection started by the as-of
date counts; planned ones are scheduled (flagged once their date passed); cancelled never count.

Every expected figure is worked out by hand in the comment beside it.
"""

from datetime import date

import pytest

from dashboard.core.vocabulary import InspectionStatus
from dashboard.coverage.rules import (
    DATE_PASSED,
    CoverageStatus,
    GroupFacts,
    InspectionStart,
    MonthState,
    ServiceSpan,
    coverage_as_of,
    inspection_state,
    month_cells,
    programme_year_coverage,
    programme_year_percents,
    provider_year_coverage,
)

D = date.fromisoformat
PLANNED, CARRIED_OUT, CANCELLED = (
    InspectionStatus.PLANNED,
    InspectionStatus.CARRIED_OUT,
    InspectionStatus.CANCELLED,
)
# G1 opened 1 March 2023: never inspected it is due 1 March 2024.
G1 = GroupFacts("G1", "P1", (ServiceSpan(D("2023-03-01")),))


def start(on: str, status: str, code: str = "G1") -> InspectionStart:
    return InspectionStart(code, D(on), "comprehensive", status)


def only_row(inspections: list[InspectionStart], as_of: str) -> tuple[object, ...]:
    (row,) = coverage_as_of([G1], inspections, D(as_of))
    return (
        row.status,
        row.last_inspected_on,
        row.next_due_on,
        row.scheduled_on,
        row.date_passed_on,
    )


@pytest.mark.parametrize(
    ("inspections", "as_of", "expected"),
    [
        # carried out 10 May 2024: last 10 May 2024, due 10 May 2025; on 1 Jan 2025 that is
        # 129 days away: in date.
        (
            [start("2024-05-10", CARRIED_OUT)],
            "2025-01-01",
            (CoverageStatus.IN_DATE, D("2024-05-10"), D("2025-05-10"), None, None),
        ),
        # the same inspection only planned, its date passed: nothing counts, due 1 March 2024
        # (opened + 1 year), overdue; the planned date is still its scheduled_on, and flagged.
        (
            [start("2024-05-10", PLANNED)],
            "2025-01-01",
            (CoverageStatus.OVERDUE, None, D("2024-03-01"), D("2024-05-10"), D("2024-05-10")),
        ),
        # planned in the future: scheduled, not flagged.
        (
            [start("2025-02-03", PLANNED)],
            "2025-01-01",
            (CoverageStatus.OVERDUE, None, D("2024-03-01"), D("2025-02-03"), None),
        ),
        # carried out but starting after the as-of date: scheduled, not done.
        (
            [start("2025-02-03", CARRIED_OUT)],
            "2025-01-01",
            (CoverageStatus.OVERDUE, None, D("2024-03-01"), D("2025-02-03"), None),
        ),
        # cancelled, past or future: never counts, never scheduled.
        (
            [start("2024-05-10", CANCELLED), start("2025-02-03", CANCELLED)],
            "2025-01-01",
            (CoverageStatus.OVERDUE, None, D("2024-03-01"), None, None),
        ),
        # scheduled_on is the earliest of planned (passed 10 May 2024) and carried out after A
        # (3 Feb 2025); the carried-out 1 June 2024 is the last inspection: due 1 June 2025,
        # 151 days after 1 Jan 2025: in date.
        (
            [
                start("2024-05-10", PLANNED),
                start("2024-06-01", CARRIED_OUT),
                start("2025-02-03", CARRIED_OUT),
            ],
            "2025-01-01",
            (
                CoverageStatus.IN_DATE,
                D("2024-06-01"),
                D("2025-06-01"),
                D("2024-05-10"),
                D("2024-05-10"),
            ),
        ),
        # a planned inspection on the as-of date itself has passed (start ≤ A).
        (
            [start("2025-01-01", PLANNED)],
            "2025-01-01",
            (CoverageStatus.OVERDUE, None, D("2024-03-01"), D("2025-01-01"), D("2025-01-01")),
        ),
    ],
    ids=[
        "carried-out",
        "planned-passed",
        "planned-future",
        "carried-out-after-as-of",
        "cancelled",
        "earliest-scheduled",
        "planned-on-as-of",
    ],
)
def test_coverage_counts_only_carried_out_inspections(
    inspections: list[InspectionStart], as_of: str, expected: tuple[object, ...]
) -> None:
    assert only_row(inspections, as_of) == expected


def test_leap_day_inspection_carried_out_falls_due_on_28_february() -> None:
    # carried out 29 Feb 2024 → due 28 Feb 2025; 1 Mar 2025 is after it: overdue.
    row = only_row([start("2024-02-29", CARRIED_OUT)], "2025-03-01")
    assert row[:3] == (CoverageStatus.OVERDUE, D("2024-02-29"), D("2025-02-28"))
    # on 28 Feb 2025 it is due that day: due soon, not overdue.
    assert only_row([start("2024-02-29", CARRIED_OUT)], "2025-02-28")[0] is CoverageStatus.DUE_SOON


def test_leap_day_planned_inspection_does_not_move_the_due_date() -> None:
    # planned 29 Feb 2024, date passed: due stays 1 Mar 2024 (opened + 1 year).
    row = only_row([start("2024-02-29", PLANNED)], "2024-03-02")
    assert row == (CoverageStatus.OVERDUE, None, D("2024-03-01"), D("2024-02-29"), D("2024-02-29"))


@pytest.mark.parametrize(
    ("on", "status", "year", "as_of", "covered"),
    [
        # 31 March 2025 is the last day of 2024/25; 1 April 2025 the first of 2025/26.
        ("2025-03-31", CARRIED_OUT, 2024, "2025-06-30", True),
        ("2025-03-31", CARRIED_OUT, 2025, "2025-06-30", False),
        ("2025-04-01", CARRIED_OUT, 2025, "2025-06-30", True),
        ("2025-04-01", CARRIED_OUT, 2024, "2025-06-30", False),
        # only once started by the as-of date
        ("2025-04-01", CARRIED_OUT, 2025, "2025-03-31", False),
        # planned (even with its date passed) or cancelled never covers a year
        ("2025-03-31", PLANNED, 2024, "2025-06-30", False),
        ("2025-04-01", PLANNED, 2025, "2025-06-30", False),
        ("2025-04-01", CANCELLED, 2025, "2025-06-30", False),
    ],
)
def test_a_programme_year_is_covered_only_by_a_carried_out_inspection_in_it(
    on: str, status: str, year: int, as_of: str, covered: bool
) -> None:
    (row,) = programme_year_coverage([G1], [start(on, status)], year, D(as_of))
    assert row.covered is covered


def test_programme_year_percents_count_carried_out_inspections_only() -> None:
    g2 = GroupFacts("G2", "P1", (ServiceSpan(D("2023-03-01")),))
    starts = [
        start("2024-05-10", CARRIED_OUT, "G1"),  # covers G1 in 2024/25
        start("2024-06-10", PLANNED, "G2"),  # date passed: G2 not covered
        start("2023-05-10", CANCELLED, "G2"),  # cancelled: 2023/24 not even listed
    ]
    percents = programme_year_percents([G1, g2], starts, D("2025-01-01"))
    assert [(p.year, p.required, p.covered, p.percent) for p in percents] == [(2024, 2, 1, 50.0)]


def test_provider_year_coverage_leaves_out_planned_and_cancelled() -> None:
    g2 = GroupFacts("G2", "P1", (ServiceSpan(D("2023-03-01")),))
    starts = [start("2024-05-10", CARRIED_OUT, "G1"), start("2024-06-10", CANCELLED, "G2")]
    (provider,) = provider_year_coverage([G1, g2], starts, 2024, D("2025-01-01"), {"P1": "One"})
    assert (provider.required, provider.covered) == (2, 1)


def _months(starts: list[InspectionStart], as_of: str) -> dict[str, MonthState]:
    cells = month_cells([G1], starts, 2024, D(as_of))
    return {f"{c.month:%Y-%m}": c.state for c in cells}


def test_month_cells_follow_the_status() -> None:
    # as of 15 Aug 2024. G1 due 1 Mar 2024 (never inspected).
    months = _months(
        [
            start("2024-05-10", PLANNED),  # date passed: shown scheduled, due unchanged
            start("2024-06-12", CANCELLED),  # nothing
            start("2024-07-03", CARRIED_OUT),  # inspected: due 3 Jul 2025
            start("2024-09-09", PLANNED),  # scheduled in the future
        ],
        "2024-08-15",
    )
    assert months["2024-04"] is MonthState.OVERDUE
    assert months["2024-05"] is MonthState.SCHEDULED
    assert months["2024-06"] is MonthState.OVERDUE  # the cancelled one does not help
    assert months["2024-07"] is MonthState.INSPECTED
    assert months["2024-08"] is MonthState.IN_DATE
    assert months["2024-09"] is MonthState.SCHEDULED


def test_month_after_a_passed_planned_date_stays_overdue_into_the_future() -> None:
    # planned 10 May 2024 never recorded: as of 15 Aug 2024 every later month is overdue.
    months = _months([start("2024-05-10", PLANNED)], "2024-08-15")
    assert months["2024-05"] is MonthState.SCHEDULED
    assert {months[m] for m in ("2024-06", "2024-12", "2025-03")} == {MonthState.OVERDUE}


def test_a_carried_out_inspection_after_the_as_of_date_projects_the_due_date() -> None:
    # as of 15 Aug 2024, carried-out start 9 Sep 2024 (scheduled); after it the group is in
    # date (due 9 Sep 2025), as the month view projects scheduled inspections.
    months = _months([start("2024-09-09", CARRIED_OUT)], "2024-08-15")
    assert months["2024-09"] is MonthState.SCHEDULED
    assert months["2024-10"] is MonthState.IN_DATE


@pytest.mark.parametrize(
    ("status", "on", "expected"),
    [
        (CARRIED_OUT, "2024-05-10", "done"),
        (CARRIED_OUT, "2024-09-10", "scheduled"),
        (PLANNED, "2024-05-10", DATE_PASSED),
        (PLANNED, "2024-08-15", DATE_PASSED),
        (PLANNED, "2024-08-16", "scheduled"),
        (CANCELLED, "2024-05-10", "cancelled"),
    ],
)
def test_inspection_state_as_of_15_august_2024(status: str, on: str, expected: str) -> None:
    assert inspection_state(status, D(on), D("2024-08-15")) == expected


def test_the_coverage_page_counts_groups_whose_planned_date_passed() -> None:
    from types import SimpleNamespace

    from dashboard.coverage.view import date_passed_count

    g2 = GroupFacts("G2", "P1", (ServiceSpan(D("2023-03-01")),))
    starts = [start("2024-06-03", PLANNED), start("2024-09-02", PLANNED, "G2")]
    rows = [
        SimpleNamespace(coverage=row) for row in coverage_as_of([G1, g2], starts, D("2024-07-01"))
    ]
    assert date_passed_count(rows) == 1  # G1's 3 June plan has passed; G2's is to come
    assert date_passed_count([]) == 0
