"""Reads behind the Inspections page: the register, one inspection in full, and form choices."""

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, true
from sqlalchemy import Select as SqlSelect
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select

from dashboard.core.permissions import Viewer
from dashboard.core.vocabulary import InspectionStatus, Role
from dashboard.exchange.known import InspectionFacts
from dashboard.inspections.rules import BookedInspection, Evidence, InspectionDates
from models.accounts import User
from models.inspections import InformationRequest, Inspection, JudgementRecord
from models.programme import InspectionGroup, Provider

# Any select statement: a join keeps its type.
S = TypeVar("S", bound=SqlSelect[*tuple[Any, ...]])


@dataclass(frozen=True)
class RegisterRow:
    """One inspection as the register lists it."""

    ref: str
    group_code: str
    group_name: str
    provider_code: str
    provider_name: str
    inspection_type: str
    mode: str | None
    trigger: str | None
    lead_inspector: str | None
    key_questions: tuple[str, ...]
    dates: InspectionDates
    early_outcome_letter_on: date | None

    @property
    def scope(self) -> tuple[str, ...]:
        """The key questions in scope (empty when the stored type or list is not valid)."""
        facts = InspectionFacts(self.group_code, self.inspection_type, self.key_questions)
        return facts.scope() or ()


@dataclass(frozen=True)
class JudgementFact:
    """A recorded judgement and the version it was read at."""

    key_question: str
    judgement: str
    version: int


@dataclass(frozen=True)
class RequestFact:
    """One additional information request to the provider."""

    id: int
    text: str
    asked_on: date
    due_on: date
    received_on: date | None
    asked_by: str | None
    version: int


@dataclass(frozen=True)
class InspectionDetail:
    """One inspection in full; internal notes are None unless asked for (never for partners)."""

    row: RegisterRow
    version: int
    evidence: Evidence
    internal_notes: str | None
    judgements: tuple[JudgementFact, ...]
    requests: tuple[RequestFact, ...]
    cancelled_reason: str | None = None


@dataclass(frozen=True)
class GroupOption:
    """An inspection group a new inspection can be of."""

    code: str
    name: str
    provider_code: str


_DATE_COLUMNS = (
    col(Inspection.start_on),
    col(Inspection.end_on),
    col(Inspection.announced_on),
    col(Inspection.pir_requested_on),
    col(Inspection.pir_returned_on),
    col(Inspection.draft_sent_on),
    col(Inspection.fa_returned_on),
    col(Inspection.final_sent_on),
    col(Inspection.status),
)


def with_group_and_provider(statement: S) -> S:
    """An inspections statement joined to each inspection's group and that group's provider."""
    return statement.join(
        InspectionGroup, col(Inspection.group_id) == col(InspectionGroup.id)
    ).join(Provider, col(InspectionGroup.provider_id) == col(Provider.id))


def through_inspection(statement: S, inspection_id: Any) -> S:
    """A statement over rows of an inspection (`inspection_id`, their column naming it) joined
    to the inspection, its group and the group's provider."""
    return with_group_and_provider(statement.join(Inspection, inspection_id == col(Inspection.id)))


def report_sent_to(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: the inspection's findings are shown to the viewer (for a partner, its final report
    was sent on or before their date; for staff, always)."""
    if viewer.reports_sent_by is None:
        return true()
    sent_on = col(Inspection.final_sent_on)
    return and_(sent_on.is_not(None), sent_on <= viewer.reports_sent_by)


def split_list(text: str | None) -> tuple[str, ...]:
    """A stored `;` list as a tuple of its non-blank items."""
    return tuple(item.strip() for item in (text or "").split(";") if item.strip())


def _dates_seen_by(viewer: Viewer) -> tuple[Any, ...]:
    """The milestone date columns as the viewer may see them, then whether the report was sent
    to them: a partner's draft and factual-accuracy dates are NULL until it was."""
    if viewer.sees_every_report:
        return (*_DATE_COLUMNS, true())
    sent = report_sent_to(viewer)
    withheld = {"draft_sent_on", "fa_returned_on"}
    columns: tuple[Any, ...] = _DATE_COLUMNS
    return (
        *(
            case((sent, column), else_=None).label(column.key) if column.key in withheld else column
            for column in columns
        ),
        sent,
    )


