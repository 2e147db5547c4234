"""Reads for governance: meetings, actions with their updates, MoU terms, and dated events."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, and_, case, col, func, or_, select
from sqlmodel.sql.expression import Select

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import CLOSED_RECOMMENDATION_STATUSES, InspectionStatus, Role
from dashboard.coverage import queries as coverage_queries
from dashboard.coverage.rules import coverage_as_of
from dashboard.governance.rules import (
    ActionFacts,
    ChangeLine,
    DatedRef,
    MeetingFacts,
    ProgrammeEvents,
    StatusChange,
    Term,
    changes_since,
    figures_day,
    previous_meeting_held,
)
from dashboard.inspections.queries import (
    report_sent_to,
    through_inspection,
    with_group_and_provider,
)
from models.governance import Action, ActionUpdate, Meeting, MouTerm
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider
from models.recommendations import Escalation, Recommendation


@dataclass(frozen=True)
class UpdateRow:
    """One dated update of an action, as the log shows it."""

    action_ref: str
    on: date
    by: str | None
    note: str | None
    status: str | None


@dataclass(frozen=True)
class InspectionRow:
    """An inspection with its group and provider, for the pack's lists."""

    ref: str
    group_code: str
    provider_code: str
    inspection_type: str
    mode: str | None
    lead_inspector: str | None
    start_on: date
    end_on: date
    status: str = InspectionStatus.CARRIED_OUT


@dataclass(frozen=True)
class OpenRecommendations:
    """How many of one provider's recommendations of one risk are open on a day, and overdue."""

    provider_code: str
    risk: str
    open: int
    overdue: int


@dataclass(frozen=True)
class EscalationRow:
    """An escalation with its inspection and provider."""

    ref: str
    inspection_ref: str
    provider_code: str
    raised_on: date
    escalated_to: str | None
    early_outcome_letter_on: date | None
    resolved_on: date | None


def _seen_by(statement: Any, viewer: Viewer) -> Any:
    """The statement (which reads Meeting) kept to the meetings the viewer sees: a partner's
    only those partners attend, never CQC's internal ones."""
    kinds = viewer.meeting_kinds
    return statement if kinds is None else statement.where(col(Meeting.kind).in_(sorted(kinds)))


def meetings(session: Session, *, viewer: Viewer) -> list[MeetingFacts]:
    """Every meeting the viewer sees, earliest first."""
    statement = select(Meeting).order_by(col(Meeting.held_on), col(Meeting.ref))
    rows = session.exec(_seen_by(statement, viewer))
    return [MeetingFacts(m.ref, m.held_on, m.kind, m.attendees, m.notes, m.version) for m in rows]


def _status_changes(
    session: Session, kind: str | None, viewer: Viewer
) -> dict[int, list[StatusChange]]:
    statement = select(
        col(ActionUpdate.action_id), col(ActionUpdate.on), col(ActionUpdate.status)
    ).where(col(ActionUpdate.status).is_not(None))
    if kind is not None or viewer.meeting_kinds is not None:
        statement = _seen_by(
            statement.join(Action, col(ActionUpdate.action_id) == col(Action.id)).join(
                Meeting, col(Action.meeting_id) == col(Meeting.id)
            ),
            viewer,
        )
    if kind is not None:
        statement = statement.where(Meeting.kind == kind)
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for action_id, on, status in session.exec(statement):
        if status is not None:  # never, by the where clause; narrows the type
            changes[action_id].append(StatusChange(on, status))
    return changes


def action_refs(session: Session, stem: str) -> list[str]:
    """The refs of actions starting with `stem` (a meeting's, e.g. `ACT-2026-12-GOV`)."""
    return list(session.exec(select(Action.ref).where(col(Action.ref).startswith(stem))))


