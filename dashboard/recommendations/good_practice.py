"""The good-practice log: what worked well at an inspection, tagged by theme, to share widely."""

from sqlmodel import Session, select

from dashboard.core.audit import field_changes, record_change
from dashboard.core.permissions import MANAGERS, STAFF, Actor, PermissionDenied, require_role
from dashboard.core.refusal import Refused
from models.base import TEXT_LENGTH, utc_now
from models.good_practice import THEME_LENGTH, GoodPractice
from models.inspections import Inspection

ENTITY = "good_practice"


def may_log(actor: Actor, lead_inspector: str | None) -> bool:
    """Managers may log good practice from any inspection; an inspector from those they led."""
    if actor.role in MANAGERS:
        return True
    return actor.role in STAFF and bool(lead_inspector) and lead_inspector == actor.display_name


class GoodPracticeInvalid(Refused):
    """A good-practice entry was refused; the message names the field. Nothing was written."""


def _required_text(field: str, value: str, limit: int) -> str:
    text = value.strip()
    if not text:
        raise GoodPracticeInvalid(f"{field}: a value is required")
    if len(text) > limit:
        raise GoodPracticeInvalid(f"{field}: is {len(text)} characters long; at most {limit} fit")
    return text


def add_good_practice(
    session: Session, *, actor: Actor, inspection_ref: str, theme: str, text: str
) -> GoodPractice:
    """Log good practice from an inspection (its lead inspector or a manager), audited."""
    doing = "log good practice"
    require_role(actor, STAFF, doing)
    inspection = session.exec(
        select(Inspection).where(Inspection.ref == inspection_ref.strip())
    ).first()
    if inspection is None:
        raise GoodPracticeInvalid(f"inspection: {inspection_ref!r} is not a known inspection")
    if not may_log(actor, inspection.lead_inspector):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not {doing} from {inspection.ref}: only its "
            "lead inspector or a programme manager may."
        )
    values = {
        "inspection_ref": inspection.ref,
        "theme": _required_text("theme", theme, THEME_LENGTH),
        "text": _required_text("text", text, TEXT_LENGTH),
        "recorded_by": actor.display_name,
        "recorded_at": utc_now(),
    }
    entry = GoodPractice(
        inspection_id=inspection.id,
        theme=values["theme"],
        text=values["text"],
        recorded_by=values["recorded_by"],
        recorded_at=values["recorded_at"],
    )
    session.add(entry)
    session.flush()
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=ENTITY,
        entity_key=f"{inspection.ref} | {entry.id}",
        changes=field_changes({}, values),
    )
    return entry
