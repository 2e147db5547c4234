"""Annual inspection coverage of inspection groups, so no open service goes a year uninspected."""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

from dashboard.core.programme_year import (
    month_end,
    programme_year_bounds,
    programme_year_of,
    year_label,
    year_months,
)
from dashboard.core.report import Report
from dashboard.core.vocabulary import InspectionStatus

DUE_SOON_DAYS = 60
# What a planned inspection whose start date has passed asks of the programme team.
DATE_PASSED = "date passed: record it as carried out, move it or cancel it"


class CoverageStatus(StrEnum):
    IN_DATE = "in_date"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


# The status in words, as the coverage page and its filters show it.
STATUS_WORDS = {
    CoverageStatus.OVERDUE: "overdue",
    CoverageStatus.DUE_SOON: "due soon",
    CoverageStatus.IN_DATE: "in date",
}

_STATUS_RANK = {CoverageStatus.OVERDUE: 0, CoverageStatus.DUE_SOON: 1, CoverageStatus.IN_DATE: 2}


@dataclass(frozen=True)
class ServiceSpan:
    """When one service of a group was open: from opened_on up to, not including, closed_on."""

    opened_on: date
    closed_on: date | None = None


@dataclass(frozen=True)
class GroupFacts:
    """An inspection group with its provider and the open spans of its services."""

    code: str
    provider_code: str
    services: tuple[ServiceSpan, ...]


@dataclass(frozen=True)
class InspectionStart:
    """One inspection of a group, counted on the day it starts once carried out."""

    group_code: str
    start_on: date
    inspection_type: str
    status: str = InspectionStatus.CARRIED_OUT


def counts_as_of(inspection: InspectionStart, as_of: date) -> bool:
    """Only a carried-out inspection that started on or before the date counts as done."""
    return inspection.status == InspectionStatus.CARRIED_OUT and inspection.start_on <= as_of


def is_scheduled(inspection: InspectionStart, as_of: date) -> bool:
    """Planned (whatever its date), or carried out but starting after the date; never cancelled."""
    if inspection.status == InspectionStatus.PLANNED:
        return True
    return inspection.status == InspectionStatus.CARRIED_OUT and inspection.start_on > as_of


def is_date_passed(status: str, start_on: date, as_of: date) -> bool:
    """A planned inspection whose start is on or before the date: record, move or cancel it."""
    return status == InspectionStatus.PLANNED and start_on <= as_of


def inspection_state(status: str, start_on: date, as_of: date, done_word: str = "done") -> str:
    """An inspection's state as of a date: done (in the page's word), scheduled, cancelled, or
    a planned one whose date has passed."""
    if status == InspectionStatus.CANCELLED:
        return "cancelled"
    if is_date_passed(status, start_on, as_of):
        return DATE_PASSED
    return done_word if start_on <= as_of else "scheduled"


def done_or_ahead(inspections: Iterable[InspectionStart], as_of: date) -> list[InspectionStart]:
    """Those done by the date and those still to come after it: the planner's view, where a
    planned inspection whose date has passed is neither, and a cancelled one never counts."""
    return [
        i
        for i in inspections
        if counts_as_of(i, as_of) or (is_scheduled(i, as_of) and i.start_on > as_of)
    ]


@dataclass(frozen=True)
class GroupCoverage:
    """One active group's annual-inspection position as of a date."""

    group_code: str
    provider_code: str
    status: CoverageStatus
    last_inspected_on: date | None
    last_inspection_type: str | None
    next_due_on: date
    scheduled_on: date | None
    # The earliest planned start on or before the as-of date: flagged DATE_PASSED.
    date_passed_on: date | None = None


@dataclass(frozen=True)
class PlannedInspection:
    """An inspection already in the programme with a start date after the as-of date."""

    ref: str
    group_code: str
    start_on: date
    inspection_type: str
    key_questions: tuple[str, ...] = ()
    lead_inspector: str | None = None
    status: str = InspectionStatus.CARRIED_OUT


@dataclass(frozen=True)
class ProgrammeYearRow:
    """One group required in a programme year and whether an inspection in that year covered it."""

    group_code: str
    provider_code: str
    covered: bool


def is_open_on(span: ServiceSpan, day: date) -> bool:
    """A service is open from its opened_on until the day before its closed_on."""
    return span.opened_on <= day and (span.closed_on is None or span.closed_on > day)


def is_group_active(group: GroupFacts, day: date) -> bool:
    """A group is active on a day when at least one of its services is open on it."""
    return any(is_open_on(span, day) for span in group.services)


def _is_open_during(span: ServiceSpan, first: date, last: date) -> bool:
    """True when the service is open on at least one day from first to last inclusive."""
    earliest_open_day = max(span.opened_on, first)
    return earliest_open_day <= last and is_open_on(span, earliest_open_day)


