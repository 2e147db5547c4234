"""Reads for governance: meetings, actions with their updates, MoU terms, and dated events."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from dashboard import queries
from dashboard.coverage import coverage_as_of
from dashboard.governance import (
    ActionFacts,
    ChangeLine,
    DatedRef,
    MeetingFacts,
    ProgrammeEvents,
    StatusChange,
    Term,
    changes_since,
    previous_meeting,
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


@dataclass(frozen=True)
class RecommendationRow:
    """A recommendation with its provider; opened on its inspection's last day."""

    ref: str
    inspection_ref: str
    provider_code: str
    risk: str
    due_on: date | None
    status: str
    closed_on: date | None
    opened_on: date


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


def meetings(session: Session) -> list[MeetingFacts]:
    """Every meeting, earliest first."""
    rows = session.exec(select(Meeting).order_by(Meeting.held_on, Meeting.ref))
    return [
        MeetingFacts(m.ref, m.held_on, m.kind, m.attendees, m.notes, m.version) for m in rows
    ]


def _status_changes(session: Session) -> dict[int, list[StatusChange]]:
    statement = select(ActionUpdate.action_id, ActionUpdate.on, ActionUpdate.status).where(
        ActionUpdate.status.is_not(None)  # type: ignore[union-attr]
    )
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    for action_id, on, status in session.exec(statement):
        changes[action_id].append(StatusChange(on, status))
    return changes


def actions(session: Session) -> list[ActionFacts]:
    """Every action with its meeting and status updates, by meeting date then ref."""
    statement = (
        select(Action, Meeting.ref, Meeting.held_on, Meeting.kind)
        .join(Meeting, Action.meeting_id == Meeting.id)  # type: ignore[arg-type]
        .order_by(Meeting.held_on, Action.ref)
    )
    changes = _status_changes(session)
    return [
        ActionFacts(
            ref=action.ref, meeting_ref=meeting_ref, raised_on=held_on, meeting_kind=kind,
            owner_org=action.owner_org, owner_name=action.owner_name, due_on=action.due_on,
            status=action.status, closed_on=action.closed_on, text=action.text,
            updates=tuple(changes.get(action.id or 0, ())), version=action.version,
        )
        for action, meeting_ref, held_on, kind in session.exec(statement)
    ]


def action_updates(session: Session, action_ref: str) -> list[UpdateRow]:
    """The dated updates of one action, oldest first."""
    statement = (
        select(ActionUpdate)
        .join(Action, ActionUpdate.action_id == Action.id)  # type: ignore[arg-type]
        .where(Action.ref == action_ref)
        .order_by(ActionUpdate.on, ActionUpdate.id)  # type: ignore[arg-type]
    )
    return [
        UpdateRow(action_ref, u.on, u.by, u.note, u.status) for u in session.exec(statement)
    ]


def terms(session: Session) -> list[Term]:
    """Every MoU term, earliest first."""
    rows = session.exec(select(MouTerm).order_by(MouTerm.starts_on))
    return [Term(t.ref, t.starts_on, t.ends_on, t.note) for t in rows]


def inspections(session: Session) -> list[InspectionRow]:
    """Every inspection with its group and provider, by start date."""
    # Columns, not ORM objects: building 50,000 tracked instances took seconds at 100×.
    statement = (
        select(Inspection.ref, InspectionGroup.code, Provider.code, Inspection.inspection_type,
               Inspection.mode, Inspection.lead_inspector, Inspection.start_on,
               Inspection.end_on)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)  # type: ignore[arg-type]
        .join(Provider, InspectionGroup.provider_id == Provider.id)  # type: ignore[arg-type]
        .order_by(Inspection.start_on, Inspection.ref)
    )
    return [
        InspectionRow(ref, group, provider, kind, mode, lead, start_on, end_on or start_on)
        for ref, group, provider, kind, mode, lead, start_on, end_on in session.exec(statement)
    ]


