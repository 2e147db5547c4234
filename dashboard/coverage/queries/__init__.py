"""Reads behind coverage, the type suggestion and the planner: plain domain data out."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from dashboard.core.permissions import Viewer
from dashboard.core.programme_year import programme_year_of, quarter_bounds
from dashboard.core.vocabulary import (
    OPEN_RECOMMENDATION_STATUSES,
    InspectionStatus,
)
from dashboard.coverage.queries.group_inspections import (
    InspectionRecord,
    inspection_history,
    inspections_starting,
)
from dashboard.coverage.queries.group_inspections import (
    planned_inspections as planned_inspections,  # re-exported for the planner
)
from dashboard.coverage.rules import (
    STATUS_WORDS,
    GroupCoverage,
    GroupFacts,
    InspectionStart,
    MonthCell,
    PlannedInspection,
    ProgrammeYearPercent,
    ProviderYear,
    ServiceSpan,
    coverage_as_of,
    is_open_on,
    month_cells,
    programme_year_percents,
    provider_year_coverage,
)
from dashboard.inspections.queries import inspection_dates, report_sent_to
from dashboard.inspections.rules import InspectionDates
from dashboard.planning import queries as planning_queries
from dashboard.planning.rules.suggestion import (
    Suggestion,
    focus_on_concerns,
    suggest_next_inspection,
)
from models.inspections import Inspection
from models.programme import InspectionGroup, Provider, Service
from models.recommendations import Recommendation


@dataclass(frozen=True)
class ServiceProfile:
    """One service as the coverage page lists it."""

    code: str
    name: str
    service_type: str
    region: str | None
    opened_on: date
    closed_on: date | None
    bed_spaces: int | None
    accommodates_children: bool | None


@dataclass(frozen=True)
class GroupProfile:
    """A group with its provider, the provider's allocated inspector and its services."""

    code: str
    name: str
    provider_code: str
    provider_name: str
    allocated_inspector: str | None
    services: tuple[ServiceProfile, ...]


@dataclass(frozen=True)
class OpenRecommendation:
    """A recommendation not yet closed or superseded, from one of the group's inspections."""

    ref: str
    inspection_ref: str
    key_question: str | None
    kloe: str | None
    theme: str | None
    risk: str
    text: str
    owner: str | None
    due_on: date | None
    status: str


@dataclass(frozen=True)
class ProgrammeFacts:
    """Groups, inspection starts and milestone dates: what coverage and deadline figures need."""

    groups: list[GroupFacts]
    starts: list[InspectionStart]
    dates: dict[str, InspectionDates]


def group_facts(session: Session) -> list[GroupFacts]:
    """Every inspection group with its provider and the open/close dates of its services."""
    statement = (
        select(
            col(InspectionGroup.code),
            col(Provider.code),
            col(Service.opened_on),
            col(Service.closed_on),
        )
        .join(Provider, col(InspectionGroup.provider_id) == Provider.id)
        .outerjoin(Service, col(Service.group_id) == InspectionGroup.id)
        .order_by(col(InspectionGroup.code))
    )
    spans: dict[str, list[ServiceSpan]] = {}
    providers: dict[str, str] = {}
    for group_code, provider_code, opened_on, closed_on in session.exec(statement):
        providers[group_code] = provider_code
        group_spans = spans.setdefault(group_code, [])
        if opened_on is not None:
            group_spans.append(ServiceSpan(opened_on, closed_on))
    return [GroupFacts(code, providers[code], tuple(spans[code])) for code in providers]


def inspection_starts(session: Session) -> list[InspectionStart]:
    """When each inspection starts, by group, with its type and status (cancelled ones left
    out: they never count and are never scheduled)."""
    statement = (
        select(
            col(InspectionGroup.code),
            col(Inspection.start_on),
            col(Inspection.inspection_type),
            col(Inspection.status),
        )
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(Inspection.status != InspectionStatus.CANCELLED)
    )
    return [InspectionStart(*values) for values in session.exec(statement)]


def programme_facts(session: Session) -> ProgrammeFacts:
    """Read once the rows that several figures of a page or pack are worked out from."""
    return ProgrammeFacts(
        group_facts(session), inspection_starts(session), inspection_dates(session)
    )


def _open_statuses() -> list[str]:
    return sorted(OPEN_RECOMMENDATION_STATUSES)


def group_profiles(session: Session) -> dict[str, GroupProfile]:
    """Every group with its provider and services, by group code."""
    groups = session.exec(
        select(InspectionGroup, Provider)
        .join(Provider, col(InspectionGroup.provider_id) == Provider.id)
        .order_by(InspectionGroup.code)
    ).all()
    services: dict[int, list[ServiceProfile]] = defaultdict(list)
    for service in session.exec(select(Service).order_by(Service.code)):
        services[service.group_id].append(
            ServiceProfile(
                service.code,
                service.name,
                service.service_type,
                service.region,
                service.opened_on,
                service.closed_on,
                service.bed_spaces,
                service.accommodates_children,
            )
        )
    return {
        group.code: GroupProfile(
            group.code,
            group.name,
            provider.code,
            provider.name,
            provider.allocated_inspector,
            tuple(services.get(group.id or 0, [])),
        )
        for group, provider in groups
    }


