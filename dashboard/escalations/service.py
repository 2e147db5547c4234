"""Escalations: significant concerns raised with the prime contractor and the Home Office.

Adding and resolving one runs the importer's escalations rules (`dashboard.exchange.forms`), so a
form and an uploaded file can never disagree; an open escalation left too long is flagged.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd
from sqlmodel import Session, select

from dashboard.core.editing import save_edit
from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.escalations.queries import ESCALATION_FLAG_DAYS
from dashboard.escalations.queries import flag_days as flag_days  # the escalations page asks here
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import check_form_row, save_form_row, stored_row
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.recommendations.queries import EscalationRow
from models.base import TEXT_LENGTH
from models.recommendations import Escalation

FILE = "escalations"
_REF_NUMBER = re.compile(r"ESC-(\d+)")


def is_open_on(raised_on: date, resolved_on: date | None, as_of: date) -> bool:
    """Raised on or before the date and not resolved by it."""
    return raised_on <= as_of and (resolved_on is None or resolved_on > as_of)


def days_open(raised_on: date, as_of: date) -> int:
    """Calendar days since the escalation was raised."""
    return (as_of - raised_on).days


def is_flagged(
    raised_on: date, resolved_on: date | None, as_of: date, days: int = ESCALATION_FLAG_DAYS
) -> bool:
    """Open on the date and raised more than `days` days before it."""
    return is_open_on(raised_on, resolved_on, as_of) and days_open(raised_on, as_of) > days


def next_escalation_ref(refs: Iterable[str]) -> str:
    """The ref after the highest ESC-nnn in use, e.g. ESC-007 after ESC-006."""
    numbers = [int(m.group(1)) for ref in refs if (m := _REF_NUMBER.fullmatch(ref))]
    return f"ESC-{max(numbers, default=0) + 1:03d}"


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
    return session.exec(select(Escalation).where(Escalation.ref == ref.strip())).one()


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
    row = session.exec(select(Escalation).where(Escalation.ref == ref)).one()
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


def refusal_text(refusal: ImportRejected) -> str:
    """An import refusal as form messages, e.g. 'concern: a value is required'."""
    return "\n".join(
        f"{problem.field}: {problem.message}" if problem.field else problem.message
        for problem in refusal.problems
    )


def state_of(row: EscalationRow, as_of: date, days: int = ESCALATION_FLAG_DAYS) -> str:
    """'flagged' (open too long), 'open' or 'resolved' on the date."""
    if is_flagged(row.raised_on, row.resolved_on, as_of, days):
        return "flagged"
    return "open" if is_open_on(row.raised_on, row.resolved_on, as_of) else "resolved"


def _resolved_by(row: EscalationRow, as_of: date) -> date | None:
    """The resolution date if it had happened by the as-of date."""
    return row.resolved_on if row.resolved_on and row.resolved_on <= as_of else None


def escalations_frame(rows: Sequence[EscalationRow], as_of: date, days: int) -> pd.DataFrame:
    """Escalations as a table: state, days open, and the dates from raised to resolution."""
    records = [
        {
            "ref": row.ref,
            "state": state_of(row, as_of, days),
            "days open": days_open(row.raised_on, _resolved_by(row, as_of) or as_of),
            "provider": row.provider_code,
            "group": row.group_code,
            "inspection": row.inspection_ref,
            "raised on": row.raised_on,
            "concern": row.concern,
            "escalated to": (row.escalated_to or "").replace(";", ", "),
            "early outcome letter": row.early_outcome_letter_on,
            "resolved on": _resolved_by(row, as_of),
            "resolution note": row.resolution_note if _resolved_by(row, as_of) else None,
        }
        for row in rows
    ]
    return pd.DataFrame.from_records(records)
