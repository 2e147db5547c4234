"""Reads behind coverage, the type suggestion and the planner: plain domain data out."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from dashboard.core.key_questions import key_questions_in_scope, parse_key_questions
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, InspectionType
from dashboard.coverage.rules import GroupFacts, InspectionStart, ServiceSpan
from dashboard.inspections.deadlines import InspectionDates
from dashboard.inspections.queries import inspection_dates
from dashboard.planning.rules import PlannedInspection
from dashboard.planning.suggestion import (
    GroupHistory,
    PastInspection,
    ServiceOpening,
    Suggestion,
    suggest_next_inspection,
)
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import Escalation, Recommendation


@dataclass(frozen=True)
class ServiceProfile:
    """One service as the coverage page lists it."""

    code: str
    name: str
    service_type: str
    region: str | None
    opened_on: date
    closed_on: date | None
    bed_spaces: int | None
    accommodates_children: bool | None


@dataclass(frozen=True)
class GroupProfile:
    """A group with its provider, the provider's allocated inspector and its services."""

    code: str
    name: str
    provider_code: str
    provider_name: str
    allocated_inspector: str | None
    services: tuple[ServiceProfile, ...]


@dataclass(frozen=True)
class InspectionRecord:
    """One inspection of a group with its judgement per key question in scope."""

    ref: str
    start_on: date
    end_on: date | None
    inspection_type: str
    mode: str | None
    trigger: str | None
    lead_inspector: str | None
    key_questions: tuple[str, ...]
    judgements: dict[str, str]


@dataclass(frozen=True)
class OpenRecommendation:
    """A recommendation not yet closed or superseded, from one of the group's inspections."""

    ref: str
    inspection_ref: str
    key_question: str | None
    kloe: str | None
    theme: str | None
    risk: str
    text: str
    owner: str | None
    due_on: date | None
    status: str


@dataclass(frozen=True)
class ProgrammeFacts:
    """Groups, inspection starts and milestone dates: what coverage and deadline figures need."""

    groups: list[GroupFacts]
    starts: list[InspectionStart]
    dates: dict[str, InspectionDates]


def group_facts(session: Session) -> list[GroupFacts]:
    """Every inspection group with its provider and the open/close dates of its services."""
    statement = (
        select(InspectionGroup.code, Provider.code, Service.opened_on, Service.closed_on)
        .join(Provider, col(InspectionGroup.provider_id) == Provider.id)
        .outerjoin(Service, col(Service.group_id) == InspectionGroup.id)
        .order_by(col(InspectionGroup.code))
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
        InspectionGroup, col(Inspection.group_id) == InspectionGroup.id
    )
    return [InspectionStart(code, start, kind) for code, start, kind in session.exec(statement)]


def programme_facts(session: Session) -> ProgrammeFacts:
    """Read once the rows that several figures of a page or pack are worked out from."""
    return ProgrammeFacts(
        group_facts(session), inspection_starts(session), inspection_dates(session)
    )


def _open_statuses() -> list[str]:
    return sorted(OPEN_RECOMMENDATION_STATUSES)


def group_profiles(session: Session) -> dict[str, GroupProfile]:
    """Every group with its provider and services, by group code."""
    groups = session.exec(
        select(InspectionGroup, Provider)
        .join(Provider, col(InspectionGroup.provider_id) == Provider.id)
        .order_by(InspectionGroup.code)
    ).all()
    services: dict[int, list[ServiceProfile]] = defaultdict(list)
    for service in session.exec(select(Service).order_by(Service.code)):
        services[service.group_id].append(
            ServiceProfile(
                service.code,
                service.name,
                service.service_type,
                service.region,
                service.opened_on,
                service.closed_on,
                service.bed_spaces,
                service.accommodates_children,
            )
        )
    return {
        group.code: GroupProfile(
            group.code,
            group.name,
            provider.code,
            provider.name,
            provider.allocated_inspector,
            tuple(services.get(group.id or 0, [])),
        )
        for group, provider in groups
    }


def group_histories(
    session: Session, as_of: date, group_code: str | None = None
) -> dict[str, GroupHistory]:
    """What the suggestion needs for every group (or one), as of a date."""
    wanted = [] if group_code is None else [InspectionGroup.code == group_code]
    codes = list(session.exec(select(InspectionGroup.code).where(*wanted)))
    services: dict[str, list[ServiceOpening]] = defaultdict(list)
    for code, service, opened, closed in session.exec(
        select(InspectionGroup.code, Service.code, Service.opened_on, Service.closed_on)
        .join(InspectionGroup, col(Service.group_id) == InspectionGroup.id)
        .where(*wanted)
    ):
        services[code].append(ServiceOpening(service, opened, closed))
    inspections: dict[str, list[PastInspection]] = defaultdict(list)
    for code, ref, start, trigger in session.exec(
        select(InspectionGroup.code, Inspection.ref, Inspection.start_on, Inspection.trigger)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(*wanted)
    ):
        inspections[code].append(PastInspection(ref, start, trigger))
    recommendations = _open_recommendation_key_questions(session, as_of, wanted)
    escalations = _unresolved_escalations(session, as_of, wanted)
    return {
        code: GroupHistory(
            code,
            as_of,
            tuple(services[code]),
            tuple(inspections[code]),
            tuple(recommendations[code]),
            tuple(escalations[code]),
        )
        for code in codes
    }


