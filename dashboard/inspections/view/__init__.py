"""The Inspections page's tables: register rows filtered, milestone states in words, due lists."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import pandas as pd

from dashboard.core.programme_year import programme_year_of
from dashboard.core.workdays import add_working_days, working_days_between
from dashboard.coverage.rules import DATE_PASSED, is_date_passed
from dashboard.inspections.queries import RegisterRow, RequestFact
from dashboard.inspections.rules import (
    MILESTONE_LABELS,
    REPORTED_MILESTONES,
    WITHHELD_MILESTONES,
    InspectionDates,
    Milestone,
    MilestoneDue,
    MilestoneState,
    SlaCell,
    milestone_schedule,
    milestone_state,
    overdue_reports,
    sla_performance,
)
from dashboard.inspections.view.detail import REPORT_IN_PROGRESS as REPORT_IN_PROGRESS
from dashboard.inspections.view.detail import draft_of as draft_of
from dashboard.inspections.view.detail import evidence_frame as evidence_frame
from dashboard.inspections.view.detail import request_due_default as request_due_default
from dashboard.inspections.view.detail import requests_frame as requests_frame

DUE_SOON_WORKING_DAYS = 10
MILESTONE_COLUMNS = [MILESTONE_LABELS[m] for m in REPORTED_MILESTONES]
# Each milestone's state is said in words; no shading (styling cells cost ~12 ms a table).
STATE_WORDS = {state: state.replace("_", " ") for state in MilestoneState}
WITHHELD_COLUMNS = {MILESTONE_LABELS[m] for m in WITHHELD_MILESTONES}


@dataclass(frozen=True)
class RegisterFilters:
    """What the register is narrowed to; an empty set means no narrowing."""

    types: frozenset[str] = field(default_factory=frozenset)
    modes: frozenset[str] = field(default_factory=frozenset)
    status: str | None = None
    providers: frozenset[str] = field(default_factory=frozenset)
    inspectors: frozenset[str] = field(default_factory=frozenset)
    years: frozenset[int] = field(default_factory=frozenset)
    # planned / carried out / cancelled (the inspection's own status, not a milestone's)
    inspection_statuses: frozenset[str] = field(default_factory=frozenset)


@lru_cache(maxsize=4096)
def reported(dates: InspectionDates) -> tuple[MilestoneDue, ...]:
    """The milestones the register reports (announce, PIR, draft, factual accuracy, final);
    cached, as every table on the page asks for the same inspections' schedules."""
    return tuple(
        item for item in milestone_schedule(dates) if item.milestone in REPORTED_MILESTONES
    )


def states(dates: InspectionDates, as_of: date) -> dict[Milestone, MilestoneState]:
    """Each reported milestone's state as of a date."""
    return {
        item.milestone: milestone_state(item.due_on, item.done_on, as_of)
        for item in reported(dates)
    }


def _matches(row: RegisterRow, filters: RegisterFilters, as_of: date) -> bool:
    checks = (
        (filters.types, row.inspection_type),
        (filters.modes, row.mode),
        (filters.providers, row.provider_code),
        (filters.inspectors, row.lead_inspector),
        (filters.years, programme_year_of(row.dates.start_on)),
        (filters.inspection_statuses, row.dates.status),
    )
    if any(wanted and value not in wanted for wanted, value in checks):
        return False
    return filters.status is None or filters.status in states(row.dates, as_of).values()


def filter_register(
    rows: Iterable[RegisterRow], filters: RegisterFilters, as_of: date
) -> list[RegisterRow]:
    """The rows that pass every filter; a status filter keeps rows with a milestone in it."""
    return [row for row in rows if _matches(row, filters, as_of)]


@dataclass(frozen=True)
class FilterOptions:
    """The values each register filter offers."""

    providers: dict[str, str]  # code: "code · name", by code
    inspectors: list[str]
    years: list[int]


def filter_options(rows: Sequence[RegisterRow]) -> FilterOptions:
    """The values each filter offers, from the register itself (newest programme year first)."""
    return FilterOptions(
        providers={
            code: f"{code} · {name}"
            for code, name in sorted({(row.provider_code, row.provider_name) for row in rows})
        },
        inspectors=sorted({row.lead_inspector for row in rows if row.lead_inspector}),
        years=sorted({programme_year_of(row.dates.start_on) for row in rows}, reverse=True),
    )


