"""Reads behind the recommendations, themes and good-practice views."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES
from dashboard.inspections.queries import report_sent_to, through_inspection
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
    return through_inspection(
        Select(
            col(Recommendation.ref),
            col(Inspection.ref),
            col(Inspection.start_on),
            func.coalesce(col(Inspection.end_on), col(Inspection.start_on)),
            col(Inspection.lead_inspector),
            col(Provider.code),
            col(Provider.name),
            col(InspectionGroup.code),
            col(Service.code),
            col(Recommendation.key_question),
            col(Recommendation.kloe),
            col(Recommendation.theme),
            col(Recommendation.risk),
            col(Recommendation.owner),
            col(Recommendation.status),
            col(Recommendation.due_on),
            col(Recommendation.closed_on),
        ),
        col(Recommendation.inspection_id),
    ).outerjoin(Service, col(Recommendation.service_id) == col(Service.id))


def recommendation_register(session: Session, *, viewer: Viewer) -> list[RecommendationFacts]:
    """Every recommendation the viewer may see with its inspection, group, provider and
    service, by ref (a partner's only of inspections whose final report was sent to them)."""
    statement = (
        _register_statement().where(report_sent_to(viewer)).order_by(col(Recommendation.ref))
    )
    return [RecommendationFacts(*row) for row in session.exec(statement)]


def recommendation_detail(
    session: Session, ref: str, *, viewer: Viewer
) -> RecommendationDetail | None:
    """One recommendation in full, with its follow-ups oldest first; None if unknown or not
    shown to the viewer."""
    facts_row = session.exec(
        _register_statement().where(Recommendation.ref == ref, report_sent_to(viewer))
    ).first()
    if facts_row is None:
        return None
    replacement = aliased(Recommendation)
    rec, kind, judgement, superseded_by = session.exec(
        select(
            Recommendation, Inspection.inspection_type, JudgementRecord.judgement, replacement.ref
        )
        .join(Inspection, col(Recommendation.inspection_id) == col(Inspection.id))
        .outerjoin(
            JudgementRecord,
            and_(
                col(JudgementRecord.inspection_id) == col(Inspection.id),
                col(JudgementRecord.key_question) == col(Recommendation.key_question),
            ),
        )
        .outerjoin(replacement, col(Recommendation.superseded_by_id) == replacement.id)
        .where(Recommendation.ref == ref)
    ).one()
    follow_ups = session.exec(
        select(
            col(FollowUp.made_on), col(FollowUp.made_by), col(FollowUp.note), col(FollowUp.status)
        )
        .where(FollowUp.recommendation_id == rec.id)
        .order_by(col(FollowUp.made_on), col(FollowUp.id))
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
    start = col(Inspection.start_on)
    return extract("year", start) - case((extract("month", start) < 4, 1), else_=0)


def theme_counts(session: Session, *, viewer: Viewer) -> list[ThemeCount]:
    """Recommendations the viewer may see counted by theme, key question, provider and
    programme year."""
    theme = func.coalesce(col(Recommendation.theme), NO_THEME)
    key_question = func.coalesce(col(Recommendation.key_question), NO_KEY_QUESTION)
    year = _programme_year()
    still_open = case((col(Recommendation.status).in_(OPEN_RECOMMENDATION_STATUSES), 1), else_=0)
    statement: Select[*tuple[Any, ...]] = (
        through_inspection(
            Select(
                theme, key_question, col(Provider.code), year, func.count(), func.sum(still_open)
            ),
            col(Recommendation.inspection_id),
        )
        .where(report_sent_to(viewer))
        .group_by(theme, key_question, col(Provider.code), year)
        .order_by(theme, key_question, col(Provider.code), year)
    )
    return [
        ThemeCount(t, kq, provider, int(y), int(total), int(n_open or 0))
        for t, kq, provider, y, total, n_open in session.exec(statement)
    ]


def good_practice_log(session: Session, *, viewer: Viewer) -> list[GoodPracticeEntry]:
    """The good-practice log as the viewer may see it, newest first."""
    statement: Select[*tuple[Any, ...]] = (
        through_inspection(
            Select(
                col(Inspection.ref),
                col(Provider.code),
                col(GoodPractice.theme),
                col(GoodPractice.text),
                col(GoodPractice.recorded_by),
                col(GoodPractice.recorded_at),
            ),
            col(GoodPractice.inspection_id),
        )
        .where(report_sent_to(viewer))
        .order_by(col(GoodPractice.recorded_at).desc(), col(GoodPractice.id).desc())
    )
    return [GoodPracticeEntry(*row) for row in session.exec(statement)]


def inspections_led(session: Session, as_of: date) -> list[tuple[str, str | None]]:
    """Inspections started by the date with their lead inspector, newest first."""
    statement = (
        select(Inspection.ref, Inspection.lead_inspector)
        .where(Inspection.start_on <= as_of)
        .order_by(col(Inspection.start_on).desc(), col(Inspection.ref))
    )
    return [(ref, lead) for ref, lead in session.exec(statement)]


def inspection_end_on(session: Session, inspection_id: int) -> date | None:
    """When an inspection ended (None while it has no end date)."""
    statement = select(col(Inspection.end_on)).where(Inspection.id == inspection_id)
    return session.exec(statement).one()


def inspection_by_ref(session: Session, ref: str) -> Inspection | None:
    """The inspection with this ref, to log good practice from it."""
    return session.exec(select(Inspection).where(Inspection.ref == ref)).first()
