"""Recording and editing concerns: managers, admins and inspectors; partners never write.

A concern's cells go through the importer's own rules for `concerns.csv`
(`dashboard.exchange.forms.check_form_row`), so a form and an uploaded file refuse the same
rows; then the row is created with an audit entry, or saved with `save_edit` (refused if it
changed since the form was opened).
"""

from dataclasses import asdict
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.concerns import queries
from dashboard.concerns.rules import ConcernDraft, ConcernRefused, next_concern_ref
from dashboard.core.audit import Changes, field_changes, record_change
from dashboard.core.editing import save_edit
from dashboard.core.key_questions import format_key_questions, parse_key_questions
from dashboard.core.permissions import STAFF, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.refusal import Problem
from dashboard.core.vocabulary import ALL_KEY_QUESTIONS
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import check_form_row
from models.concerns import Concern

# The audit entity, as the importer writes it for the same rows.
ENTITY = "concerns"
WRITERS = STAFF


def _text(value: str | None) -> str:
    return " ".join((value or "").split()).lower()


def _cells(ref: str, draft: ConcernDraft) -> dict[str, str]:
    """The concern as one row of concerns.csv."""
    return {
        "ref": ref,
        "received_on": cell_text(draft.received_on),
        "source": _text(draft.source),
        "provider_code": (draft.provider_code or "").strip(),
        "group_code": (draft.group_code or "").strip(),
        "key_questions": ";".join(draft.key_questions),
        "summary": draft.summary.strip(),
        "risk": _text(draft.risk),
        "status": _text(draft.status),
        "response": _text(draft.response),
        "inspection_ref": (draft.inspection_ref or "").strip(),
        "closed_on": cell_text(draft.closed_on),
    }


def _checked(session: Session, cells: dict[str, str], *, new: bool) -> None:
    """Refuse, naming each field, what the importer would refuse in concerns.csv."""
    problems = check_form_row(session, ENTITY, cells, new=new)
    if problems:
        raise ConcernRefused(
            Problem.about(problem.field or "form", problem.message) for problem in problems
        )


def _key_questions(text: str) -> str | None:
    """Key questions as an inspection stores them: `;`-separated, in the usual order."""
    named = set(parse_key_questions(text))
    return format_key_questions(kq for kq in ALL_KEY_QUESTIONS if kq in named) or None


def _fields(session: Session, cells: dict[str, str], draft: ConcernDraft) -> dict[str, Any]:
    """The table's fields for checked cells."""
    ids = queries.ids_of(
        session,
        cells["provider_code"],
        cells["group_code"] or None,
        cells["inspection_ref"] or None,
    )
    return {
        "received_on": draft.received_on,
        "source": cells["source"],
        **ids,
        "key_questions": _key_questions(cells["key_questions"]),
        "summary": cells["summary"],
        "risk": cells["risk"],
        "status": cells["status"],
        "response": cells["response"] or None,
        "closed_on": draft.closed_on,
    }


def next_ref(session: Session, received_on: date | None) -> str:
    """The next free ref of the year received, e.g. `CON-2026-004`."""
    year = (received_on or date.today()).year
    return next_concern_ref(queries.refs_starting(session, f"CON-{year}-"), year)


def record_concern(
    session: Session, *, actor: Actor, draft: ConcernDraft, ref: str = ""
) -> Concern:
    """Record a new concern (its ref made when blank), audited; ConcernRefused names each bad
    field and nothing is written."""
    require_role(actor, WRITERS, "record a concern")
    refuse_control_characters(ref=ref, summary=draft.summary)
    ref = ref.strip() or next_ref(session, draft.received_on)
    cells = _cells(ref, draft)
    _checked(session, cells, new=True)
    row = Concern(ref=ref, **_fields(session, cells, draft))
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


def update_concern(
    session: Session, *, actor: Actor, ref: str, draft: ConcernDraft, expected_version: int
) -> Changes:
    """Save an edited concern opened at `expected_version`, audited; returns the fields changed.

    Raises PermissionDenied, StaleEdit (changed since the form opened) or ConcernRefused."""
    require_role(actor, WRITERS, "edit a concern")
    refuse_control_characters(summary=draft.summary)
    row = queries.concern_row(session, ref)
    if row is None:
        raise ConcernRefused([Problem.about("ref", f"there is no concern {ref!r}")])
    # a stale form is refused before its entries are checked against a newer row
    save_edit(
        session,
        row,
        {},
        actor=actor.username,
        entity=ENTITY,
        key=ref,
        expected_version=expected_version,
    )
    cells = _cells(ref, draft)
    _checked(session, cells, new=False)
    return save_edit(
        session,
        row,
        _fields(session, cells, draft),
        actor=actor.username,
        entity=ENTITY,
        key=ref,
        expected_version=expected_version,
    )