def _open_recommendation_key_questions(
    session: Session, as_of: date, wanted: list[Any]
) -> dict[str, list[str | None]]:
    """Each group's open recommendations (from inspections started by as_of), as key questions."""
    found: dict[str, list[str | None]] = defaultdict(list)
    for code, key_question in session.exec(
        select(InspectionGroup.code, Recommendation.key_question)
        .join(Inspection, col(Recommendation.inspection_id) == Inspection.id)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(col(Recommendation.status).in_(_open_statuses()), Inspection.start_on <= as_of)
        .where(*wanted)
        .order_by(Recommendation.ref)
    ):
        found[code].append(key_question)
    return found


def _unresolved_escalations(
    session: Session, as_of: date, wanted: list[Any]
) -> dict[str, list[str]]:
    """Each group's escalations raised by as_of and not resolved by then, by ref."""
    found: dict[str, list[str]] = defaultdict(list)
    unresolved = col(Escalation.resolved_on).is_(None) | (col(Escalation.resolved_on) > as_of)
    for code, ref in session.exec(
        select(InspectionGroup.code, Escalation.ref)
        .join(Inspection, col(Escalation.inspection_id) == Inspection.id)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(Escalation.raised_on <= as_of, unresolved)
        .where(*wanted)
        .order_by(Escalation.ref)
    ):
        found[code].append(ref)
    return found


def suggestion_for_group(
    session: Session, group_code: str, as_of: date, *, home_office_request: bool = False
) -> Suggestion:
    """The suggested type of the group's next inspection as of a date (LookupError if unknown)."""
    history = group_histories(session, as_of, group_code).get(group_code)
    if history is None:
        raise LookupError(f"inspection group {group_code!r} does not exist")
    if home_office_request:
        history = replace(history, home_office_request=True)
    return suggest_next_inspection(history)


def _scope(inspection_type: str, key_questions: str | None) -> tuple[str, ...]:
    """The key questions in scope as stored; empty when the stored list is itself invalid."""
    try:
        return tuple(
            key_questions_in_scope(
                InspectionType(inspection_type), parse_key_questions(key_questions or "")
            )
        )
    except ValueError:
        return ()


def planned_inspections(session: Session, after: date) -> list[PlannedInspection]:
    """Inspections starting after a date, earliest first."""
    return _inspections_where(session, Inspection.start_on > after)


def inspections_starting(session: Session, first: date, last: date) -> list[PlannedInspection]:
    """Inspections starting from first to last inclusive, earliest first."""
    return _inspections_where(session, col(Inspection.start_on).between(first, last))


def _inspections_where(session: Session, condition: Any) -> list[PlannedInspection]:
    statement = (
        select(Inspection, InspectionGroup.code)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(condition)
        .order_by(Inspection.start_on, Inspection.ref)
    )
    return [
        PlannedInspection(
            inspection.ref,
            code,
            inspection.start_on,
            inspection.inspection_type,
            _scope(inspection.inspection_type, inspection.key_questions),
            inspection.lead_inspector,
        )
        for inspection, code in session.exec(statement)
    ]


def inspection_history(session: Session, group_code: str) -> list[InspectionRecord]:
    """Every inspection of a group, latest first, with its judgements."""
    rows = session.exec(
        select(Inspection)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(InspectionGroup.code == group_code)
        .order_by(col(Inspection.start_on).desc(), Inspection.ref)
    ).all()
    judged: dict[int, dict[str, str]] = defaultdict(dict)
    ids = [row.id for row in rows]
    for record in session.exec(
        select(JudgementRecord).where(col(JudgementRecord.inspection_id).in_(ids))
    ):
        judged[record.inspection_id][record.key_question] = record.judgement
    return [
        InspectionRecord(
            row.ref,
            row.start_on,
            row.end_on,
            row.inspection_type,
            row.mode,
            row.trigger,
            row.lead_inspector,
            _scope(row.inspection_type, row.key_questions),
            judged.get(row.id or 0, {}),
        )
        for row in rows
    ]


def open_recommendations(session: Session, group_code: str) -> list[OpenRecommendation]:
    """The group's open recommendations, earliest due first."""
    statement = (
        select(Recommendation, Inspection.ref)
        .join(Inspection, col(Recommendation.inspection_id) == Inspection.id)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(InspectionGroup.code == group_code)
        .where(col(Recommendation.status).in_(_open_statuses()))
        .order_by(col(Recommendation.due_on).is_(None), Recommendation.due_on, Recommendation.ref)
    )
    return [
        OpenRecommendation(
            rec.ref,
            inspection_ref,
            rec.key_question,
            rec.kloe,
            rec.theme,
            rec.risk,
            rec.text,
            rec.owner,
            rec.due_on,
            rec.status,
        )
        for rec, inspection_ref in session.exec(statement)
    ]
