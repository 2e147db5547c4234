"""Every read the dashboard makes of the database, returning plain domain data."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case
from sqlmodel import Session, func, select

from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, OPEN_RECOMMENDATION_STATUSES
from dashboard.coverage.rules import GroupFacts, InspectionStart, ServiceSpan
from dashboard.inspections.rules import InspectionDates
from models.governance import Action, MouTerm
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import Recommendation


def group_facts(session: Session) -> list[GroupFacts]:
    """Every inspection group with its provider and the open/close dates of its services."""
    statement = (
        select(InspectionGroup.code, Provider.code, Service.opened_on, Service.closed_on)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
        .outerjoin(Service, Service.group_id == InspectionGroup.id)
        .order_by(InspectionGroup.code)
    )
    spans: dict[str, list[ServiceSpan]] = {}
    providers: dict[str, str] = {}
    for group_code, provider_code, opened_on, closed_on in session.exec(statement):
        providers[group_code] = provider_code
        group_spans = spans.setdefault(group_code, [])
        if opened_on is not None:
            group_spans.append(ServiceSpan(opened_on, closed_on))
    return [GroupFacts(code, providers[code], tuple(spans[code])) for code in providers]


def inspection_starts(session: Session) -> list[InspectionStart]:
    """When each inspection starts, by group, with its type."""
    statement = select(InspectionGroup.code, Inspection.start_on, Inspection.inspection_type).join(
        InspectionGroup, Inspection.group_id == InspectionGroup.id
    )
    return [InspectionStart(code, start, kind) for code, start, kind in session.exec(statement)]


def inspection_dates(session: Session) -> dict[str, InspectionDates]:
    """The milestone dates of every inspection, by ref."""
    statement = select(
        Inspection.ref,
        Inspection.start_on,
        Inspection.end_on,
        Inspection.announced_on,
        Inspection.pir_requested_on,
        Inspection.pir_returned_on,
        Inspection.draft_sent_on,
        Inspection.fa_returned_on,
        Inspection.final_sent_on,
    ).order_by(Inspection.start_on, Inspection.ref)
    return {ref: InspectionDates(*dates) for ref, *dates in session.exec(statement)}


@dataclass(frozen=True)
class ProgrammeFacts:
    """Groups, inspection starts and milestone dates: what coverage and deadline figures need."""

    groups: list[GroupFacts]
    starts: list[InspectionStart]
    dates: dict[str, InspectionDates]


def programme_facts(session: Session) -> ProgrammeFacts:
    """Read once the rows that several figures of a page or pack are worked out from."""
    return ProgrammeFacts(
        group_facts(session), inspection_starts(session), inspection_dates(session)
    )


def recommendation_counts(session: Session, as_of: date) -> tuple[int, int]:
    """Open recommendations (neither closed nor superseded) and how many are past due."""
    is_open = Recommendation.status.in_(OPEN_RECOMMENDATION_STATUSES)  # type: ignore[attr-defined]
    return _open_and_overdue(session, Recommendation, is_open, Recommendation.due_on, as_of)


def action_counts(session: Session, as_of: date) -> tuple[int, int]:
    """Open governance actions (open or in progress) and how many are past due."""
    is_open = Action.status.in_(OPEN_ACTION_STATUSES)  # type: ignore[attr-defined]
    return _open_and_overdue(session, Action, is_open, Action.due_on, as_of)


def _open_and_overdue(
    session: Session, table: type, is_open: object, due_on: object, as_of: date
) -> tuple[int, int]:
    overdue = func.sum(case((due_on < as_of, 1), else_=0))  # type: ignore[operator]
    statement = select(func.count(), overdue).select_from(table).where(is_open)
    total, late = session.exec(statement).one()
    return int(total), int(late or 0)


def mou_terms(session: Session) -> list[MouTerm]:
    """Every MoU term, earliest first."""
    return list(session.exec(select(MouTerm).order_by(MouTerm.starts_on)))
