"""`dashboard report actions` and `dashboard pack` on hand-worked data around Christmas 2026."""

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from tests import factories as make


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """Two governance meetings, actions due around Christmas, one group with an inspection."""
    with db.session_scope(cli_engine) as session:
        p1 = make.provider(session, "P1")
        g1 = make.group(session, "G1", p1)
        make.service(session, "S1", g1, date(2025, 1, 6))
        make.inspection(session, "I1", g1, date(2026, 3, 2))
        make.mou_term(session, "MOU-3", date(2025, 7, 1), date(2027, 3, 31))
        september = make.meeting(session, "MTG-SEP", date(2026, 9, 9))
        december = make.meeting(session, "MTG-DEC", date(2026, 12, 9))
        make.action(session, "A-GREEN", december, date(2027, 1, 7))
        make.action(session, "A-AMBER", december, date(2027, 1, 6), status="in progress")
        make.action(session, "A-RED", september, date(2026, 12, 17))
        make.action(session, "A-DONE", september, date(2026, 10, 1), status="done")
        late = make.action(session, "A-DONE-LATE", september, date(2026, 12, 1), status="done")
        late.closed_on, late.owner_org, late.owner_name = date(2027, 1, 5), "home office", "SCA"
        january = make.meeting(session, "MTG-JAN", date(2027, 1, 13))
        make.action(session, "A-NOT-YET", january, date(2027, 2, 1))
    return cli_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_actions_csv_has_the_columns_and_rag_as_of_the_date(programme, capsys):
    # As of Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays, so
    # 6 January is the 10th working day after (amber) and 7 January the 11th (green).
    status, out, err = run(capsys, "report", "actions", "--as-of", "2026-12-18", "--format", "csv")
    assert status == 0
    assert out.splitlines() == [
        "action_ref,meeting_ref,owner_org,owner_name,due_on,status,rag",
        "A-DONE-LATE,MTG-SEP,home office,SCA,2026-12-01,open,red",  # closed after the date
        "A-RED,MTG-SEP,cqc,,2026-12-17,open,red",
        "A-AMBER,MTG-DEC,cqc,,2027-01-06,in progress,amber",
        "A-GREEN,MTG-DEC,cqc,,2027-01-07,open,green",
        "A-DONE,MTG-SEP,cqc,,2026-10-01,done,blue",
    ]
    assert "OFFICIAL-SENSITIVE" in err


def test_actions_report_filters_by_owner_organisation(programme, capsys):
    status, out, _ = run(
        capsys,
        "report",
        "actions",
        "--as-of",
        "2027-01-05",
        "--owner-org",
        "home office",
        "--format",
        "csv",
    )
    assert status == 0
    assert out.splitlines()[1:] == ["A-DONE-LATE,MTG-SEP,home office,SCA,2026-12-01,done,blue"]


def test_actions_table_is_marked(programme, capsys):
    status, out, _ = run(capsys, "report", "actions", "--as-of", "2026-12-18")
    assert status == 0
    assert out.splitlines()[0].split() == [
        "action_ref",
        "meeting_ref",
        "owner_org",
        "owner_name",
        "due_on",
        "status",
        "rag",
    ]
    assert out.rstrip().endswith("OFFICIAL-SENSITIVE")


def test_an_unknown_owner_organisation_is_a_usage_error(programme, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "actions", "--owner-org", "council"])
    assert exit_.value.code == 2
    assert "invalid choice: 'council'" in capsys.readouterr().err


def test_pack_writes_the_pdf_and_the_workbook(programme, capsys, tmp_path: Path):
    # Built on 18 December: the 9 December meeting is held, its figures those of its date.
    argv = ("pack", "--meeting", "MTG-DEC", "--out", str(tmp_path / "p"), "--as-of", "2026-12-18")
    status, out, err = run(capsys, *argv)
    assert status == 0
    assert out.splitlines() == [str(tmp_path / "p" / "pack.pdf"), str(tmp_path / "p" / "pack.xlsx")]
    assert "OFFICIAL-SENSITIVE: governance pack for MTG-DEC built in" in err
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "p" / "pack.pdf").pages)
    assert "MoU governance meeting MTG-DEC" in text
    assert "Held on 09 December 2026; figures as of that date" in text
    assert "A-RED" in text  # still open from September: carried forward
    workbook = load_workbook(tmp_path / "p" / "pack.xlsx")
    actions = workbook["Actions"]
    refs = {row[0] for row in actions.iter_rows(min_row=2, values_only=True)}
    assert refs == {"A-RED", "A-AMBER", "A-GREEN", "A-DONE-LATE"}


def test_pack_for_a_coming_meeting_is_as_of_the_day_it_is_built(programme, capsys, tmp_path: Path):
    # Built on Tuesday 1 December for the meeting on 9 December: nothing after 1 December.
    argv = ("pack", "--meeting", "MTG-DEC", "--out", str(tmp_path), "--as-of", "2026-12-01")
    status, _, err = run(capsys, *argv)
    assert status == 0
    said = "Figures as of 01 December 2026 for the meeting on 09 December 2026"
    assert said in err
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "pack.pdf").pages)
    assert said in text and "Held on" not in text
    workbook = load_workbook(tmp_path / "pack.xlsx")
    cover = {row[0]: row[1] for row in workbook["Pack"].iter_rows(values_only=True)}
    assert (cover["held on"].date(), cover["figures as of"].date()) == (
        date(2026, 12, 9),
        date(2026, 12, 1),
    )
    # The December meeting's own actions are not raised yet; September's are still open.
    refs = {row[0] for row in workbook["Actions"].iter_rows(min_row=2, values_only=True)}
    assert refs == {"A-RED", "A-DONE-LATE"}
    headline = {row[0]: row[1] for row in workbook["Headline"].iter_rows(values_only=True)}
    assert headline["Days left in MoU term MOU-3"] == (date(2027, 3, 31) - date(2026, 12, 1)).days


def test_pack_for_partners_refuses_a_meeting_partners_do_not_attend(
    programme, capsys, tmp_path: Path
):
    with db.session_scope(programme) as session:
        board = make.meeting(session, "MTG-PB", date(2026, 10, 15))
        board.kind = "programme board"
    argv = ("pack", "--meeting", "MTG-PB", "--out", str(tmp_path / "p"), "--for-partners")
    status, _, err = run(capsys, *argv)
    assert status == 1
    assert "no meeting partners attend (MoU governance) has the ref 'MTG-PB'" in err
    assert not (tmp_path / "p").exists()


def test_pack_for_an_unknown_meeting_is_refused(programme, capsys, tmp_path: Path):
    out_dir = tmp_path / "pack"
    status, _, err = run(capsys, "pack", "--meeting", "MTG-NONE", "--out", str(out_dir))
    assert status == 1
    assert "no meeting has the ref 'MTG-NONE'" in err
    assert not out_dir.exists()
