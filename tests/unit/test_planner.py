"""The proposed schedule for a programme year, on hand-worked cases.

Bank holidays used: Good Friday 2027-03-26 and Easter Monday 2027-03-29.
"""

from datetime import date, timedelta

import pytest

from dashboard.core.vocabulary import InspectionType, KeyQuestion
from dashboard.core.workdays import is_working_day
from dashboard.coverage.rules import GroupFacts, InspectionStart, ServiceSpan
from dashboard.planning.rules import (
    Capacity,
    Flag,
    Plan,
    PlanGroup,
    PlanInputs,
    PlannedInspection,
    ScheduleRow,
    latest_working_day_on_or_before,
    propose_schedule,
)
from dashboard.planning.rules.suggestion import Suggestion

D = date.fromisoformat
AMIRA, TOM = "Amira Shah", "Tom Okafor"
ASSURANCE = Suggestion(
    InspectionType.ASSURANCE, (KeyQuestion.SAFE, KeyQuestion.WELL_LED), "Assurance: nothing open."
)
MOU_END = D("2027-03-31")


def group(
    code: str, opened_on: str, inspector: str | None = AMIRA, closed_on: str | None = None
) -> PlanGroup:
    span = ServiceSpan(D(opened_on), D(closed_on) if closed_on else None)
    return PlanGroup(GroupFacts(code, "P1", (span,)), inspector, ASSURANCE)


def plan(
    groups: list[PlanGroup],
    *,
    as_of: str,
    year: int = 2026,
    starts: tuple[tuple[str, str], ...] = (),
    planned: tuple[PlannedInspection, ...] = (),
    per_month: int = 3,
    by_inspector: tuple[tuple[str, int], ...] = (),
    mou_ends_on: date | None = MOU_END,
) -> Plan:
    done = tuple(InspectionStart(code, D(day), "assurance") for code, day in starts)
    planned_starts = tuple(InspectionStart(p.group_code, p.start_on, "x") for p in planned)
    return propose_schedule(
        PlanInputs(
            year=year,
            as_of=D(as_of),
            groups=tuple(groups),
            starts=done + planned_starts,
            planned=planned,
            mou_ends_on=mou_ends_on,
            capacity=Capacity(per_month, by_inspector),
        )
    )


def brief(rows: tuple[ScheduleRow, ...]) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """Rows as (group, start, due, inspector, flags) to compare with hand-worked lists."""
    return [
        (
            r.group_code,
            r.proposed_start_on.isoformat() if r.proposed_start_on else "",
            r.due_by.isoformat(),
            r.inspector or "",
            tuple(r.flags),
        )
        for r in rows
    ]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2027-03-29", "2027-03-25"),  # Easter Monday: back over Easter weekend and Good Friday
        ("2027-03-27", "2027-03-25"),  # Saturday of Easter weekend
        ("2026-12-28", "2026-12-24"),  # Boxing Day (observed), back over Christmas
        ("2027-03-15", "2027-03-15"),  # a working day is its own answer
    ],
)
def test_latest_working_day_on_or_before(day: str, expected: str) -> None:
    assert latest_working_day_on_or_before(D(day)) == D(expected)


def test_due_date_on_easter_monday_is_planned_on_the_thursday_before() -> None:
    # never inspected: due a year after its service opened, 29 March 2027 (Easter Monday)
    result = plan([group("G1", "2026-03-29")], as_of="2026-11-02")
    assert brief(result.rows) == [("G1", "2027-03-25", "2027-03-29", AMIRA, ())]
    row = result.rows[0]
    assert (row.suggested_type, row.key_questions) == ("assurance", ("safe", "well-led"))
    assert row.is_proposal


def test_more_groups_than_capacity_lists_those_that_do_not_fit() -> None:
    # As of Monday 4 January 2027 the first start allowing 10 working days' notice is 18 January.
    # Five groups are due on Monday 15 March 2027; one inspector can start one a month.
    groups = [group(f"G{n}", "2026-03-15") for n in range(1, 6)]
    result = plan(groups, as_of="2027-01-04", per_month=1)
    assert brief(result.rows) == [
        ("G3", "2027-01-18", "2027-03-15", AMIRA, ()),
        ("G2", "2027-02-15", "2027-03-15", AMIRA, ()),
        ("G1", "2027-03-15", "2027-03-15", AMIRA, ()),
        ("G4", "", "2027-03-15", "", (Flag.NOT_FITTED,)),
        ("G5", "", "2027-03-15", "", (Flag.NOT_FITTED,)),
    ]
    assert [r.group_code for r in result.proposals] == ["G3", "G2", "G1"]


def test_full_allocated_inspector_hands_over_to_the_least_loaded_one() -> None:
    groups = [group(f"G{n}", "2026-03-15") for n in range(1, 6)]
    result = plan(groups, as_of="2027-01-04", per_month=1, by_inspector=((TOM, 1),))
    by_group = {r.group_code: (r.inspector, r.proposed_start_on) for r in result.rows}
    assert by_group["G4"] == (TOM, D("2027-03-15"))
    assert by_group["G5"] == (TOM, D("2027-02-15"))
    assert not result.with_flag(Flag.NOT_FITTED)