def add_one_year(day: date) -> date:
    """The same date a calendar year later; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return date(day.year + 1, 2, 28)
    return day.replace(year=day.year + 1)


class _OfGroup(Protocol):
    @property
    def group_code(self) -> str: ...


InGroup = TypeVar("InGroup", bound=_OfGroup)


def by_group(items: Iterable[InGroup]) -> dict[str, list[InGroup]]:
    """Items (inspections, planned ones) listed under their group code in one pass, in order."""
    grouped: dict[str, list[InGroup]] = defaultdict(list)
    for item in items:
        grouped[item.group_code].append(item)
    return grouped


def _status(next_due_on: date, as_of: date) -> CoverageStatus:
    """Overdue after the due date, due soon within DUE_SOON_DAYS of it, else in date."""
    if as_of > next_due_on:
        return CoverageStatus.OVERDUE
    if (next_due_on - as_of).days <= DUE_SOON_DAYS:
        return CoverageStatus.DUE_SOON
    return CoverageStatus.IN_DATE


def _group_coverage(
    group: GroupFacts, inspections: Sequence[InspectionStart], as_of: date
) -> GroupCoverage:
    """The coverage of one active group from its own inspections."""
    done = [i for i in inspections if counts_as_of(i, as_of)]
    scheduled = [i.start_on for i in inspections if is_scheduled(i, as_of)]
    passed = [i.start_on for i in inspections if is_date_passed(i.status, i.start_on, as_of)]
    last = max(done, key=lambda i: (i.start_on, i.inspection_type), default=None)
    if last is not None:
        next_due_on = add_one_year(last.start_on)
    else:
        next_due_on = add_one_year(min(span.opened_on for span in group.services))
    return GroupCoverage(
        group_code=group.code,
        provider_code=group.provider_code,
        status=_status(next_due_on, as_of),
        last_inspected_on=last.start_on if last else None,
        last_inspection_type=last.inspection_type if last else None,
        next_due_on=next_due_on,
        scheduled_on=min(scheduled, default=None),
        date_passed_on=min(passed, default=None),
    )


def coverage_as_of(
    groups: Iterable[GroupFacts], inspections: Iterable[InspectionStart], as_of: date
) -> list[GroupCoverage]:
    """Coverage of every group active on as_of, worst first, then by due date and group code."""
    starts_of = by_group(inspections)
    rows = [
        _group_coverage(group, starts_of.get(group.code, []), as_of)
        for group in groups
        if is_group_active(group, as_of)
    ]
    rows.sort(key=lambda r: (_STATUS_RANK[r.status], r.next_due_on, r.group_code))
    return rows


def programme_year_coverage(
    groups: Iterable[GroupFacts], inspections: Iterable[InspectionStart], year: int, as_of: date
) -> list[ProgrammeYearRow]:
    """Groups required in the programme year (active any day of it) and whether covered by as_of."""
    first, last = programme_year_bounds(year)
    covered_up_to = min(last, as_of)
    starts_of = by_group(inspections)
    rows = [
        ProgrammeYearRow(
            group_code=group.code,
            provider_code=group.provider_code,
            covered=any(
                first <= i.start_on <= covered_up_to and counts_as_of(i, as_of)
                for i in starts_of.get(group.code, [])
            ),
        )
        for group in groups
        if any(_is_open_during(span, first, last) for span in group.services)
    ]
    rows.sort(key=lambda r: r.group_code)
    return rows


def coverage_percent(rows: Iterable[ProgrammeYearRow]) -> float | None:
    """Covered groups as a percentage of required groups; None when no group is required."""
    required = covered = 0
    for row in rows:
        required += 1
        covered += row.covered
    return None if required == 0 else 100 * covered / required


@dataclass(frozen=True)
class ProgrammeYearPercent:
    """Coverage of one programme year: groups required, covered, and the percentage."""

    year: int
    required: int
    covered: int
    percent: float | None


def programme_year_percents(
    groups: Sequence[GroupFacts], starts: Sequence[InspectionStart], as_of: date
) -> list[ProgrammeYearPercent]:
    """Coverage of each programme year from the first with an inspection to the current one."""
    current = programme_year_of(as_of)
    listed = [s for s in starts if s.status != InspectionStatus.CANCELLED]
    first = min((programme_year_of(s.start_on) for s in listed), default=current)
    result = []
    for year in range(min(first, current), current + 1):
        year_first, year_last = programme_year_bounds(year)
        in_year = [s for s in listed if year_first <= s.start_on <= year_last]  # all it looks at
        rows = programme_year_coverage(groups, in_year, year, as_of)
        covered = sum(row.covered for row in rows)
        result.append(ProgrammeYearPercent(year, len(rows), covered, coverage_percent(rows)))
    return result


# The programme year month by month, per group and per provider, for the coverage page.
class MonthState(StrEnum):
    INSPECTED = "Inspected"
    SCHEDULED = "Scheduled"
    DUE = "Due"
    OVERDUE = "Overdue"
    IN_DATE = "In date"
    NOT_ACTIVE = "Not active"


@dataclass(frozen=True)
class MonthCell:
    """One group in one month of the programme year."""

    group_code: str
    month: date
    state: MonthState


@dataclass(frozen=True)
class ProviderYear:
    """One provider's groups required and covered in a programme year."""

    provider_code: str
    provider_name: str
    required: int
    covered: int
    percent: float | None


