"""A proposed inspection schedule for a programme year: every group before its due date, on
working days, spread across inspectors and months within their monthly capacity.

The due date of a group follows the coverage rule (a year after its last inspection, or after
its first service opened). When the year starts after the as-of date, a due date that falls
before the year is assumed met on that date and rolled forward a year at a time.
"""

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from dashboard.core.programme_year import (
    month_start,
    months_between,
    next_month,
    programme_year_bounds,
)
from dashboard.core.workdays import add_working_days, is_working_day
from dashboard.coverage.rules import (
    GroupFacts,
    InspectionStart,
    PlannedInspection,
    add_one_year,
    by_group,
    done_or_ahead,
    is_group_active,
)
from dashboard.planning.rules.suggestion import Suggestion

DEFAULT_MONTHLY_CAPACITY = 3
# Proposals start no sooner than the announcement notice allows (announce = start - 10 wd).
ANNOUNCE_NOTICE_WORKING_DAYS = 10
# A proposal prefers the three months up to its due date, so the annual cycle is not shortened.
PREFERRED_WINDOW_DAYS = 91
_ONE_DAY = timedelta(days=1)


class Flag(StrEnum):
    PLANNED = "planned"
    NOT_FITTED = "not_fitted"
    OVERDUE = "overdue"
    AFTER_MOU_TERM = "after_mou_term"


@dataclass(frozen=True)
class Capacity:
    """Inspections each inspector can start in a month: a default and named exceptions."""

    per_month: int = DEFAULT_MONTHLY_CAPACITY
    by_inspector: tuple[tuple[str, int], ...] = ()

    def of(self, inspector: str) -> int:
        """The monthly capacity of one inspector."""
        return dict(self.by_inspector).get(inspector, self.per_month)


@dataclass(frozen=True)
class PlanGroup:
    """A group to plan for: its services, provider's allocated inspector and suggested type."""

    facts: GroupFacts
    allocated_inspector: str | None
    suggestion: Suggestion


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


@dataclass(frozen=True, order=True)
class _Need:
    """An inspection a group needs: by due_by, starting between earliest and latest."""

    due_by: date
    group_code: str
    earliest: date
    latest: date
    late: bool  # the due date is before the first possible start: place it as soon as possible


def latest_working_day_on_or_before(day: date) -> date:
    """The day itself if it is a working day, else the working day before it."""
    return day if is_working_day(day) else add_working_days(day, -1)


class _Book:
    """Starts per inspector per month, and the days each inspector is already busy."""

    def __init__(self, capacity: Capacity, inspectors: Iterable[str]) -> None:
        self.capacity = capacity
        self.inspectors = sorted(set(inspectors))
        self.load: Counter[tuple[str | None, date]] = Counter()
        self.busy: set[tuple[str | None, date]] = set()

    def add(self, inspector: str | None, day: date) -> None:
        self.load[(inspector, month_start(day))] += 1
        self.busy.add((inspector, day))

    def has_room(self, inspector: str, month: date) -> bool:
        return self.load[(inspector, month)] < self.capacity.of(inspector)

    def year_load(self, inspector: str) -> int:
        return sum(n for (who, _), n in self.load.items() if who == inspector)

    def free_day(self, inspector: str, month: date, need: _Need) -> date | None:
        """A working day of the month in the need's window when the inspector is free."""
        low = max(need.earliest, month)
        high = min(need.latest, next_month(month) - _ONE_DAY)
        if need.late:
            days = [low + _ONE_DAY * n for n in range((high - low).days + 1)]
        else:
            target = min(max(_same_day_in(month, need.due_by), low), high)
            before = [target - _ONE_DAY * n for n in range((target - low).days + 1)]
            days = before + [target + _ONE_DAY * n for n in range(1, (high - target).days + 1)]
        return next(
            (d for d in days if is_working_day(d) and (inspector, d) not in self.busy), None
        )


def _same_day_in(month: date, due_by: date) -> date:
    """The due date's day of the month within another month (31st → that month's last day)."""
    last_day = (next_month(month) - _ONE_DAY).day
    return month.replace(day=min(due_by.day, last_day))


def _month_rank(need: _Need, month: date, load: int) -> tuple[int, ...]:
    """Smaller is better: as soon as possible when late, else inside the preferred window,
    least loaded, then closest to the due date."""
    if need.late:
        return (month.toordinal(),)
    preferred_from = month_start(need.latest - timedelta(days=PREFERRED_WINDOW_DAYS))
    return (int(month < preferred_from), load, -month.toordinal())


def _slot_for(book: _Book, inspector: str, need: _Need) -> date | None:
    """The best start for this inspector within the need's window, if any month has room."""
    options = []
    for month in months_between(need.earliest, need.latest):
        if book.has_room(inspector, month):
            day = book.free_day(inspector, month, need)
            if day is not None:
                load = book.load[(inspector, month)]
                options.append((_month_rank(need, month, load), day))
    return min(options)[1] if options else None


def _place(book: _Book, need: _Need, allocated: str | None) -> tuple[str, date] | None:
    """The allocated inspector when they have room, else the least-loaded one that has."""
    if allocated and allocated in book.inspectors:
        day = _slot_for(book, allocated, need)
        if day is not None:
            return allocated, day
    for inspector in sorted(book.inspectors, key=lambda who: (book.year_load(who), who)):
        if inspector != allocated:
            day = _slot_for(book, inspector, need)
            if day is not None:
                return inspector, day
    return None


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
        self.book = _Book(inputs.capacity, (i for i in inspectors if inputs.capacity.of(i) > 0))
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

    def first_need(self, group: PlanGroup) -> _Need | None:
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
        if due <= active[1]:
            return self.need(facts.code, due, active)
        if not covered and is_group_active(facts, self.last):
            return self.need(facts.code, due, active, latest=self.last)
        return None

    def need(
        self, code: str, due: date, active: tuple[date, date], latest: date | None = None
    ) -> _Need:
        earliest = max(self.earliest, active[0])
        end = min(self.last, active[1])
        if latest is None:
            latest = latest_working_day_on_or_before(due)
        late = latest < earliest
        return _Need(due, code, earliest, end if late else min(latest, end), late)

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

    def proposed_row(self, need: _Need) -> tuple[ScheduleRow, date | None]:
        group = self.groups[need.group_code]
        placed = (
            _place(self.book, need, group.allocated_inspector)
            if (need.earliest <= need.latest)
            else None
        )
        inspector, start = placed if placed else (None, None)
        if inspector and start:
            self.book.add(inspector, start)
            flags = self.flags(start, need.due_by)
        else:
            flags = (Flag.NOT_FITTED,) + ((Flag.OVERDUE,) if need.late else ())
        advice = group.suggestion
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
