"""Recording a follow-up on a recommendation: who may, which status change, and the audit trail.

Inspectors may follow up recommendations from inspections they led or of providers allocated to
them; programme managers and admins any; partners none. The follow-up's cells go through the
importer's rules for `follow_ups` (so a form and an upload agree), the status change through the
lifecycle, and the recommendation is saved with `save_edit` (refused if it changed meanwhile).
"""

from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.audit import field_changes, record_change
from dashboard.core.editing import save_edit
from dashboard.core.permissions import Actor, PermissionDenied, require_role
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import RecommendationStatus, Role
from dashboard.exchange.forms import check_form_row
from dashboard.exchange.rows import key_text
from dashboard.follow_ups.queries import RecommendationContext, recommendation_context
from dashboard.recommendations.lifecycle import MAY_RECORD, check_transition, is_reopening
from models.recommendations import FollowUp, Recommendation

RECOMMENDATION_ENTITY = "recommendations"
FOLLOW_UP_ENTITY = "follow_ups"


class FollowUpRefused(Refused):
    """A follow-up with a missing or wrong field; the message names it and nothing is written."""


def may_follow_up(actor: Actor, context: RecommendationContext) -> bool:
    """Whether the actor may record follow-ups (and evidence) on this recommendation."""
    if actor.role not in MAY_RECORD:
        return False
    if actor.role != Role.INSPECTOR:
        return True
    return actor.display_name in {context.lead_inspector, context.allocated_inspector}


def require_follow_up_access(actor: Actor, context: RecommendationContext, doing: str) -> None:
    """Refuse (PermissionDenied) anyone who may not follow up this recommendation."""
    require_role(actor, MAY_RECORD, doing)
    if not may_follow_up(actor, context):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not {doing}: only the inspector who led "
            f"{context.inspection_ref}, the inspector allocated to its provider, or a programme "
            "manager may."
        )


def context_of(session: Session, recommendation_ref: str) -> RecommendationContext:
    """The recommendation with this ref, or a refusal naming the unknown ref."""
    context = recommendation_context(session, recommendation_ref.strip())
    if context is None:
        raise FollowUpRefused(f"recommendation: there is no recommendation '{recommendation_ref}'")
    return context


def _check_date(on: date, context: RecommendationContext) -> None:
    if on > date.today():
        raise FollowUpRefused(f"on: {on:%d %b %Y} is in the future; record what has happened")
    if on < context.inspection_start_on:
        raise FollowUpRefused(
            f"on: {on:%d %b %Y} is before inspection {context.inspection_ref} started "
            f"({context.inspection_start_on:%d %b %Y})"
        )


def _replacement(
    session: Session, rec: Recommendation, new_status: str, superseded_by_ref: str | None
) -> Recommendation | None:
    """The recommendation that supersedes this one, checked; None unless superseding."""
    ref = (superseded_by_ref or "").strip()
    if new_status != RecommendationStatus.SUPERSEDED:
        if ref:
            raise FollowUpRefused("superseded by: give a replacement only when superseding")
        return None
    if not ref:
        raise FollowUpRefused("superseded by: name the recommendation that replaces this one")
    if ref == rec.ref:
        raise FollowUpRefused("superseded by: a recommendation cannot replace itself")
    replacement = recommendation_context(session, ref)
    if replacement is None:
        raise FollowUpRefused(f"superseded by: there is no recommendation '{ref}'")
    if replacement.recommendation.status == RecommendationStatus.SUPERSEDED:
        raise FollowUpRefused(f"superseded by: {ref} is itself superseded; name its replacement")
    return replacement.recommendation


def _check_exchange_rules(session: Session, cells: dict[str, str]) -> None:
    """The importer's rules for a follow_ups row (lengths, dates, status, no duplicate)."""
    problems = check_form_row(session, "follow_ups", cells, new=True)
    if problems:
        shown = (f"{problem.field or 'follow-up'}: {problem.message}" for problem in problems)
        raise FollowUpRefused("; ".join(shown))


def recommendation_changes(
    rec: Recommendation,
    new_status: str,
    on: date,
    actor: Actor,
    replacement: Recommendation | None,
) -> dict[str, Any]:
    """The recommendation's new field values after a follow-up with this status."""
    closed = new_status == RecommendationStatus.CLOSED
    values: dict[str, Any] = {
        "status": new_status,
        "superseded_by_id": replacement.id if replacement is not None else None,
    }
    if closed:
        values.update(closed_on=on, verified_by=actor.display_name, verified_on=on)
    elif is_reopening(rec.status, new_status) or rec.closed_on or rec.verified_by:
        values.update(closed_on=None, verified_by=None, verified_on=None)
    return values


def record_follow_up(
    session: Session,
    *,
    actor: Actor,
    recommendation_ref: str,
    on: date,
    note: str,
    new_status: str,
    superseded_by_ref: str | None = None,
    expected_version: int | None = None,
) -> FollowUp:
    """Record a dated follow-up and move the recommendation to its new status, audited.

    Raises PermissionDenied, TransitionRefused, FollowUpRefused (both ValueError) or StaleEdit
    (the recommendation changed since `expected_version`); nothing is written when it does.
    """
    context = context_of(session, recommendation_ref)
    rec = context.recommendation
    require_follow_up_access(actor, context, f"record a follow-up on {rec.ref}")
    check_transition(rec.status, new_status, actor)
    _check_date(on, context)
    text = note.strip()
    if not text:
        raise FollowUpRefused("note: say what was checked or received (a note is required)")
    replacement = _replacement(session, rec, new_status, superseded_by_ref)
    cells = {
        "recommendation_ref": rec.ref,
        "on": on.isoformat(),
        "by": actor.display_name,
        "note": text,
        "status": new_status,
    }
    _check_exchange_rules(session, cells)
    save_edit(
        session,
        rec,
        recommendation_changes(rec, new_status, on, actor, replacement),
        actor=actor.username,
        entity=RECOMMENDATION_ENTITY,
        key=rec.ref,
        expected_version=rec.version if expected_version is None else expected_version,
    )
    values = {"made_on": on, "made_by": actor.display_name, "note": text, "status": new_status}
    follow_up = FollowUp(recommendation_id=rec.id, **values)
    session.add(follow_up)
    session.flush()
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=FOLLOW_UP_ENTITY,
        entity_key=key_text((rec.ref, on, actor.display_name, text)),
        changes=field_changes({}, {"recommendation_ref": rec.ref, **values}),
    )
    return follow_up
