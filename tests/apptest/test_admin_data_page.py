"""Import and export page: dry run first, refusals write nothing, a confirmed import writes,
and the programme workbook round-trips."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.exchange import FORMATS, ImportRejected
from dashboard.exchange.forms import save_form_row, stored_row
from dashboard.exchange.service import (
    check_upload,
    import_upload,
    programme_file_name,
    programme_workbook,
    template_bytes,
)
from models import Provider, Service
from tests.apptest.conftest import page_path
from tests.services.exchange_data import dump


def _plain(markdown: str) -> str:
    """Alert text as the user reads it: the page escapes markdown in user-supplied text."""
    return re.sub(r"\\(.)", r"\1", markdown)


PAGE = "admin_data"
MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)
PROVIDERS = (
    "code,name,lead_contact_name,lead_contact_email,lead_contact_phone,allocated_inspector\n"
    "P99,Harbourlight Trust,,,,Amira Shah\n"
    "P02,Kestrelgate Haven,Joseph Adeyemi,joseph.adeyemi@example.org,01632 960127,Grace Lin\n"
)
BAD_SERVICES = (
    "code,name,provider_code,group_code,service_type,region,opened_on\n"
    "S998,Harbour House,P01,G01,hostel,Wales,2026-13-01\n"
)


def _snapshot(engine: Engine) -> dict:
    with Session(engine) as session:
        tables = dump(session)
    tables.pop("login_session", None)  # the test's login, not the programme's data
    tables.pop("data_version", None)  # moved on by that login's write, as every write does
    return tables


@pytest.fixture
def open_page(logged_in, writable_demo):
    """The page with an upload already held in session state (the uploader is not modelled)."""

    def open_(file_name: str, data: bytes):
        at = logged_in("programme_manager", username="manager").run()
        at.session_state[f"{PAGE}_source"] = (file_name, data)
        at.switch_page(page_path("admin_data.py")).run()
        assert not at.exception
        return at

    return open_


def _dry_run_counts(at) -> dict[str, tuple[int, int, int]]:
    rows = at.dataframe[0].value.to_dict("records")
    return {r["file"]: (r["create"], r["update"], r["unchanged"]) for r in rows}


def test_the_dry_run_shows_counts_per_file_and_leaves_the_database_unchanged(
    open_page, writable_demo
):
    before = _snapshot(writable_demo)
    at = open_page("providers.csv", PROVIDERS.encode())
    assert _dry_run_counts(at) == {"providers": (1, 1, 0), "total": (1, 1, 0)}
    assert _plain(at.button(key=f"{PAGE}_import").label) == "Import providers.csv: 2 changes"
    assert _snapshot(writable_demo) == before


def test_problems_are_listed_by_file_row_and_column_and_nothing_can_be_imported(
    open_page, writable_demo
):
    before = _snapshot(writable_demo)
    at = open_page("services.csv", BAD_SERVICES.encode())
    assert "The dry run found problems: 2 problems" in _plain(at.error[0].value)
    problems = at.dataframe[0].value.to_dict("records")
    assert [(p["file"], p["row"], p["column"]) for p in problems] == [
        ("services.csv", 2, "service_type"),
        ("services.csv", 2, "opened_on"),
    ]
    assert problems[1]["message"] == "'2026-13-01' is not a real date (use YYYY-MM-DD)"
    assert not [b for b in at.button if b.key == f"{PAGE}_import"]
    assert _snapshot(writable_demo) == before


def test_a_confirmed_import_writes_everything_and_says_so(open_page, writable_demo):
    at = open_page("providers.csv", PROVIDERS.encode())
    at.button(key=f"{PAGE}_import").click()
    at.run()
    assert not at.exception
    assert _plain(at.success[0].value) == (
        "Imported providers.csv: 1 created, 1 updated, 0 unchanged."
    )
    with Session(writable_demo) as session:
        assert session.exec(select(Provider).where(Provider.code == "P99")).one()
        p02 = session.exec(select(Provider).where(Provider.code == "P02")).one()
        assert p02.allocated_inspector == "Grace Lin"
    assert f"{PAGE}_source" not in at.session_state


def test_an_import_refused_after_its_dry_run_leaves_the_database_unchanged(
    open_page, writable_demo
):
    new_service = (
        "code,name,provider_code,group_code,service_type,opened_on\n"
        "S998,Harbour House,P02,G05,safehouse,2026-10-01\n"
    )
    at = open_page("services.csv", new_service.encode())
    assert _dry_run_counts(at)["services"] == (1, 0, 0)
    with db.session_scope(writable_demo) as session:  # meanwhile G05 passes to another provider
        group = stored_row(session, "inspection_groups", {"code": "G05"})
        save_form_row(
            session,
            "inspection_groups",
            {**group.cells, "provider_code": "P03"},
            actor=MANAGER,
            expected_version=group.version,
        )
    before = _snapshot(writable_demo)

    at.button(key=f"{PAGE}_import").click()
    at.run()

    assert "The import was refused: 1 problem" in _plain(at.error[0].value)
    message = at.dataframe[1].value.to_dict("records")[0]["message"]  # below the dry run
    assert message == "inspection group 'G05' belongs to provider 'P03', not 'P02'"
    assert not at.success
    assert _snapshot(writable_demo) == before


def test_the_import_service_refuses_bad_rows_without_writing(writable_demo):
    before = _snapshot(writable_demo)
    with db.session_scope(writable_demo) as session, pytest.raises(ImportRejected) as refused:
        import_upload(session, actor=MANAGER, file_name="services.csv", data=BAD_SERVICES.encode())
    assert len(refused.value.problems) == 2
    assert _snapshot(writable_demo) == before
    with Session(writable_demo) as session:
        assert not session.exec(select(Service).where(Service.code == "S998")).first()


def test_the_downloaded_programme_workbook_reimports_with_no_changes(writable_demo):
    with db.session_scope(writable_demo) as session:
        workbook = programme_workbook(session, actor=MANAGER)
        check = check_upload(session, actor=MANAGER, file_name=programme_file_name(), data=workbook)
    assert check.problems == []
    assert check.changes == 0 and not check.importable
    assert check.summary.total.unchanged > 5000  # every row of the demo programme, unchanged
    assert programme_file_name().endswith("-OFFICIAL-SENSITIVE.xlsx")
    sheets = load_workbook(io.BytesIO(workbook), read_only=True).sheetnames
    assert sheets == [fmt.name for fmt in FORMATS]


def test_the_template_has_every_sheet_header_and_example_and_imports_cleanly(
    engine_empty: Engine,
):
    book = load_workbook(io.BytesIO(template_bytes()))
    assert book.sheetnames == [fmt.name for fmt in FORMATS]
    for fmt in FORMATS:
        rows = list(book[fmt.name].iter_rows(values_only=True))
        assert rows[0] == fmt.column_names and len(rows) == 2
    assert book["services"]["A1"].comment.text == "Required. Text."
    with db.session_scope(engine_empty) as session:
        check = check_upload(session, actor=MANAGER, file_name="t.xlsx", data=template_bytes())
    assert check.problems == []
    assert {f.name: f.created for f in check.summary.files} == {fmt.name: 1 for fmt in FORMATS}


@pytest.fixture
def engine_empty(tmp_path: Path):
    engine = db.make_engine(f"sqlite:///{tmp_path}/empty.db")
    db.upgrade(engine)
    yield engine
    engine.dispose()


def test_imports_and_exports_are_refused_to_inspectors(writable_demo, logged_in):
    inspector = Actor("inspector", "Amira Shah", Role.INSPECTOR)
    with db.session_scope(writable_demo) as session:
        with pytest.raises(PermissionDenied):
            programme_workbook(session, actor=inspector)
        with pytest.raises(PermissionDenied):
            check_upload(session, actor=inspector, file_name="p.csv", data=PROVIDERS.encode())
    at = logged_in("inspector").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_path("admin_data.py"))
