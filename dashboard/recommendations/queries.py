"""Reads behind the recommendations, themes and good-practice views; and the one write kept
here, `refresh_falls_due_on`, which keeps the derived `falls_due_on` in step from every write path
(the inspections service and the importer call it, and they may not call this feature's
service)."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, extract, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, Risk

# As a module: the importer calls refresh_falls_due_on, and inspections.queries loads the
# importer, so its names are read when called, not while this module loads.
from dashboard.inspections import queries as inspection_queries
from dashboard.recommendations.rules import (
    DEFAULT_DUE_WORKING_DAYS,
    RecommendationFacts,
    ThemeCount,
    falls_due_on,
)
from models.good_practice import GoodPractice
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import FollowUp, Recommendation, RecommendationTimescale

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
    # The working days after the final report its risk falls due in (the programme setting).
    working_days: int = 0


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
    return inspection_queries.through_inspection(
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
            col(Recommendation.falls_due_on),
            col(Recommendation.closed_on),
            col(Inspection.final_sent_on),
            col(Recommendation.due_on),
        ),
        col(Recommendation.inspection_id),
    ).outerjoin(Service, col(Recommendation.service_id) == col(Service.id))


def recommendation_register(session: Session, *, viewer: Viewer) -> list[RecommendationFacts]:
    """Every recommendation the viewer may see with its inspection, group, provider and
    service, by ref (a partner's only of inspections whose final report was sent to them)."""
    statement = (
        _register_statement()
        .where(inspection_queries.report_sent_to(viewer))
        .order_by(col(Recommendation.ref))
    )
    return [RecommendationFacts(*row) for row in session.exec(statement)]


def recommendation_detail(
    session: Session, ref: str, *, viewer: Viewer
) -> RecommendationDetail | None:
    """One recommendation in full, with its follow-ups oldest first; None if unknown or not
    shown to the viewer."""
    facts_row = session.exec(
        _register_statement().where(
            Recommendation.ref == ref, inspection_queries.report_sent_to(viewer)
        )
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
        working_days=timescales(session)[Risk(rec.risk)],
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
        inspection_queries.through_inspection(
            Select(
                theme, key_question, col(Provider.code), year, func.count(), func.sum(still_open)
            ),
            col(Recommendation.inspection_id),
        )
        .where(inspection_queries.report_sent_to(viewer))
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
        inspection_queries.through_inspection(
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
        .where(inspection_queries.report_sent_to(viewer))
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


def timescale_rows(session: Session) -> dict[Risk, RecommendationTimescale]:
    """The stored timescale rows by risk (a risk missing from the table is absent here)."""
    rows = session.exec(select(RecommendationTimescale)).all()
    return {Risk(row.risk): row for row in rows if row.risk in set(Risk)}


def timescales(session: Session) -> dict[Risk, int]:
    """Working days after the final report each risk falls due in: the programme settings,
    the defaults (high 20, medium 60, low 120) for any risk not set."""
    stored = {risk: row.working_days for risk, row in timescale_rows(session).items()}
    return {risk: stored.get(risk, DEFAULT_DUE_WORKING_DAYS[risk]) for risk in Risk}


def refresh_falls_due_on(session: Session, *, inspection_ids: Collection[int] | None = None) -> int:
    """Bring `falls_due_on` in step with the explicit due date, the final report and the
    timescales, for every recommendation (or those of the given inspections); returns how many
    changed. Runs in the caller's transaction; a derived value, so no audit entry or version."""
    session.flush()
    statement: Select[*tuple[Any, ...]] = Select(
        col(Recommendation.id),
        col(Recommendation.risk),
        col(Recommendation.due_on),
        col(Inspection.final_sent_on),
        col(Recommendation.falls_due_on),
    ).join(Inspection, col(Recommendation.inspection_id) == col(Inspection.id))
    if inspection_ids is not None:
        statement = statement.where(col(Recommendation.inspection_id).in_(list(inspection_ids)))
    days = timescales(session)
    changed = [
        {"rid": rid, "falls": due}
        for rid, risk, due_on, final_sent_on, stored in session.exec(statement)
        if (due := _falls_due_on(due_on, risk, final_sent_on, days)) != stored
    ]
    if not changed:
        return 0
    table = Recommendation.__table__
    session.connection().execute(
        update(table).where(table.c.id == bindparam("rid")).values(falls_due_on=bindparam("falls")),
        changed,
    )
    _forget_stored_dates(session, {row["rid"] for row in changed})
    return len(changed)


def _falls_due_on(
    due_on: date | None, risk: str, final_sent_on: date | None, days: Mapping[Risk, int]
) -> date | None:
    """The rule, with a risk outside the vocabulary (never valid input) left undated."""
    if due_on is None and risk not in set(Risk):
        return None
    return falls_due_on(due_on, risk, final_sent_on, days)


def _forget_stored_dates(session: Session, ids: set[int]) -> None:
    """Recommendations this session holds read `falls_due_on` afresh after the UPDATE."""
    for held in list(session.identity_map.values()):
        if isinstance(held, Recommendation) and held.id in ids:
            session.expire(held, ["falls_due_on"])
