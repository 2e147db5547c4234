"""The inspection milestone schedule, so late and overdue steps show up against their due dates."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dashboard.core.report import Cell, Report
from dashboard.core.workdays import add_working_days


class Milestone(StrEnum):
    ANNOUNCE = "announce"
    PIR = "pir"
    ADDITIONAL_INFORMATION = "additional_information"
    DRAFT_REPORT = "draft_report"
    FACTUAL_ACCURACY = "factual_accuracy"
    FINAL_REPORT = "final_report"


class MilestoneState(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"
    OVERDUE = "overdue"


REPORTED_MILESTONES: tuple[Milestone, ...] = (
    Milestone.ANNOUNCE,
    Milestone.PIR,
    Milestone.DRAFT_REPORT,
    Milestone.FACTUAL_ACCURACY,
    Milestone.FINAL_REPORT,
)


@dataclass(frozen=True)
class InspectionDates:
    """The dates of one inspection that its milestones are due from and done on."""

    start_on: date
    end_on: date | None = None
    announced_on: date | None = None
    pir_requested_on: date | None = None
    pir_returned_on: date | None = None
    draft_sent_on: date | None = None
    fa_returned_on: date | None = None
    final_sent_on: date | None = None


@dataclass(frozen=True)
class MilestoneDue:
    """One milestone's due date and the date it was done (None while not done)."""

    milestone: Milestone
    due_on: date
    done_on: date | None


def _plan(dates: InspectionDates) -> tuple[tuple[Milestone, date | None, int, date | None], ...]:
    """(milestone, base date, working days from base, done on), in programme order."""
    end_on = dates.end_on or dates.start_on
    return (
        (Milestone.ANNOUNCE, dates.start_on, -10, dates.announced_on),
        (Milestone.PIR, dates.pir_requested_on, 5, dates.pir_returned_on),
        (Milestone.ADDITIONAL_INFORMATION, end_on, 7, None),
        (Milestone.DRAFT_REPORT, end_on, 20, dates.draft_sent_on),
        (Milestone.FACTUAL_ACCURACY, dates.draft_sent_on, 10, dates.fa_returned_on),
        (Milestone.FINAL_REPORT, end_on, 50, dates.final_sent_on),
    )


def milestone_schedule(dates: InspectionDates) -> list[MilestoneDue]:
    """Every milestone whose base date is known, in programme order, with due and done dates."""
    return [
        MilestoneDue(milestone, add_working_days(base, offset), done_on)
        for milestone, base, offset, done_on in _plan(dates)
        if base is not None
    ]


def has_reported_milestone_to_do(dates: InspectionDates) -> bool:
    """Whether a reported milestone is not done yet (only such a one can be overdue), judged
    without working out due dates: most of a long programme's inspections are finished."""
    return any(
        done is None
        for milestone, base, _, done in _plan(dates)
        if base is not None and milestone in REPORTED_MILESTONES
    )


# No milestone falls due more than 10 working days before or 50 after its base date, and
# 50 working days never span more than 80 calendar days (ten weeks plus the Christmas closure).
_DAYS_BEFORE_BASE, _DAYS_AFTER_BASE = timedelta(days=20), timedelta(days=80)


def may_fall_due_between(dates: InspectionDates, first: date, last: date) -> bool:
    """Whether any milestone of the inspection can fall due from first to last, judged from its
    base dates alone (cheap enough to skip most of a long programme before scheduling it)."""
    return any(
        first - _DAYS_AFTER_BASE <= base <= last + _DAYS_BEFORE_BASE
        for _, base, _, _ in _plan(dates)
        if base is not None
    )


def milestone_state(due_on: date, done_on: date | None, as_of: date) -> MilestoneState:
    """On time or late once done; pending or overdue (after the due date) while not done."""
    # Done after as_of is not done yet as of that date, as a scheduled inspection is not done.
    if done_on is not None and done_on <= as_of:
        return MilestoneState.ON_TIME if done_on <= due_on else MilestoneState.LATE
    return MilestoneState.PENDING if as_of <= due_on else MilestoneState.OVERDUE


DEADLINE_COLUMNS = ("inspection_ref", "milestone", "due_on", "done_on", "state")


def deadline_report(inspections: Mapping[str, InspectionDates], as_of: date) -> Report:
    """One row per reported milestone that has a due date, inspection by inspection."""
    rows: list[tuple[Cell, ...]] = []
    for ref, dates in inspections.items():
        for item in milestone_schedule(dates):
            if item.milestone in REPORTED_MILESTONES:
                state = milestone_state(item.due_on, item.done_on, as_of)
                rows.append((ref, item.milestone, item.due_on, item.done_on, state))
    return Report(DEADLINE_COLUMNS, rows)
