"""The pack's "what changed" table lists refs, but never so many that a row outgrows a page."""

from dashboard.governance.pack.tables import REFS_LISTED, changes_table
from dashboard.governance.rules import ChangeLine


def test_a_few_changed_refs_are_all_listed():
    table = changes_table([ChangeLine("inspections completed", 2, ("INS-1", "INS-2"))])
    assert table.rows == [("inspections completed", 2, "INS-1; INS-2")]


def test_thousands_of_changed_refs_list_the_first_and_count_the_rest():
    refs = tuple(f"REC-{n:05d}" for n in range(3_000))
    (row,) = changes_table([ChangeLine("recommendations closed", 3_000, refs)]).rows
    assert row[1] == 3_000
    assert row[2].startswith("REC-00000; REC-00001;")
    assert row[2].endswith(f"REC-{REFS_LISTED - 1:05d}; and 2,960 more")
    assert len(row[2]) < 600


def test_no_earlier_meeting_is_said_in_a_note_not_a_row():
    table = changes_table(None)
    assert table.rows == [] and "No earlier meeting" in table.note


def test_a_long_table_prints_its_first_rows_and_points_to_the_workbook():
    from io import BytesIO

    from pypdf import PdfReader

    from dashboard.governance.pack.pdf import PDF_MAX_ROWS, PackPdf, _table
    from dashboard.governance.pack.tables import PackTable

    rows = [(f"ACT-{n:04d}", "open") for n in range(PDF_MAX_ROWS + 40)]
    pdf = PackPdf(orientation="landscape", format="A4")
    pdf.add_page()
    _table(pdf, PackTable("Actions", "Action log", ("action_ref", "status"), rows))
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.output())).pages)
    assert f"ACT-{PDF_MAX_ROWS - 1:04d}" in text and f"ACT-{PDF_MAX_ROWS:04d}" not in text
    assert f"The first {PDF_MAX_ROWS} of {PDF_MAX_ROWS + 40} rows; pack.xlsx has them all." in text


def test_a_pack_sheet_holds_stored_text_xlsx_cannot_as_line_breaks() -> None:
    # issue 18: a \v pasted from Word into an action broke the pack's workbook
    from openpyxl import Workbook

    from dashboard.governance.pack.tables import PackTable
    from dashboard.governance.pack.workbook import _fill

    sheet = Workbook().active
    table = PackTable("Actions", "Actions", ("ref", "text"), [("ACT-1", "soft\vbreak\x00, \x1bok")])
    _fill(sheet, table)
    assert sheet["B2"].value == "soft\nbreak, ok"
