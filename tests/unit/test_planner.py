"""The proposed schedule for a programme year, on hand-worked cases.

Bank holidays used: Good Friday 2027-03-26 and Easter Monday 2027-03-29.
"""

from datetime import timedelta

import pytest

from dashboard.core.workdays import is_working_day
from dashboard.planning.rules import (
    Flag,
    PlannedInspection,
    latest_working_day_on_or_before,
)
from tests.unit.planner_world import AMIRA, TOM, D, brief, group, plan


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
