"""The Overview's figures read from the database as of a date."""

from datetime import date

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, OPEN_RECOMMENDATION_STATUSES
from dashboard.coverage import queries as coverage_queries
from dashboard.coverage.rules import coverage_as_of, programme_year_percents
from dashboard.escalations import queries as escalation_queries
from dashboard.governance import queries as governance_queries
from dashboard.inspections.queries import report_sent_to
from dashboard.inspections.rules import reports_overdue
from dashboard.overview.rules import (
    OverviewFigures,
    coverage_by_status,
    overdue_milestone_counts,
    planned_date_passed,
    term_remaining,
)
from models.governance import Action, Meeting
from models.inspections import Inspection
from models.recommendations import Recommendation


def _open_and_overdue(
    session: Session,
    table: type[Action] | type[Recommendation],
    open_statuses: frozenset[str],
    as_of: date,
    viewer: Viewer | None = None,
) -> tuple[int, int]:
    """How many of the table's rows are open, and how many of those were due before the date
    (recommendations only of inspections whose findings the viewer may see, actions only of
    meetings the viewer attends; a recommendation's effective date: none before its final
    report is sent)."""
    due_on = table.falls_due_on if table is Recommendation else table.due_on
    overdue = func.sum(case((col(due_on) < as_of, 1), else_=0))
    statement = (
        select(func.count(), overdue).select_from(table).where(col(table.status).in_(open_statuses))
    )
    if viewer is not None and not viewer.sees_every_report and table is Recommendation:
        statement = statement.join(
            Inspection, col(Recommendation.inspection_id) == col(Inspection.id)
        ).where(report_sent_to(viewer))
    kinds = viewer.meeting_kinds if viewer is not None else None
    if kinds is not None and table is Action:
        statement = statement.join(Meeting, col(Action.meeting_id) == col(Meeting.id)).where(
            col(Meeting.kind).in_(kinds)
        )
    total, late = session.exec(statement).one()
    return int(total), int(late or 0)


def overview_figures(
    session: Session,
    as_of: date,
    facts: coverage_queries.ProgrammeFacts | None = None,
    *,
    viewer: Viewer,
) -> OverviewFigures:
    """Gather the Overview's figures from the database as of a date (`facts` if already read);
    recommendations counted only as far as the viewer may see them."""
    facts = facts or coverage_queries.programme_facts(session)
    groups, starts = facts.groups, facts.starts
    coverage = coverage_as_of(groups, starts, as_of)
    hit, overdue = overdue_milestone_counts(facts.dates.values(), as_of)
    open_recs, overdue_recs = _open_and_overdue(
        session, Recommendation, OPEN_RECOMMENDATION_STATUSES, as_of, viewer
    )
    open_actions, overdue_actions = _open_and_overdue(
        session, Action, OPEN_ACTION_STATUSES, as_of, viewer
    )
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
        planned_date_passed=planned_date_passed(starts, as_of),
        reports_overdue=reports_overdue(facts.dates.values(), as_of, viewer),
    )
