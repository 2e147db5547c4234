"""Running an inspection: plan and edit it, record judgements, evidence and information requests.

Every write checks the actor first (partners never write; inspectors only on inspections they
lead), validates (exchange-format fields with the importer's own rules), and raises InvalidInput
naming each field with nothing written. Edits refuse a version older than the stored one.
"""

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.audit import Changes, field_changes, record_change
from dashboard.core.editing import StaleEdit, save_edit
from dashboard.core.permissions import MANAGERS, STAFF, Actor, PermissionDenied, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.refusal import Problem
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import FORM_ROW, check_form_row, check_form_rows, stored_row
from dashboard.inspections import queries
from dashboard.inspections.rules import (
    DuplicateRequest,
    Evidence,
    InspectionDraft,
    InvalidInput,
    default_request_due_on,
    tidy_language_names,
)
from dashboard.inspections.service.checks import check_plan
from dashboard.inspections.service.fields import (
    _draft_problems,
    _field_problems,
    _fields,
)
from dashboard.inspections.service.fields import (
    next_inspection_ref as next_inspection_ref,
)
from dashboard.recommendations.queries import refresh_falls_due_on
from models.base import TEXT_LENGTH
from models.inspections import InformationRequest, Inspection, JudgementRecord

# Audit entity names, as the importer writes them for the same rows.
ENTITY = "inspections"
JUDGEMENT_ENTITY = "judgements"
REQUEST_ENTITY = "information_requests"


def may_change(actor: Actor, lead_inspector: str | None) -> bool:
    """Managers and admins may change any inspection; an inspector only one they lead."""
    if actor.role in MANAGERS:
        return True
    return actor.role in STAFF and bool(lead_inspector) and lead_inspector == actor.display_name


def require_on_inspection(actor: Actor, lead_inspector: str | None, ref: str, doing: str) -> None:
    """Refuse partners always, and inspectors on an inspection somebody else leads."""
    require_role(actor, STAFF, doing)
    if not may_change(actor, lead_inspector):
        led = f"is led by {lead_inspector}" if lead_inspector else "has no lead inspector"
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not {doing}: inspection {ref} {led}; "
            "ask its lead inspector or a programme manager."
        )


def _inspection(session: Session, ref: str) -> Inspection:
    row = queries.inspection_row(session, ref)
    if row is None or row.id is None:
        raise InvalidInput([Problem.about("ref", f"there is no inspection {ref!r}")])
    return row


def _require_version(
    session: Session, row: Any, expected: int, entity: str, key: str, actor: Actor
) -> None:
    """Refuse (StaleEdit) before validating when the row changed since the form opened."""
    save_edit(
        session, row, {}, actor=actor.username, entity=entity, key=key, expected_version=expected
    )


def _save_inspection(
    session: Session,
    row: Inspection,
    values: dict[str, Any],
    actor: Actor,
    ref: str,
    expected_version: int,
) -> Changes:
    """Save edited fields of inspection `ref` opened at `expected_version`, audited; a changed
    final report date moves its recommendations' due dates in the same transaction."""
    changes = save_edit(
        session,
        row,
        values,
        actor=actor.username,
        entity=ENTITY,
        key=ref,
        expected_version=expected_version,
    )
    if "final_sent_on" in changes and row.id is not None:
        refresh_falls_due_on(session, inspection_ids=[row.id])
    return changes


def create_inspection(
    session: Session,
    *,
    actor: Actor,
    draft: InspectionDraft,
    confirm_overlap: bool = False,
    new_inspector: bool = False,
) -> Inspection:
    """Plan a new inspection (inspectors only one they lead themselves), audited; see
    `checks.check_plan` for `confirm_overlap` and `new_inspector`."""
    require_role(actor, STAFF, "plan an inspection")
    if not may_change(actor, draft.lead_inspector):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may only plan inspections they lead: "
            "choose yourself as lead inspector."
        )
    ref = next_inspection_ref(session, draft.start_on or date.today())
    problems = _draft_problems(session, ref, draft, new=True, made_key=True)
    if problems:
        raise InvalidInput(problems)
    check_plan(session, actor, draft, ref, None, confirm_overlap, new_inspector)
    row = Inspection(ref=ref, **_fields(session, draft, None))
    session.add(row)
    session.flush()
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=ENTITY,
        entity_key=ref,
        changes=field_changes({}, {"ref": ref, **asdict(draft)}),
    )
    return row


