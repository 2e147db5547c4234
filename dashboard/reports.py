"""The CLI's reports: rows with fixed columns, rendered as CSV or as an aligned table."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.core.marking import MARKING as MARKING  # re-exported: most callers import it here
from dashboard.coverage.rules import GroupCoverage, ProgrammeYearRow, coverage_percent
from dashboard.inspections.rules import (
    REPORTED_MILESTONES,
    InspectionDates,
    milestone_schedule,
    milestone_state,
)

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
DEADLINE_COLUMNS = ("inspection_ref", "milestone", "due_on", "done_on", "state")

Cell = str | date | None


@dataclass(frozen=True)
class Report:
    """A report's columns, rows and an optional closing line for the table format."""

    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    footer: str | None = None


def _text(cell: Cell) -> str:
    return "" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell)


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
    footer = f"Programme year {year}/{(year + 1) % 100:02d} coverage: {figure}"
    footer += f" ({covered} of {len(rows)} groups)"
    return Report(
        PROGRAMME_YEAR_COLUMNS,
        [(row.group_code, row.provider_code, "yes" if row.covered else "no") for row in rows],
        footer,
    )


def deadline_report(inspections: Mapping[str, InspectionDates], as_of: date) -> Report:
    """One row per reported milestone that has a due date, inspection by inspection."""
    rows: list[tuple[Cell, ...]] = []
    for ref, dates in inspections.items():
        for item in milestone_schedule(dates):
            if item.milestone in REPORTED_MILESTONES:
                state = milestone_state(item.due_on, item.done_on, as_of)
                rows.append((ref, item.milestone, item.due_on, item.done_on, state))
    return Report(DEADLINE_COLUMNS, rows)


def render_csv(report: Report) -> str:
    """The report as CSV with a header row (the scripted contract: no extra lines)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(report.columns)
    writer.writerows([_text(cell) for cell in row] for row in report.rows)
    return buffer.getvalue()


def render_table(report: Report) -> str:
    """The report as aligned columns for a terminal, with its footer and the marking."""
    cells = [list(report.columns)] + [[_text(cell) for cell in row] for row in report.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(report.columns))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if not report.rows:
        lines.append("(no rows)")
    if report.footer:
        lines.append(report.footer)
    lines.append(MARKING)
    return "\n".join(lines) + "\n"
