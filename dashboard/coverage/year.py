"""A programme year month by month, per group and per provider, for the coverage page."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dashboard.core.programme_year import month_end, programme_year_bounds, year_months
from dashboard.coverage.rules import (
    GroupFacts,
    InspectionStart,
    add_one_year,
    coverage_percent,
    programme_year_coverage,
)


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


def _state(group: GroupFacts, starts: Sequence[date], month: date, as_of: date) -> MonthState:
    """Inspected or scheduled in the month; else due in it, overdue by it, or in date."""
    end = month_end(month)
    if not _active_in(group, month, end):
        return MonthState.NOT_ACTIVE
    in_month = [d for d in starts if month <= d <= end]
    if in_month:
        return MonthState.INSPECTED if min(in_month) <= as_of else MonthState.SCHEDULED
    due = _due_at(group, [d for d in starts if d < month])
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
    by_group: dict[str, list[date]] = {}
    for inspection in inspections:
        by_group.setdefault(inspection.group_code, []).append(inspection.start_on)
    cells = []
    for group in sorted(groups, key=lambda g: g.code):
        if not group.services or not _active_in(group, first, last):
            continue
        starts = sorted(by_group.get(group.code, []))
        cells.extend(
            MonthCell(group.code, month, _state(group, starts, month, as_of))
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
