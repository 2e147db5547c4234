"""What happened to a planned inspection: recorded as carried out (its real dates), moved (new
dates) or cancelled (with a reason).

Each write checks the actor as every inspection edit does (partners never; inspectors only on
inspections they lead), refuses a form opened at an older version, runs the changed row through
the importer's own rules (so a form and an upload agree), and saves through `save_edit`, whose
audit entry keeps the old values beside the new ones (a move's old dates included).
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.audit import Changes
from dashboard.core.permissions import Actor
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.refusal import Problem
from dashboard.core.vocabulary import InspectionStatus
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import check_form_row, stored_row
from dashboard.inspections.rules import InvalidInput
from dashboard.inspections.service import (
    ENTITY,
    _inspection,
    _require_version,
    _save_inspection,
    require_on_inspection,
)
from dashboard.inspections.service.fields import _field_problems
from models.inspections import Inspection


def _require_planned(row: Inspection, doing: str) -> None:
    """Only a planned inspection can be recorded, moved or cancelled."""
    if row.status != InspectionStatus.PLANNED:
        message = f"inspection {row.ref} is {row.status}, not planned, so it cannot be {doing}"
        raise InvalidInput([Problem.about("status", message)])


def _check(session: Session, ref: str, changed: Mapping[str, Any]) -> None:
    """The stored row with the changes, through the importer's rules; refused naming fields."""
    stored = stored_row(session, "inspections", {"ref": ref})
    cells = dict(stored.cells if stored else {"ref": ref})
    cells.update({name: cell_text(value) for name, value in changed.items()})
    problems = _field_problems(check_form_row(session, ENTITY, cells))
    if problems:
        raise InvalidInput(problems)


def _change(
    session: Session,
    row: Inspection,
    values: dict[str, Any],
    actor: Actor,
    expected_version: int,
) -> Changes:
    _check(session, row.ref, values)
    return _save_inspection(session, row, values, actor, row.ref, expected_version)


def record_carried_out(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    start_on: date | None,
    end_on: date | None,
    expected_version: int,
    today: date | None = None,
) -> Changes:
    """Record a planned inspection as carried out on its real dates (end blank: one day)."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "record this inspection as carried out")
    _require_version(session, row, expected_version, ENTITY, ref, actor)
    _require_planned(row, "recorded as carried out")
    if start_on is None:
        raise InvalidInput([Problem.about("start_on", "a value is required")])
    today = today or date.today()
    if start_on > today:
        message = f"{start_on:%d %b %Y} is after today: an inspection is carried out once started"
        raise InvalidInput([Problem.about("start_on", message)])
    values = {"status": InspectionStatus.CARRIED_OUT.value, "start_on": start_on, "end_on": end_on}
    return _change(session, row, values, actor, expected_version)


def move_inspection(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    start_on: date | None,
    end_on: date | None,
    expected_version: int,
) -> Changes:
    """Move a planned inspection to new dates; it stays planned, the old dates are audited."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "move this inspection")
    _require_version(session, row, expected_version, ENTITY, ref, actor)
    _require_planned(row, "moved")
    if start_on is None:
        raise InvalidInput([Problem.about("start_on", "a value is required")])
    if start_on == row.start_on and end_on == row.end_on:
        raise InvalidInput([Problem.about("start_on", "choose dates other than the planned ones")])
    return _change(session, row, {"start_on": start_on, "end_on": end_on}, actor, expected_version)


def cancel_inspection(
    session: Session, *, actor: Actor, ref: str, reason: str | None, expected_version: int
) -> Changes:
    """Cancel a planned inspection, giving the reason; it then never counts and has no
    milestones due."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "cancel this inspection")
    refuse_control_characters(cancelled_reason=reason)
    _require_version(session, row, expected_version, ENTITY, ref, actor)
    _require_planned(row, "cancelled")
    text = " ".join((reason or "").split())
    if not text:
        message = "give the reason the inspection is cancelled"
        raise InvalidInput([Problem.about("cancelled_reason", message)])
    values = {"status": InspectionStatus.CANCELLED.value, "cancelled_reason": text}
    return _change(session, row, values, actor, expected_version)
