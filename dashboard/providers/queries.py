"""Reads behind the Providers page: the ranked list, and one provider in full as a viewer may
see it, each filtered in SQL to the provider asked for."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.concerns import queries as concern_queries
from dashboard.concerns.rules import ConcernFacts
from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, InspectionStatus
from dashboard.coverage import queries as coverage_queries
from dashboard.coverage.queries import OpenRecommendation
from dashboard.coverage.rules import (
    CoverageStatus,
    GroupCoverage,
    GroupFacts,
    InspectionStart,
    ServiceSpan,
    coverage_as_of,
)
from dashboard.inspections.queries import report_sent_to, through_inspection
from dashboard.inspections.rules import InspectionDates, as_seen_by
from dashboard.providers.rules import (
    Cooperation,
    ProviderStanding,
    cooperation,
    ranked,
    sees_lead_contact,
)
from models.governance import Meeting
from models.inspections import Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import Recommendation


@dataclass(frozen=True)
class LeadContact:
    """The provider's lead contact as stored in reference data."""

    name: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class GroupPosition:
    """One of the provider's inspection groups and its coverage (None: not active on the
    date, so not reported)."""

    code: str
    name: str
    basis: str | None
    coverage: GroupCoverage | None


@dataclass(frozen=True)
class ServiceRow:
    """One of the provider's services."""

    code: str
    name: str
    group_code: str
    service_type: str
    region: str | None
    opened_on: date
    closed_on: date | None


@dataclass(frozen=True)
class JudgementPoint:
    """A judgement on one key question at one inspection of the provider."""

    inspection_ref: str
    group_code: str
    start_on: date
    key_question: str
    judgement: str


@dataclass(frozen=True)
class MeetingHeld:
    """An engagement or information-sharing meeting held with the provider."""

    ref: str
    held_on: date
    kind: str
    attendees: str | None
    notes: str | None


@dataclass(frozen=True)
class ProviderPage:
    """One provider in full as of a date, as the viewer may see it."""

    code: str
    name: str
    allocated_inspector: str | None
    lead_contact: LeadContact | None  # None: the viewer does not see lead contacts
    groups: tuple[GroupPosition, ...]
    services: tuple[ServiceRow, ...]
    inspections: int  # carried out by the date, whatever the viewer sees of their findings
    judgements: tuple[JudgementPoint, ...]
    recommendations: tuple[OpenRecommendation, ...]
    meetings: tuple[MeetingHeld, ...]
    cooperation: Cooperation
    concerns: tuple[ConcernFacts, ...] = ()  # open on the date, as the viewer may read them


def _overdue_recommendations(session: Session, as_of: date, viewer: Viewer) -> Counter[str]:
    """Open recommendations past their due date by provider code, counted in SQL (only of
    inspections whose findings the viewer may see)."""
    statement = through_inspection(
        select(col(Provider.code), func.count()).select_from(Recommendation),
        col(Recommendation.inspection_id),
    )
    statement = (
        statement.where(col(Recommendation.status).in_(sorted(OPEN_RECOMMENDATION_STATUSES)))
        .where(col(Recommendation.falls_due_on) < as_of)
        .where(report_sent_to(viewer))
        .group_by(col(Provider.code))
    )
    return Counter({code: int(count) for code, count in session.exec(statement)})


def provider_standings(session: Session, as_of: date, *, viewer: Viewer) -> list[ProviderStanding]:
    """Every provider with its groups and recommendations overdue on the date, in order of
    attention."""
    facts = coverage_queries.group_facts(session)
    starts = coverage_queries.inspection_starts(session)
    groups_overdue = Counter(
        row.provider_code
        for row in coverage_as_of(facts, starts, as_of)
        if row.status is CoverageStatus.OVERDUE
    )
    recommendations_overdue = _overdue_recommendations(session, as_of, viewer)
    concerns = concern_queries.open_high_risk_counts(session, viewer, as_of)
    providers = session.exec(
        select(col(Provider.code), col(Provider.name), col(Provider.allocated_inspector))
    )
    return ranked(
        ProviderStanding(
            code,
            name,
            inspector,
            groups_overdue[code],
            recommendations_overdue[code],
            concerns[code],
        )
        for code, name, inspector in providers
    )


def _of_provider(statement: Any, provider_id: int) -> Any:
    """An inspections statement kept to the provider's groups."""
    return statement.join(
        InspectionGroup, col(Inspection.group_id) == col(InspectionGroup.id)
    ).where(InspectionGroup.provider_id == provider_id)


def _groups(session: Session, provider: Provider, as_of: date) -> tuple[GroupPosition, ...]:
    """The provider's groups with their coverage as of the date (the coverage rules' own)."""
    rows = session.exec(
        select(InspectionGroup, col(Service.opened_on), col(Service.closed_on))
        .outerjoin(Service, col(Service.group_id) == col(InspectionGroup.id))
        .where(InspectionGroup.provider_id == provider.id)
        .order_by(col(InspectionGroup.code))
    ).all()
    groups: dict[str, InspectionGroup] = {}
    spans: dict[str, list[ServiceSpan]] = {}
    for group, opened_on, closed_on in rows:
        groups[group.code] = group
        if opened_on is not None:
            spans.setdefault(group.code, []).append(ServiceSpan(opened_on, closed_on))
    facts = [GroupFacts(code, provider.code, tuple(spans.get(code, []))) for code in groups]
    starts = session.exec(
        _of_provider(
            select(
                col(InspectionGroup.code),
                col(Inspection.start_on),
                col(Inspection.inspection_type),
                col(Inspection.status),
            ).select_from(Inspection),
            provider.id or 0,
        ).where(Inspection.status != InspectionStatus.CANCELLED)
    )
    coverage = {
        row.group_code: row
        for row in coverage_as_of(facts, [InspectionStart(*values) for values in starts], as_of)
    }
    return tuple(
        GroupPosition(code, group.name, group.basis, coverage.get(code))
        for code, group in groups.items()
    )


