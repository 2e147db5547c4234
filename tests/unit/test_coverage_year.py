"""The programme year month by month, per provider, and its quarters, worked by hand."""

from datetime import date

import pytest

from dashboard.coverage.rules import (
    GroupFacts,
    InspectionStart,
    MonthState,
    ServiceSpan,
    month_cells,
    programme_year_percents,
    provider_year_coverage,
)

D = date.fromisoformat
DONE, SCH, DUE, LATE, OK, NA = (
    MonthState.INSPECTED,
    MonthState.SCHEDULED,
    MonthState.DUE,
    MonthState.OVERDUE,
    MonthState.IN_DATE,
    MonthState.NOT_ACTIVE,
)


def group(code: str, opened: str, closed: str | None = None, provider: str = "P1") -> GroupFacts:
    return GroupFacts(code, provider, (ServiceSpan(D(opened), D(closed) if closed else None),))


def starts(code: str, *days: str) -> list[InspectionStart]:
    return [InspectionStart(code, D(day), "assurance") for day in days]


def states(cells, code: str) -> list[MonthState]:
    return [cell.state for cell in cells if cell.group_code == code]


def test_a_group_goes_due_then_overdue_until_its_scheduled_inspection() -> None:
    # inspected 12 June 2025: due 12 June 2026; next inspection booked for 1 September 2026
    cells = month_cells(
        [group("G1", "2025-01-10")], starts("G1", "2025-06-12", "2026-09-01"), 2026, D("2026-07-01")
    )
    #                        Apr May  Jun  Jul   Aug   Sep  Oct Nov Dec Jan Feb Mar
    assert states(cells, "G1") == [OK, OK, DUE, LATE, LATE, SCH, OK, OK, OK, OK, OK, OK]


def test_an_inspection_on_or_before_the_as_of_date_counts_as_inspected() -> None:
    cells = month_cells(
        [group("G1", "2025-01-10")], starts("G1", "2025-06-12", "2026-06-10"), 2026, D("2026-07-01")
    )
    assert states(cells, "G1")[:4] == [OK, OK, DONE, OK]


def test_months_after_every_service_closed_are_not_active() -> None:
    cells = month_cells(
        [group("G1", "2025-01-10", closed="2026-10-15")],
        starts("G1", "2025-11-20"),
        2026,
        D("2026-07-01"),
    )
    # due 20 November 2026, but the last service closes on 15 October: no longer active then
    #                        Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar
    assert states(cells, "G1") == [OK, OK, OK, OK, OK, OK, OK, NA, NA, NA, NA, NA]


def test_groups_not_active_in_the_year_are_left_out() -> None:
    groups = [group("OLD", "2020-01-01", closed="2026-01-01"), group("G1", "2026-05-01")]
    cells = month_cells(groups, [], 2026, D("2026-07-01"))
    assert {cell.group_code for cell in cells} == {"G1"}
    assert states(cells, "G1")[:2] == [NA, OK]  # opens in May


def test_provider_coverage_counts_groups_required_and_covered() -> None:
    groups = [
        group("A1", "2020-01-01", provider="P1"),
        group("A2", "2020-01-01", provider="P1"),
        group("B1", "2020-01-01", provider="P2"),
    ]
    rows = provider_year_coverage(
        groups,
        starts("A1", "2026-05-01") + starts("B1", "2026-09-01"),
        2026,
        D("2026-07-01"),
        {"P1": "First", "P2": "Second"},
    )
    # B1's September inspection is after the as-of date, so not covered yet
    assert [(r.provider_code, r.provider_name, r.required, r.covered, r.percent) for r in rows] == [
        ("P1", "First", 2, 1, 50.0),
        ("P2", "Second", 1, 0, 0.0),
    ]


def test_the_heat_map_keeps_the_cells_of_the_filtered_groups_only():
    from dashboard.coverage.rules import MonthCell, MonthState
    from dashboard.coverage.view import heatmap_cells

    april, may = date(2026, 4, 1), date(2026, 5, 1)
    state = next(iter(MonthState))
    cells = [
        MonthCell("G1", april, state),
        MonthCell("G2", april, state),
        MonthCell("G1", may, state),
    ]
    assert heatmap_cells(cells, ["G1"]) == [cells[0], cells[2]]
    assert heatmap_cells(cells, []) == []


