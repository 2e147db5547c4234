"""A proposed inspection schedule for a programme year: every group before its due date, on
working days, spread across inspectors and months within their monthly capacity.

The due date of a group follows the coverage rule (a year after its last inspection, or after
its first service opened). When the year starts after the as-of date, a due date that falls
before the year is assumed met on that date and rolled forward a year at a time.
"""

import heapq
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dashboard.core.programme_year import months_between, programme_year_bounds
from dashboard.core.workdays import add_working_days
from dashboard.coverage.rules import (
    GroupFacts,
    InspectionStart,
    PlannedInspection,
    add_one_year,
    by_group,
    done_or_ahead,
    is_group_active,
)
from dashboard.planning.rules.slots import (
    DEFAULT_MONTHLY_CAPACITY,
    Book,
    Capacity,
    Need,
    latest_working_day_on_or_before,
    place,
)
from dashboard.planning.rules.suggestion import GroupConcern, Suggestion, focus_on_concerns

__all__ = [
    "DEFAULT_MONTHLY_CAPACITY",
    "Capacity",
    "GroupConcern",
    "PlannedInspection",
    "latest_working_day_on_or_before",
]

# Proposals start no sooner than the announcement notice allows (announce = start - 10 wd).
ANNOUNCE_NOTICE_WORKING_DAYS = 10
_ONE_DAY = timedelta(days=1)


class Flag(StrEnum):
    PLANNED = "planned"
    NOT_FITTED = "not_fitted"
    OVERDUE = "overdue"
    AFTER_MOU_TERM = "after_mou_term"
    CONCERN = "concern"


@dataclass(frozen=True)
class PlanGroup:
    """A group to plan for: its services, provider's allocated inspector, suggested type (from
    its history) and the concerns open on it on the plan's date."""

    facts: GroupFacts
    allocated_inspector: str | None
    suggestion: Suggestion
    concerns: tuple[GroupConcern, ...] = ()


@dataclass(frozen=True)
class PlanInputs:
    """Everything the planner needs; `starts` holds every inspection not cancelled, done and
    planned (the planner looks at those done by the as-of date or still to come)."""

    year: int
    as_of: date
    groups: tuple[PlanGroup, ...]
    starts: tuple[InspectionStart, ...]
    planned: tuple[PlannedInspection, ...]
    mou_ends_on: date | None
    capacity: Capacity = field(default_factory=Capacity)


@dataclass(frozen=True)
class ScheduleRow:
    """One inspection of the plan: proposed, kept as planned, or a group that did not fit."""

    group_code: str
    provider_code: str
    suggested_type: str
    key_questions: tuple[str, ...]
    proposed_start_on: date | None
    due_by: date
    inspector: str | None
    flags: tuple[Flag, ...] = ()
    reason: str = ""
    trigger: str | None = None
    inspection_ref: str | None = None

    @property
    def is_proposal(self) -> bool:
        """A new inspection the manager may accept (not planned already, and fitted)."""
        return Flag.PLANNED not in self.flags and Flag.NOT_FITTED not in self.flags


@dataclass(frozen=True)
class Plan:
    """The schedule for a year and each inspector's starts per month (planned included)."""

    year: int
    as_of: date
    rows: tuple[ScheduleRow, ...]
    months: tuple[date, ...]
    loads: tuple[tuple[str, date, int], ...]

    def with_flag(self, flag: Flag) -> list[ScheduleRow]:
        return [row for row in self.rows if flag in row.flags]

    @property
    def proposals(self) -> list[ScheduleRow]:
        return [row for row in self.rows if row.is_proposal]


def _active_days(facts: GroupFacts, first: date, last: date) -> tuple[date, date] | None:
    """The first and last day from first to last on which the group is active, if any."""
    starts = [max(s.opened_on, first) for s in facts.services]
    ends = [min(s.closed_on - _ONE_DAY, last) if s.closed_on else last for s in facts.services]
    spans = [(a, b) for a, b in zip(starts, ends, strict=True) if a <= b]
    if not spans:
        return None
    return min(a for a, _ in spans), max(b for _, b in spans)


def _due_before_window(facts: GroupFacts, prior: list[date], as_of: date, first: date) -> date:
    """The due date carried into the year: from the last inspection before it, rolled on."""
    if prior:
        due = add_one_year(max(prior))
    else:
        due = add_one_year(min(s.opened_on for s in facts.services))
    if first > as_of and due < first:
        due = max(due, as_of)
        while due < first:
            due = add_one_year(due)
    return due