def _register_statement(viewer: Viewer) -> Any:
    return with_group_and_provider(
        Select(
            col(Inspection.ref),
            col(InspectionGroup.code),
            col(InspectionGroup.name),
            col(Provider.code),
            col(Provider.name),
            col(Inspection.inspection_type),
            col(Inspection.mode),
            col(Inspection.trigger),
            col(Inspection.lead_inspector),
            col(Inspection.key_questions),
            col(Inspection.early_outcome_letter_on),
            *_dates_seen_by(viewer),
        )
    )


def _register_row(values: tuple[Any, ...]) -> RegisterRow:
    (
        ref,
        group,
        group_name,
        provider,
        provider_name,
        kind,
        mode,
        trigger,
        lead,
        kqs,
        letter,
        *dates,
        sent,
    ) = values
    return RegisterRow(
        ref,
        group,
        group_name,
        provider,
        provider_name,
        kind,
        mode,
        trigger,
        lead,
        split_list(kqs),
        InspectionDates(*dates) if sent else replace(InspectionDates(*dates), report_withheld=True),
        letter,
    )


def register_rows(session: Session, *, viewer: Viewer) -> list[RegisterRow]:
    """Every inspection with its group, provider and milestone dates as the viewer may see
    them, newest start first."""
    statement = _register_statement(viewer).order_by(
        col(Inspection.start_on).desc(), col(Inspection.ref).desc()
    )
    return [_register_row(tuple(values)) for values in session.exec(statement)]


def inspection_row(session: Session, ref: str) -> Inspection | None:
    """The inspection table row with this ref, to change it."""
    return session.exec(select(Inspection).where(Inspection.ref == ref)).first()


def judgement_rows(session: Session, inspection_id: int) -> dict[str, JudgementRecord]:
    """An inspection's judgement rows by key question."""
    rows = session.exec(
        select(JudgementRecord).where(JudgementRecord.inspection_id == inspection_id)
    )
    return {row.key_question: row for row in rows}


def request_rows(session: Session, inspection_id: int) -> list[InformationRequest]:
    """An inspection's information requests, in the order they were asked."""
    statement = (
        select(InformationRequest)
        .where(InformationRequest.inspection_id == inspection_id)
        .order_by(col(InformationRequest.asked_on), col(InformationRequest.id))
    )
    return list(session.exec(statement))


def request_row(session: Session, request_id: int) -> InformationRequest | None:
    """One information request, to change it."""
    return session.get(InformationRequest, request_id)


def _request_fact(row: InformationRequest) -> RequestFact:
    return RequestFact(
        row.id or 0, row.text, row.asked_on, row.due_on, row.received_on, row.asked_by, row.version
    )


def inspection_detail(
    session: Session, ref: str, *, with_internal_notes: bool, viewer: Viewer
) -> InspectionDetail | None:
    """One inspection in full, or None when there is no such ref. Until its final report was
    sent to a partner viewer, its judgements and factual-accuracy details are left out."""
    found = session.exec(_register_statement(viewer).where(Inspection.ref == ref)).first()
    row = inspection_row(session, ref)
    if found is None or row is None or row.id is None:
        return None
    register_row = _register_row(tuple(found))
    if register_row.dates.report_withheld:
        return InspectionDetail(
            row=register_row,
            version=row.version,
            evidence=_evidence(row, with_accuracy=False),
            internal_notes=None,
            judgements=(),
            requests=tuple(_request_fact(r) for r in request_rows(session, row.id)),
        )
    evidence = _evidence(row, with_accuracy=True)
    judgements = tuple(
        JudgementFact(kq, record.judgement, record.version)
        for kq, record in judgement_rows(session, row.id).items()
    )
    return InspectionDetail(
        row=register_row,
        version=row.version,
        evidence=evidence,
        internal_notes=row.internal_notes if with_internal_notes else None,
        judgements=judgements,
        requests=tuple(_request_fact(r) for r in request_rows(session, row.id)),
        cancelled_reason=row.cancelled_reason,
    )


