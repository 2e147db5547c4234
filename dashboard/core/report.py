"""The CLI's reports: rows with fixed columns, rendered as CSV or as an aligned table."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.core.csv_file import csv_text
from dashboard.core.marking import MARKING

Cell = str | date | None


@dataclass(frozen=True)
class Report:
    """A report's columns, rows and an optional closing line for the table format."""

    columns: tuple[str, ...]
    rows: Sequence[tuple[Cell, ...]]
    footer: str | None = None


def _text(cell: Cell) -> str:
    return "" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell)


def render_csv(report: Report) -> str:
    """The report as CSV with a header row (the scripted contract: no extra lines); text that
    looks like a formula is guarded with a leading `'`."""
    rows = ([_text(cell) for cell in row] for row in report.rows)
    return csv_text(report.columns, rows, lineterminator="\n")


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
