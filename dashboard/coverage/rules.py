"""Annual inspection coverage of inspection groups, so no open service goes a year uninspected."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

from dashboard.core.programme_year import programme_year_bounds, year_label
from dashboard.core.report import Report

DUE_SOON_DAYS = 60


class CoverageStatus(StrEnum):
    IN_DATE = "in_date"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


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
    """One inspection of a group, counted on the day it starts."""

    group_code: str
    start_on: date
    inspection_type: str


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
    done = [i for i in inspections if i.start_on <= as_of]
    scheduled = [i.start_on for i in inspections if i.start_on > as_of]
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
                first <= i.start_on <= covered_up_to for i in starts_of.get(group.code, [])
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
