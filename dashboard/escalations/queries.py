"""Reads of escalations: the register with where each came from, counts and refs in use."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, or_
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.escalations.rules import flag_days
from dashboard.inspections.queries import through_inspection
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider
from models.recommendations import Escalation


@dataclass(frozen=True)
class EscalationRow:
    """An escalation with the inspection, group and provider it came from."""

    ref: str
    inspection_ref: str
    group_code: str
    provider_code: str
    raised_on: date
    concern: str
    escalated_to: str | None
    early_outcome_letter_on: date | None
    resolved_on: date | None
    resolution_note: str | None
    version: int


def escalation_rows(session: Session) -> list[EscalationRow]:
    """Every escalation with its inspection, group and provider, newest raised first."""
    statement: Select[*tuple[Any, ...]] = through_inspection(
        Select(
            col(Escalation.ref),
            col(Inspection.ref),
            col(InspectionGroup.code),
            col(Provider.code),
            col(Escalation.raised_on),
            col(Escalation.concern),
            col(Escalation.escalated_to),
            col(Escalation.early_outcome_letter_on),
            col(Escalation.resolved_on),
            col(Escalation.resolution_note),
            col(Escalation.version),
        ),
        col(Escalation.inspection_id),
    ).order_by(col(Escalation.raised_on).desc(), col(Escalation.ref))
    return [EscalationRow(*row) for row in session.exec(statement)]


def escalation_counts(session: Session, as_of: date, flag_days: int) -> tuple[int, int]:
    """Escalations open on the date, and how many of those were raised over flag_days ago."""
    is_open = and_(
        col(Escalation.raised_on) <= as_of,
        or_(col(Escalation.resolved_on).is_(None), col(Escalation.resolved_on) > as_of),
    )
    flagged = func.sum(
        case((col(Escalation.raised_on) < as_of - timedelta(days=flag_days), 1), else_=0)
    )
    total, late = session.exec(select(func.count(), flagged).where(is_open)).one()
    return int(total), int(late or 0)


def open_escalation_count(
    session: Session, as_of: date, days: int | None = None
) -> tuple[int, int]:
    """For the Overview: escalations open on the date, and how many of them are flagged."""
    return escalation_counts(session, as_of, flag_days() if days is None else days)


def escalation_row(session: Session, ref: str) -> Escalation | None:
    """The escalation table row with this ref, to change it."""
    return session.exec(select(Escalation).where(Escalation.ref == ref)).first()