def actions(
    session: Session, kind: str | None = None, *, viewer: Viewer = STAFF_VIEWER
) -> list[ActionFacts]:
    """Every action of a meeting the viewer sees (of one kind of meeting, if given) with its
    meeting and status updates, by meeting date then ref."""
    # Columns, not ORM objects: 20,000 tracked instances took a second at 100×.
    statement: Select[*tuple[Any, ...]] = (
        Select(
            col(Action.id),
            col(Action.ref),
            col(Meeting.ref),
            col(Meeting.held_on),
            col(Meeting.kind),
            col(Action.owner_org),
            col(Action.owner_name),
            col(Action.due_on),
            col(Action.status),
            col(Action.closed_on),
            col(Action.text),
            col(Action.version),
        )
        .join(Meeting, col(Action.meeting_id) == col(Meeting.id))
        .order_by(col(Meeting.held_on), col(Action.ref))
    )
    if kind is not None:
        statement = statement.where(Meeting.kind == kind)
    statement = _seen_by(statement, viewer)
    changes = _status_changes(session, kind, viewer)
    return [
        ActionFacts(
            ref=ref,
            meeting_ref=meeting_ref,
            raised_on=held_on,
            meeting_kind=meeting_kind,
            owner_org=owner_org,
            owner_name=owner_name,
            due_on=due_on,
            status=status,
            closed_on=closed_on,
            text=text,
            updates=tuple(changes.get(action_id, ())),
            version=version,
        )
        for (
            action_id,
            ref,
            meeting_ref,
            held_on,
            meeting_kind,
            owner_org,
            owner_name,
            due_on,
            status,
            closed_on,
            text,
            version,
        ) in session.exec(statement)
    ]


def action_updates(
    session: Session, action_ref: str, *, viewer: Viewer = STAFF_VIEWER
) -> list[UpdateRow]:
    """The dated updates of one action of a meeting the viewer sees, oldest first."""
    statement = (
        select(ActionUpdate)
        .join(Action, col(ActionUpdate.action_id) == col(Action.id))
        .join(Meeting, col(Action.meeting_id) == col(Meeting.id))
        .where(Action.ref == action_ref)
        .order_by(col(ActionUpdate.on), col(ActionUpdate.id))
    )
    rows = session.exec(_seen_by(statement, viewer))
    return [UpdateRow(action_ref, u.on, u.by, u.note, u.status) for u in rows]


def terms(session: Session) -> list[Term]:
    """Every MoU term, earliest first."""
    rows = session.exec(select(MouTerm).order_by(col(MouTerm.starts_on)))
    return [Term(t.ref, t.starts_on, t.ends_on, t.note) for t in rows]


def inspections(
    session: Session, after: date | None = None, until: date | None = None
) -> list[InspectionRow]:
    """Every inspection not cancelled (starting after `after` up to `until`, if given) with its
    group and provider, by start date."""
    # Columns, not ORM objects: building 50,000 tracked instances took seconds at 100×.
    statement: Select[*tuple[Any, ...]] = with_group_and_provider(
        Select(
            col(Inspection.ref),
            col(InspectionGroup.code),
            col(Provider.code),
            col(Inspection.inspection_type),
            col(Inspection.mode),
            col(Inspection.lead_inspector),
            col(Inspection.start_on),
            col(Inspection.end_on),
            col(Inspection.status),
        )
    ).order_by(col(Inspection.start_on), col(Inspection.ref))
    statement = statement.where(Inspection.status != InspectionStatus.CANCELLED)
    if after is not None:
        statement = statement.where(Inspection.start_on > after)
    if until is not None:
        statement = statement.where(Inspection.start_on <= until)
    return [
        InspectionRow(ref, group, provider, kind, mode, lead, start, end or start, status)
        for ref, group, provider, kind, mode, lead, start, end, status in session.exec(statement)
    ]


def open_recommendation_counts(
    session: Session, day: date, *, viewer: Viewer
) -> list[OpenRecommendations]:
    """Recommendations open on the day by provider and risk, counted in SQL (a partner's only
    of inspections whose final report was sent to them).

    Open on a day: made by then (its inspection ended) and not closed by then. One closed or
    superseded with no closing date is not open.
    """
    made_by = func.coalesce(col(Inspection.end_on), col(Inspection.start_on)) <= day
    closed_on = col(Recommendation.closed_on)
    open_then = or_(
        closed_on > day,
        and_(
            closed_on.is_(None), col(Recommendation.status).not_in(CLOSED_RECOMMENDATION_STATUSES)
        ),
    )
    overdue = func.sum(case((col(Recommendation.falls_due_on) < day, 1), else_=0))
    statement = (
        through_inspection(
            select(Provider.code, Recommendation.risk, func.count(), overdue),
            col(Recommendation.inspection_id),
        )
        .where(made_by, open_then, report_sent_to(viewer))
        .group_by(col(Provider.code), col(Recommendation.risk))
    )
    return [
        OpenRecommendations(provider, risk, int(count), int(late or 0))
        for provider, risk, count, late in session.exec(statement)
    ]