def test_same_inspector_same_month_moves_to_a_free_working_day() -> None:
    # As of 26 February 2027 the only month left is March (from 12 March). Both groups are due
    # Tuesday 30 March; the second start steps back over Easter Monday and Good Friday.
    groups = [group("G1", "2026-03-30"), group("G2", "2026-03-30")]
    result = plan(groups, as_of="2027-02-26")
    assert brief(result.rows) == [
        ("G2", "2027-03-25", "2027-03-30", AMIRA, ()),
        ("G1", "2027-03-30", "2027-03-30", AMIRA, ()),
    ]


def test_planned_inspection_is_kept_not_proposed_again_and_uses_capacity() -> None:
    planned = PlannedInspection(
        "INS-9", "G1", D("2027-02-10"), "focused", ("safe",), lead_inspector=AMIRA
    )
    groups = [group("G1", "2026-03-15"), group("G2", "2026-03-15")]
    result = plan(groups, as_of="2027-01-04", planned=(planned,), per_month=1)
    assert brief(result.rows) == [
        ("G1", "2027-02-10", "2027-03-15", AMIRA, (Flag.PLANNED,)),
        ("G2", "2027-03-15", "2027-03-15", AMIRA, ()),
    ]
    kept = result.rows[0]
    assert (kept.inspection_ref, kept.suggested_type, kept.is_proposal) == (
        "INS-9",
        "focused",
        False,
    )


def test_overdue_group_is_proposed_as_soon_as_notice_allows_and_flagged() -> None:
    # last inspected 1 October 2025: due 1 October 2026, a month before the as-of date
    result = plan([group("G1", "2020-01-01")], as_of="2026-11-02", starts=(("G1", "2025-10-01"),))
    assert brief(result.rows) == [("G1", "2026-11-16", "2026-10-01", AMIRA, (Flag.OVERDUE,))]


def test_next_year_rolls_due_dates_forward_and_flags_after_the_mou_term() -> None:
    groups = [
        group("A", "2020-01-01"),  # inspected 10 June 2026: due 10 June 2027
        group("B", "2020-01-01"),  # inspected 20 January 2026: due 20 January 2027, rolled on
        group("C", "2020-01-01"),  # overdue since 1 October 2026: assumed done now, rolled on
    ]
    starts = (("A", "2026-06-10"), ("B", "2026-01-20"), ("C", "2025-10-01"))
    result = plan(groups, as_of="2026-11-02", year=2027, starts=starts)
    assert {r.group_code: r.due_by.isoformat() for r in result.rows} == {
        "A": "2027-06-10",
        "B": "2028-01-20",
        "C": "2027-11-02",
    }
    assert all(r.flags == (Flag.AFTER_MOU_TERM,) for r in result.rows)
    assert all(r.proposed_start_on and r.proposed_start_on <= r.due_by for r in result.rows)


def test_groups_covered_this_year_or_closing_before_their_due_date_need_nothing() -> None:
    groups = [
        group("DONE", "2020-01-01"),  # inspected June 2026, due June 2027: covered
        group("SHUT", "2020-01-01", closed_on="2026-10-01"),  # no longer active
        group("CLOSING", "2020-01-01", closed_on="2027-01-01"),  # closes before 1 March due
    ]
    starts = (("DONE", "2026-06-01"), ("SHUT", "2025-12-01"), ("CLOSING", "2026-03-01"))
    assert plan(groups, as_of="2026-11-02", starts=starts).rows == ()


def test_group_opening_during_the_year_is_inspected_before_the_year_ends() -> None:
    # opens 1 December 2026, so it is required this year although due only in December 2027
    result = plan([group("NEW", "2026-12-01")], as_of="2026-11-02")
    assert brief(result.rows) == [("NEW", "2027-03-01", "2027-12-01", AMIRA, ())]


def test_group_without_allocated_inspector_goes_to_the_least_loaded() -> None:
    groups = [group("G1", "2026-03-15", inspector=AMIRA), group("G2", "2026-03-15", None)]
    result = plan(groups, as_of="2027-01-04", by_inspector=((TOM, 3),))
    assert {r.group_code: r.inspector for r in result.rows} == {"G1": AMIRA, "G2": TOM}


def test_no_mou_term_in_force_flags_every_inspection() -> None:
    result = plan([group("G1", "2026-03-29")], as_of="2026-11-02", mou_ends_on=None)
    assert result.rows[0].flags == (Flag.AFTER_MOU_TERM,)


def test_a_busy_year_respects_capacity_working_days_and_due_dates() -> None:
    # 40 groups opened every 9 days from April 2024, so due every 9 days through 2025/26;
    # two inspectors who can start three a month each
    groups = [
        group(
            f"G{n:02d}",
            (D("2024-04-01") + timedelta(days=9 * n)).isoformat(),
            AMIRA if n % 3 else TOM,
        )
        for n in range(40)
    ]
    result = plan(groups, as_of="2025-03-03", year=2025, mou_ends_on=D("2030-01-01"))
    assert len(result.rows) == 40
    assert not result.with_flag(Flag.NOT_FITTED)
    placed = [r for r in result.rows if r.proposed_start_on]
    for row in placed:
        assert is_working_day(row.proposed_start_on)
        assert row.proposed_start_on <= row.due_by or Flag.OVERDUE in row.flags
    assert all(count <= 3 for _, _, count in result.loads)
    assert sum(count for _, _, count in result.loads) == len(placed)
    starts = [(r.inspector, r.proposed_start_on) for r in placed]
    assert len(starts) == len(set(starts))  # nobody starts two inspections on one day


# Boundaries, each on the day before, the day itself and the day after (docs/mutation.md).


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