def _active_in(group: GroupFacts, first: date, last: date) -> bool:
    """Whether any service of the group is open on some day from first to last."""
    return any(
        s.opened_on <= last and (s.closed_on is None or s.closed_on > first) for s in group.services
    )


def _due_at(group: GroupFacts, earlier: Sequence[date]) -> date:
    """The due date in force given the inspections started before a moment."""
    if earlier:
        return add_one_year(max(earlier))
    return add_one_year(min(s.opened_on for s in group.services))


@dataclass(frozen=True)
class _GroupStarts:
    """One group's starts: carried out by the as-of date, scheduled, and both for due dates."""

    done: tuple[date, ...]
    scheduled: tuple[date, ...]
    for_due: tuple[date, ...]


def _group_starts(inspections: Sequence[InspectionStart], as_of: date) -> _GroupStarts:
    return _GroupStarts(
        tuple(sorted(i.start_on for i in inspections if counts_as_of(i, as_of))),
        tuple(sorted(i.start_on for i in inspections if is_scheduled(i, as_of))),
        tuple(sorted(i.start_on for i in done_or_ahead(inspections, as_of))),
    )


def _state(group: GroupFacts, starts: _GroupStarts, month: date) -> MonthState:
    """Inspected or scheduled in the month; else due in it, overdue by it, or in date.

    A planned inspection whose date has passed shows as scheduled in its month, but does not
    move the due date: only one carried out does (or, after the as-of date, one to come)."""
    end = month_end(month)
    if not _active_in(group, month, end):
        return MonthState.NOT_ACTIVE
    if any(month <= d <= end for d in starts.done):
        return MonthState.INSPECTED
    if any(month <= d <= end for d in starts.scheduled):
        return MonthState.SCHEDULED
    due = _due_at(group, [d for d in starts.for_due if d < month])
    if month <= due <= end:
        return MonthState.DUE
    return MonthState.OVERDUE if due < month else MonthState.IN_DATE


def month_cells(
    groups: Iterable[GroupFacts], inspections: Iterable[InspectionStart], year: int, as_of: date
) -> list[MonthCell]:
    """Each group required in the year (active on some day of it) × each month of the year.

    Months after the as-of date show scheduled inspections as planned, and a group that nothing
    is scheduled for stays overdue from its due date on.
    """
    first, last = programme_year_bounds(year)
    starts_of = by_group(inspections)
    cells: list[MonthCell] = []
    for group in sorted(groups, key=lambda g: g.code):
        if not group.services or not _active_in(group, first, last):
            continue
        starts = _group_starts(starts_of.get(group.code, []), as_of)
        cells.extend(
            MonthCell(group.code, month, _state(group, starts, month))
            for month in year_months(year)
        )
    return cells


def provider_year_coverage(
    groups: Sequence[GroupFacts],
    inspections: Sequence[InspectionStart],
    year: int,
    as_of: date,
    provider_names: Mapping[str, str],
) -> list[ProviderYear]:
    """Coverage % of the programme year for each provider with a group required in it."""
    rows = programme_year_coverage(groups, inspections, year, as_of)
    result = []
    for code in sorted({row.provider_code for row in rows}):
        mine = [row for row in rows if row.provider_code == code]
        result.append(
            ProviderYear(
                code,
                provider_names.get(code, code),
                len(mine),
                sum(row.covered for row in mine),
                coverage_percent(mine),
            )
        )
    return result


COVERAGE_COLUMNS = (
    "group_code",
    "provider_code",
    "status",
    "last_inspected_on",
    "last_inspection_type",
    "next_due_on",
    "scheduled_on",
)
PROGRAMME_YEAR_COLUMNS = ("group_code", "provider_code", "covered")


def coverage_report(rows: Iterable[GroupCoverage]) -> Report:
    """One row per active inspection group, worst first."""
    return Report(
        COVERAGE_COLUMNS,
        [
            (
                row.group_code,
                row.provider_code,
                row.status,
                row.last_inspected_on,
                row.last_inspection_type,
                row.next_due_on,
                row.scheduled_on,
            )
            for row in rows
        ],
    )


def programme_year_report(rows: Sequence[ProgrammeYearRow], year: int) -> Report:
    """One row per group required in the programme year; the footer gives coverage %."""
    percent = coverage_percent(rows)
    covered = sum(row.covered for row in rows)
    figure = "n/a (no group required)" if percent is None else f"{percent:.1f}%"
    footer = f"Programme year {year_label(year)} coverage: {figure}"
    footer += f" ({covered} of {len(rows)} groups)"
    return Report(
        PROGRAMME_YEAR_COLUMNS,
        [(row.group_code, row.provider_code, "yes" if row.covered else "no") for row in rows],
        footer,
    )
