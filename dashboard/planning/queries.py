"""Reads behind the next-inspection suggestion: each group's history as of a date."""

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from sqlmodel import Session, and_, col, or_, select

from dashboard.concerns import queries as concern_queries
from dashboard.concerns.rules import ConcernFilter, open_on
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, InspectionStatus, Risk
from dashboard.planning.rules.suggestion import (
    GroupConcern,
    GroupHistory,
    PastInspection,
    ServiceOpening,
    Suggestion,
    focus_on_concerns,
    suggest_next_inspection,
)
from models.inspections import Inspection
from models.programme import InspectionGroup, Service
from models.recommendations import Escalation, Recommendation


def _open_statuses() -> list[str]:
    return sorted(OPEN_RECOMMENDATION_STATUSES)


def _done_or_ahead(as_of: date) -> Any:
    """Carried out, or planned after the as-of date: never cancelled, nor a plan whose date
    passed without being recorded (it was not an inspection, as far as anyone knows)."""
    carried_out = col(Inspection.status) == InspectionStatus.CARRIED_OUT
    planned_ahead = and_(
        col(Inspection.status) == InspectionStatus.PLANNED, col(Inspection.start_on) > as_of
    )
    return or_(carried_out, planned_ahead)


def group_histories(
    session: Session, as_of: date, group_code: str | None = None
) -> dict[str, GroupHistory]:
    """What the suggestion needs for every group (or one), as of a date."""
    wanted = [] if group_code is None else [InspectionGroup.code == group_code]
    codes = list(session.exec(select(InspectionGroup.code).where(*wanted)))
    services: dict[str, list[ServiceOpening]] = defaultdict(list)
    for code, service, opened, closed in session.exec(
        select(
            col(InspectionGroup.code),
            col(Service.code),
            col(Service.opened_on),
            col(Service.closed_on),
        )
        .join(InspectionGroup, col(Service.group_id) == InspectionGroup.id)
        .where(*wanted)
    ):
        services[code].append(ServiceOpening(service, opened, closed))
    inspections: dict[str, list[PastInspection]] = defaultdict(list)
    for code, ref, start, trigger in session.exec(
        select(
            col(InspectionGroup.code),
            col(Inspection.ref),
            col(Inspection.start_on),
            col(Inspection.trigger),
        )
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(*wanted, _done_or_ahead(as_of))
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


def open_group_concerns(
    session: Session, as_of: date, group_code: str | None = None
) -> dict[str, tuple[GroupConcern, ...]]:
    """The concerns open on the date that name a group (or this one), by group code (every
    concern: the plan is staff work); those naming only a provider do not change a group's."""
    found: dict[str, list[GroupConcern]] = defaultdict(list)
    chosen = ConcernFilter(open_on=as_of, groups=(group_code,) if group_code else ())
    for concern in open_on(concern_queries.concern_rows(session, STAFF_VIEWER, chosen), as_of):
        if concern.group_code:
            high = concern.risk == Risk.HIGH
            found[concern.group_code].append(GroupConcern(concern.ref, concern.key_questions, high))
    return {code: tuple(concerns) for code, concerns in found.items()}


def suggestion_for_group(
    session: Session, group_code: str, as_of: date, *, home_office_request: bool = False
) -> Suggestion:
    """The suggested type of the group's next inspection as of a date, its open concerns
    included as the planner includes them (LookupError if the group is unknown)."""
    history = group_histories(session, as_of, group_code).get(group_code)
    if history is None:
        raise LookupError(f"inspection group {group_code!r} does not exist")
    if home_office_request:
        history = replace(history, home_office_request=True)
    concerns = open_group_concerns(session, as_of, group_code).get(group_code, ())
    return focus_on_concerns(suggest_next_inspection(history), concerns)
