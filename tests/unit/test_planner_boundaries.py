"""The planner's boundaries, each on the day before, the day itself and the day after
(docs/mutation.md lists the flips these pin)."""

import pytest

from dashboard.planning.rules import (
    Flag,
    PlannedInspection,
)
from tests.unit.planner_world import AMIRA, D, brief, group, plan


def planned_on(day: str, group_code: str = "G1", lead: str | None = AMIRA) -> PlannedInspection:
    return PlannedInspection(f"INS-{day}", group_code, D(day), "focused", ("safe",), lead)


@pytest.mark.parametrize(
    ("start_on", "kept"),
    [
        ("2026-11-01", False),  # before the as-of date: its date has passed
        ("2026-11-02", False),  # on the as-of date: not after it
        ("2026-11-03", True),
    ],
)
def test_planned_inspections_are_kept_only_after_the_as_of_date(start_on: str, kept: bool) -> None:
    result = plan([group("G1", "2020-01-01")], as_of="2026-11-02", planned=(planned_on(start_on),))
    assert bool(result.with_flag(Flag.PLANNED)) is kept


@pytest.mark.parametrize(
    ("start_on", "kept"),
    [
        ("2027-03-31", False),  # the day before programme year 2027/28 starts
        ("2027-04-01", True),  # its first day
        ("2027-04-02", True),
        ("2028-03-30", True),
        ("2028-03-31", True),  # its last day
        ("2028-04-01", False),  # the day after it ends
    ],
)
def test_planned_inspections_are_kept_only_within_the_programme_year(
    start_on: str, kept: bool
) -> None:
    planned = (planned_on(start_on),)
    result = plan([group("G1", "2020-01-01")], as_of="2026-11-02", year=2027, planned=planned)
    assert [r.inspection_ref for r in result.with_flag(Flag.PLANNED)] == (
        [f"INS-{start_on}"] if kept else []
    )


@pytest.mark.parametrize(
    ("start_on", "flags"),
    [
        ("2026-11-30", (Flag.PLANNED,)),
        ("2026-12-01", (Flag.PLANNED,)),  # on the due date: not overdue
        ("2026-12-02", (Flag.PLANNED, Flag.OVERDUE)),  # starts after the due date
    ],
)
def test_overdue_flag_is_a_start_after_the_due_date(start_on: str, flags: tuple[Flag]) -> None:
    # last inspected 1 December 2025: due 1 December 2026
    result = plan(
        [group("G1", "2020-01-01")],
        as_of="2026-11-02",
        starts=(("G1", "2025-12-01"),),
        planned=(planned_on(start_on),),
    )
    assert brief(result.rows) == [("G1", start_on, "2026-12-01", AMIRA, flags)]


@pytest.mark.parametrize(
    ("start_on", "flags"),
    [
        ("2027-01-14", (Flag.PLANNED,)),
        ("2027-01-15", (Flag.PLANNED,)),  # on the term's last day: within it
        ("2027-01-18", (Flag.PLANNED, Flag.AFTER_MOU_TERM)),  # after the term ends
    ],
)
def test_after_mou_term_flag_is_a_start_after_the_term_ends(
    start_on: str, flags: tuple[Flag]
) -> None:
    result = plan(
        [group("G1", "2020-01-01")],
        as_of="2026-11-02",
        starts=(("G1", "2026-06-01"),),
        planned=(planned_on(start_on),),
        mou_ends_on=D("2027-01-15"),
    )
    assert brief(result.rows) == [("G1", start_on, "2027-06-01", AMIRA, flags)]


