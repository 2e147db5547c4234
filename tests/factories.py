"""Small row builders for tests: the fewest fields that make a valid row."""

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from dashboard.recommendations.queries import refresh_falls_due_on
from models import (
    Action,
    Inspection,
    InspectionGroup,
    Meeting,
    MouTerm,
    Provider,
    Recommendation,
    Service,
)


def _saved(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def provider(session: Session, code: str = "P1") -> Provider:
    return _saved(session, Provider(code=code, name=f"Provider {code}"))


def group(session: Session, code: str, owner: Provider) -> InspectionGroup:
    return _saved(session, InspectionGroup(code=code, name=f"Group {code}", provider_id=owner.id))


def service(
    session: Session,
    code: str,
    in_group: InspectionGroup,
    opened_on: date,
    closed_on: date | None = None,
    service_type: str = "safehouse",
) -> Service:
    return _saved(
        session,
        Service(
            code=code,
            name=f"Service {code}",
            provider_id=in_group.provider_id,
            group_id=in_group.id,
            service_type=service_type,
            opened_on=opened_on,
            closed_on=closed_on,
        ),
    )


def inspection(
    session: Session,
    ref: str,
    of_group: InspectionGroup,
    start_on: date,
    inspection_type: str = "comprehensive",
    **dates: Any,
) -> Inspection:
    return _saved(
        session,
        Inspection(
            ref=ref,
            group_id=of_group.id,
            inspection_type=inspection_type,
            start_on=start_on,
            **dates,
        ),
    )


def recommendation(
    session: Session,
    ref: str,
    of_inspection: Inspection,
    due_on: date | None,
    status: str = "open",
    risk: str = "medium",
) -> Recommendation:
    row = _saved(
        session,
        Recommendation(
            ref=ref,
            inspection_id=of_inspection.id,
            risk=risk,
            text="Review policy.",
            due_on=due_on,
            status=status,
        ),
    )
    # as every write path does: when it falls due follows its due date or its final report
    refresh_falls_due_on(session, inspection_ids=[row.inspection_id])
    return row


def meeting(session: Session, ref: str, held_on: date) -> Meeting:
    return _saved(session, Meeting(ref=ref, held_on=held_on, kind="mou governance"))


def action(
    session: Session, ref: str, at_meeting: Meeting, due_on: date, status: str = "open"
) -> Action:
    return _saved(
        session,
        Action(
            ref=ref,
            meeting_id=at_meeting.id,
            text="Send the plan.",
            owner_org="cqc",
            due_on=due_on,
            status=status,
        ),
    )


def mou_term(session: Session, ref: str, starts_on: date, ends_on: date) -> MouTerm:
    return _saved(session, MouTerm(ref=ref, starts_on=starts_on, ends_on=ends_on))


def inspection_refs_of_group(session: Session, group_code: str) -> list[str]:
    """The refs of a group's inspections (its inspection history), by start date."""
    statement = (
        select(Inspection.ref)
        .join(InspectionGroup, col(Inspection.group_id) == col(InspectionGroup.id))
        .where(InspectionGroup.code == group_code)
        .order_by(col(Inspection.start_on), col(Inspection.ref))
    )
    return list(session.exec(statement).all())
