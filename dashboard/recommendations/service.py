"""Writes on recommendations: their due date away from the risk's default (with the reason
recorded), the timescales that default follows (programme settings, admins only), and the
good-practice log (what worked well at an inspection, tagged by theme).

Who may change a due date follows who may follow the recommendation up
(`dashboard.follow_ups.rules.require_follow_up_access`): the inspector who led the inspection or
is allocated to the provider, or a programme manager; never a partner.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard.core.audit import field_changes, record_change
from dashboard.core.editing import save_edit
from dashboard.core.permissions import (
    ADMINS,
    MANAGERS,
    STAFF,
    Actor,
    PermissionDenied,
    require_role,
)
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Risk
from dashboard.follow_ups.queries import context_of
from dashboard.follow_ups.rules import require_follow_up_access
from dashboard.recommendations import queries
from dashboard.recommendations.rules import checked_timescales
from models.base import TEXT_LENGTH, utc_now
from models.good_practice import THEME_LENGTH, GoodPractice
from models.recommendations import Recommendation, RecommendationTimescale

ENTITY = "recommendations"
GOOD_PRACTICE_ENTITY = "good_practice"
TIMESCALE_ENTITY = "recommendation_timescales"


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
    refuse_control_characters(reason=reason)
    ended = queries.inspection_end_on(session, rec.inspection_id) or context.inspection_start_on
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
    queries.refresh_falls_due_on(session, inspection_ids=[rec.inspection_id])
    return rec


@dataclass(frozen=True)
class Timescales:
    """The programme's timescales as the settings form shows them: working days and the
    version each was read at, by risk."""

    working_days: dict[Risk, int]
    versions: dict[Risk, int]


def current_timescales(session: Session) -> Timescales:
    """The timescales now, with their versions (0 for one never stored)."""
    rows = queries.timescale_rows(session)
    return Timescales(
        queries.timescales(session),
        {risk: rows[risk].version if risk in rows else 0 for risk in Risk},
    )


def set_timescales(
    session: Session,
    *,
    actor: Actor,
    working_days: Mapping[str, object],
    expected_versions: Mapping[str, int] | None = None,
) -> int:
    """Change the working days after the final report each risk falls due in (admins only),
    audited before and after, then recompute every recommendation without an explicit due
    date; returns how many recommendations' due dates moved."""
    require_role(actor, ADMINS, "change the recommendation timescales")
    checked = checked_timescales(working_days)
    rows, current = queries.timescale_rows(session), queries.timescales(session)
    for risk, days in checked.items():
        row = rows.get(risk)
        if row is None:  # the built-in default until now: stored from the first change
            if days == current[risk]:
                continue
            session.add(RecommendationTimescale(risk=risk.value, working_days=days))
            session.flush()
            record_change(
                session,
                actor=actor.username,
                action="update",
                entity=TIMESCALE_ENTITY,
                entity_key=risk.value,
                changes=field_changes({"working_days": current[risk]}, {"working_days": days}),
            )
            continue
        opened = row.version if expected_versions is None else expected_versions.get(risk.value, 0)
        save_edit(
            session,
            row,
            {"working_days": days},
            actor=actor.username,
            entity=TIMESCALE_ENTITY,
            key=risk.value,
            expected_version=opened,
        )
    return queries.refresh_falls_due_on(session)


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
    inspection = queries.inspection_by_ref(session, inspection_ref.strip())
    if inspection is None:
        raise GoodPracticeInvalid(f"inspection: {inspection_ref!r} is not a known inspection")
    if not may_log(actor, inspection.lead_inspector):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not {doing} from {inspection.ref}: only its "
            "lead inspector or a programme manager may."
        )
    refuse_control_characters(theme=theme, text=text)
    assert inspection.id is not None  # read from the database
    entry = GoodPractice(
        inspection_id=inspection.id,
        theme=_required_text("theme", theme, THEME_LENGTH),
        text=_required_text("text", text, TEXT_LENGTH),
        recorded_by=actor.display_name,
        recorded_at=utc_now(),
    )
    session.add(entry)
    session.flush()
    values = {
        "inspection_ref": inspection.ref,
        "theme": entry.theme,
        "text": entry.text,
        "recorded_by": entry.recorded_by,
        "recorded_at": entry.recorded_at,
    }
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=GOOD_PRACTICE_ENTITY,
        entity_key=f"{inspection.ref} | {entry.id}",
        changes=field_changes({}, values),
    )
    return entry
