"""A register page's table as a marked CSV or Excel download, with dates kept as dates."""

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.core.csv_file import csv_text
from dashboard.core.marking import MARKING

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
# Word's soft line break (vertical tab) and a page break: XLSX cannot hold them, a new line says
# the same. Other control characters XLSX cannot hold (NUL, escape ...) carry nothing: dropped.
_LINE_BREAKS: re.Pattern[str] = re.compile(r"[\v\f]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILE_UNSAFE = re.compile(r"[^a-z0-9]+")


def export_file_name(name: str, extension: str, on: date | None = None) -> str:
    """A download's name with date and marking: `services-2026-11-02-OFFICIAL-SENSITIVE.csv`."""
    slug = _FILE_UNSAFE.sub("-", name.lower()).strip("-") or "table"
    return f"{slug}-{(on or date.today()).isoformat()}-{MARKING}.{extension}"


def sheet_text(text: str) -> str:
    """Text an .xlsx cell can hold: `\\v` and `\\f` become new lines, other control characters
    XLSX cannot store (openpyxl's ILLEGAL_CHARACTERS_RE) are dropped; tab and newline stay."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", _LINE_BREAKS.sub("\n", text)))


def _cell(value: Any) -> Any:
    """A pandas value as Excel should hold it: dates as dates, missing as empty, yes/no."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value.date() if value == datetime.combine(value.date(), value.time().min) else value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a whole number in a column pandas made float by a missing value
    if isinstance(value, date | int | float):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return str(value)


def _sheet_title(title: str) -> str:
    """A legal sheet title: no []:*?/\\ and at most 31 characters."""
    return (_SHEET_FORBIDDEN.sub(" ", title).strip() or "Table")[:31]


def fill_sheet(sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Bold frozen header, real date cells, text never a formula, fitted widths, marking."""
    bold = Font(bold=True)
    widths = [len(header) for header in headers]
    for column, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=column, value=sheet_text(header)).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, raw in enumerate(row, start=1):
            value = _cell(raw)
            if isinstance(value, str):
                value = sheet_text(value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # text such as "=..." must never become a formula
            shown = value.isoformat() if isinstance(value, date) else str(value or "")
            widths[column - 1] = max(widths[column - 1], len(shown))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    for header_footer in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
        header_footer.center.text = MARKING


def workbook_bytes(workbook: Workbook, title: str) -> bytes:
    """A workbook saved to bytes, its properties marked."""
    workbook.properties.title = f"{title} ({MARKING})"
    workbook.properties.keywords = MARKING
    workbook.properties.category = MARKING
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def frame_to_xlsx_bytes(df: pd.DataFrame, sheet_title: str) -> bytes:
    """The table as one marked sheet, with dates as dates and a frozen header."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_title)
    fill_sheet(sheet, [str(column) for column in df.columns], df.itertuples(index=False, name=None))
    return workbook_bytes(workbook, sheet_title)


def _csv_value(value: Any) -> Any:
    """A CSV cell: dates in ISO form (the one CSV writer guards text that looks like a formula)."""
    value = _cell(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def frame_to_csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with a byte order mark, so Excel reads accents correctly."""
    rows = ([_csv_value(value) for value in row] for row in df.itertuples(index=False, name=None))
    return csv_text([str(column) for column in df.columns], rows).encode("utf-8-sig")
