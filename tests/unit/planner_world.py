"""Hand-made planner inputs shared by the planner's unit tests."""

from datetime import date

from dashboard.core.vocabulary import InspectionType, KeyQuestion
from dashboard.coverage.rules import GroupFacts, InspectionStart, ServiceSpan
from dashboard.planning.rules import (
    Capacity,
    Plan,
    PlanGroup,
    PlanInputs,
    PlannedInspection,
    ScheduleRow,
    propose_schedule,
)
from dashboard.planning.rules.suggestion import Suggestion

D = date.fromisoformat
AMIRA, TOM = "Amira Shah", "Tom Okafor"
ASSURANCE = Suggestion(
    InspectionType.ASSURANCE, (KeyQuestion.SAFE, KeyQuestion.WELL_LED), "Assurance: nothing open."
)
MOU_END = D("2027-03-31")


def group(
    code: str, opened_on: str, inspector: str | None = AMIRA, closed_on: str | None = None
) -> PlanGroup:
    span = ServiceSpan(D(opened_on), D(closed_on) if closed_on else None)
    return PlanGroup(GroupFacts(code, "P1", (span,)), inspector, ASSURANCE)


def plan(
    groups: list[PlanGroup],
    *,
    as_of: str,
    year: int = 2026,
    starts: tuple[tuple[str, str], ...] = (),
    planned: tuple[PlannedInspection, ...] = (),
    per_month: int = 3,
    by_inspector: tuple[tuple[str, int], ...] = (),
    mou_ends_on: date | None = MOU_END,
) -> Plan:
    done = tuple(InspectionStart(code, D(day), "assurance") for code, day in starts)
    planned_starts = tuple(InspectionStart(p.group_code, p.start_on, "x") for p in planned)
    return propose_schedule(
        PlanInputs(
            year=year,
            as_of=D(as_of),
            groups=tuple(groups),
            starts=done + planned_starts,
            planned=planned,
            mou_ends_on=mou_ends_on,
            capacity=Capacity(per_month, by_inspector),
        )
    )


def brief(rows: tuple[ScheduleRow, ...]) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """Rows as (group, start, due, inspector, flags) to compare with hand-worked lists."""
    return [
        (
            r.group_code,
            r.proposed_start_on.isoformat() if r.proposed_start_on else "",
            r.due_by.isoformat(),
            r.inspector or "",
            tuple(r.flags),
        )
        for r in rows
    ]