def open_recommendations(
    session: Session, group_code: str, *, viewer: Viewer
) -> list[OpenRecommendation]:
    """The group's open recommendations the viewer may see, earliest due first."""
    return _open_recommendations(session, col(InspectionGroup.code) == group_code, viewer)


def open_recommendations_of_provider(
    session: Session, provider_id: int, *, viewer: Viewer
) -> list[OpenRecommendation]:
    """The provider's open recommendations the viewer may see, earliest due first."""
    return _open_recommendations(session, col(InspectionGroup.provider_id) == provider_id, viewer)


def _open_recommendations(
    session: Session, of_groups: ColumnElement[bool], viewer: Viewer
) -> list[OpenRecommendation]:
    """Open recommendations of the groups `of_groups` selects, as the viewer may see them."""
    statement = (
        select(Recommendation, Inspection.ref)
        .join(Inspection, col(Recommendation.inspection_id) == Inspection.id)
        .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
        .where(of_groups)
        .where(col(Recommendation.status).in_(_open_statuses()))
        .where(report_sent_to(viewer))
        .order_by(
            col(Recommendation.falls_due_on).is_(None),
            col(Recommendation.falls_due_on),
            col(Recommendation.ref),
        )
    )
    return [
        OpenRecommendation(
            rec.ref,
            inspection_ref,
            rec.key_question,
            rec.kloe,
            rec.theme,
            rec.risk,
            rec.text,
            rec.owner,
            rec.falls_due_on,
            rec.status,
        )
        for rec, inspection_ref in session.exec(statement)
    ]


@dataclass(frozen=True)
class CoverageRow:
    """One active group on the coverage page."""

    coverage: GroupCoverage
    profile: GroupProfile
    open_services: tuple[ServiceProfile, ...]

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.coverage.status]

    @property
    def regions(self) -> set[str]:
        return {s.region for s in self.open_services if s.region}

    @property
    def service_types(self) -> set[str]:
        return {s.service_type for s in self.open_services}


@dataclass(frozen=True)
class CoverageData:
    """Everything the coverage page shows for an as-of date and a programme year."""

    as_of: date
    year: int
    rows: tuple[CoverageRow, ...]
    year_percents: tuple[ProgrammeYearPercent, ...]
    providers: tuple[ProviderYear, ...]
    months: tuple[MonthCell, ...]
    this_quarter: tuple[PlannedInspection, ...]


def _open_services(profile: GroupProfile, as_of: date) -> tuple[ServiceProfile, ...]:
    return tuple(
        s for s in profile.services if is_open_on(ServiceSpan(s.opened_on, s.closed_on), as_of)
    )


def coverage_data(session: Session, as_of: date, year: int | None = None) -> CoverageData:
    """Gather the coverage page for a date; the year view defaults to the date's year."""
    year = programme_year_of(as_of) if year is None else year
    profiles = group_profiles(session)
    groups = group_facts(session)
    starts = inspection_starts(session)
    rows = tuple(
        CoverageRow(row, profiles[row.group_code], _open_services(profiles[row.group_code], as_of))
        for row in coverage_as_of(groups, starts, as_of)
    )
    names = {p.provider_code: p.provider_name for p in profiles.values()}
    first, last = quarter_bounds(as_of)
    return CoverageData(
        as_of=as_of,
        year=year,
        rows=rows,
        year_percents=tuple(programme_year_percents(groups, starts, as_of)),
        providers=tuple(provider_year_coverage(groups, starts, year, as_of, names)),
        months=tuple(month_cells(groups, starts, year, as_of)),
        this_quarter=tuple(inspections_starting(session, first, last)),
    )


@dataclass(frozen=True)
class GroupDetail:
    """One group: its services, inspection history, open recommendations and suggestion."""

    profile: GroupProfile
    history: tuple[InspectionRecord, ...]
    recommendations: tuple[OpenRecommendation, ...]
    suggestion: Suggestion


def group_detail(
    session: Session, group_code: str, as_of: date, *, viewer: Viewer
) -> GroupDetail | None:
    """The drill-down of one group as of a date as the viewer may see it; None for an unknown
    group."""
    profile = group_profiles(session).get(group_code)
    histories = planning_queries.group_histories(session, as_of, group_code)
    if profile is None or group_code not in histories:
        return None
    recommendations = tuple(open_recommendations(session, group_code, viewer=viewer))
    history = histories[group_code]
    if not viewer.sees_every_report:  # the reasons name only recommendations the viewer sees
        history = replace(
            history,
            open_recommendation_key_questions=tuple(r.key_question for r in recommendations),
        )
    suggestion = suggest_next_inspection(history)
    if viewer.sees_every_report:  # as the planner suggests it; partners never see every concern
        concerns = planning_queries.open_group_concerns(session, as_of, group_code)
        suggestion = focus_on_concerns(suggestion, concerns.get(group_code, ()))
    return GroupDetail(
        profile,
        tuple(inspection_history(session, group_code, viewer=viewer)),
        recommendations,
        suggestion,
    )