def milestone_text(item: MilestoneDue, state: MilestoneState) -> str:
    """A milestone's state in words with its dates, e.g. `overdue (due 2026-10-12)`."""
    match state:
        case MilestoneState.ON_TIME:
            return f"on time ({item.done_on})"
        case MilestoneState.LATE:
            return f"late (done {item.done_on}, due {item.due_on})"
        case MilestoneState.OVERDUE:
            return f"overdue (due {item.due_on})"
    return f"pending (due {item.due_on})"


def overdue_first(rows: Iterable[RegisterRow], as_of: date) -> list[RegisterRow]:
    """Inspections with the most overdue milestones first, then the newest."""

    def overdue(row: RegisterRow) -> int:
        return list(states(row.dates, as_of).values()).count(MilestoneState.OVERDUE)

    return sorted(rows, key=lambda row: (-overdue(row), -row.dates.start_on.toordinal()))


def _milestone_cells(dates: InspectionDates, as_of: date) -> dict[str, str]:
    """Each reported milestone's column and its state in words."""
    return {
        MILESTONE_LABELS[item.milestone]: milestone_text(
            item, milestone_state(item.due_on, item.done_on, as_of)
        )
        for item in reported(dates)
    }


def register_frame(rows: Iterable[RegisterRow], as_of: date) -> pd.DataFrame:
    """One row per inspection, in the order given (`overdue_first`), each milestone's state in
    words."""
    records, rows = [], list(rows)
    passed = set(date_passed(rows, as_of))
    for row in rows:
        cells = _milestone_cells(row.dates, as_of)
        if row.dates.report_withheld:
            cells.update(dict.fromkeys(WITHHELD_COLUMNS, REPORT_IN_PROGRESS))
        records.append(
            {
                "Inspection": row.ref,
                "Group": row.group_code,
                "Provider": row.provider_name,
                "Type": row.inspection_type,
                "Mode": row.mode or "",
                "Lead inspector": row.lead_inspector or "",
                "Start": row.dates.start_on,
                "End": row.dates.end_on or row.dates.start_on,
                "Status": row.dates.status,
                **{column: cells.get(column, "") for column in MILESTONE_COLUMNS},
                "Overdue": sum(text.startswith("overdue") for text in cells.values()),
                "Flag": DATE_PASSED if row.ref in passed else "",
            }
        )
    columns = [
        "Inspection",
        "Group",
        "Provider",
        "Type",
        "Mode",
        "Lead inspector",
        "Start",
        "End",
        "Status",
        *MILESTONE_COLUMNS,
        "Overdue",
        "Flag",
    ]
    return pd.DataFrame(records, columns=columns)


def date_passed(rows: Iterable[RegisterRow], as_of: date) -> list[str]:
    """Refs of planned inspections whose start is on or before the date, earliest first."""
    passed = (r for r in rows if is_date_passed(r.dates.status, r.dates.start_on, as_of))
    return [ref for _, ref in sorted((row.dates.start_on, row.ref) for row in passed)]


def late_reports_frame(rows: Iterable[RegisterRow], as_of: date) -> pd.DataFrame:
    """Draft and final reports not sent by their due date (`rules.overdue_reports`, the one
    definition the Overview counts too), most overdue first."""
    records = [
        {
            "Inspection": row.ref,
            "Group": row.group_code,
            "Provider": row.provider_name,
            "Lead inspector": row.lead_inspector or "",
            "Report": MILESTONE_LABELS[item.milestone],
            "Due on": item.due_on,
            "Working days overdue": working_days_between(item.due_on, as_of),
        }
        for row in rows
        for item in overdue_reports(row.dates, as_of)
    ]
    frame = pd.DataFrame(
        records,
        columns=[
            "Inspection",
            "Group",
            "Provider",
            "Lead inspector",
            "Report",
            "Due on",
            "Working days overdue",
        ],
    )
    return frame.sort_values(
        ["Working days overdue", "Inspection"], ascending=[False, True], ignore_index=True
    )


