"""Reading sources: spreadsheet row numbers, workbook cells as text, files that are ignored."""

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from dashboard.exchange import ImportRejected, import_programme, read_source, read_upload
from dashboard.exchange.reader import RawRow


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx workbook with one sheet per entry."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_workbook_cells_become_format_text_and_blank_rows_keep_numbering() -> None:
    data = workbook_bytes(
        {
            "services": [
                ["code", "opened_on", "closed_on", "bed_spaces", "region"],
                ["SVC-1", datetime(2024, 1, 8, 0, 0), None, 12.0, "  Wales "],
                [None, None, None, None, None],
                ["SVC-2", date(2024, 2, 29), None, 3, "London"],
            ]
        }
    )

    [table] = read_upload("programme.xlsx", data).tables

    assert (table.name, table.label) == ("services", "sheet 'services'")
    assert table.header == ("code", "opened_on", "closed_on", "bed_spaces", "region")
    assert table.rows == (
        RawRow(2, ("SVC-1", "2024-01-08", "", "12", "Wales")),
        RawRow(4, ("SVC-2", "2024-02-29", "", "3", "London")),
    )


def test_csv_rows_are_numbered_as_in_a_spreadsheet_with_quoted_newlines() -> None:
    data = b'ref,held_on,kind,notes\nMTG-1,2024-01-09,programme board,"two\nlines"\n\nMTG-2,,,\n'

    [table] = read_upload("meetings.csv", data).tables

    assert [row.number for row in table.rows] == [2, 4]
    assert table.rows[0].cells[3] == "two\nlines"


def test_folder_ignores_other_files_and_zip_ignores_folders_and_other_members(
    tmp_path: Path,
) -> None:
    (tmp_path / "providers.csv").write_text("code,name\nPRV-1,One\n")
    (tmp_path / "README.txt").write_text("notes")
    (tmp_path / "old").mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("export/providers.csv", "code,name\nPRV-1,One\n")
        archive.writestr("export/OFFICIAL-SENSITIVE.txt", "marking")
        archive.writestr("__MACOSX/export/._providers.csv", "junk")

    for source in (read_source(tmp_path), read_upload("export.zip", buffer.getvalue())):
        assert [table.name for table in source.tables] == ["providers"]
        assert not source.problems


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        (
            "notes.txt",
            b"hello",
            "notes.txt: is not a supported source; use a folder of CSV "
            "files, a .csv file, an .xlsx workbook or a .zip of CSV files",
        ),
        ("broken.xlsx", b"not a workbook", "broken.xlsx: cannot be read as an .xlsx workbook"),
        ("broken.zip", b"not a zip", "broken.zip: cannot be read as a .zip archive"),
    ],
)
def test_unreadable_upload_is_a_problem(filename: str, data: bytes, expected: str) -> None:
    [problem] = read_upload(filename, data).problems

    assert str(problem).startswith(expected)


def test_workbook_sheet_that_is_not_a_file_of_the_format_is_rejected(session: Session) -> None:
    data = workbook_bytes({"providers": [["code", "name"], ["PRV-1", "One"]], "Notes": [["x"]]})

    with pytest.raises(ImportRejected) as rejected:
        import_programme(session, read_upload("p.xlsx", data), actor="pm")

    [problem] = rejected.value.problems
    assert str(problem).startswith(
        "sheet 'Notes': is not a sheet of the data exchange format; expected one of: mou_terms, "
    )


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("filename", ["programme.zip", "programme.xlsx"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(filename: str) -> None:
    bomb = _zip_of({"services.csv": b"code,name\n" + b"0" * 20_000_000})
    assert len(bomb) < 100_000  # 20 MB of one byte packs to a few KB

    source = read_upload(filename, bomb)

    assert source.tables == ()
    [problem] = source.problems
    assert "services.csv is compressed more than 200 to 1: refused as unsafe" in problem.message


def test_an_archive_that_would_unpack_too_big_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dashboard.exchange.reader.MAX_UNPACKED_BYTES", 1024 * 1024)
    rows = "".join(f"P{n:06d},Provider number {n * 7919 % 100003}\n" for n in range(60_000))
    source = read_upload("big.zip", _zip_of({"providers.csv": ("code,name\n" + rows).encode()}))

    [problem] = source.problems
    assert "would unpack to 2 MB; at most 1 MB can be imported at once: split it" in problem.message


def test_an_archive_of_too_many_files_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dashboard.exchange.reader.MAX_MEMBERS", 3)
    members = {f"extra{n}.csv": b"code\n" for n in range(4)}

    [problem] = read_upload("many.zip", _zip_of(members)).problems

    assert problem.message == "holds 4 files; at most 3"