class _Planner:
    """One run of the planner over its inputs."""

    def __init__(self, inputs: PlanInputs) -> None:
        self.inputs = inputs
        self.first, self.last = programme_year_bounds(inputs.year)
        notice = add_working_days(inputs.as_of, ANNOUNCE_NOTICE_WORKING_DAYS)
        self.earliest = max(self.first, notice)
        self.kept = sorted(
            (
                p
                for p in inputs.planned
                if p.start_on > inputs.as_of and self.first <= p.start_on <= self.last
            ),
            key=lambda p: (p.start_on, p.ref),
        )
        inspectors = {g.allocated_inspector for g in inputs.groups if g.allocated_inspector}
        inspectors |= {p.lead_inspector for p in self.kept if p.lead_inspector}
        inspectors |= {name for name, _ in inputs.capacity.by_inspector}
        self.book = Book(inputs.capacity, (i for i in inspectors if inputs.capacity.of(i) > 0))
        for planned in self.kept:
            self.book.add(planned.lead_inspector, planned.start_on)
        self.groups = {g.facts.code: g for g in inputs.groups}
        # per group, so each group looks at its own (a scan per group was 40 s at 4,000 groups)
        self.starts_of = by_group(inputs.starts)
        self.kept_of = by_group(self.kept)
        self.rows: list[ScheduleRow] = []
        self.active: dict[str, tuple[date, date]] = {}

    def flags(self, start: date | None, due_by: date, *extra: Flag) -> tuple[Flag, ...]:
        found = list(extra)
        if start is not None and start > due_by:
            found.append(Flag.OVERDUE)
        mou_end = self.inputs.mou_ends_on
        if start is not None and (mou_end is None or start > mou_end):
            found.append(Flag.AFTER_MOU_TERM)
        return tuple(found)

    def first_need(self, group: PlanGroup) -> Need | None:
        """List the group's planned inspections in the year, then what it still needs."""
        facts, as_of = group.facts, self.inputs.as_of
        if not facts.services:
            return None
        # done by the as-of date or still to come: a plan whose date passed is neither
        starts = [s.start_on for s in done_or_ahead(self.starts_of.get(facts.code, []), as_of)]
        due = _due_before_window(
            facts, [d for d in starts if d < self.first or d <= as_of], as_of, self.first
        )
        for planned in self.kept_of.get(facts.code, []):
            self.rows.append(self.planned_row(group, planned, due))
            due = add_one_year(planned.start_on)
        active = _active_days(facts, max(self.first, as_of + _ONE_DAY), self.last)
        if active is None:
            return None
        self.active[facts.code] = active
        covered = any(self.first <= d <= self.last for d in starts)
        urgent = any(concern.high_risk for concern in group.concerns)
        if due <= active[1]:
            return self.need(facts.code, due, active, urgent=urgent)
        # a high-risk concern wants an inspection this year even when none is due in it
        unplanned = not self.kept_of.get(facts.code)
        if (urgent and unplanned) or (not covered and is_group_active(facts, self.last)):
            return self.need(facts.code, due, active, latest=self.last, urgent=urgent)
        return None

    def need(
        self,
        code: str,
        due: date,
        active: tuple[date, date],
        latest: date | None = None,
        *,
        urgent: bool = False,
    ) -> Need:
        earliest = max(self.earliest, active[0])
        end = min(self.last, active[1])
        if latest is None:
            latest = latest_working_day_on_or_before(due)
        late = latest < earliest
        window_end = end if late else min(latest, end)
        return Need(0 if urgent else 1, due, code, earliest, window_end, late)

    def planned_row(self, group: PlanGroup, planned: PlannedInspection, due: date) -> ScheduleRow:
        return ScheduleRow(
            group.facts.code,
            group.facts.provider_code,
            planned.inspection_type,
            planned.key_questions,
            planned.start_on,
            due,
            planned.lead_inspector,
            self.flags(planned.start_on, due, Flag.PLANNED),
            reason=f"Already planned ({planned.ref}).",
            inspection_ref=planned.ref,
        )

    def proposed_row(self, need: Need) -> tuple[ScheduleRow, date | None]:
        group = self.groups[need.group_code]
        placed = (
            place(self.book, need, group.allocated_inspector)
            if (need.earliest <= need.latest)
            else None
        )
        inspector, start = placed if placed else (None, None)
        if inspector and start:
            self.book.add(inspector, start)
            flags = self.flags(start, need.due_by)
        else:
            flags = (Flag.NOT_FITTED,) + ((Flag.OVERDUE,) if need.late else ())
        if group.concerns:
            flags += (Flag.CONCERN,)
        advice = focus_on_concerns(group.suggestion, group.concerns)
        row = ScheduleRow(
            need.group_code,
            group.facts.provider_code,
            advice.inspection_type,
            tuple(advice.key_questions),
            start,
            need.due_by,
            inspector,
            flags,
            reason=advice.reason,
            trigger=advice.trigger,
        )
        return row, start

    def run(self) -> Plan:
        queue = [need for g in self.inputs.groups if (need := self.first_need(g))]
        heapq.heapify(queue)
        while queue:
            need = heapq.heappop(queue)
            row, start = self.proposed_row(need)
            self.rows.append(row)
            if start is None:
                continue
            # a group due again within the year gets another inspection
            active_until = self.active[need.group_code][1]
            following = add_one_year(start)
            if following <= active_until:
                window = (start + _ONE_DAY, active_until)
                heapq.heappush(queue, self.need(need.group_code, following, window))
        self.rows.sort(key=lambda r: (r.proposed_start_on or date.max, r.due_by, r.group_code))
        months = tuple(months_between(self.first, self.last))
        loads = tuple(
            (who, month, count)
            for (who, month), count in sorted(self.book.load.items(), key=_load_key)
            if who is not None
        )
        return Plan(self.inputs.year, self.inputs.as_of, tuple(self.rows), months, loads)


def _load_key(item: tuple[tuple[str | None, date], int]) -> tuple[str, date]:
    (who, month), _ = item
    return who or "", month


def propose_schedule(inputs: PlanInputs) -> Plan:
    """The proposed schedule for the programme year, with planned inspections kept."""
    return _Planner(inputs).run()
