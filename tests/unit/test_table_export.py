"""A register table as a marked Excel sheet or a CSV file: dates as dates, no formulas."""

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import load_workbook

from dashboard.core.table_export import export_file_name, frame_to_csv_bytes, frame_to_xlsx_bytes

FRAME = pd.DataFrame(
    {
        "ref": ["REC-1", '=HYPERLINK("x")', "REC-3"],
        "due_on": [date(2026, 1, 30), None, date(2026, 3, 2)],
        "bed_spaces": [12, None, 4],
        "open": [True, False, True],
        "updated": pd.to_datetime(["2026-01-02 10:30", None, "2026-01-03"], format="ISO8601"),
    }
)


def test_the_workbook_is_marked_frozen_and_keeps_dates_as_dates():
    sheet = load_workbook(io.BytesIO(frame_to_xlsx_bytes(FRAME, "Recommendations"))).active
    assert sheet.title == "Recommendations"
    assert [cell.value for cell in sheet[1]] == list(FRAME.columns)
    assert sheet.freeze_panes == "A2"
    assert sheet.oddHeader.center.text == sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert sheet["B2"].value == datetime(2026, 1, 30) and sheet["B2"].number_format == "yyyy-mm-dd"
    assert sheet["B3"].value is None
    assert (sheet["C2"].value, sheet["C3"].value, sheet["D3"].value) == (12, None, "no")
    assert sheet["E2"].value == datetime(2026, 1, 2, 10, 30)
    assert sheet["A3"].data_type == "s"  # a formula-looking text stays text
    assert sheet.column_dimensions["A"].width >= len('=HYPERLINK("x")')


def test_a_sheet_title_with_forbidden_characters_is_made_legal():
    sheet = load_workbook(io.BytesIO(frame_to_xlsx_bytes(FRAME, "Follow-ups: due/overdue"))).active
    assert sheet.title == "Follow-ups  due overdue"


def test_the_csv_has_iso_dates_whole_numbers_and_quoted_formulas():
    text = frame_to_csv_bytes(FRAME).decode("utf-8-sig").splitlines()
    assert text[0] == "ref,due_on,bed_spaces,open,updated"
    assert text[1] == "REC-1,2026-01-30,12,yes,2026-01-02 10:30"
    assert text[2].startswith('"\'=HYPERLINK(""x"")",,,no,')
    assert text[3] == "REC-3,2026-03-02,4,yes,2026-01-03"


def test_download_names_carry_the_date_and_the_marking():
    assert export_file_name("Services register", "csv", date(2026, 11, 2)) == (
        "services-register-2026-11-02-OFFICIAL-SENSITIVE.csv"
    )