# Boundaries, each on the day before, the day itself and the day after (docs/mutation.md).
AUTUMN = D("2026-12-01")  # as-of date after every month looked at below


def june_july_august(cells, code: str = "G1") -> list[MonthState]:
    return states(cells, code)[2:5]


@pytest.mark.parametrize(
    ("opened", "closed", "july"),
    [
        ("2026-07-30", None, OK),
        ("2026-07-31", None, OK),  # opens on July's last day: active in July
        ("2026-08-01", None, NA),
        ("2020-01-01", "2026-06-30", NA),
        ("2020-01-01", "2026-07-01", NA),  # closes on 1 July: last open on 30 June
        ("2020-01-01", "2026-07-02", OK),  # open on 1 July
    ],
)
def test_a_group_is_active_in_a_month_when_open_on_any_day_of_it(
    opened: str, closed: str | None, july: MonthState
) -> None:
    # inspected 15 January 2026 when already open: due January 2027
    done = starts("G1", "2026-01-15") if opened < "2026-01-15" else []
    cells = month_cells([group("G1", opened, closed)], done, 2026, AUTUMN)
    assert june_july_august(cells)[1] is july


@pytest.mark.parametrize(
    ("inspected_on", "months"),
    [
        ("2026-06-30", [DONE, OK, OK]),
        ("2026-07-01", [OK, DONE, OK]),  # July's first day: inspected in July
        ("2026-07-31", [OK, DONE, OK]),  # July's last day: inspected in July
        ("2026-08-01", [OK, DUE, DONE]),  # due 15 July, inspected in August
    ],
)
def test_an_inspection_marks_the_month_from_its_first_to_its_last_day(
    inspected_on: str, months: list[MonthState]
) -> None:
    # inspected 15 July 2025: due 15 July 2026
    cells = month_cells(
        [group("G1", "2020-01-01")], starts("G1", "2025-07-15", inspected_on), 2026, AUTUMN
    )
    assert june_july_august(cells) == months


@pytest.mark.parametrize(
    ("as_of", "july"),
    [
        ("2026-07-14", SCH),  # starts after the as-of date: scheduled
        ("2026-07-15", DONE),  # starts on the as-of date: inspected
        ("2026-07-16", DONE),
    ],
)
def test_an_inspection_is_inspected_from_its_start_date_scheduled_before(
    as_of: str, july: MonthState
) -> None:
    cells = month_cells(
        [group("G1", "2020-01-01")], starts("G1", "2025-07-15", "2026-07-15"), 2026, D(as_of)
    )
    assert june_july_august(cells)[1] is july


@pytest.mark.parametrize(
    ("last_inspected_on", "months"),
    [
        ("2025-06-30", [DUE, LATE, LATE]),  # due 30 June 2026
        ("2025-07-01", [OK, DUE, LATE]),  # due 1 July: due in July from its first day
        ("2025-07-31", [OK, DUE, LATE]),  # due 31 July: due in July up to its last day
        ("2025-08-01", [OK, OK, DUE]),
    ],
)
def test_a_month_is_due_when_the_due_date_falls_on_any_day_of_it(
    last_inspected_on: str, months: list[MonthState]
) -> None:
    cells = month_cells([group("G1", "2020-01-01")], starts("G1", last_inspected_on), 2026, AUTUMN)
    assert june_july_august(cells) == months


@pytest.mark.parametrize(
    ("inspected_on", "percents"),
    [
        ("2025-03-31", [(2024, 100.0), (2025, 0.0), (2026, 0.0)]),  # 2024/25's last day
        ("2025-04-01", [(2025, 100.0), (2026, 0.0)]),  # 2025/26's first day
        ("2025-04-02", [(2025, 100.0), (2026, 0.0)]),
    ],
)
def test_each_year_s_percentage_counts_inspections_from_1_april_to_31_march(
    inspected_on: str, percents: list[tuple[int, float]]
) -> None:
    years = programme_year_percents(
        [group("G1", "2020-01-01")], starts("G1", inspected_on), D("2026-11-02")
    )
    assert [(y.year, y.percent) for y in years] == percents
