"""The inspection milestone schedule and milestone states, with dates worked out by hand."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from dashboard.core.workdays import add_working_days
from dashboard.inspections.rules import (
    REPORTED_MILESTONES,
    InspectionDates,
    Milestone,
    MilestoneDue,
    MilestoneState,
    has_reported_milestone_to_do,
    may_fall_due_between,
    milestone_schedule,
    milestone_state,
)

D = date.fromisoformat


def _due(dates: InspectionDates, milestone: Milestone) -> date:
    return next(m.due_on for m in milestone_schedule(dates) if m.milestone == milestone)


def test_full_schedule_over_christmas_and_new_year() -> None:
    dates = InspectionDates(
        start_on=D("2025-12-15"),
        end_on=D("2025-12-17"),
        announced_on=D("2025-12-01"),
        pir_requested_on=D("2025-12-01"),
        pir_returned_on=D("2025-12-09"),
        draft_sent_on=D("2026-01-20"),
    )
    assert milestone_schedule(dates) == [
        MilestoneDue(Milestone.ANNOUNCE, D("2025-12-01"), D("2025-12-01")),
        MilestoneDue(Milestone.PIR, D("2025-12-08"), D("2025-12-09")),
        MilestoneDue(Milestone.ADDITIONAL_INFORMATION, D("2025-12-30"), None),
        MilestoneDue(Milestone.DRAFT_REPORT, D("2026-01-19"), D("2026-01-20")),
        MilestoneDue(Milestone.FACTUAL_ACCURACY, D("2026-02-03"), None),
        MilestoneDue(Milestone.FINAL_REPORT, D("2026-03-02"), None),
    ]


@pytest.mark.parametrize(
    ("dates", "milestone", "expected"),
    [
        # 10 working days before: back across the coronation and May Day
        (InspectionDates(start_on=D("2023-05-10")), Milestone.ANNOUNCE, "2023-04-24"),
        # back across the spring bank holiday
        (InspectionDates(start_on=D("2025-06-09")), Milestone.ANNOUNCE, "2025-05-23"),
        # 5 working days for the PIR, skipping the Platinum Jubilee holidays
        (
            InspectionDates(start_on=D("2022-06-20"), pir_requested_on=D("2022-05-30")),
            Milestone.PIR,
            "2022-06-08",
        ),
        (
            InspectionDates(start_on=D("2025-12-17"), end_on=D("2025-12-19")),
            Milestone.ADDITIONAL_INFORMATION,
            "2026-01-02",
        ),
        # draft: 20 working days, skipping May Day and the coronation
        (
            InspectionDates(start_on=D("2023-04-13"), end_on=D("2023-04-14")),
            Milestone.DRAFT_REPORT,
            "2023-05-16",
        ),
        # factual accuracy: 10 working days from the draft, skipping the Queen's funeral
        (
            InspectionDates(start_on=D("2022-08-01"), draft_sent_on=D("2022-09-12")),
            Milestone.FACTUAL_ACCURACY,
            "2022-09-27",
        ),
    ],
)
def test_milestone_due_in_working_days_from_its_base(
    dates: InspectionDates, milestone: Milestone, expected: str
) -> None:
    assert _due(dates, milestone) == D(expected)


def test_final_report_due_skips_coronation_bank_holiday() -> None:
    # 50 working days from 20 March 2023 skip Easter, May Day, coronation, spring bank holiday.
    dates = InspectionDates(start_on=D("2023-03-20"), end_on=D("2023-03-20"))
    assert _due(dates, Milestone.FINAL_REPORT) == D("2023-06-05")


@pytest.mark.parametrize(
    ("milestone", "expected"),
    [
        (Milestone.ADDITIONAL_INFORMATION, "2023-05-17"),
        (Milestone.DRAFT_REPORT, "2023-06-06"),
    ],
)
def test_empty_end_means_one_day_inspection_ending_on_start(
    milestone: Milestone, expected: str
) -> None:
    assert _due(InspectionDates(start_on=D("2023-05-05")), milestone) == D(expected)


def test_milestone_with_missing_base_date_is_left_out() -> None:
    schedule = milestone_schedule(InspectionDates(start_on=D("2025-06-09")))
    assert [m.milestone for m in schedule] == [
        Milestone.ANNOUNCE,
        Milestone.ADDITIONAL_INFORMATION,
        Milestone.DRAFT_REPORT,
        Milestone.FINAL_REPORT,
    ]


def test_additional_information_is_never_done() -> None:
    dates = InspectionDates(start_on=D("2025-06-09"), final_sent_on=D("2025-07-01"))
    info = next(
        m for m in milestone_schedule(dates) if m.milestone == Milestone.ADDITIONAL_INFORMATION
    )
    assert info.done_on is None


def test_reported_milestones_leave_out_additional_information_in_report_order() -> None:
    assert [str(m) for m in REPORTED_MILESTONES] == [
        "announce",
        "pir",
        "draft_report",
        "factual_accuracy",
        "final_report",
    ]


DUE = "2025-06-10"


@pytest.mark.parametrize(
    ("done_on", "as_of", "expected"),
    [
        ("2025-06-09", "2025-07-01", MilestoneState.ON_TIME),  # done before due
        ("2025-06-10", "2025-07-01", MilestoneState.ON_TIME),  # done exactly on the due date
        ("2025-06-10", "2025-06-10", MilestoneState.ON_TIME),  # done on due, as of that day
        ("2025-06-11", "2025-07-01", MilestoneState.LATE),  # done one day after due
        (None, "2025-06-09", MilestoneState.PENDING),
        (None, "2025-06-10", MilestoneState.PENDING),  # on the due date itself
        (None, "2025-06-11", MilestoneState.OVERDUE),  # one day after due
        ("2025-06-09", "2025-06-08", MilestoneState.PENDING),  # done after as_of: not done yet
        ("2025-06-12", "2025-06-11", MilestoneState.OVERDUE),  # done after as_of: not done yet
    ],
)
def test_milestone_state_as_of_a_date(
    done_on: str | None, as_of: str, expected: MilestoneState
) -> None:
    done = D(done_on) if done_on else None
    assert milestone_state(D(DUE), done, D(as_of)) == expected


def test_the_calendar_bounds_behind_may_fall_due_between_hold_for_every_day() -> None:
    # 50 working days after a base date are never more than 80 days on, nor 10 before more
    # than 20 days back, over Christmas closures and every bank holiday of ten years
    day = D("2020-01-01")
    while day <= D("2031-12-31"):
        assert add_working_days(day, 50) - day <= timedelta(days=80)
        assert day - add_working_days(day, -10) <= timedelta(days=20)
        day += timedelta(days=1)


YEAR_2025 = (D("2025-04-01"), D("2026-03-31"))


def test_an_inspection_whose_final_report_falls_due_in_april_may_fall_due_in_the_year() -> None:
    # ended Thu 6 Feb 2025: the final report is due 50 working days (ten weeks, no bank holiday
    # between) on, Thu 17 Apr 2025, inside programme year 2025/26
    ended_in_february = InspectionDates(D("2025-02-04"), D("2025-02-06"))
    assert _due(ended_in_february, Milestone.FINAL_REPORT) == D("2025-04-17")
    assert may_fall_due_between(ended_in_february, *YEAR_2025)


@pytest.mark.parametrize(
    "dates",
    [
        InspectionDates(D("2024-11-04"), D("2024-11-06")),  # final report due Mon 20 Jan 2025
        InspectionDates(D("2026-05-11"), D("2026-05-13")),  # announced by Fri 24 Apr 2026
    ],
)
def test_inspections_well_before_or_after_the_year_cannot_fall_due_in_it(
    dates: InspectionDates,
) -> None:
    assert not may_fall_due_between(dates, *YEAR_2025)
    assert not any(YEAR_2025[0] <= m.due_on <= YEAR_2025[1] for m in milestone_schedule(dates))


def test_may_fall_due_between_never_misses_a_milestone_due_in_the_year() -> None:
    # every inspection starting on any day of three years, with a draft sent 30 days after
    day = D("2024-01-01")
    while day <= D("2026-12-31"):
        dates = InspectionDates(
            day,
            day + timedelta(days=2),
            pir_requested_on=day - timedelta(days=14),
            draft_sent_on=day + timedelta(days=30),
        )
        due_in_year = any(
            YEAR_2025[0] <= m.due_on <= YEAR_2025[1] for m in milestone_schedule(dates)
        )
        if due_in_year:
            assert may_fall_due_between(dates, *YEAR_2025), day
        day += timedelta(days=1)


DONE = InspectionDates(
    D("2025-03-03"),
    D("2025-03-05"),
    announced_on=D("2025-02-14"),
    draft_sent_on=D("2025-03-28"),
    fa_returned_on=D("2025-04-09"),
    final_sent_on=D("2025-05-09"),
)


@pytest.mark.parametrize(
    ("dates", "to_do"),
    [
        (DONE, False),  # no PIR requested; additional information is never "done" and not reported
        (replace(DONE, final_sent_on=None), True),
        (replace(DONE, pir_requested_on=D("2025-02-17")), True),  # requested, not returned
        (replace(DONE, pir_requested_on=D("2025-02-17"), pir_returned_on=D("2025-02-21")), False),
        (replace(DONE, draft_sent_on=None, fa_returned_on=None), True),  # no draft: no FA due yet
    ],
)
def test_an_inspection_has_a_reported_milestone_to_do_until_each_is_done(dates, to_do):
    assert has_reported_milestone_to_do(dates) is to_do
    undone = [
        m
        for m in milestone_schedule(dates)
        if m.milestone in REPORTED_MILESTONES and m.done_on is None
    ]
    assert bool(undone) is to_do
