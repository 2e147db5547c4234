"""The programme at a glance: the Overview's headline figures worked out from plain data."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.coverage.rules import (
    CoverageStatus,
    GroupCoverage,
    InspectionStart,
    ProgrammeYearPercent,
    is_date_passed,
)
from dashboard.governance.rules import Term
from dashboard.inspections.rules import (
    REPORTED_MILESTONES,
    InspectionDates,
    MilestoneState,
    has_reported_milestone_to_do,
    milestone_schedule,
    milestone_state,
)


@dataclass(frozen=True)
class TermRemaining:
    """The MoU term in force on a date and the days left in it."""

    ref: str
    ends_on: date
    days_left: int


@dataclass(frozen=True)
class OverviewFigures:
    """Every headline figure the Overview shows."""

    as_of: date
    coverage_by_status: dict[CoverageStatus, int]
    programme_years: list[ProgrammeYearPercent]
    inspections_with_overdue_milestones: int
    overdue_milestones: int
    open_recommendations: int
    overdue_recommendations: int
    open_actions: int
    overdue_actions: int
    open_escalations: int
    flagged_escalations: int
    mou_term: TermRemaining | None
    # Planned inspections whose start date is on or before the as-of date: record, move, cancel.
    planned_date_passed: int = 0
    # Draft and final reports overdue (`inspections.rules.reports_overdue`), as Inspections counts.
    reports_overdue: int = 0

    @property
    def active_groups(self) -> int:
        return sum(self.coverage_by_status.values())

    @property
    def current_year(self) -> ProgrammeYearPercent | None:
        return self.programme_years[-1] if self.programme_years else None


def coverage_by_status(rows: Iterable[GroupCoverage]) -> dict[CoverageStatus, int]:
    """How many active groups are in date, due soon and overdue (every status present)."""
    counts = Counter(row.status for row in rows)
    return {status: counts.get(status, 0) for status in CoverageStatus}


def planned_date_passed(starts: Iterable[InspectionStart], as_of: date) -> int:
    """How many planned inspections have a start date on or before the as-of date."""
    return sum(is_date_passed(s.status, s.start_on, as_of) for s in starts)


def overdue_milestone_counts(
    inspections: Iterable[InspectionDates], as_of: date
) -> tuple[int, int]:
    """Inspections with at least one overdue reported milestone, and overdue milestones in all."""
    inspections_hit = overdue = 0
    for dates in filter(has_reported_milestone_to_do, inspections):
        states = [
            milestone_state(item.due_on, item.done_on, as_of)
            for item in milestone_schedule(dates)
            if item.milestone in REPORTED_MILESTONES
        ]
        late_here = states.count(MilestoneState.OVERDUE)
        overdue += late_here
        inspections_hit += late_here > 0
    return inspections_hit, overdue


def term_remaining(terms: Sequence[Term], as_of: date) -> TermRemaining | None:
    """The MoU term covering the date, with days left counting the end date; None if none."""
    for term in terms:
        if term.starts_on <= as_of <= term.ends_on:
            return TermRemaining(term.ref, term.ends_on, (term.ends_on - as_of).days)
    return None
