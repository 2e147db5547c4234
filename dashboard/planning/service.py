"""Planning a programme year: the planner run over the database, the plan as a report, and
accepting proposals as planned inspections (through the importer's rules, audited)."""

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.core.programme_year import year_label
from dashboard.core.refusal import Refused
from dashboard.core.report import Report
from dashboard.coverage import queries as queries_coverage
from dashboard.exchange.forms import save_form_rows
from dashboard.governance import queries as governance_queries
from dashboard.governance.rules import Term
from dashboard.inspections import queries as inspection_queries
from dashboard.planning import queries
from dashboard.planning.rules import Capacity, Flag, Plan, PlanGroup, PlanInputs, ScheduleRow
from dashboard.planning.rules import propose_schedule as _propose
from dashboard.planning.rules.suggestion import suggest_next_inspection
from models.inspections import Inspection
from models.programme import InspectionGroup

PLAN_COLUMNS = (
    "group_code",
    "provider_code",
    "suggested_type",
    "key_questions",
    "proposed_start_on",
    "due_by",
    "inspector",
    "flags",
)
INSPECTION_REF_PREFIX = "INS"


class ProposalRefused(Refused):
    """A proposal cannot be accepted as it stands; nothing was written."""


def current_mou_end(terms: Sequence[Term], as_of: date) -> date | None:
    """The end of the MoU term in force on the date; None when no term covers it."""
    return next((t.ends_on for t in terms if t.starts_on <= as_of <= t.ends_on), None)


def plan_inputs(session: Session, year: int, as_of: date, capacity: Capacity) -> PlanInputs:
    """Groups, their suggestions, open concerns and allocated inspectors, inspections and the
    MoU term."""
    profiles = queries_coverage.group_profiles(session)
    histories = queries.group_histories(session, as_of)
    concerns = queries.open_group_concerns(session, as_of)
    groups = tuple(
        PlanGroup(
            facts,
            profiles[facts.code].allocated_inspector,
            suggest_next_inspection(histories[facts.code]),
            concerns.get(facts.code, ()),
        )
        for facts in queries_coverage.group_facts(session)
    )
    return PlanInputs(
        year=year,
        as_of=as_of,
        groups=groups,
        starts=tuple(queries_coverage.inspection_starts(session)),
        planned=tuple(queries_coverage.planned_inspections(session, as_of)),
        mou_ends_on=current_mou_end(governance_queries.terms(session), as_of),
        capacity=capacity,
    )


def plan_for_year(
    session: Session, year: int, as_of: date, capacity: Capacity | None = None
) -> Plan:
    """The proposed schedule of programme year YEAR as of a date."""
    return _propose(plan_inputs(session, year, as_of, capacity or Capacity()))


def plan_report(plan: Plan) -> Report:
    """The plan in the CSV/table columns, with a one-line summary for the table."""
    rows = [
        (
            row.group_code,
            row.provider_code,
            row.suggested_type,
            ";".join(row.key_questions),
            row.proposed_start_on,
            row.due_by,
            row.inspector,
            ";".join(row.flags),
        )
        for row in plan.rows
    ]
    footer = (
        f"Programme year {year_label(plan.year)} as of {plan.as_of}: "
        f"{len(plan.proposals)} proposed, {len(plan.with_flag(Flag.PLANNED))} planned, "
        f"{len(plan.with_flag(Flag.NOT_FITTED))} not fitted"
    )
    return Report(PLAN_COLUMNS, rows, footer)


def _next_number(session: Session, prefix: str) -> int:
    """The next free number after the refs that begin with a prefix such as `INS-2026-`."""
    numbers = [
        int(ref[len(prefix) :])
        for ref in inspection_queries.refs_starting(session, prefix)
        if ref[len(prefix) :].isdigit()
    ]
    return max(numbers, default=0) + 1


def plan_refs(session: Session, starts: Sequence[date]) -> list[str]:
    """New unique refs in the one inspection ref style, INS-YYYY-NNN by the start's calendar
    year, as the inspection form numbers them (refs planned earlier as PLAN-YYYY-NNN stay)."""
    following: dict[str, int] = {}
    refs = []
    for start in starts:
        prefix = f"{INSPECTION_REF_PREFIX}-{start.year}-"
        number = following.get(prefix) or _next_number(session, prefix)
        following[prefix] = number + 1
        refs.append(f"{prefix}{number:03d}")
    return refs


def _check_acceptable(session: Session, proposals: Sequence[ScheduleRow]) -> None:
    """Only fitted, new proposals, not already booked on the same day for the group."""
    for row in proposals:
        if not row.is_proposal or row.proposed_start_on is None or not row.inspector:
            raise ProposalRefused(
                f"{row.group_code}: only fitted proposals can be accepted, not {row.flags}"
            )
        booked = session.exec(
            select(Inspection.ref)
            .join(InspectionGroup, col(Inspection.group_id) == InspectionGroup.id)
            .where(
                InspectionGroup.code == row.group_code, Inspection.start_on == row.proposed_start_on
            )
        ).first()
        if booked:
            raise ProposalRefused(
                f"{row.group_code}: {booked} already starts on {row.proposed_start_on} — reload"
            )


def accept_proposals(
    session: Session, *, actor: Actor, proposals: Sequence[ScheduleRow]
) -> list[Inspection]:
    """Create a planned inspection for each proposal, all or nothing, each create audited.

    Raises PermissionDenied (not a programme manager or admin), ProposalRefused, or
    ImportRejected when the importer's rules refuse a row.
    """
    require_role(actor, MANAGERS, "accept planned inspections")
    if not proposals:
        return []
    _check_acceptable(session, proposals)
    refs = plan_refs(session, [row.proposed_start_on or date.min for row in proposals])
    cells = [
        {
            "ref": ref,
            "group_code": row.group_code,
            "inspection_type": row.suggested_type,
            "key_questions": ";".join(row.key_questions),
            "trigger": row.trigger or "",
            "lead_inspector": row.inspector or "",
            "start_on": row.proposed_start_on.isoformat() if row.proposed_start_on else "",
        }
        for ref, row in zip(refs, proposals, strict=True)
    ]
    save_form_rows(session, "inspections", cells, actor=actor)
    created = session.exec(select(Inspection).where(col(Inspection.ref).in_(refs)))
    return sorted(created, key=lambda i: refs.index(i.ref))
