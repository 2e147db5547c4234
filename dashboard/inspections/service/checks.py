"""What a planned or edited inspection must pass besides the importer's row rules: it repeats
no inspection of its group, overlaps none unless confirmed, and is led by a known inspector or
by a new name added on purpose (audited)."""

from typing import Any

from sqlmodel import Session

from dashboard.core.audit import field_changes, record_change
from dashboard.core.permissions import Actor
from dashboard.inspections import queries
from dashboard.inspections.rules import (
    InspectionDraft,
    UnknownInspector,
    clash_problems,
    inspector_problem,
)
from models.inspections import Inspection

INSPECTOR_ENTITY = "inspectors"  # a lead inspector's name added on purpose from a form


def _check_lead(
    session: Session, actor: Actor, draft: InspectionDraft, ref: str, *, new_inspector: bool
) -> None:
    """Refuse a lead inspector who is not known unless a new name was asked for; a new name
    is audited on its own (who added it, on which inspection)."""
    known = queries.inspector_names(session)
    problem = inspector_problem(draft.lead_inspector, known, new_name=new_inspector)
    if problem is not None:
        raise UnknownInspector([problem])
    name = " ".join((draft.lead_inspector or "").split())
    if name and name not in known:
        record_change(
            session,
            actor=actor.username,
            action="create",
            entity=INSPECTOR_ENTITY,
            entity_key=name,
            changes=field_changes({}, {"name": name, "first_lead_of": ref}),
        )


def _check_clashes(
    session: Session, draft: InspectionDraft, ref: str | None, *, confirm_overlap: bool
) -> None:
    """Refuse a repeat of an inspection of the same group, and an unconfirmed overlap."""
    group = queries.group_id(session, draft.group_code or "")
    if group is None or draft.start_on is None:
        return
    last = max(draft.end_on or draft.start_on, draft.start_on)
    booked = queries.booked_in_group(session, group, draft.start_on, last, excluding=ref)
    refusal = clash_problems(draft, booked, overlap_confirmed=confirm_overlap)
    if refusal is not None:
        raise refusal


MOVING_FIELDS = ("group_id", "inspection_type", "start_on", "end_on")


def check_plan(
    session: Session,
    actor: Actor,
    draft: InspectionDraft,
    ref: str,
    edit: tuple[Inspection, dict[str, Any]] | None,
    confirm_overlap: bool,
    new_inspector: bool,
) -> None:
    """Refuse a repeat, an unconfirmed overlap or an unknown lead inspector; of an `edit`
    (the stored row and its new fields) only what moved or changed lead is checked."""
    if edit is None or any(edit[1][name] != getattr(edit[0], name) for name in MOVING_FIELDS):
        _check_clashes(session, draft, ref if edit else None, confirm_overlap=confirm_overlap)
    if edit is None or edit[1]["lead_inspector"] != edit[0].lead_inspector:
        _check_lead(session, actor, draft, ref, new_inspector=new_inspector)
