"""The milestone schedule of an inspection: when each milestone falls due, whether it is
done, late or overdue, and the reports overdue as a viewer sees them."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import InspectionStatus
from dashboard.core.workdays import add_working_days
from dashboard.coverage.rules import DATE_PASSED, is_date_passed


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

MILESTONE_LABELS = {
    Milestone.ANNOUNCE: "Announce",
    Milestone.PIR: "PIR",
    Milestone.ADDITIONAL_INFORMATION: "Additional information",
    Milestone.DRAFT_REPORT: "Draft report",
    Milestone.FACTUAL_ACCURACY: "Factual accuracy",
    Milestone.FINAL_REPORT: "Final report",
}


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
    status: str = InspectionStatus.CARRIED_OUT
    # A partner reading before the final report was sent to them: the draft and factual-accuracy
    # dates are withheld (None), and so are those two milestones.
    report_withheld: bool = False

    @property
    def cancelled(self) -> bool:
        """A cancelled inspection has no milestones due and is left out of SLA figures."""
        return self.status == InspectionStatus.CANCELLED


def status_words(dates: InspectionDates, cancelled_reason: str | None, as_of: date) -> str:
    """An inspection's status for its detail: with the reason when cancelled, flagged when
    planned and its date has passed."""
    if dates.cancelled:
        return f"Status: cancelled. Reason: {cancelled_reason or 'not given'}"
    if is_date_passed(dates.status, dates.start_on, as_of):
        return f"Status: planned for {dates.start_on}, {DATE_PASSED}."
    return f"Status: {dates.status}."


@dataclass(frozen=True)
class MilestoneDue:
    """One milestone's due date and the date it was done (None while not done)."""

    milestone: Milestone
    due_on: date
    done_on: date | None


def _plan(dates: InspectionDates) -> tuple[tuple[Milestone, date | None, int, date | None], ...]:
    """(milestone, base date, working days from base, done on), in programme order; none for a
    cancelled inspection."""
    if dates.cancelled:
        return ()
    end_on = dates.end_on or dates.start_on
    return (
        (Milestone.ANNOUNCE, dates.start_on, -10, dates.announced_on),
        (Milestone.PIR, dates.pir_requested_on, 5, dates.pir_returned_on),
        (Milestone.ADDITIONAL_INFORMATION, end_on, 7, None),
        (Milestone.DRAFT_REPORT, end_on, 20, dates.draft_sent_on),
        (Milestone.FACTUAL_ACCURACY, dates.draft_sent_on, 10, dates.fa_returned_on),
        (Milestone.FINAL_REPORT, end_on, 50, dates.final_sent_on),
    )


# The milestones a partner does not see until the final report was sent to them.
WITHHELD_MILESTONES = frozenset({Milestone.DRAFT_REPORT, Milestone.FACTUAL_ACCURACY})


def milestone_schedule(dates: InspectionDates) -> list[MilestoneDue]:
    """Every milestone whose base date is known, in programme order, with due and done dates
    (without the draft and factual accuracy while the report is withheld from the reader)."""
    return [
        MilestoneDue(milestone, add_working_days(base, offset), done_on)
        for milestone, base, offset, done_on in _plan(dates)
        if base is not None and not (dates.report_withheld and milestone in WITHHELD_MILESTONES)
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


# "Reports overdue": the one definition both Overview and Inspections count and name.
REPORTS: tuple[Milestone, ...] = (Milestone.DRAFT_REPORT, Milestone.FINAL_REPORT)
REPORTS_OVERDUE = "Reports overdue"
REPORTS_OVERDUE_HELP = (
    "Draft or final reports not sent by their working-day deadline (20 and 50 working days "
    "after the inspection ends); an inspection with both late counts twice."
)


def overdue_reports(dates: InspectionDates, as_of: date) -> list[MilestoneDue]:
    """The inspection's draft and final reports not sent by their due date as of the date."""
    return [
        item
        for item in milestone_schedule(dates)
        if item.milestone in REPORTS
        and milestone_state(item.due_on, item.done_on, as_of) is MilestoneState.OVERDUE
    ]


def as_seen_by(dates: InspectionDates, viewer: Viewer) -> InspectionDates:
    """The dates as the viewer reads them: the draft withheld from a partner until the final
    report was sent to them (as the register shows it)."""
    if viewer.sees_report(dates.final_sent_on) or dates.report_withheld:
        return dates
    return replace(dates, draft_sent_on=None, fa_returned_on=None, report_withheld=True)


def reports_overdue(
    inspections: Iterable[InspectionDates], as_of: date, viewer: Viewer | None = None
) -> int:
    """How many reports are overdue as of the date (see `REPORTS_OVERDUE_HELP`), counted as
    the viewer reads the inspections (all of them for staff)."""
    return sum(
        len(overdue_reports(dates if viewer is None else as_seen_by(dates, viewer), as_of))
        for dates in inspections
        if has_reported_milestone_to_do(dates)
    )
