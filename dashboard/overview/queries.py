"""The Overview's figures read from the database as of a date."""

from datetime import date

from sqlmodel import Session

from dashboard.coverage import queries as coverage_queries
from dashboard.coverage.rules import coverage_as_of, programme_year_percents
from dashboard.escalations import queries as escalation_queries
from dashboard.governance import queries as governance_queries
from dashboard.overview.rules import (
    OverviewFigures,
    coverage_by_status,
    overdue_milestone_counts,
    term_remaining,
)
from dashboard.recommendations import queries as recommendation_queries


def overview_figures(
    session: Session, as_of: date, facts: coverage_queries.ProgrammeFacts | None = None
) -> OverviewFigures:
    """Gather the Overview's figures from the database as of a date (`facts` if already read)."""
    facts = facts or coverage_queries.programme_facts(session)
    groups, starts = facts.groups, facts.starts
    coverage = coverage_as_of(groups, starts, as_of)
    hit, overdue = overdue_milestone_counts(facts.dates.values(), as_of)
    open_recs, overdue_recs = recommendation_queries.recommendation_counts(session, as_of)
    open_actions, overdue_actions = governance_queries.action_counts(session, as_of)
    open_escalations, flagged_escalations = escalation_queries.open_escalation_count(session, as_of)
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
        mou_term=term_remaining(governance_queries.terms(session), as_of),
    )
