"""A cancelled inspection has no milestones due and is left out of SLA figures, the Overview's
late reports and the planner; a planned one whose date passed is counted on the Overview."""

from datetime import date

from dashboard.core.vocabulary import InspectionStatus
from dashboard.coverage.rules import InspectionStart
from dashboard.inspections.rules import (
    InspectionDates,
    deadline_report,
    has_reported_milestone_to_do,
    may_fall_due_between,
    milestone_schedule,
    sla_performance,
)
from dashboard.overview.rules import overdue_milestone_counts, planned_date_passed
from dashboard.planning.rules import Capacity, Flag, PlanInputs, propose_schedule
from tests.unit.planner_world import AMIRA, MOU_END, group

D = date.fromisoformat
# A one-day inspection on Monday 6 July 2026, nothing sent: as of 2 November 2026 the draft
# (20 working days after 6 July: 3 August) and the final report (50: 14 September) are overdue.
DATES = {"start_on": D("2026-07-06"), "announced_on": D("2026-06-22")}
CARRIED_OUT = InspectionDates(**DATES)
CANCELLED = InspectionDates(**DATES, status=InspectionStatus.CANCELLED)
AS_OF = D("2026-11-02")


def test_a_cancelled_inspection_has_no_milestones() -> None:
    assert [m.milestone for m in milestone_schedule(CARRIED_OUT)][:2] == [
        "announce",
        "additional_information",
    ]
    assert milestone_schedule(CANCELLED) == []
    assert not has_reported_milestone_to_do(CANCELLED)
    assert not may_fall_due_between(CANCELLED, D("2026-04-01"), D("2027-03-31"))


def test_the_deadline_report_lists_no_milestone_of_a_cancelled_inspection() -> None:
    report = deadline_report({"INS-A": CARRIED_OUT, "INS-C": CANCELLED}, AS_OF)
    assert {row[0] for row in report.rows} == {"INS-A"}
    # announce (done 22 June, due 22 June: on time), draft and final (overdue)
    assert [(row[1], row[4]) for row in report.rows] == [
        ("announce", "on_time"),
        ("draft_report", "overdue"),
        ("final_report", "overdue"),
    ]


def test_sla_and_late_reports_leave_out_cancelled_inspections() -> None:
    counted = sum(cell.counted for cell in sla_performance([CARRIED_OUT], AS_OF))
    assert counted == 3
    assert sla_performance([CANCELLED], AS_OF) == []
    assert sum(cell.counted for cell in sla_performance([CARRIED_OUT, CANCELLED], AS_OF)) == 3
    assert overdue_milestone_counts([CARRIED_OUT, CANCELLED], AS_OF) == (1, 2)


def test_the_overview_counts_planned_inspections_whose_date_passed() -> None:
    starts = [
        InspectionStart("G1", D("2026-10-01"), "assurance", InspectionStatus.PLANNED),  # passed
        InspectionStart("G2", D("2026-11-02"), "assurance", InspectionStatus.PLANNED),  # on A
        InspectionStart("G3", D("2026-11-03"), "assurance", InspectionStatus.PLANNED),  # ahead
        InspectionStart("G4", D("2026-10-01"), "assurance", InspectionStatus.CARRIED_OUT),
        InspectionStart("G5", D("2026-10-01"), "assurance", InspectionStatus.CANCELLED),
    ]
    assert planned_date_passed(starts, AS_OF) == 2


def test_the_planner_ignores_a_plan_whose_date_passed() -> None:
    # G1 opened 1 May 2025, due 1 May 2026. A plan for 1 June 2026 never recorded does not
    # count: as of 2 Nov 2026 the group is still owed its inspection and is proposed, late.
    passed = InspectionStart("G1", D("2026-06-01"), "assurance", InspectionStatus.PLANNED)
    done = InspectionStart("G1", D("2026-06-01"), "assurance", InspectionStatus.CARRIED_OUT)
    inputs = PlanInputs(
        year=2026,
        as_of=AS_OF,
        groups=(group("G1", "2025-05-01"),),
        starts=(passed,),
        planned=(),
        mou_ends_on=MOU_END,
        capacity=Capacity(),
    )
    (row,) = propose_schedule(inputs).rows
    assert row.due_by == D("2026-05-01")
    assert Flag.OVERDUE in row.flags and row.inspector == AMIRA
    # carried out on that day instead, the group is covered and due 1 June 2027: nothing to do.
    assert propose_schedule(PlanInputs(**{**inputs.__dict__, "starts": (done,)})).rows == ()
