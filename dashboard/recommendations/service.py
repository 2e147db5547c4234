"""Changing a recommendation's due date away from its risk's default, with the reason recorded.

Who may change it follows who may follow it up (`dashboard.follow_ups.service`): the inspector
who led the inspection or is allocated to the provider, or a programme manager; never a partner.
"""

from datetime import date

from sqlmodel import Session, select

from dashboard.core.editing import save_edit
from dashboard.core.permissions import STAFF, Actor, require_role
from dashboard.core.refusal import Refused
from dashboard.follow_ups.service import context_of, require_follow_up_access
from models.base import TEXT_LENGTH
from models.inspections import Inspection
from models.recommendations import Recommendation

ENTITY = "recommendations"


class DueDateInvalid(Refused):
    """A due-date change was refused; the message names the field. Nothing was written."""


def _check_reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise DueDateInvalid("reason: say why the due date changes")
    if len(text) > TEXT_LENGTH:
        raise DueDateInvalid(f"reason: is {len(text)} characters long; at most {TEXT_LENGTH} fit")
    return text


def update_due_date(
    session: Session,
    *,
    actor: Actor,
    ref: str,
    due_on: date | None,
    reason: str,
    expected_version: int,
) -> Recommendation:
    """Set a new due date with its reason, audited, refused if the row changed meanwhile."""
    require_role(actor, STAFF, "change a recommendation's due date")
    context = context_of(session, ref)
    rec = context.recommendation
    require_follow_up_access(actor, context, f"change the due date of {rec.ref}")
    ended = (
        session.exec(select(Inspection.end_on).where(Inspection.id == rec.inspection_id)).one()
        or context.inspection_start_on
    )
    if due_on is None:
        raise DueDateInvalid("due date: a date is required")
    if due_on < ended:
        raise DueDateInvalid(
            f"due date: {due_on.isoformat()} is before the inspection ended ({ended.isoformat()})"
        )
    save_edit(
        session,
        rec,
        {"due_on": due_on, "due_on_reason": _check_reason(reason)},
        actor=actor.username,
        entity=ENTITY,
        key=rec.ref,
        expected_version=expected_version,
    )
    return rec
