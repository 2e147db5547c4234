"""Export the programme in the exchange format: a CSV folder or one marked .xlsx workbook."""

import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import Session

from dashboard.core.csv_file import write_csv
from dashboard.core.marking import MARKING
from dashboard.core.table_export import sheet_text
from dashboard.exchange.cells import cell_text
from dashboard.exchange.formats import FORMATS, FileFormat, Kind
from dashboard.exchange.rows import KeyIndex, model_values, select_rows

MARKING_FILE = f"{MARKING}.txt"
MARKING_NOTE = f"""{MARKING}

These files are an export of the safehouse and outreach inspection programme (CQC oversight
dashboard). They are marked {MARKING}: handle, store and share them only as that
marking requires, with people who need them for the programme. Inspection reports are
confidential and never published; these files must hold no survivor names or case details.
"""
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60


def _tables(session: Session) -> Iterator[tuple[FileFormat, list[tuple[Any, ...]]]]:
    """Every file's rows as typed values in column order, one query per table."""
    index = KeyIndex(session)
    for fmt in FORMATS:
        model: Any = fmt.model
        rows = session.exec(select_rows(model).order_by(model.id)).all()
        yield fmt, [tuple(model_values(row, fmt.columns, index).values()) for row in rows]


def export_programme(session: Session, dest: Path) -> list[Path]:
    """Write an .xlsx workbook when `dest` ends in .xlsx, else a folder of CSV files."""
    dest = Path(dest)
    if dest.suffix.lower() == ".xlsx":
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(export_workbook_bytes(session))
        return [dest]
    dest.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt, rows in _tables(session):
        path = dest / fmt.file_name
        with path.open("w", encoding="utf-8", newline="") as handle:
            write_csv(
                handle, fmt.column_names, ([cell_text(value) for value in row] for row in rows)
            )
        written.append(path)
    marking = dest / MARKING_FILE
    marking.write_text(MARKING_NOTE, encoding="utf-8")
    written.append(marking)
    return written


def export_workbook_bytes(session: Session) -> bytes:
    """The whole programme as one .xlsx workbook, a sheet per file, protectively marked."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for fmt, rows in _tables(session):
        _fill_sheet(workbook.create_sheet(fmt.name), fmt, rows)
    properties = workbook.properties
    properties.title = f"Safehouse and outreach inspection programme ({MARKING})"
    properties.subject = "Data exchange export"
    properties.keywords = MARKING
    properties.category = MARKING
    properties.description = MARKING_NOTE.splitlines()[2]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_value(value: Any) -> Any:
    """Dates stay dates and whole numbers stay numbers; everything else is written as text
    (timestamps too: Excel cells hold no UTC offset), without what XLSX cannot hold."""
    if (
        value is None
        or (isinstance(value, date) and not isinstance(value, datetime))
        or (isinstance(value, int) and not isinstance(value, bool))
    ):
        return value
    return sheet_text(cell_text(value))


def _fill_sheet(sheet: Worksheet, fmt: FileFormat, rows: list[tuple[Any, ...]]) -> None:
    """Header in bold and frozen, real date cells, widths to fit, marking in header and footer."""
    bold = Font(bold=True)
    widths = [len(name) for name in fmt.column_names]
    for column, name in enumerate(fmt.column_names, start=1):
        sheet.cell(row=1, column=column, value=name).font = bold
    for row_number, row in enumerate(rows, start=2):
        for column, (spec, value) in enumerate(zip(fmt.columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=column, value=_excel_value(value))
            if spec.kind is Kind.DATE and value is not None:
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text such as "=..." must never become a formula
            widths[column - 1] = max(widths[column - 1], len(cell_text(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    for header_footer in (sheet.oddHeader, sheet.oddFooter, sheet.evenHeader, sheet.evenFooter):
        header_footer.center.text = MARKING