@pytest.mark.parametrize(
    ("as_of", "due_by", "flags"),
    [
        # The year starts after the as-of date: an overdue date is assumed met then, rolled on.
        ("2027-03-31", "2028-03-31", (Flag.AFTER_MOU_TERM,)),
        # The year has started: the due date stays where it was, and is overdue.
        ("2027-04-01", "2026-10-01", (Flag.OVERDUE, Flag.AFTER_MOU_TERM)),
        ("2027-04-02", "2026-10-01", (Flag.OVERDUE, Flag.AFTER_MOU_TERM)),
    ],
)
def test_due_dates_roll_forward_only_when_the_year_starts_after_the_as_of_date(
    as_of: str, due_by: str, flags: tuple[Flag, ...]
) -> None:
    # last inspected 1 October 2025: due 1 October 2026
    result = plan(
        [group("G1", "2020-01-01")], as_of=as_of, year=2027, starts=(("G1", "2025-10-01"),)
    )
    assert [(r.due_by.isoformat(), r.flags) for r in result.rows] == [(due_by, flags)]


@pytest.mark.parametrize(
    ("inspected_on", "due_by"),
    [
        ("2025-03-31", "2028-03-31"),  # due 31 March 2026: rolled past the year's first day
        ("2025-04-01", "2027-04-01"),  # due 1 April 2026: rolled onto the year's first day
        ("2025-04-02", "2027-04-02"),
    ],
)
def test_a_rolled_due_date_stops_on_or_after_the_first_day_of_the_year(
    inspected_on: str, due_by: str
) -> None:
    result = plan(
        [group("G1", "2020-01-01")], as_of="2026-03-01", year=2027, starts=(("G1", inspected_on),)
    )
    assert [r.due_by.isoformat() for r in result.rows] == [due_by]


@pytest.mark.parametrize(
    ("start_on", "due_by"),
    [
        ("2027-03-31", "2028-03-31"),  # before the year: counts as the last inspection
        ("2027-04-01", "2027-06-10"),  # within the year: kept as planned, due as before
        ("2027-04-02", "2027-06-10"),
    ],
)
def test_inspections_before_the_year_set_the_due_date_carried_into_it(
    start_on: str, due_by: str
) -> None:
    # last inspected 10 June 2026: due 10 June 2027
    result = plan(
        [group("G1", "2020-01-01")],
        as_of="2026-11-02",
        year=2027,
        starts=(("G1", "2026-06-10"),),
        planned=(planned_on(start_on),),
    )
    assert result.rows[0].due_by == D(due_by)


@pytest.mark.parametrize(
    ("start_on", "rows"),
    [
        ("2026-11-01", []),  # done by the as-of date: due November 2027, after the year
        ("2026-11-02", []),  # done on the as-of date
        ("2026-11-03", [("G1", "2026-11-03", "2026-12-01", AMIRA, (Flag.PLANNED,))]),
    ],
)
def test_an_inspection_on_or_before_the_as_of_date_counts_as_done(
    start_on: str, rows: list[tuple[str, str, str, str, tuple[Flag, ...]]]
) -> None:
    # last inspected before that on 1 December 2025: due 1 December 2026
    result = plan(
        [group("G1", "2020-01-01")],
        as_of="2026-11-02",
        starts=(("G1", "2025-12-01"),),
        planned=(planned_on(start_on),),
    )
    assert brief(result.rows) == rows


@pytest.mark.parametrize(
    ("inspected_on", "due_by"),
    [
        ("2026-03-31", ["2027-03-31"]),  # before the year: due on its last day, proposed
        ("2026-04-01", []),  # on the year's first day: covered this year
        ("2026-04-02", []),
    ],
)
def test_an_inspection_from_the_first_day_of_the_year_covers_it(
    inspected_on: str, due_by: list[str]
) -> None:
    result = plan([group("G1", "2020-01-01")], as_of="2026-11-02", starts=(("G1", inspected_on),))
    assert [r.due_by.isoformat() for r in result.rows] == due_by


@pytest.mark.parametrize(
    ("start_on", "proposed"),
    [
        ("2027-03-30", False),
        ("2027-03-31", False),  # on the year's last day: covered this year
        ("2027-04-01", True),  # after the year: the new group still needs one in it
    ],
)
def test_an_inspection_up_to_the_last_day_of_the_year_covers_it(
    start_on: str, proposed: bool
) -> None:
    # opens 1 December 2026, so required this year although due only in December 2027
    result = plan([group("NEW", "2026-12-01")], as_of="2026-11-02", starts=(("NEW", start_on),))
    assert bool(result.proposals) is proposed


