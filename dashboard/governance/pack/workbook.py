"""The governance pack as a workbook partners can filter: the PDF's tables, a sheet each."""

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dashboard.core.marking import MARKING
from dashboard.core.table_export import sheet_text
from dashboard.governance.pack.data import PackData, context_lines
from dashboard.governance.pack.tables import Cell, PackTable

DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60
COVER_SHEET = "Pack"


def _mark(sheet: Worksheet) -> None:
    """The protective marking in every printed header and footer."""
    for header_footer in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
        header_footer.center.text = MARKING


def _width(value: Cell) -> int:
    return 10 if isinstance(value, date) else len(str(value)) if value is not None else 0


def _fill(sheet: Worksheet, table: PackTable) -> None:
    """Bold frozen header row, real dates, widths to fit, a filter on every column."""
    bold = Font(bold=True)
    widths = [len(name) for name in table.columns]
    for column, name in enumerate(table.columns, start=1):
        sheet.cell(row=1, column=column, value=name).font = bold
    for row_number, values in enumerate(table.rows, start=2):
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):  # stored text may hold what XLSX cannot (a \v from Word)
                value = sheet_text(value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # text such as "=..." must never become a formula
            widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    _mark(sheet)


def _cover(sheet: Worksheet, data: PackData) -> None:
    """What the workbook is, for which meeting, and what each sheet holds."""
    meeting = data.meeting
    rows: list[tuple[Cell, ...]] = [
        ("Governance pack", MARKING),
        ("meeting", meeting.ref),
        ("kind", meeting.kind),
        ("held on", meeting.held_on),
        ("figures as of", data.as_of),
        *((line.split(":", 1)[0], line.split(":", 1)[1].strip()) for line in context_lines(data)),
    ]
    rows += [(f"sheet: {t.sheet}", t.note or t.title) for t in data.tables]
    _fill(sheet, PackTable(COVER_SHEET, "Pack", ("item", "value"), rows))
    sheet.auto_filter.ref = None


def pack_workbook(data: PackData) -> bytes:
    """The workbook: a cover sheet, then one sheet per table of the pack."""
    workbook = Workbook()
    _cover(workbook.active, data)
    workbook.active.title = COVER_SHEET
    for table in data.tables:
        _fill(workbook.create_sheet(table.sheet), table)
    properties = workbook.properties
    properties.title = f"Governance pack {data.meeting.ref} ({MARKING})"
    properties.keywords = MARKING
    properties.category = MARKING
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
