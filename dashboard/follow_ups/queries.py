"""Reads for follow-ups: due recommendations, whose they are, and where reminders go."""

from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, OPEN_RECOMMENDATION_STATUSES, OwnerOrg
from dashboard.follow_ups.rules import (
    DueRecommendation,
    EvidenceInfo,
    FollowUpDue,
    FollowUpRefused,
    OpenAction,
    RecommendationContext,
    due_follow_ups,
    window_end,
)
from dashboard.inspections.queries import report_sent_to, through_inspection
from models.accounts import User
from models.evidence import EvidenceFile
from models.governance import Action, Meeting
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider
from models.recommendations import FollowUp, Recommendation


def _with_context() -> Any:
    """Recommendations joined to their inspection, group and provider."""
    return through_inspection(
        Select(
            Recommendation,
            col(Inspection.ref),
            col(Inspection.start_on),
            col(Inspection.lead_inspector),
            col(Provider.allocated_inspector),
        ),
        col(Recommendation.inspection_id),
    )


def recommendation_context(session: Session, ref: str) -> RecommendationContext | None:
    """The recommendation with this ref and who it belongs to, or None if there is none."""
    row = session.exec(_with_context().where(Recommendation.ref == ref)).first()
    return None if row is None else RecommendationContext(*row)


def follow_up_context(
    session: Session, follow_up_id: int
) -> tuple[FollowUp, RecommendationContext] | None:
    """A follow-up and its recommendation's context, or None if there is no such follow-up."""
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        return None
    row = session.exec(
        _with_context().where(Recommendation.id == follow_up.recommendation_id)
    ).one()
    return follow_up, RecommendationContext(*row)


def _last_follow_up_id() -> Any:
    """SQL: the id of the recommendation's latest follow-up (latest day, then latest made)."""
    latest = aliased(FollowUp)
    return (
        select(col(latest.id))
        .where(col(latest.recommendation_id) == col(Recommendation.id))
        .order_by(col(latest.made_on).desc(), col(latest.id).desc())
        .limit(1)
        .correlate(Recommendation)
        .scalar_subquery()
    )


def due_recommendations(
    session: Session,
    *,
    due_by: date,
    inspector: str | None = None,
    include_allocated: bool = False,
) -> list[DueRecommendation]:
    """Open recommendations falling due on or before `due_by` (none before its final report
    is sent, unless given a date), optionally one inspector's."""
    statement: Select[*tuple[Any, ...]] = (
        through_inspection(
            Select(
                col(Recommendation.ref),
                col(Inspection.ref),
                col(InspectionGroup.code),
                col(Provider.code),
                col(Recommendation.risk),
                col(Recommendation.falls_due_on),
                col(Recommendation.status),
                col(Inspection.lead_inspector),
                col(Provider.allocated_inspector),
                col(Recommendation.version),
                col(Recommendation.text),
                col(Provider.name),
                col(FollowUp.made_on),
                col(FollowUp.status),
                col(FollowUp.note),
            ),
            col(Recommendation.inspection_id),
        )
        .outerjoin(FollowUp, col(FollowUp.id) == _last_follow_up_id())
        .where(
            Recommendation.status.in_(OPEN_RECOMMENDATION_STATUSES),  # type: ignore[attr-defined]
            col(Recommendation.falls_due_on).is_not(None),
            col(Recommendation.falls_due_on) <= due_by,
        )
        .order_by(col(Recommendation.falls_due_on), col(Recommendation.ref))
    )
    if inspector is not None:
        mine = col(Inspection.lead_inspector) == inspector
        if include_allocated:
            mine = or_(mine, col(Provider.allocated_inspector) == inspector)
        statement = statement.where(mine)
    return [DueRecommendation(*row) for row in session.exec(statement)]


def follow_ups_due(
    session: Session,
    *,
    as_of: date,
    within_days: int,
    inspector: str | None = None,
    include_allocated: bool = False,
) -> list[FollowUpDue]:
    """The follow-ups due as of a date within a window, for everyone or one inspector."""
    recs = due_recommendations(
        session,
        due_by=window_end(as_of, within_days),
        inspector=inspector,
        include_allocated=include_allocated,
    )
    return due_follow_ups(
        recs, as_of, within_days, inspector=inspector, include_allocated=include_allocated
    )


def inspector_names(session: Session) -> list[str]:
    """Everyone who leads inspections, is allocated to a provider or logs in as an inspector."""
    leads = session.exec(select(Inspection.lead_inspector).distinct())
    allocated = session.exec(select(Provider.allocated_inspector).distinct())
    users = session.exec(select(User.display_name).where(User.role == "inspector"))
    return sorted({name for name in [*leads, *allocated, *users] if name})


