"""Export writes the exchange format back out: importing it again changes nothing."""

import csv
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session

from dashboard.core.config import SEED_DIR
from dashboard.core.db import make_engine, upgrade
from dashboard.exchange import (
    FORMATS,
    ImportRejected,
    export_programme,
    export_workbook_bytes,
    import_programme,
    read_upload,
)
from tests.services.exchange_data import PROGRAMME, ROW_COUNTS, dump, write_files

MARKING = "OFFICIAL-SENSITIVE"


@pytest.fixture
def programme(session: Session, tmp_path: Path) -> Session:
    """The database holding the small hand-written programme, committed."""
    import_programme(session, write_files(tmp_path / "programme", PROGRAMME), actor="setup")
    session.commit()
    return session


def test_csv_folder_has_every_file_with_exact_columns_and_the_marking(
    programme: Session, tmp_path: Path
) -> None:
    written = export_programme(programme, tmp_path / "out")

    assert [p.name for p in written] == [fmt.file_name for fmt in FORMATS] + [f"{MARKING}.txt"]
    assert MARKING in (tmp_path / "out" / f"{MARKING}.txt").read_text()
    for fmt in FORMATS:
        with (tmp_path / "out" / fmt.file_name).open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert tuple(header) == fmt.column_names
        assert len(rows) == ROW_COUNTS.get(fmt.name, 0)
    services = (tmp_path / "out" / "services.csv").read_text(encoding="utf-8")
    assert "SVC-A2,Amber Outreach,PRV-A,GRP-A1,outreach,North East,2021-06-01,,,\n" in services
    assert "2021-05-01,,12,yes" in services
    escalations = (tmp_path / "out" / "escalations.csv").read_text(encoding="utf-8")
    assert "prime contractor;home office" in escalations


def test_csv_folder_round_trips_with_no_changes(programme: Session, tmp_path: Path) -> None:
    export_programme(programme, tmp_path / "out")
    before = dump(programme)

    summary = import_programme(programme, tmp_path / "out", actor="pm")

    assert (summary.total.created, summary.total.updated) == (0, 0)
    assert summary.total.unchanged == sum(ROW_COUNTS.values())
    assert dump(programme) == before


def test_csv_export_rebuilds_the_same_programme_in_an_empty_database(
    programme: Session, tmp_path: Path
) -> None:
    export_programme(programme, tmp_path / "first")
    fresh_engine = make_engine(f"sqlite:///{tmp_path}/fresh.db")
    upgrade(fresh_engine)

    with Session(fresh_engine) as fresh:
        summary = import_programme(fresh, tmp_path / "first", actor="pm")
        fresh.commit()
        export_programme(fresh, tmp_path / "second")
    fresh_engine.dispose()

    assert {f.name: f.created for f in summary.files} == {
        fmt.name: ROW_COUNTS.get(fmt.name, 0) for fmt in FORMATS
    }
    for fmt in FORMATS:
        first = (tmp_path / "first" / fmt.file_name).read_text(encoding="utf-8")
        assert (tmp_path / "second" / fmt.file_name).read_text(encoding="utf-8") == first


def test_workbook_is_marked_frozen_bold_and_has_real_dates(
    programme: Session, tmp_path: Path
) -> None:
    [path] = export_programme(programme, tmp_path / "export" / "programme.xlsx")

    workbook = load_workbook(path)
    assert workbook.sheetnames == [fmt.name for fmt in FORMATS]
    assert MARKING in (workbook.properties.title or "")
    assert MARKING in (workbook.properties.keywords or "")
    for sheet in workbook.worksheets:
        assert sheet.oddHeader.center.text == MARKING
        assert sheet.oddFooter.center.text == MARKING
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= len(str(sheet["A1"].value))
    services = workbook["services"]
    opened = services.cell(row=2, column=7)
    assert services.cell(row=1, column=7).value == "opened_on"
    assert isinstance(opened.value, datetime) and opened.number_format == "yyyy-mm-dd"
    assert services.cell(row=2, column=9).value == 12


def test_workbook_round_trips_with_no_changes(programme: Session, tmp_path: Path) -> None:
    [path] = export_programme(programme, tmp_path / "programme.xlsx")
    before = dump(programme)

    summary = import_programme(programme, path, actor="pm")

    assert (summary.total.created, summary.total.updated) == (0, 0)
    assert dump(programme) == before


def test_workbook_bytes_read_as_an_upload_round_trip(programme: Session) -> None:
    source = read_upload("programme.xlsx", export_workbook_bytes(programme))

    summary = import_programme(programme, source, actor="pm")

    assert (summary.total.created, summary.total.updated) == (0, 0)


def test_zip_of_the_csv_export_round_trips(programme: Session, tmp_path: Path) -> None:
    written = export_programme(programme, tmp_path / "out")
    archive = tmp_path / "programme.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for path in written:
            handle.write(path, f"programme/{path.name}")

    summary = import_programme(programme, archive, actor="pm")

    assert (summary.total.created, summary.total.updated) == (0, 0)


def test_text_that_looks_like_a_formula_stays_text(session: Session, tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"providers": 'code,name\nPRV-F,"=HYPERLINK(""x"")"\n'})
    import_programme(session, tmp_path / "in", actor="pm")
    session.commit()

    [path] = export_programme(session, tmp_path / "out.xlsx")

    cell = load_workbook(path)["providers"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")
    assert import_programme(session, path, actor="pm").total.unchanged == 1


@pytest.mark.skipif(
    not (SEED_DIR.is_dir() and any(SEED_DIR.glob("*.csv"))),
    reason=f"demo data not generated yet ({SEED_DIR} has no CSV files)",
)
def test_demo_data_imports_without_problems_and_round_trips(
    session: Session, tmp_path: Path
) -> None:
    try:
        first = import_programme(session, SEED_DIR, actor="demo")
    except ImportRejected as rejected:  # show every problem, not just the count
        pytest.fail(str(rejected))
    session.commit()
    assert first.total.created > 0

    export_programme(session, tmp_path / "demo")
    export_programme(session, tmp_path / "demo.xlsx")
    for exported in (tmp_path / "demo", tmp_path / "demo.xlsx"):
        again = import_programme(session, exported, actor="demo")
        assert (again.total.created, again.total.updated) == (0, 0)

    # Every file of the format is filled by the demo, and nothing is lost on the way round.
    for fmt in FORMATS:
        with (tmp_path / "demo" / fmt.file_name).open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert rows, fmt.name
        for position, name in enumerate(header):
            assert any(row[position] for row in rows), (fmt.name, name)
    for exported, again in (
        (tmp_path / "demo", tmp_path / "again"),
        (tmp_path / "demo.xlsx", tmp_path / "again.xlsx"),
    ):
        fresh_engine = make_engine(f"sqlite:///{tmp_path}/fresh-{again.name}.db")
        upgrade(fresh_engine)
        with Session(fresh_engine) as fresh:
            import_programme(fresh, exported, actor="demo")
            fresh.commit()
            export_programme(fresh, again)
        fresh_engine.dispose()
    for fmt in FORMATS:
        first = (tmp_path / "demo" / fmt.file_name).read_text(encoding="utf-8")
        assert (tmp_path / "again" / fmt.file_name).read_text(encoding="utf-8") == first, fmt.name
    assert _cell_values(tmp_path / "again.xlsx") == _cell_values(tmp_path / "demo.xlsx")


def _cell_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's cell values, row by row."""
    workbook = load_workbook(path, read_only=True)
    values = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
    workbook.close()
    return values
