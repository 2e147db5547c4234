"""Reads of the national recommendations and their dated updates."""

from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, func, select

from dashboard.core.programme_year import programme_year_bounds
from dashboard.core.vocabulary import InspectionStatus
from dashboard.governance.rules import StatusChange
from dashboard.national.rules import NationalFacts
from models.inspections import Inspection, JudgementRecord
from models.national import NationalRecommendation, NationalRecommendationUpdate


def national_recommendations(session: Session) -> list[NationalFacts]:
    """Every national recommendation with its status changes, by ref (a few dozen a year)."""
    changes: dict[int, list[StatusChange]] = defaultdict(list)
    statement = (
        select(
            col(NationalRecommendationUpdate.national_recommendation_id),
            col(NationalRecommendationUpdate.on),
            col(NationalRecommendationUpdate.status),
        )
        .where(col(NationalRecommendationUpdate.status).is_not(None))
        .order_by(col(NationalRecommendationUpdate.on))
    )
    for owner_id, on, status in session.exec(statement):
        if status is not None:  # always, by the where clause; narrows the type
            changes[owner_id].append(StatusChange(on, status))
    rows = session.exec(select(NationalRecommendation).order_by(col(NationalRecommendation.ref)))
    return [
        NationalFacts(
            ref=r.ref,
            programme_year=r.programme_year,
            owner_org=r.owner_org,
            text=r.text,
            due_on=r.due_on,
            status=r.status,
            closed_on=r.closed_on,
            updates=tuple(changes.get(r.id or 0, ())),
            version=r.version,
        )
        for r in rows
    ]


def updates_of(session: Session, ref: str) -> list[NationalRecommendationUpdate]:
    """The dated updates of one national recommendation, oldest first."""
    statement = (
        select(NationalRecommendationUpdate)
        .join(
            NationalRecommendation,
            col(NationalRecommendationUpdate.national_recommendation_id)
            == col(NationalRecommendation.id),
        )
        .where(NationalRecommendation.ref == ref)
        .order_by(col(NationalRecommendationUpdate.on), col(NationalRecommendationUpdate.id))
    )
    return list(session.exec(statement))


def judgement_counts(session: Session, year: int, as_of: date) -> dict[tuple[str, str], int]:
    """Judgements by (key question, judgement) of the inspections carried out in programme year
    `year` (started within it) whose final report was sent by `as_of`, counted in SQL."""
    first, last = programme_year_bounds(year)
    statement = (
        select(col(JudgementRecord.key_question), col(JudgementRecord.judgement), func.count())
        .join(Inspection, col(JudgementRecord.inspection_id) == col(Inspection.id))
        .where(
            col(Inspection.status) == InspectionStatus.CARRIED_OUT,
            col(Inspection.start_on) >= first,
            col(Inspection.start_on) <= last,
            col(Inspection.final_sent_on) <= as_of,
        )
        .group_by(col(JudgementRecord.key_question), col(JudgementRecord.judgement))
    )
    return {(kq, judgement): count for kq, judgement, count in session.exec(statement)}