def escalations(session: Session) -> list[EscalationRow]:
    """Every escalation with its inspection's provider, by date raised."""
    statement = through_inspection(
        select(Escalation, Inspection.ref, Provider.code), col(Escalation.inspection_id)
    ).order_by(col(Escalation.raised_on), col(Escalation.ref))
    return [
        EscalationRow(
            e.ref,
            ref,
            provider,
            e.raised_on,
            e.escalated_to,
            e.early_outcome_letter_on,
            e.resolved_on,
        )
        for e, ref, provider in session.exec(statement)
    ]


def programme_events(
    session: Session, after: date, until: date, *, viewer: Viewer
) -> ProgrammeEvents:
    """The dated events after `after` up to `until` behind "what changed since the last meeting"
    (recommendations only of inspections whose findings the viewer may see, actions only of
    meetings the viewer sees).

    Read in SQL for the window alone: building one per row of the programme took seconds at 100×.
    """
    last_day = func.coalesce(col(Inspection.end_on), col(Inspection.start_on))
    of_inspection = (Inspection, Recommendation.inspection_id == Inspection.id)
    of_meeting = (Meeting, Action.meeting_id == Meeting.id)

    carried_out = Inspection.status == InspectionStatus.CARRIED_OUT

    def dated(
        ref: Any, on: Any, joined: tuple[Any, Any] | None = None, *where: Any
    ) -> tuple[DatedRef, ...]:
        statement = select(ref, on).where(on > after, on <= until, *where).order_by(on, ref)
        if joined:
            statement = statement.join(*joined)
        if joined is of_inspection:
            statement = statement.where(report_sent_to(viewer))
        if joined is of_meeting:
            statement = _seen_by(statement, viewer)
        return tuple(DatedRef(ref, day) for ref, day in session.exec(statement))

    # Only a carried-out inspection started or finished: not a plan, nor a cancelled one.
    return ProgrammeEvents(
        inspections_started=dated(Inspection.ref, Inspection.start_on, None, carried_out),
        inspections_finished=dated(Inspection.ref, last_day, None, carried_out),
        recommendations_opened=dated(Recommendation.ref, last_day, of_inspection),
        recommendations_closed=dated(Recommendation.ref, Recommendation.closed_on, of_inspection),
        escalations_raised=dated(Escalation.ref, Escalation.raised_on),
        escalations_resolved=dated(Escalation.ref, Escalation.resolved_on),
        actions_raised=dated(Action.ref, Meeting.held_on, of_meeting),
        actions_closed=dated(Action.ref, Action.closed_on, of_meeting),
    )


def changes_between(
    session: Session,
    previous: MeetingFacts | None,
    day: date,
    facts: coverage_queries.ProgrammeFacts | None = None,
    *,
    viewer: Viewer,
) -> list[ChangeLine] | None:
    """What changed after the previous meeting up to the day as the viewer may see it; None
    when there was none."""
    if previous is None:
        return None
    facts = facts or coverage_queries.programme_facts(session)
    groups, starts = facts.groups, facts.starts

    def statuses(on: date) -> dict[str, str]:
        return {row.group_code: row.status.value for row in coverage_as_of(groups, starts, on)}

    events = programme_events(session, previous.held_on, day, viewer=viewer)
    return changes_since(events, previous.held_on, day, statuses(previous.held_on), statuses(day))


def meeting_changes(
    session: Session, meeting_ref: str, *, role: Role, read_on: date
) -> list[ChangeLine] | None:
    """What changed from the last meeting of the kind to this one (up to the day it is read
    on, for a meeting still to come), as a reader of this role sees it; None for the first,
    or for a meeting the reader does not see."""
    all_meetings = meetings(session, viewer=Viewer.of(role, read_on))
    meeting = next((m for m in all_meetings if m.ref == meeting_ref), None)
    if meeting is None:
        return None
    day = figures_day(meeting.held_on, read_on)
    previous = previous_meeting_held(meeting, all_meetings, day)
    return changes_between(session, previous, day, viewer=Viewer.of(role, day))


def provider_names(session: Session) -> dict[str, str]:
    """Each provider's name by its code, shown beside the code in the pack's tables."""
    return dict(session.exec(select(Provider.code, Provider.name)).all())
