"""Reads for follow-ups: due recommendations, whose they are, and where reminders go."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, select

from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, OPEN_RECOMMENDATION_STATUSES, OwnerOrg
from dashboard.follow_ups.reminders import OpenAction
from dashboard.follow_ups.rules import (
    DueRecommendation,
    FollowUpDue,
    due_follow_ups,
    window_end,
)
from models.accounts import User
from models.governance import Action, Meeting
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider
from models.recommendations import FollowUp, Recommendation


@dataclass(frozen=True)
class RecommendationContext:
    """A recommendation row with the inspection and provider facts that decide who may act."""

    recommendation: Recommendation
    inspection_ref: str
    inspection_start_on: date
    lead_inspector: str | None
    allocated_inspector: str | None


def _with_context() -> Any:
    """Recommendations joined to their inspection, group and provider."""
    return (
        select(
            Recommendation,
            Inspection.ref,
            Inspection.start_on,
            Inspection.lead_inspector,
            Provider.allocated_inspector,
        )
        .join(Inspection, Recommendation.inspection_id == Inspection.id)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
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


def recommendation_ref_of(session: Session, recommendation_id: int) -> str | None:
    """The ref of a recommendation by id."""
    return session.exec(
        select(Recommendation.ref).where(Recommendation.id == recommendation_id)
    ).first()


def due_recommendations(
    session: Session,
    *,
    due_by: date,
    inspector: str | None = None,
    include_allocated: bool = False,
) -> list[DueRecommendation]:
    """Open recommendations with a due date on or before `due_by`, optionally one inspector's."""
    statement = (
        select(
            Recommendation.ref,
            Inspection.ref,
            InspectionGroup.code,
            Provider.code,
            Recommendation.risk,
            Recommendation.due_on,
            Recommendation.status,
            Inspection.lead_inspector,
            Provider.allocated_inspector,
            Recommendation.version,
        )
        .join(Inspection, Recommendation.inspection_id == Inspection.id)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
        .where(
            Recommendation.status.in_(OPEN_RECOMMENDATION_STATUSES),  # type: ignore[attr-defined]
            Recommendation.due_on.is_not(None),  # type: ignore[union-attr]
            Recommendation.due_on <= due_by,  # type: ignore[operator]
        )
        .order_by(Recommendation.due_on, Recommendation.ref)
    )
    if inspector is not None:
        mine = Inspection.lead_inspector == inspector
        if include_allocated:
            mine = or_(mine, Provider.allocated_inspector == inspector)
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
            User.email.is_not(None),
            User.disabled.is_(False),  # type: ignore[union-attr,attr-defined]
        )
    )
    return {name: email for name, email in rows if email}


def open_cqc_actions(session: Session) -> list[OpenAction]:
    """Governance actions owned by a named person at CQC that are open or in progress."""
    statement = (
        select(Action.ref, Meeting.ref, Action.owner_name, Action.due_on, Action.status)
        .join(Meeting, Action.meeting_id == Meeting.id)
        .where(
            Action.owner_org == OwnerOrg.CQC,
            Action.owner_name.is_not(None),  # type: ignore[union-attr]
            Action.status.in_(OPEN_ACTION_STATUSES),  # type: ignore[attr-defined]
        )
        .order_by(Action.owner_name, Action.due_on, Action.ref)
    )
    return [OpenAction(*row) for row in session.exec(statement)]