def _evidence(row: Inspection, *, with_accuracy: bool) -> Evidence:
    """The evidence base as counts; the factual accuracy outcome and quality panel only when
    the reader may see them."""
    return Evidence(
        row.survey_responses,
        split_list(row.survey_languages),
        row.survivors_spoken_with,
        row.staff_interviewed,
        row.cases_reviewed,
        row.fa_outcome if with_accuracy else None,
        row.quality_panel_review if with_accuracy else None,
    )


def open_requests(session: Session) -> list[tuple[str, RequestFact]]:
    """Information requests not yet received, with their inspection's ref, earliest due first."""
    statement = (
        select(Inspection.ref, InformationRequest)
        .join(Inspection, col(InformationRequest.inspection_id) == col(Inspection.id))
        .where(col(InformationRequest.received_on).is_(None))
        .order_by(col(InformationRequest.due_on))
    )
    return [(ref, _request_fact(request)) for ref, request in session.exec(statement)]


def group_options(session: Session) -> list[GroupOption]:
    """Every inspection group with its provider, by code."""
    statement = (
        select(InspectionGroup.code, InspectionGroup.name, Provider.code)
        .join(Provider, col(InspectionGroup.provider_id) == col(Provider.id))
        .order_by(col(InspectionGroup.code))
    )
    return [GroupOption(*values) for values in session.exec(statement)]


def group_id(session: Session, code: str) -> int | None:
    """The id of the inspection group with this code."""
    return session.exec(select(InspectionGroup.id).where(InspectionGroup.code == code)).first()


def inspector_names(session: Session) -> list[str]:
    """Names an inspection can be led by: inspector logins, allocated and past lead inspectors."""
    inspectors = session.exec(select(User.display_name).where(User.role == Role.INSPECTOR))
    allocated = session.exec(select(col(Provider.allocated_inspector)))
    leads = session.exec(select(col(Inspection.lead_inspector)))
    return sorted({name for name in [*inspectors, *allocated, *leads] if name})


def booked_in_group(
    session: Session, group_id: int, first: date, last: date, *, excluding: str | None = None
) -> list[BookedInspection]:
    """The group's inspections, not cancelled, with a day from first to last (but `excluding`)."""
    columns: tuple[Any, ...] = (
        Inspection.ref,
        Inspection.inspection_type,
        Inspection.start_on,
        Inspection.end_on,
    )
    statement = select(*columns).where(
        col(Inspection.group_id) == group_id,
        col(Inspection.status) != InspectionStatus.CANCELLED,
        col(Inspection.start_on) <= last,
        func.coalesce(col(Inspection.end_on), col(Inspection.start_on)) >= first,
        col(Inspection.ref) != (excluding or ""),
    )
    rows = session.exec(statement.order_by(col(Inspection.ref)))
    return [BookedInspection(*values) for values in rows]


def refs_starting(session: Session, prefix: str) -> list[str]:
    """Inspection refs that begin with a prefix, to number the next one."""
    matching = col(Inspection.ref).startswith(prefix, autoescape=True)
    return list(session.exec(select(Inspection.ref).where(matching)))


def inspection_dates(session: Session) -> dict[str, InspectionDates]:
    """The milestone dates of every inspection, by ref."""
    columns: tuple[Any, ...] = (Inspection.ref, *_DATE_COLUMNS)
    statement = select(*columns).order_by(col(Inspection.start_on), col(Inspection.ref))
    return {ref: InspectionDates(*dates) for ref, *dates in session.exec(statement)}