def recommendations(session: Session) -> list[RecommendationRow]:
    """Every recommendation with its inspection's provider and last day."""
    statement = (
        select(Recommendation.ref, Inspection.ref, Provider.code, Recommendation.risk,
               Recommendation.due_on, Recommendation.status, Recommendation.closed_on,
               Inspection.start_on, Inspection.end_on)
        .join(Inspection, Recommendation.inspection_id == Inspection.id)  # type: ignore[arg-type]
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)  # type: ignore[arg-type]
        .join(Provider, InspectionGroup.provider_id == Provider.id)  # type: ignore[arg-type]
        .order_by(Recommendation.ref)
    )
    return [
        RecommendationRow(ref, inspection, provider, risk, due_on, status, closed_on,
                          end_on or start_on)
        for ref, inspection, provider, risk, due_on, status, closed_on, start_on, end_on
        in session.exec(statement)
    ]


def escalations(session: Session) -> list[EscalationRow]:
    """Every escalation with its inspection's provider, by date raised."""
    statement = (
        select(Escalation, Inspection.ref, Provider.code)
        .join(Inspection, Escalation.inspection_id == Inspection.id)  # type: ignore[arg-type]
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)  # type: ignore[arg-type]
        .join(Provider, InspectionGroup.provider_id == Provider.id)  # type: ignore[arg-type]
        .order_by(Escalation.raised_on, Escalation.ref)
    )
    return [
        EscalationRow(e.ref, ref, provider, e.raised_on, e.escalated_to,
                      e.early_outcome_letter_on, e.resolved_on)
        for e, ref, provider in session.exec(statement)
    ]


def programme_events(
    inspection_rows: Sequence[InspectionRow],
    recommendation_rows: Sequence[RecommendationRow],
    escalation_rows: Sequence[EscalationRow],
    action_rows: Sequence[ActionFacts],
) -> ProgrammeEvents:
    """The dated events behind "what changed since the last meeting"."""
    return ProgrammeEvents(
        inspections_started=tuple(DatedRef(i.ref, i.start_on) for i in inspection_rows),
        inspections_finished=tuple(DatedRef(i.ref, i.end_on) for i in inspection_rows),
        recommendations_opened=tuple(DatedRef(r.ref, r.opened_on) for r in recommendation_rows),
        recommendations_closed=tuple(
            DatedRef(r.ref, r.closed_on) for r in recommendation_rows if r.closed_on
        ),
        escalations_raised=tuple(DatedRef(e.ref, e.raised_on) for e in escalation_rows),
        escalations_resolved=tuple(
            DatedRef(e.ref, e.resolved_on) for e in escalation_rows if e.resolved_on
        ),
        actions_raised=tuple(DatedRef(a.ref, a.raised_on) for a in action_rows),
        actions_closed=tuple(DatedRef(a.ref, a.closed_on) for a in action_rows if a.closed_on),
    )


def _coverage_statuses(session: Session, day: date) -> dict[str, str]:
    """Each active group's coverage status on a day."""
    groups, starts = queries.group_facts(session), queries.inspection_starts(session)
    return {row.group_code: row.status.value for row in coverage_as_of(groups, starts, day)}


def changes_between(
    session: Session, events: ProgrammeEvents, previous: MeetingFacts | None, day: date
) -> list[ChangeLine] | None:
    """What changed after the previous meeting up to the day; None when there was none."""
    if previous is None:
        return None
    return changes_since(events, previous.held_on, day,
                         _coverage_statuses(session, previous.held_on),
                         _coverage_statuses(session, day))


def meeting_changes(session: Session, meeting_ref: str) -> list[ChangeLine] | None:
    """What changed from the last meeting of the kind to this one; None for the first."""
    all_meetings = meetings(session)
    meeting = next((m for m in all_meetings if m.ref == meeting_ref), None)
    if meeting is None:
        return None
    events = programme_events(inspections(session), recommendations(session),
                              escalations(session), actions(session))
    return changes_between(session, events, previous_meeting(meeting, all_meetings),
                           meeting.held_on)