def _services(session: Session, provider_id: int) -> tuple[ServiceRow, ...]:
    statement = (
        select(Service, col(InspectionGroup.code))
        .join(InspectionGroup, col(Service.group_id) == col(InspectionGroup.id))
        .where(Service.provider_id == provider_id)
        .order_by(col(Service.code))
    )
    return tuple(
        ServiceRow(s.code, s.name, code, s.service_type, s.region, s.opened_on, s.closed_on)
        for s, code in session.exec(statement)
    )


def _judgements(
    session: Session, provider_id: int, as_of: date, viewer: Viewer
) -> tuple[JudgementPoint, ...]:
    """Judgements of the provider's inspections started by the date, only from reports the
    viewer may see (a partner's once the final report was sent to them)."""
    statement = _of_provider(
        Select(
            col(Inspection.ref),
            col(InspectionGroup.code),
            col(Inspection.start_on),
            col(JudgementRecord.key_question),
            col(JudgementRecord.judgement),
        )
        .select_from(JudgementRecord)
        .join(Inspection, col(JudgementRecord.inspection_id) == col(Inspection.id)),
        provider_id,
    )
    statement = (
        statement.where(Inspection.status == InspectionStatus.CARRIED_OUT)
        .where(col(Inspection.start_on) <= as_of)
        .where(report_sent_to(viewer))
        .order_by(col(Inspection.start_on), col(Inspection.ref))
    )
    return tuple(JudgementPoint(*values) for values in session.exec(statement))


def _recommendations(
    session: Session, provider_id: int, viewer: Viewer
) -> tuple[OpenRecommendation, ...]:
    """The provider's open recommendations the viewer may see (as the register shows them),
    earliest due first."""
    return tuple(
        coverage_queries.open_recommendations_of_provider(session, provider_id, viewer=viewer)
    )


def _meetings(
    session: Session, provider_id: int, as_of: date, viewer: Viewer
) -> tuple[MeetingHeld, ...]:
    """Meetings held with the provider by the date, latest first, of the kinds the viewer sees
    (never CQC's information-sharing meetings for a partner)."""
    statement = select(Meeting).where(Meeting.provider_id == provider_id, Meeting.held_on <= as_of)
    kinds = viewer.meeting_kinds
    if kinds is not None:
        statement = statement.where(col(Meeting.kind).in_(sorted(kinds)))
    rows = session.exec(statement.order_by(col(Meeting.held_on).desc(), col(Meeting.ref)))
    return tuple(MeetingHeld(m.ref, m.held_on, m.kind, m.attendees, m.notes) for m in rows)


def _inspection_dates(
    session: Session, provider_id: int, as_of: date, viewer: Viewer
) -> list[tuple[str, InspectionDates]]:
    """The milestone dates of the provider's inspections, as the viewer reads them."""
    statement = _of_provider(
        Select(
            col(Inspection.ref),
            col(Inspection.start_on),
            col(Inspection.end_on),
            col(Inspection.announced_on),
            col(Inspection.pir_requested_on),
            col(Inspection.pir_returned_on),
            col(Inspection.draft_sent_on),
            col(Inspection.fa_returned_on),
            col(Inspection.final_sent_on),
            col(Inspection.status),
        ),
        provider_id,
    ).order_by(col(Inspection.start_on), col(Inspection.ref))
    return [
        (ref, as_seen_by(InspectionDates(*dates), viewer))
        for ref, *dates in session.exec(statement)
    ]


def provider_page(
    session: Session, code: str, as_of: date, *, viewer: Viewer
) -> ProviderPage | None:
    """One provider in full as of a date as the viewer may see it; None for an unknown code."""
    provider = session.exec(select(Provider).where(Provider.code == code)).first()
    if provider is None or provider.id is None:
        return None
    contact = (
        LeadContact(
            provider.lead_contact_name, provider.lead_contact_phone, provider.lead_contact_email
        )
        if sees_lead_contact(viewer)
        else None
    )
    dates = _inspection_dates(session, provider.id, as_of, viewer)
    carried_out = sum(
        1 for _, d in dates if d.status == InspectionStatus.CARRIED_OUT and d.start_on <= as_of
    )
    return ProviderPage(
        code=provider.code,
        name=provider.name,
        allocated_inspector=provider.allocated_inspector,
        lead_contact=contact,
        groups=_groups(session, provider, as_of),
        services=_services(session, provider.id),
        inspections=carried_out,
        judgements=_judgements(session, provider.id, as_of, viewer),
        recommendations=_recommendations(session, provider.id, viewer),
        meetings=_meetings(session, provider.id, as_of, viewer),
        cooperation=cooperation(dates, as_of),
        concerns=tuple(concern_queries.open_concerns_of(session, viewer, provider.code, as_of)),
    )
