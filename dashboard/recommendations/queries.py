"""Reads behind the recommendations, themes and good-practice views."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES
from dashboard.recommendations.rules import RecommendationFacts, ThemeCount
from models.good_practice import GoodPractice
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import FollowUp, Recommendation

NO_THEME = "(no theme)"
NO_KEY_QUESTION = "(none)"


@dataclass(frozen=True)
class FollowUpEntry:
    """One dated update on a recommendation."""

    made_on: date
    made_by: str | None
    note: str | None
    status: str | None


@dataclass(frozen=True)
class RecommendationDetail:
    """One recommendation in full: its text, source, closure facts and follow-up timeline."""

    facts: RecommendationFacts
    text: str
    inspection_type: str
    judgement: str | None
    version: int
    verified_by: str | None
    verified_on: date | None
    superseded_by_ref: str | None
    due_on_reason: str | None
    follow_ups: tuple[FollowUpEntry, ...]


@dataclass(frozen=True)
class GoodPracticeEntry:
    """One entry of the good-practice log."""

    inspection_ref: str
    provider_code: str
    theme: str
    text: str
    recorded_by: str
    recorded_at: datetime


def _register_statement() -> Any:
    """Recommendations joined to their inspection, group, provider and (if any) service."""
    return (
        select(
            Recommendation.ref,
            Inspection.ref,
            Inspection.start_on,
            func.coalesce(Inspection.end_on, Inspection.start_on),
            Inspection.lead_inspector,
            Provider.code,
            Provider.name,
            InspectionGroup.code,
            Service.code,
            Recommendation.key_question,
            Recommendation.kloe,
            Recommendation.theme,
            Recommendation.risk,
            Recommendation.owner,
            Recommendation.status,
            Recommendation.due_on,
            Recommendation.closed_on,
        )
        .join(Inspection, Recommendation.inspection_id == Inspection.id)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
        .outerjoin(Service, Recommendation.service_id == Service.id)
    )


def recommendation_register(session: Session) -> list[RecommendationFacts]:
    """Every recommendation with its inspection, group, provider and service, by ref."""
    statement = _register_statement().order_by(Recommendation.ref)
    return [RecommendationFacts(*row) for row in session.exec(statement)]


def recommendation_detail(session: Session, ref: str) -> RecommendationDetail | None:
    """One recommendation in full, with its follow-ups oldest first; None if unknown."""
    facts_row = session.exec(_register_statement().where(Recommendation.ref == ref)).first()
    if facts_row is None:
        return None
    replacement = aliased(Recommendation)
    rec, kind, judgement, superseded_by = session.exec(
        select(
            Recommendation, Inspection.inspection_type, JudgementRecord.judgement, replacement.ref
        )
        .join(Inspection, Recommendation.inspection_id == Inspection.id)
        .outerjoin(
            JudgementRecord,
            and_(
                JudgementRecord.inspection_id == Inspection.id,
                JudgementRecord.key_question == Recommendation.key_question,
            ),
        )
        .outerjoin(replacement, Recommendation.superseded_by_id == replacement.id)
        .where(Recommendation.ref == ref)
    ).one()
    follow_ups = session.exec(
        select(FollowUp.made_on, FollowUp.made_by, FollowUp.note, FollowUp.status)
        .where(FollowUp.recommendation_id == rec.id)
        .order_by(FollowUp.made_on, FollowUp.id)
    )
    return RecommendationDetail(
        facts=RecommendationFacts(*facts_row),
        text=rec.text,
        inspection_type=kind,
        judgement=judgement,
        version=rec.version,
        verified_by=rec.verified_by,
        verified_on=rec.verified_on,
        superseded_by_ref=superseded_by,
        due_on_reason=rec.due_on_reason,
        follow_ups=tuple(FollowUpEntry(*row) for row in follow_ups),
    )


def _programme_year() -> ColumnElement[int]:
    """The programme year an inspection started in (April to March), computed in SQL."""
    start = Inspection.start_on
    return extract("year", start) - case((extract("month", start) < 4, 1), else_=0)


def theme_counts(session: Session) -> list[ThemeCount]:
    """Recommendations counted by theme, key question, provider and programme year."""
    theme = func.coalesce(Recommendation.theme, NO_THEME)
    key_question = func.coalesce(Recommendation.key_question, NO_KEY_QUESTION)
    year = _programme_year()
    still_open = case((col(Recommendation.status).in_(OPEN_RECOMMENDATION_STATUSES), 1), else_=0)
    statement = (
        select(theme, key_question, Provider.code, year, func.count(), func.sum(still_open))
        .join(Inspection, Recommendation.inspection_id == Inspection.id)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
        .group_by(theme, key_question, Provider.code, year)
        .order_by(theme, key_question, Provider.code, year)
    )
    return [
        ThemeCount(t, kq, provider, int(y), int(total), int(n_open or 0))
        for t, kq, provider, y, total, n_open in session.exec(statement)
    ]


def good_practice_log(session: Session) -> list[GoodPracticeEntry]:
    """The good-practice log, newest first."""
    statement = (
        select(
            Inspection.ref,
            Provider.code,
            GoodPractice.theme,
            GoodPractice.text,
            GoodPractice.recorded_by,
            GoodPractice.recorded_at,
        )
        .join(Inspection, GoodPractice.inspection_id == Inspection.id)
        .join(InspectionGroup, Inspection.group_id == InspectionGroup.id)
        .join(Provider, InspectionGroup.provider_id == Provider.id)
        .order_by(col(GoodPractice.recorded_at).desc(), col(GoodPractice.id).desc())
    )
    return [GoodPracticeEntry(*row) for row in session.exec(statement)]


def inspections_led(session: Session, as_of: date) -> list[tuple[str, str | None]]:
    """Inspections started by the date with their lead inspector, newest first."""
    statement = (
        select(Inspection.ref, Inspection.lead_inspector)
        .where(Inspection.start_on <= as_of)
        .order_by(col(Inspection.start_on).desc(), Inspection.ref)
    )
    return [(ref, lead) for ref, lead in session.exec(statement)]


def inspection_end_on(session: Session, inspection_id: int) -> date | None:
    """When an inspection ended (None while it has no end date)."""
    statement = select(Inspection.end_on).where(Inspection.id == inspection_id)
    return session.exec(statement).one()


def inspection_by_ref(session: Session, ref: str) -> Inspection | None:
    """The inspection with this ref, to log good practice from it."""
    return session.exec(select(Inspection).where(Inspection.ref == ref)).first()
