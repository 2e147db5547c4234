"""Annual inspection coverage of inspection groups, so no open service goes a year uninspected."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dashboard.core.programme_year import (
    month_end,
    programme_year_bounds,
    programme_year_of,
    year_label,
    year_months,
)
from dashboard.core.report import Report
from dashboard.core.vocabulary import InspectionStatus
from dashboard.coverage.rules.facts import (
    DATE_PASSED as DATE_PASSED,
)
from dashboard.coverage.rules.facts import (
    DUE_SOON_DAYS as DUE_SOON_DAYS,
)
from dashboard.coverage.rules.facts import (
    STATUS_WORDS as STATUS_WORDS,
)
from dashboard.coverage.rules.facts import (
    CoverageStatus as CoverageStatus,
)
from dashboard.coverage.rules.facts import (
    GroupCoverage as GroupCoverage,
)
from dashboard.coverage.rules.facts import (
    GroupFacts as GroupFacts,
)
from dashboard.coverage.rules.facts import (
    InGroup as InGroup,
)
from dashboard.coverage.rules.facts import (
    InspectionStart as InspectionStart,
)
from dashboard.coverage.rules.facts import (
    PlannedInspection as PlannedInspection,
)
from dashboard.coverage.rules.facts import (
    ProgrammeYearRow as ProgrammeYearRow,
)
from dashboard.coverage.rules.facts import (
    ServiceSpan as ServiceSpan,
)
from dashboard.coverage.rules.facts import (
    add_one_year as add_one_year,
)
from dashboard.coverage.rules.facts import (
    by_group as by_group,
)
from dashboard.coverage.rules.facts import (
    counts_as_of as counts_as_of,
)
from dashboard.coverage.rules.facts import (
    done_or_ahead as done_or_ahead,
)
from dashboard.coverage.rules.facts import (
    inspection_state as inspection_state,
)
from dashboard.coverage.rules.facts import (
    is_date_passed as is_date_passed,
)
from dashboard.coverage.rules.facts import (
    is_group_active as is_group_active,
)
from dashboard.coverage.rules.facts import (
    is_open_on as is_open_on,
)
from dashboard.coverage.rules.facts import (
    is_scheduled as is_scheduled,
)

_STATUS_RANK = {CoverageStatus.OVERDUE: 0, CoverageStatus.DUE_SOON: 1, CoverageStatus.IN_DATE: 2}


def _is_open_during(span: ServiceSpan, first: date, last: date) -> bool:
    """True when the service is open on at least one day from first to last inclusive."""
    earliest_open_day = max(span.opened_on, first)
    return earliest_open_day <= last and is_open_on(span, earliest_open_day)


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
