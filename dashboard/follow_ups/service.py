"""Recording a follow-up on a recommendation, and the evidence files attached to follow-ups.

Inspectors may follow up recommendations from inspections they led or of providers allocated to
them; programme managers and admins any; partners none. The follow-up's cells go through the
importer's rules for `follow_ups` (so a form and an upload agree), the status change through the
lifecycle, and the recommendation is saved with `save_edit` (refused if it changed meanwhile).

Evidence: PDF, Word, Excel and images, checked by content (`evidence_content`: the type by
puremagic, then the structure: a PDF opens, an Office zip has no macros, an image header decodes),
kept in the database. The type must agree with the name's extension: a renamed executable or a
PNG called `.pdf` is refused. Anyone logged in may download evidence (partners read
recommendations too); only those who may record the follow-up may attach to it.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.audit import field_changes, record_change
from dashboard.core.editing import save_edit
from dashboard.core.permissions import EVERYONE, Actor, Viewer, require_role
from dashboard.core.vocabulary import RecommendationStatus
from dashboard.exchange.forms import check_form_row
from dashboard.exchange.rows import key_text
from dashboard.follow_ups import queries
from dashboard.follow_ups.evidence_content import ACCEPTED as ACCEPTED  # for the pages
from dashboard.follow_ups.evidence_content import MAX_EVIDENCE_BYTES as MAX_EVIDENCE_BYTES
from dashboard.follow_ups.evidence_content import (
    EvidenceRefused,
    checked_content_type,
    clean_filename,
)
from dashboard.follow_ups.queries import context_of, recommendation_context
from dashboard.follow_ups.rules import (
    EvidenceInfo,
    FollowUpRefused,
    RecommendationContext,
    repeats_an_update,
    require_follow_up_access,
)
from dashboard.recommendations.rules import check_transition, is_reopening
from models.base import NAME_LENGTH, utc_now
from models.evidence import EvidenceFile
from models.recommendations import FollowUp, Recommendation

RECOMMENDATION_ENTITY = "recommendations"
FOLLOW_UP_ENTITY = "follow_ups"


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
    assert rec.id is not None  # read from the database
    if repeats_an_update(text, queries.follow_up_notes_on(session, rec.id, on)):
        raise FollowUpRefused(
            f"note: this follow-up was already recorded on {rec.ref} for {on:%d %b %Y}; "
            "it is not recorded twice"
        )
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
    assert rec.id is not None  # read from the database
    follow_up = FollowUp(
        recommendation_id=rec.id,
        made_on=on,
        made_by=actor.display_name,
        note=text,
        status=new_status,
    )
    values = {"made_on": on, "made_by": actor.display_name, "note": text, "status": new_status}
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


EVIDENCE_ENTITY = "evidence_file"


@dataclass(frozen=True)
class EvidenceDownload:
    """An evidence file's name, type and bytes, for a download button."""

    filename: str
    content_type: str
    data: bytes


def _follow_up_for(session: Session, follow_up_id: int, actor: Actor, doing: str) -> FollowUp:
    found = queries.follow_up_context(session, follow_up_id)
    if found is None:
        raise EvidenceRefused(f"follow-up: there is no follow-up {follow_up_id}")
    follow_up, context = found
    require_follow_up_access(actor, context, doing)
    return follow_up


def attach_evidence(
    session: Session, *, actor: Actor, follow_up_id: int, filename: str, data: bytes
) -> EvidenceFile:
    """Store one evidence file on a follow-up with its size and SHA-256, audited."""
    _follow_up_for(session, follow_up_id, actor, f"attach evidence to follow-up {follow_up_id}")
    name = clean_filename(filename)
    content_type = checked_content_type(name, data)
    evidence = EvidenceFile(
        follow_up_id=follow_up_id,
        filename=name,
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor.display_name,
        uploaded_at=utc_now(),
        content=data,
    )
    session.add(evidence)
    session.flush()
    shown = {
        "follow_up_id": follow_up_id,
        "filename": name,
        "content_type": content_type,
        "size_bytes": evidence.size_bytes,
        "sha256": evidence.sha256,
    }
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=EVIDENCE_ENTITY,
        entity_key=f"{follow_up_id} | {name}"[:NAME_LENGTH],
        changes=field_changes({}, shown),
    )
    return evidence


def _today(actor: Actor) -> Viewer:
    """The actor as a reader today: a partner sees evidence only of sent reports."""
    return Viewer.of(actor, date.today())


def evidence_for(session: Session, *, actor: Actor, follow_up_id: int) -> list[EvidenceInfo]:
    """The files attached to a follow-up (without their content), oldest first."""
    require_role(actor, EVERYONE, "read evidence")
    return queries.evidence_of_follow_up(session, follow_up_id, viewer=_today(actor))


def evidence_for_recommendation(
    session: Session, *, actor: Actor, recommendation_ref: str
) -> list[EvidenceInfo]:
    """Every file attached to any follow-up of a recommendation, oldest first."""
    require_role(actor, EVERYONE, "read evidence")
    return queries.evidence_of_recommendation(session, recommendation_ref, viewer=_today(actor))


def evidence_download(session: Session, *, actor: Actor, evidence_id: int) -> EvidenceDownload:
    """One file's bytes; every logged-in role may download evidence (read-only for partners,
    and only of recommendations whose final report was sent to them)."""
    require_role(actor, EVERYONE, "download evidence")
    evidence = queries.evidence_file(session, evidence_id, viewer=_today(actor))
    if evidence is None:
        raise EvidenceRefused(f"evidence: there is no evidence file {evidence_id}")
    if evidence.content is None:
        raise EvidenceRefused(
            f"evidence: {evidence.filename} was listed by an import without its content; "
            "restore a backup to download it"
        )
    return EvidenceDownload(evidence.filename, evidence.content_type, evidence.content)


def record_follow_up_with_evidence(
    session: Session, *, actor: Actor, files: Sequence[tuple[str, bytes]], **follow_up: Any
) -> FollowUp:
    """`record_follow_up` and then attach each file; any refusal leaves the caller to roll back."""
    recorded = record_follow_up(session, actor=actor, **follow_up)
    assert recorded.id is not None  # flushed by record_follow_up
    for filename, data in files:
        attach_evidence(
            session, actor=actor, follow_up_id=recorded.id, filename=filename, data=data
        )
    return recorded
