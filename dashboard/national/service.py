"""Writing national recommendations: raised and edited by programme managers, moved through
dated updates. Every row goes through the importer's rules and is audited; partners never write.
"""

from datetime import date

from sqlmodel import Session

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import save_form_row, stored_row
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.governance.rules import CLOSED_ACTION_STATUSES

RECOMMENDATIONS = "national_recommendations"
UPDATES = "national_recommendation_updates"


def save_national_recommendation(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    programme_year: int,
    owner_org: str,
    text: str,
    due_on: date | None,
    expected_version: int | None = None,
) -> None:
    """Raise a national recommendation (no `expected_version`: its ref must be new) or edit
    one opened at `expected_version`; its status moves only through updates."""
    require_role(actor, MANAGERS, "change a national recommendation")
    refuse_control_characters(ref=ref, text=text)
    stored = stored_row(session, RECOMMENDATIONS, {"ref": ref.strip()})
    status = stored.cells["status"] if stored else "open"
    closed_on = stored.cells["closed_on"] if stored else ""
    cells = {
        "ref": ref.strip(),
        "programme_year": str(programme_year),
        "owner_org": owner_org,
        "text": text,
        "due_on": cell_text(due_on),
        "status": status,
        "closed_on": closed_on,
    }
    new = expected_version is None
    save_form_row(
        session, RECOMMENDATIONS, cells, actor=actor, expected_version=expected_version, new=new
    )


def add_national_update(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    expected_version: int,
    on: date | None,
    note: str | None = None,
    status: str | None = None,
) -> None:
    """Add a dated update; a new status moves the recommendation (done or dropped closes it on
    the update's date, reopening clears that), audited. The same update twice is refused."""
    require_role(actor, MANAGERS, "update a national recommendation")
    refuse_control_characters(note=note)
    stored = stored_row(session, RECOMMENDATIONS, {"ref": ref})
    if stored is None:
        raise ImportRejected([Problem(UPDATES, None, "ref", f"{ref!r} not found")])
    if stored.version != expected_version:
        raise StaleEdit(f"national recommendation {ref} was changed since you opened it: reload")
    if not (note or "").strip() and not status:
        raise ImportRejected([Problem(UPDATES, None, "note", "give a note or a new status")])
    update = {
        "national_recommendation_ref": ref,
        "on": cell_text(on),
        "by": actor.display_name,
        "note": (note or "").strip(),
        "status": status or "",
    }
    save_form_row(session, UPDATES, update, actor=actor, new=True)
    if status and status != stored.cells["status"]:
        closed = status in CLOSED_ACTION_STATUSES
        moved = {**stored.cells, "status": status, "closed_on": cell_text(on) if closed else ""}
        save_form_row(session, RECOMMENDATIONS, moved, actor=actor, expected_version=stored.version)