def due_soon_frame(
    rows: Iterable[RegisterRow],
    requests: Iterable[tuple[str, RequestFact]],
    as_of: date,
    working_days: int = DUE_SOON_WORKING_DAYS,
) -> pd.DataFrame:
    """Milestones and information requests not done that fall due from the date to N working
    days after it, soonest first."""
    last = add_working_days(as_of, working_days)
    listed = list(rows)
    records = [
        _due_record(item.due_on, MILESTONE_LABELS[item.milestone], row, as_of)
        for row in listed
        for item in reported(row.dates)
        if as_of <= item.due_on <= last
        and milestone_state(item.due_on, item.done_on, as_of) is MilestoneState.PENDING
    ]
    by_ref = {row.ref: row for row in listed}
    records += [
        _due_record(request.due_on, "Information request", by_ref[ref], as_of)
        for ref, request in requests
        if ref in by_ref and as_of <= request.due_on <= last
    ]
    frame = pd.DataFrame(
        records,
        columns=[
            "Due on",
            "Working days left",
            "Milestone",
            "Inspection",
            "Group",
            "Lead inspector",
        ],
    )
    return frame.sort_values(["Due on", "Inspection"], ignore_index=True)


def _due_record(due_on: date, what: str, row: RegisterRow, as_of: date) -> dict[str, object]:
    return {
        "Due on": due_on,
        "Working days left": working_days_between(as_of, due_on),
        "Milestone": what,
        "Inspection": row.ref,
        "Group": row.group_code,
        "Lead inspector": row.lead_inspector or "",
    }


def schedule_frame(dates: InspectionDates | None, as_of: date) -> pd.DataFrame:
    """Every milestone of one inspection (or a draft being typed) with its due date and state."""
    items = milestone_schedule(dates) if dates else []
    withheld: list[dict[str, object]] = [
        {"Milestone": MILESTONE_LABELS[m], "State": REPORT_IN_PROGRESS}
        for m in REPORTED_MILESTONES
        if dates and dates.report_withheld and m in WITHHELD_MILESTONES
    ]
    scheduled: list[dict[str, object]] = [
        {
            "Milestone": MILESTONE_LABELS[item.milestone],
            "Due on": item.due_on,
            "Done on": item.done_on,
            "State": ""
            if item.milestone not in REPORTED_MILESTONES
            else milestone_text(item, milestone_state(item.due_on, item.done_on, as_of)),
        }
        for item in items
    ]
    return pd.DataFrame(scheduled + withheld, columns=["Milestone", "Due on", "Done on", "State"])


def sla_table(cells: Iterable[SlaCell]) -> pd.DataFrame:
    """Quarters down, milestones across: `met of counted (share)`, a dash when none counted."""
    table: dict[str, dict[str, str]] = {}
    for cell in cells:
        text = "—" if cell.share is None else f"{cell.met} of {cell.counted} ({cell.share:.0%})"
        table.setdefault(cell.quarter.label, {})[MILESTONE_LABELS[cell.milestone]] = text
    frame = pd.DataFrame.from_dict(table, orient="index", columns=MILESTONE_COLUMNS)
    return frame.rename_axis("Quarter").reset_index()


@dataclass(frozen=True)
class RegisterView:
    """Everything the inspections page shows of the filtered register, worked out together so
    one cache entry holds it (the milestone and SLA sums cost seconds at 100× the programme)."""

    shown: list[RegisterRow]  # overdue first, as the register lists them, a page at a time
    late: pd.DataFrame
    due: pd.DataFrame
    sla: list[SlaCell]


def register_view(
    rows: Iterable[RegisterRow],
    requests: Iterable[tuple[str, RequestFact]],
    filters: RegisterFilters,
    as_of: date,
) -> RegisterView:
    """The register narrowed by the filters, with its late reports, what falls due and SLA."""
    shown = overdue_first(filter_register(rows, filters, as_of), as_of)
    return RegisterView(
        shown=shown,
        late=late_reports_frame(shown, as_of),
        due=due_soon_frame(shown, requests, as_of),
        sla=sla_performance([row.dates for row in shown], as_of),
    )