def emails_by_name(session: Session) -> dict[str, str]:
    """The email address of each enabled user with one, by display name."""
    rows = session.exec(
        select(User.display_name, User.email).where(
            col(User.email).is_not(None),
            col(User.disabled).is_(False),
        )
    )
    return {name: email for name, email in rows if email}


def open_cqc_actions(session: Session) -> list[OpenAction]:
    """Governance actions owned by a named person at CQC that are open or in progress."""
    statement: Select[*tuple[Any, ...]] = (
        Select(
            col(Action.ref),
            col(Meeting.ref),
            col(Action.owner_name),
            col(Action.due_on),
            col(Action.status),
        )
        .join(Meeting, col(Action.meeting_id) == col(Meeting.id))
        .where(
            Action.owner_org == OwnerOrg.CQC,
            Action.owner_name.is_not(None),  # type: ignore[union-attr]
            Action.status.in_(OPEN_ACTION_STATUSES),  # type: ignore[attr-defined]
        )
        .order_by(col(Action.owner_name), col(Action.due_on), col(Action.ref))
    )
    return [OpenAction(*row) for row in session.exec(statement)]


def context_of(session: Session, recommendation_ref: str) -> RecommendationContext:
    """The recommendation with this ref, or a refusal naming the unknown ref."""
    context = recommendation_context(session, recommendation_ref.strip())
    if context is None:
        raise FollowUpRefused(f"recommendation: there is no recommendation '{recommendation_ref}'")
    return context


def _info_columns() -> tuple[Any, ...]:
    return (
        EvidenceFile.id,
        EvidenceFile.follow_up_id,
        EvidenceFile.filename,
        EvidenceFile.content_type,
        EvidenceFile.size_bytes,
        EvidenceFile.sha256,
        EvidenceFile.uploaded_by,
        EvidenceFile.uploaded_at,
        col(EvidenceFile.content).is_not(None),  # False when an import listed it without content
    )


def _evidence_seen_by(statement: Any, viewer: Viewer) -> Any:
    """An evidence statement narrowed to files of recommendations the viewer may see (a
    partner's only of inspections whose final report was sent to them)."""
    if viewer.sees_every_report:
        return statement
    return (
        statement.join(FollowUp, col(EvidenceFile.follow_up_id) == col(FollowUp.id))
        .join(Recommendation, col(FollowUp.recommendation_id) == col(Recommendation.id))
        .join(Inspection, col(Recommendation.inspection_id) == col(Inspection.id))
        .where(report_sent_to(viewer))
    )


def evidence_of_follow_up(
    session: Session, follow_up_id: int, *, viewer: Viewer
) -> list[EvidenceInfo]:
    """The files attached to a follow-up (without their content) that the viewer may see,
    oldest first."""
    statement = _evidence_seen_by(
        select(*_info_columns()).where(EvidenceFile.follow_up_id == follow_up_id), viewer
    ).order_by(col(EvidenceFile.id))
    return [EvidenceInfo(*row) for row in session.exec(statement)]


def evidence_of_recommendation(
    session: Session, recommendation_ref: str, *, viewer: Viewer
) -> list[EvidenceInfo]:
    """Every file attached to any follow-up of a recommendation, oldest first (none when the
    viewer may not see the recommendation)."""
    statement = (
        select(*_info_columns())
        .join(FollowUp, col(EvidenceFile.follow_up_id) == col(FollowUp.id))
        .join(Recommendation, col(FollowUp.recommendation_id) == col(Recommendation.id))
        .join(Inspection, col(Recommendation.inspection_id) == col(Inspection.id))
        .where(Recommendation.ref == recommendation_ref, report_sent_to(viewer))
        .order_by(col(EvidenceFile.id))
    )
    return [EvidenceInfo(*row) for row in session.exec(statement)]


def evidence_file(session: Session, evidence_id: int, *, viewer: Viewer) -> EvidenceFile | None:
    """One evidence file with its content, if the viewer may see it."""
    statement = _evidence_seen_by(
        select(EvidenceFile).where(EvidenceFile.id == evidence_id), viewer
    )
    found: EvidenceFile | None = session.exec(statement).first()
    return found


def follow_up_notes_on(session: Session, recommendation_id: int, on: date) -> list[str | None]:
    """The notes of the recommendation's follow-ups made on a day (to refuse one twice)."""
    statement = select(col(FollowUp.note)).where(
        col(FollowUp.recommendation_id) == recommendation_id, col(FollowUp.made_on) == on
    )
    return list(session.exec(statement))
