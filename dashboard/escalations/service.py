"""Escalations: significant concerns raised with the prime contractor and the Home Office.

Adding and resolving one runs the importer's escalations rules (`dashboard.exchange.forms`), so a
form and an uploaded file can never disagree; an open escalation left too long is flagged.
"""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session

from dashboard.core.editing import save_edit
from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.escalations import queries
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import check_form_row, save_form_row, stored_row
from dashboard.exchange.problems import ImportRejected, Problem
from models.base import TEXT_LENGTH
from models.recommendations import Escalation

FILE = "escalations"


def _stored(session: Session, ref: str) -> Escalation:
    """The escalation row just written or checked to exist."""
    row = queries.escalation_row(session, ref)
    assert row is not None  # saved or found by the exchange rules first
    return row


def _refused(column: str, message: str) -> ImportRejected:
    return ImportRejected([Problem(f"{FILE}.csv", None, column, message)])


def add_escalation(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    inspection_ref: str,
    raised_on: date | None,
    concern: str,
    escalated_to: Sequence[str] = (),
    early_outcome_letter_on: date | None = None,
) -> Escalation:
    """Record a new escalation (programme managers only); ImportRejected names each bad field."""
    require_role(actor, MANAGERS, "raise an escalation")
    cells = {
        "ref": ref,
        "inspection_ref": inspection_ref,
        "raised_on": cell_text(raised_on),
        "concern": concern,
        "escalated_to": ";".join(escalated_to),
        "early_outcome_letter_on": cell_text(early_outcome_letter_on),
    }
    save_form_row(session, FILE, cells, actor=actor, new=True)
    return _stored(session, ref.strip())


def resolve_escalation(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    resolved_on: date | None,
    note: str,
    expected_version: int,
) -> Escalation:
    """Record an escalation's resolution date and note (programme managers only), audited."""
    require_role(actor, MANAGERS, "resolve an escalation")
    refuse_control_characters(resolution_note=note)
    stored = stored_row(session, FILE, {"ref": ref})
    if stored is None:
        raise _refused("ref", f"escalation {ref!r} does not exist")
    if resolved_on is None:
        raise _refused("resolved_on", "a resolution date is required")
    note = note.strip()
    if not note:
        raise _refused("resolution_note", "say how the concern was resolved")
    if len(note) > TEXT_LENGTH:
        raise _refused(
            "resolution_note", f"is {len(note)} characters long; at most {TEXT_LENGTH} fit"
        )
    raised_on = date.fromisoformat(stored.cells["raised_on"])
    if resolved_on < raised_on:
        raise _refused(
            "resolved_on", f"{resolved_on.isoformat()} is before raised_on {raised_on.isoformat()}"
        )
    resolved = {**stored.cells, "resolved_on": cell_text(resolved_on)}
    problems = check_form_row(session, FILE, resolved)
    if problems:
        raise ImportRejected(problems)
    row = _stored(session, ref)
    save_edit(
        session,
        row,
        {"resolved_on": resolved_on, "resolution_note": note},
        actor=actor.username,
        entity=FILE,
        key=ref,
        expected_version=expected_version,
    )
    return row