def update_inspection(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    draft: InspectionDraft,
    expected_version: int,
    confirm_overlap: bool = False,
    new_inspector: bool = False,
) -> Changes:
    """Save an edited inspection opened at `expected_version`; returns the fields changed
    (moved dates and a changed lead are checked as when planning)."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "edit this inspection")
    if not may_change(actor, draft.lead_inspector):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not hand inspection {ref} to another lead."
        )
    _require_version(session, row, expected_version, ENTITY, ref, actor)
    problems = _draft_problems(session, ref, draft, new=False)
    if problems:
        raise InvalidInput(problems)
    values = _fields(session, draft, row.key_questions)
    check_plan(session, actor, draft, ref, (row, values), confirm_overlap, new_inspector)
    return _save_inspection(session, row, values, actor, ref, expected_version)


def record_judgements(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    judgements: Mapping[str, str | None],
    opened_versions: Mapping[str, int],
) -> None:
    """Set (or clear, with None) judgements per key question in scope, refusing stale ones.

    `opened_versions` holds the version of each judgement that existed when the form opened.
    """
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "record judgements")
    wanted = {
        kq.strip().lower(): (value or "").strip().lower() or None
        for kq, value in judgements.items()
    }
    existing = queries.judgement_rows(session, row.id or 0)
    for kq in wanted:
        have, opened = existing.get(kq), opened_versions.get(kq)
        if (have is None) != (opened is None) or (have is not None and have.version != opened):
            raise StaleEdit(f"judgement {ref} | {kq} was changed since you opened it — reload")
    setting = [(kq, value) for kq, value in wanted.items() if value]
    cells = [
        {"inspection_ref": ref, "key_question": kq, "judgement": value} for kq, value in setting
    ]
    problems = check_form_rows(session, "judgements", cells) if cells else []
    if problems:
        raise InvalidInput(
            [Problem.about(setting[(p.row or FORM_ROW) - FORM_ROW][0], p.message) for p in problems]
        )
    for kq, value in wanted.items():
        _write_judgement(session, actor, row, kq, value, existing.get(kq))
    session.flush()


def _write_judgement(
    session: Session,
    actor: Actor,
    inspection: Inspection,
    kq: str,
    value: str | None,
    have: JudgementRecord | None,
) -> None:
    """Create, change or remove one judgement, with its audit entry."""
    key = f"{inspection.ref} | {kq}"
    if have is not None and value is None:
        session.delete(have)
        record_change(
            session,
            actor=actor.username,
            action="delete",
            entity=JUDGEMENT_ENTITY,
            entity_key=key,
            changes={"judgement": (have.judgement, None)},
        )
    elif have is not None and value is not None:
        save_edit(
            session,
            have,
            {"judgement": value},
            actor=actor.username,
            entity=JUDGEMENT_ENTITY,
            key=key,
            expected_version=have.version,
        )
    elif value is not None:
        session.add(
            JudgementRecord(inspection_id=inspection.id or 0, key_question=kq, judgement=value)
        )
        record_change(
            session,
            actor=actor.username,
            action="create",
            entity=JUDGEMENT_ENTITY,
            entity_key=key,
            changes=field_changes({}, {"judgement": value}),
        )


def record_evidence(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    evidence: Evidence,
    internal_notes: str | None,
    expected_version: int,
) -> Changes:
    """Save the evidence base (counts only), factual accuracy outcome and internal notes,
    checked by the importer's rules on the inspection's whole row."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "record the evidence base")
    _require_version(session, row, expected_version, ENTITY, ref, actor)
    values = asdict(evidence) | {
        "survey_languages": ";".join(tidy_language_names(evidence.survey_languages)) or None,
        "internal_notes": (internal_notes or "").strip() or None,
    }
    stored = stored_row(session, "inspections", {"ref": ref})
    cells = (stored.cells if stored else {}) | {k: cell_text(v) for k, v in values.items()}
    problems = _field_problems(check_form_row(session, "inspections", cells))
    if problems:
        raise InvalidInput(problems)
    return _save_inspection(session, row, values, actor, ref, expected_version)


def _same_request(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def add_information_request(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    text: str,
    asked_on: date | None,
    due_on: date | None = None,
) -> InformationRequest:
    """Log a request to the provider once (due by default 7 working days after the end)."""
    row = _inspection(session, ref)
    require_on_inspection(actor, row.lead_inspector, ref, "log an information request")
    refuse_control_characters(text=text)
    text = text.strip()
    problems = []
    if not text or len(text) > TEXT_LENGTH:
        problems.append(
            Problem.about("text", f"say what was asked (1 to {TEXT_LENGTH} characters)")
        )
    if asked_on is None:
        problems.append(Problem.about("asked_on", "a value is required"))
    due = due_on or default_request_due_on(row.end_on or row.start_on, asked_on)
    if asked_on is not None and due < asked_on:
        problems.append(Problem.about("due_on", f"{due} is before asked on {asked_on}"))
    if problems or asked_on is None:
        raise InvalidInput(problems)
    for earlier in queries.request_rows(session, row.id or 0):
        if _same_request(earlier.text, text):
            message = f"was already asked on {earlier.asked_on} (due {earlier.due_on})"
            raise DuplicateRequest([Problem.about("text", message)])
    request = InformationRequest(
        inspection_id=row.id or 0,
        text=text,
        asked_on=asked_on,
        due_on=due,
        asked_by=actor.display_name,
    )
    session.add(request)
    session.flush()
    values = {"text": text, "asked_on": asked_on, "due_on": due}
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=REQUEST_ENTITY,
        entity_key=f"{ref} | {request.id}",
        changes=field_changes({}, values),
    )
    return request


def mark_request_received(
    session: Session,
    *,
    actor: Actor,
    request_id: int,
    received_on: date | None,
    expected_version: int,
) -> Changes:
    """Record when the provider answered an information request."""
    request = queries.request_row(session, request_id)
    if request is None:
        missing = f"there is no information request {request_id}"
        raise InvalidInput([Problem.about("request", missing)])
    inspection = session.get(Inspection, request.inspection_id)
    ref = inspection.ref if inspection else "?"
    lead = inspection.lead_inspector if inspection else None
    require_on_inspection(actor, lead, ref, "mark an information request received")
    key = f"{ref} | {request_id}"
    _require_version(session, request, expected_version, REQUEST_ENTITY, key, actor)
    if received_on is None:
        raise InvalidInput([Problem.about("received_on", "a value is required")])
    if received_on < request.asked_on:
        message = f"{received_on} is before asked on {request.asked_on}"
        raise InvalidInput([Problem.about("received_on", message)])
    return save_edit(
        session,
        request,
        {"received_on": received_on},
        actor=actor.username,
        entity=REQUEST_ENTITY,
        key=key,
        expected_version=expected_version,
    )
