"""Inspections of the groups as coverage reads them: those planned or starting within dates,
and one group's history with its judgements."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from dashboard.core.key_questions import key_questions_in_scope, parse_key_questions
from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import InspectionStatus, InspectionType
from dashboard.coverage.rules import PlannedInspection
from dashboard.inspections.queries import report_sent_to
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup


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
    status: str = InspectionStatus.CARRIED_OUT
    cancelled_reason: str | None = None
    report_in_progress: bool = False  # judgements withheld: the reader is a partner before
    # the final report was sent to them


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
    """Inspections starting after a date and not cancelled, earliest first."""
    return _inspections_where(session, Inspection.start_on > after)


def inspections_starting(session: Session, first: date, last: date) -> list[PlannedInspection]:
    """Inspections starting from first to last inclusive and not cancelled, earliest first."""
    return _inspections_where(session, col(Inspection.start_on).between(first, last))


def _inspections_where(session: Session, condition: Any) -> list[PlannedInspection]:
    statement = (
        select(Inspection, InspectionGroup.code)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(condition, Inspection.status != InspectionStatus.CANCELLED)
        .order_by(col(Inspection.start_on), col(Inspection.ref))
    )
    return [
        PlannedInspection(
            inspection.ref,
            code,
            inspection.start_on,
            inspection.inspection_type,
            _scope(inspection.inspection_type, inspection.key_questions),
            inspection.lead_inspector,
            inspection.status,
        )
        for inspection, code in session.exec(statement)
    ]


def inspection_history(
    session: Session, group_code: str, *, viewer: Viewer
) -> list[InspectionRecord]:
    """Every inspection of a group, latest first, with its judgements as far as the viewer
    may see them (a partner's only once the final report was sent to them)."""
    rows = session.exec(
        select(Inspection)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(InspectionGroup.code == group_code)
        .order_by(col(Inspection.start_on).desc(), Inspection.ref)
    ).all()
    judged: dict[int, dict[str, str]] = defaultdict(dict)
    ids = [row.id for row in rows]
    for record in session.exec(
        select(JudgementRecord)
        .join(Inspection, col(JudgementRecord.inspection_id) == col(Inspection.id))
        .where(col(JudgementRecord.inspection_id).in_(ids), report_sent_to(viewer))
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
            row.status,
            row.cancelled_reason,
            not viewer.sees_report(row.final_sent_on),
        )
        for row in rows
    ]
