"""The programme at a glance: the figures behind the Overview page, as of a date."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard import queries
from dashboard.coverage.rules import (
    CoverageStatus,
    GroupCoverage,
    GroupFacts,
    InspectionStart,
    coverage_as_of,
    coverage_percent,
    programme_year_bounds,
    programme_year_coverage,
    programme_year_of,
)
from dashboard.escalations.queries import open_escalation_count
from dashboard.inspections.rules import (
    REPORTED_MILESTONES,
    InspectionDates,
    MilestoneState,
    has_reported_milestone_to_do,
    milestone_schedule,
    milestone_state,
)
from models.governance import MouTerm


@dataclass(frozen=True)
class TermRemaining:
    """The MoU term in force on a date and the days left in it."""

    ref: str
    ends_on: date
    days_left: int


@dataclass(frozen=True)
class ProgrammeYearPercent:
    """Coverage of one programme year: groups required, covered, and the percentage."""

    year: int
    required: int
    covered: int
    percent: float | None


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


def term_remaining(terms: Sequence[MouTerm], as_of: date) -> TermRemaining | None:
    """The MoU term covering the date, with days left counting the end date; None if none."""
    for term in terms:
        if term.starts_on <= as_of <= term.ends_on:
            return TermRemaining(term.ref, term.ends_on, (term.ends_on - as_of).days)
    return None


def programme_year_percents(
    groups: Sequence[GroupFacts], starts: Sequence[InspectionStart], as_of: date
) -> list[ProgrammeYearPercent]:
    """Coverage of each programme year from the first with an inspection to the current one."""
    current = programme_year_of(as_of)
    first = min((programme_year_of(s.start_on) for s in starts), default=current)
    result = []
    for year in range(min(first, current), current + 1):
        year_first, year_last = programme_year_bounds(year)
        in_year = [s for s in starts if year_first <= s.start_on <= year_last]  # all it looks at
        rows = programme_year_coverage(groups, in_year, year, as_of)
        covered = sum(row.covered for row in rows)
        result.append(ProgrammeYearPercent(year, len(rows), covered, coverage_percent(rows)))
    return result


def overview_figures(
    session: Session, as_of: date, facts: queries.ProgrammeFacts | None = None
) -> OverviewFigures:
    """Gather the Overview's figures from the database as of a date (`facts` if already read)."""
    facts = facts or queries.programme_facts(session)
    groups, starts = facts.groups, facts.starts
    coverage = coverage_as_of(groups, starts, as_of)
    hit, overdue = overdue_milestone_counts(facts.dates.values(), as_of)
    open_recs, overdue_recs = queries.recommendation_counts(session, as_of)
    open_actions, overdue_actions = queries.action_counts(session, as_of)
    open_escalations, flagged_escalations = open_escalation_count(session, as_of)
    return OverviewFigures(
        as_of=as_of,
        coverage_by_status=coverage_by_status(coverage),
        programme_years=programme_year_percents(groups, starts, as_of),
        inspections_with_overdue_milestones=hit,
        overdue_milestones=overdue,
        open_recommendations=open_recs,
        overdue_recommendations=overdue_recs,
        open_actions=open_actions,
        overdue_actions=overdue_actions,
        open_escalations=open_escalations,
        flagged_escalations=flagged_escalations,
        mou_term=term_remaining(queries.mou_terms(session), as_of),
    )
