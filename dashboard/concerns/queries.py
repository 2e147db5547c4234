"""Reads of concerns: the register as the viewer may read it, one concern, refs, form choices."""

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, true
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.concerns.rules import PARTNER_SOURCES, ConcernFacts, ConcernFilter, open_on
from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import ConcernResponse, Risk
from models.concerns import Concern
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider

EVERY_CONCERN = ConcernFilter()
_ConcernGroup = aliased(InspectionGroup)
_InspectedGroup = aliased(InspectionGroup)
_InspectedProvider = aliased(Provider)


@dataclass(frozen=True)
class ConcernChoices:
    """What a concern form may name: providers, groups by provider, inspections by provider."""

    providers: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)
    inspections: dict[str, list[str]] = field(default_factory=dict)


def readable_by(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: staff read every concern; partners those the Home Office or the prime contractor
    raised, and those escalated."""
    if viewer.sees_every_report:
        return true()
    return or_(
        col(Concern.source).in_(sorted(PARTNER_SOURCES)),
        col(Concern.response) == ConcernResponse.ESCALATED,
    )


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(item.strip() for item in (text or "").split(";") if item.strip())


def _within(column: Any, chosen: Collection[str]) -> ColumnElement[bool]:
    return col(column).in_(sorted(chosen)) if chosen else true()


def _open_on(as_of: date | None) -> ColumnElement[bool]:
    """SQL: received on or before the date and not closed by it (no date: every concern)."""
    if as_of is None:
        return true()
    closed_on = col(Concern.closed_on)
    return and_(col(Concern.received_on) <= as_of, or_(closed_on.is_(None), closed_on > as_of))


def concern_rows(
    session: Session, viewer: Viewer, chosen: ConcernFilter = EVERY_CONCERN
) -> list[ConcernFacts]:
    """The concerns the viewer may read that match the filters, newest received first."""
    statement: Select[*tuple[Any, ...]] = (
        Select(
            col(Concern.ref),
            col(Concern.received_on),
            col(Concern.source),
            col(Provider.code),
            col(_ConcernGroup.code),
            col(Concern.key_questions),
            col(Concern.summary),
            col(Concern.risk),
            col(Concern.status),
            col(Concern.response),
            col(Inspection.ref),
            col(Concern.closed_on),
            col(Concern.version),
        )
        .join(Provider, col(Concern.provider_id) == col(Provider.id))
        .outerjoin(_ConcernGroup, col(Concern.group_id) == _ConcernGroup.id)
        .outerjoin(Inspection, col(Concern.inspection_id) == col(Inspection.id))
        .where(
            readable_by(viewer),
            _within(Concern.status, chosen.statuses),
            _within(Concern.source, chosen.sources),
            _within(Provider.code, chosen.providers),
            _within(Concern.risk, chosen.risks),
            _within(_ConcernGroup.code, chosen.groups),
            _open_on(chosen.open_on),
        )
        .order_by(col(Concern.received_on).desc(), col(Concern.ref))
    )
    return [
        ConcernFacts(
            ref,
            received,
            source,
            provider,
            group,
            _split(kqs),
            summary,
            risk,
            status,
            response,
            inspection,
            closed,
            version,
        )  # fmt: skip
        for (
            ref,
            received,
            source,
            provider,
            group,
            kqs,
            summary,
            risk,
            status,
            response,
            inspection,
            closed,
            version,
        ) in session.exec(statement)  # fmt: skip
    ]


def open_high_risk_counts(session: Session, viewer: Viewer, as_of: date) -> Counter[str]:
    """High-risk concerns open on the date by provider code, counted in SQL, as the viewer may
    read them."""
    statement = (
        select(col(Provider.code), func.count())
        .select_from(Concern)
        .join(Provider, col(Concern.provider_id) == col(Provider.id))
        .where(readable_by(viewer), col(Concern.risk) == Risk.HIGH, _open_on(as_of))
        .group_by(col(Provider.code))
    )
    return Counter(dict(session.exec(statement).all()))


def open_concerns_of(
    session: Session, viewer: Viewer, provider_code: str, as_of: date
) -> list[ConcernFacts]:
    """One provider's concerns open on the date that the viewer may read, highest risk first."""
    chosen = ConcernFilter(providers=(provider_code,), open_on=as_of)
    return open_on(concern_rows(session, viewer, chosen), as_of)


def open_concerns(session: Session, viewer: Viewer, as_of: date) -> list[ConcernFacts]:
    """The concerns the viewer may read that are open on the date, highest risk first."""
    return open_on(concern_rows(session, viewer, ConcernFilter(open_on=as_of)), as_of)


def concern_row(session: Session, ref: str) -> Concern | None:
    """The concern table row with this ref, to change it."""
    return session.exec(select(Concern).where(Concern.ref == ref)).first()


def refs_starting(session: Session, prefix: str) -> list[str]:
    """Concern refs that begin with a prefix, to number the next one."""
    matching = col(Concern.ref).startswith(prefix, autoescape=True)
    return list(session.exec(select(Concern.ref).where(matching)))


def ids_of(
    session: Session, provider_code: str, group_code: str | None, inspection_ref: str | None
) -> dict[str, int | None]:
    """The ids a concern's codes and refs name (already checked to exist)."""
    provider_id = session.exec(select(Provider.id).where(Provider.code == provider_code)).first()
    group_id = (
        session.exec(select(InspectionGroup.id).where(InspectionGroup.code == group_code)).first()
        if group_code
        else None
    )
    inspection_id = (
        session.exec(select(Inspection.id).where(Inspection.ref == inspection_ref)).first()
        if inspection_ref
        else None
    )
    return {"provider_id": provider_id, "group_id": group_id, "inspection_id": inspection_id}


def concern_choices(session: Session) -> ConcernChoices:
    """Every provider, and its inspection groups and inspections, for the concern form."""
    providers = list(session.exec(select(Provider.code).order_by(col(Provider.code))))
    groups: dict[str, list[str]] = {code: [] for code in providers}
    for group_code, provider_code in session.exec(
        select(InspectionGroup.code, Provider.code)
        .join(Provider, col(InspectionGroup.provider_id) == col(Provider.id))
        .order_by(col(InspectionGroup.code))
    ):
        groups[provider_code].append(group_code)
    inspections: dict[str, list[str]] = {code: [] for code in providers}
    for inspection_ref, provider_code in session.exec(
        select(Inspection.ref, _InspectedProvider.code)
        .join(_InspectedGroup, col(Inspection.group_id) == _InspectedGroup.id)
        .join(_InspectedProvider, col(_InspectedGroup.provider_id) == col(_InspectedProvider.id))
        .order_by(col(Inspection.start_on).desc())
    ):
        inspections[provider_code].append(inspection_ref)
    return ConcernChoices(providers, groups, inspections)