@pytest.mark.parametrize(
    ("inspected_on", "planned"),
    [
        ("2026-01-31", True),  # due 31 January 2027, before its last open day
        ("2026-02-01", True),  # due 1 February 2027, its last open day
        ("2026-02-02", False),  # due the day after it closed: nothing to plan
    ],
)
def test_a_group_is_planned_when_due_on_or_before_its_last_open_day(
    inspected_on: str, planned: bool
) -> None:
    closing = group("G1", "2020-01-01", closed_on="2027-02-02")  # last open day 1 February
    result = plan([closing], as_of="2026-11-02", starts=(("G1", inspected_on),))
    assert bool(result.rows) is planned


@pytest.mark.parametrize(
    ("closed_on", "listed"),
    [
        ("2026-11-03", False),  # last open on the as-of date: not active after it
        ("2026-11-04", True),  # open one day after the as-of date
        ("2026-11-05", True),
    ],
)
def test_a_group_open_a_single_day_after_the_as_of_date_is_still_listed(
    closed_on: str, listed: bool
) -> None:
    # overdue since 1 October 2026 and closing before the notice period allows a start
    closing = group("G1", "2020-01-01", closed_on=closed_on)
    result = plan([closing], as_of="2026-11-02", starts=(("G1", "2025-10-01"),))
    expected = [("G1", "", "2026-10-01", "", (Flag.NOT_FITTED, Flag.OVERDUE))] if listed else []
    assert brief(result.rows) == expected


@pytest.mark.parametrize(
    ("opened_on", "rows"),
    [
        # due Sunday 17 January, before the first start notice allows (Monday 18): late, so
        # placed as soon as possible, on the next free day
        (
            "2026-01-17",
            [
                ("G1", "2027-01-18", "2027-01-17", AMIRA, (Flag.OVERDUE,)),
                ("G2", "2027-01-19", "2027-01-17", AMIRA, (Flag.OVERDUE,)),
            ],
        ),
        # due on the first possible start: one fits that day, the other does not fit at all
        (
            "2026-01-18",
            [
                ("G1", "2027-01-18", "2027-01-18", AMIRA, ()),
                ("G2", "", "2027-01-18", "", (Flag.NOT_FITTED,)),
            ],
        ),
        (
            "2026-01-19",
            [
                ("G2", "2027-01-18", "2027-01-19", AMIRA, ()),
                ("G1", "2027-01-19", "2027-01-19", AMIRA, ()),
            ],
        ),
    ],
)
def test_a_group_due_before_the_first_possible_start_is_late_not_one_due_on_it(
    opened_on: str, rows: list[tuple[str, str, str, str, tuple[Flag, ...]]]
) -> None:
    # As of Monday 4 January 2027 the first start allowing 10 working days' notice is 18 January.
    groups = [group("G1", opened_on), group("G2", opened_on)]
    assert brief(plan(groups, as_of="2027-01-04").rows) == rows


@pytest.mark.parametrize(
    ("due_on", "start_on"),
    [
        # due Monday 1 March 2027: 91 days before is 30 November, so the window starts in
        # November and the emptier November wins
        ("2026-03-01", "2026-11-16"),
        # due 2 March: 91 days before is 1 December, the window starts in December, and December
        # (one start already) is preferred to November (none)
        ("2026-03-02", "2026-12-02"),
        ("2026-03-03", "2026-12-03"),
    ],
)
def test_the_preferred_window_starts_in_the_month_91_days_before_the_due_date(
    due_on: str, start_on: str
) -> None:
    # Capacity two a month: December holds one planned start, January to March are full.
    busy = ["2026-12-14", "2027-01-11", "2027-01-12", "2027-02-08", "2027-02-09"]
    busy += ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04"]
    planned = tuple(planned_on(day, group_code="OTHER") for day in busy)
    result = plan([group("G1", due_on)], as_of="2026-11-02", planned=planned, per_month=2)
    assert [(r.group_code, r.proposed_start_on) for r in result.proposals] == [("G1", D(start_on))]
