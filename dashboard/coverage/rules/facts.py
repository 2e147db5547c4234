"""The facts coverage is worked out from: groups and their services, inspection starts, the
status words, and the small rules over them (open on a day, counts as of a date, a year on)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

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
