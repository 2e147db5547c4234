"""The governance pack for a demo meeting: both files open, every section is there, and the
figures agree with the CLI reports for the meeting's date."""

import csv
import io
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from pypdf import PdfReader
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.cli.data import seed_demo
from dashboard.core import db
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role
from dashboard.governance.pack import Pack, build_pack, write_pack
from dashboard.governance.pack.data import gather
from dashboard.governance.pack.tables import REFS_LISTED
from dashboard.governance.pack.worker import PackNotBuilt, build_in_worker

MEETING = "MTG-2026-09-GOV"
HELD_ON = "2026-09-09"
SECTIONS = (
    "Headline figures",
    "Coverage by status",
    "Programme-year coverage",
    "Deadline (SLA) performance",
    "Inspections since the last meeting",
    "Inspections planned before the next meeting",
    "Open and overdue recommendations by provider and risk",
    "Escalations",
    "Action log",
    "What changed since the last meeting",
)
SHEETS = [
    "Pack",
    "Headline",
    "Coverage",
    "Programme years",
    "SLA",
    "Inspections since",
    "Inspections planned",
    "Recommendations",
    "Escalations",
    "Actions",
    "Changes",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo programme at its anchor date, selected for the CLI through DATABASE_URL."""
    url = f"sqlite:///{tmp_path_factory.mktemp('pack') / 'demo.db'}"
    engine = db.get_engine(url)
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        seed_demo(session, actor="test")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield engine


@pytest.fixture(scope="module")
def pack(demo: Engine, tmp_path_factory: pytest.TempPathFactory) -> tuple[Pack, Path, Path]:
    progress: list[float] = []
    with db.session_scope(demo) as session:
        built = build_pack(
            session, MEETING, lambda done, _what: progress.append(done), role=Role.ADMIN
        )
    assert progress[0] < progress[-1] == 1.0
    pdf_path, xlsx_path = write_pack(built, tmp_path_factory.mktemp("out"))
    return built, pdf_path, xlsx_path


@pytest.fixture(scope="module")
def pdf_pages(pack) -> list[str]:
    return [page.extract_text() for page in PdfReader(pack[1]).pages]


@pytest.fixture(scope="module")
def workbook(pack) -> Workbook:
    return load_workbook(pack[2])


def cli_rows(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, str]]:
    assert main(list(argv)) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def sheet_rows(workbook: Workbook, sheet: str) -> list[dict[str, object]]:
    rows = list(workbook[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_pdf_is_a_short_paper_with_every_section_marked_on_every_page(pdf_pages):
    assert 5 <= len(pdf_pages) <= 12
    text = "\n".join(pdf_pages)
    for section in SECTIONS:
        assert section in text, section
    assert all(page.count("OFFICIAL-SENSITIVE") >= 2 for page in pdf_pages)  # header and footer
    cover = pdf_pages[0]
    assert "MoU governance meeting MTG-2026-09-GOV" in cover
    assert "Held on 09 September 2026" in cover
    assert "Last meeting of this kind: MTG-2026-06-GOV" in cover
    assert "MoU term MOU-3" in cover


def test_the_pdf_holds_the_charts_as_images(pack):
    reader = PdfReader(pack[1])
    images = sum(len(page.images) for page in reader.pages)
    assert images == 4  # coverage, programme year, SLA and actions by RAG


def test_the_workbook_has_a_sheet_per_table_with_frozen_marked_headers(workbook, pack):
    assert workbook.sheetnames == SHEETS
    data = pack[0].data
    for table in data.tables:
        sheet = workbook[table.sheet]
        assert [cell.value for cell in sheet[1]] == list(table.columns)
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.max_row == len(table.rows) + 1
    planned = sheet_rows(workbook, "Inspections planned")
    assert planned and all(isinstance(row["start_on"], datetime) for row in planned)
    assert all(date(2026, 9, 9) < row["start_on"].date() <= date(2026, 12, 9) for row in planned)


def test_coverage_by_status_agrees_with_the_coverage_report(workbook, pdf_pages, capsys):
    report = Counter(
        row["status"]
        for row in cli_rows(capsys, "report", "coverage", "--as-of", HELD_ON, "--format", "csv")
    )
    pack_counts = {row["status"]: row["groups"] for row in sheet_rows(workbook, "Coverage")}
    assert pack_counts == {
        "overdue": report["overdue"],
        "due soon": report["due_soon"],
        "in date": report["in_date"],
        "total": sum(report.values()),
    }
    assert f"overdue {report['overdue']}" in "\n".join(pdf_pages)


def test_programme_year_coverage_agrees_with_the_programme_year_report(workbook, capsys):
    rows = cli_rows(
        capsys, "report", "programme-year", "2026", "--as-of", HELD_ON, "--format", "csv"
    )
    year = next(
        r for r in sheet_rows(workbook, "Programme years") if r["programme year"] == "2026/27"
    )
    covered = sum(row["covered"] == "yes" for row in rows)
    assert (year["required"], year["covered"]) == (len(rows), covered)
    assert year["coverage %"] == round(100 * covered / len(rows), 1)


def test_sla_performance_agrees_with_the_deadlines_report(workbook, capsys):
    rows = [
        row
        for row in cli_rows(capsys, "report", "deadlines", "--as-of", HELD_ON, "--format", "csv")
        if "2026-04-01" <= row["due_on"] <= "2027-03-31" and row["state"] != "pending"
    ]
    counted = Counter(row["milestone"].replace("_", " ") for row in rows)
    on_time = Counter(
        row["milestone"].replace("_", " ") for row in rows if row["state"] == "on_time"
    )
    sla = {row["milestone"]: row for row in sheet_rows(workbook, "SLA")}
    for milestone, count in counted.items():
        assert (sla[milestone]["counted"], sla[milestone]["on time"]) == (count, on_time[milestone])
    assert sla["all milestones"]["counted"] == len(rows) > 0


def test_the_action_log_agrees_with_the_actions_report(workbook, pdf_pages, capsys):
    report = {
        row["action_ref"]: row
        for row in cli_rows(capsys, "report", "actions", "--as-of", HELD_ON, "--format", "csv")
    }
    logged = sheet_rows(workbook, "Actions")
    assert {row["action_ref"] for row in logged} >= {"ACT-2023-06-GOV-1", "ACT-2026-09-GOV-1"}
    for row in logged:
        expected = report[row["action_ref"]]
        assert (row["status"], row["rag"], row["due_on"].date().isoformat()) == (
            expected["status"],
            expected["rag"],
            expected["due_on"],
        )
    carried = next(row for row in logged if row["action_ref"] == "ACT-2023-06-GOV-1")
    assert (carried["rag"], carried["carried_forward"]) == ("red", "yes")
    assert "ACT-2023-06-GOV-1" in "\n".join(pdf_pages)


def test_headline_figures_match_the_sections(workbook, pack):
    headline = {row["figure"]: row["value"] for row in sheet_rows(workbook, "Headline")}
    recommendations = sheet_rows(workbook, "Recommendations")
    total = next(r for r in recommendations if r["provider_code"] == "all providers")
    assert headline["Open recommendations"] == total["open"]
    assert headline["Overdue recommendations"] == total["overdue"]
    coverage = {row["status"]: row["groups"] for row in sheet_rows(workbook, "Coverage")}
    assert headline["Active inspection groups"] == coverage["total"]
    assert headline["Days left in MoU term MOU-3"] == (date(2027, 3, 31) - date(2026, 9, 9)).days


def test_what_changed_counts_match_its_refs(workbook):
    changes = {row["change"]: row for row in sheet_rows(workbook, "Changes")}
    assert list(changes)[0] == "inspections started"
    for row in changes.values():
        refs = [ref for ref in (row["refs"] or "").split("; ") if ref]
        if row["count"] <= REFS_LISTED:
            assert row["count"] == len(refs)
        else:  # the first refs, then how many more
            assert refs[-1] == f"and {row['count'] - REFS_LISTED} more"
            assert len(refs) == REFS_LISTED + 1
    started = changes["inspections started"]["refs"].split("; ")
    since = {row["inspection_ref"] for row in sheet_rows(workbook, "Inspections since")}
    assert set(started) == since


def test_the_pack_for_the_coming_meeting_is_as_of_the_day_it_is_built(demo, capsys):
    """Built on the demo's anchor (2 November 2026) for 9 December: coverage and the programme
    year as the reports give them on 2 November, nothing booked counted as started."""
    built_on = date(2026, 11, 2)
    with db.session_scope(demo) as session:
        data = gather(session, "MTG-2026-12-GOV", role=Role.ADMIN, built_on=built_on)
    assert (data.as_of, data.still_to_come) == (built_on, True)
    report = Counter(
        row["status"]
        for row in cli_rows(
            capsys, "report", "coverage", "--as-of", built_on.isoformat(), "--format", "csv"
        )
    )
    coverage = {row[0]: row[1] for row in data.table("Coverage").rows}
    assert (coverage["overdue"], coverage["due soon"], coverage["in date"]) == (
        report["overdue"],
        report["due_soon"],
        report["in_date"],
    )
    rows = cli_rows(
        capsys, "report", "programme-year", "2026", "--as-of", "2026-11-02", "--format", "csv"
    )
    year = next(r for r in data.table("Programme years").rows if r[0] == "2026/27")
    assert year[2] == sum(row["covered"] == "yes" for row in rows)
    start = data.table("Inspections since").columns.index("start_on")
    since = data.table("Inspections since").rows
    assert since and all(date(2026, 9, 9) < row[start] <= built_on for row in since)
    planned = data.table("Inspections planned").rows
    assert planned and all(row[start] > built_on for row in planned)
    started = next(row for row in data.table("Changes").rows if row[0] == "inspections started")
    assert started[1] == len(since)


def test_the_worker_process_builds_the_same_pack_reporting_progress(demo, workbook):
    progress: list[float] = []
    url = demo.url.render_as_string(hide_password=False)
    built = build_in_worker(
        url, MEETING, lambda done, _what: progress.append(done), role=Role.ADMIN, built_on=None
    )
    assert progress[0] < progress[-1] == 1.0
    assert built.pdf.startswith(b"%PDF-") and built.seconds > 0
    assert load_workbook(io.BytesIO(built.xlsx)).sheetnames == workbook.sheetnames


def test_the_worker_refuses_an_unknown_meeting_with_the_builds_own_sentence(demo):
    url = demo.url.render_as_string(hide_password=False)
    with pytest.raises(Refused, match="MTG-NONE"):
        build_in_worker(url, "MTG-NONE", lambda *_: None, role=Role.ADMIN, built_on=None)


def test_a_worker_that_fails_is_logged_and_refused_in_a_sentence(tmp_path, caplog):
    empty = f"sqlite:///{tmp_path / 'never-migrated.db'}"
    with pytest.raises(PackNotBuilt, match="could not be built"):
        build_in_worker(empty, MEETING, lambda *_: None, role=Role.ADMIN, built_on=None)
    assert "no such table" in caplog.text


def test_the_packs_tables_name_each_provider_beside_its_code(workbook):
    for sheet in ("Recommendations", "Escalations", "Inspections since", "Inspections planned"):
        rows = [r for r in sheet_rows(workbook, sheet) if r["provider_code"] != "all providers"]
        for row in rows:
            assert row["provider_name"] and row["provider_name"] != row["provider_code"], sheet
    assert sheet_rows(workbook, "Recommendations")
