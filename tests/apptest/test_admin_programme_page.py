"""The reference data page: each form with good and bad input, checked by the importer's rules."""

import re
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from streamlit.testing.v1 import AppTest

from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.exchange.forms import save_form_row, stored_row
from models import AuditEntry, MouTerm, Provider, Service
from tests.apptest.conftest import page_path
from tests.factories import inspection_refs_of_group
from tests.services.exchange_data import dump


def _plain(markdown: str) -> str:
    """Alert text as the user reads it: the page escapes markdown in user-supplied text."""
    return re.sub(r"\\(.)", r"\1", markdown)


PAGE = "admin_programme"


@pytest.fixture
def page(logged_in, writable_demo):
    """The page opened by a programme manager over a private copy of the demo database."""
    at = logged_in("programme_manager", name="Pat Manager", username="manager").run()
    at.switch_page(page_path("admin_programme.py")).run()
    assert not at.exception
    return at


def _snapshot(engine: Engine) -> dict:
    with Session(engine) as session:
        return dump(session)


def _one(engine: Engine, model, **where):
    with Session(engine) as session:
        statement = select(model)
        for name, value in where.items():
            statement = statement.where(getattr(model, name) == value)
        return session.exec(statement).first()


def _fill(at: AppTest, form: str, **values) -> AppTest:
    """Set a form's widgets by column name and press its submit button."""
    for column, value in values.items():
        key = f"{PAGE}_{form}_{column}"
        element = None
        for kind in (at.text_input, at.text_area, at.selectbox, at.date_input, at.number_input):
            matches = [e for e in kind if e.key == key]
            if matches:
                element = matches[0]
                break
        assert element is not None, key
        element.set_value(value)
    at.button(key=f"{PAGE}_{form}_submit").click()
    return at.run()


def _errors(at: AppTest) -> list[str]:
    return [_plain(error.value) for error in at.error]


def test_adding_a_provider_saves_it_with_an_audit_entry(page, writable_demo):
    at = _fill(
        page,
        "providers_new",
        code="P99",
        name="Harbourlight Trust",
        lead_contact_email="lead@example.org",
        allocated_inspector="Amira Shah",
    )
    assert not at.exception and not _errors(at)
    assert _plain(at.success[0].value) == "Added provider P99."
    saved = _one(writable_demo, Provider, code="P99")
    assert (saved.name, saved.allocated_inspector) == ("Harbourlight Trust", "Amira Shah")
    entry = _one(writable_demo, AuditEntry, entity="providers", entity_key="P99")
    assert (entry.username, entry.action) == ("manager", "create")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"code": "P99", "name": ""}, "Name: a value is required"),
        (
            {"code": "P01", "name": "Duplicate"},
            "Code: provider 'P01' already exists; choose another",
        ),
        ({"code": "P99", "name": "x" * 201}, "Name: is 201 characters long; at most 200 fit"),
    ],
)
def test_a_bad_provider_shows_the_importers_message_and_saves_nothing(
    page, writable_demo, values, message
):
    before = _snapshot(writable_demo)
    at = _fill(page, "providers_new", **values)
    assert _errors(at) == [message]
    assert not at.success
    assert _snapshot(writable_demo) == before


def test_adding_an_inspection_group_good_and_without_its_provider(page, writable_demo):
    before = _snapshot(writable_demo)
    at = _fill(page, "inspection_groups_new", code="G99", name="Harbour cluster")
    assert _errors(at) == ["Provider code: a value is required"]
    assert _snapshot(writable_demo) == before

    at = _fill(at, "inspection_groups_new", provider_code="P02", basis="location")
    assert not _errors(at)
    assert _plain(at.success[0].value) == "Added inspection group G99."


def test_adding_a_service_good_and_in_another_providers_group(page, writable_demo):
    values = {
        "code": "S999",
        "name": "Harbour House",
        "provider_code": "P01",
        "group_code": "G05",
        "service_type": "safehouse",
        "region": "Wales",
        "opened_on": date(2026, 10, 1),
        "bed_spaces": 6,
        "accommodates_children": "no",
    }
    before = _snapshot(writable_demo)
    at = _fill(page, "services_new", **values)
    assert _errors(at) == [
        "Group code: inspection group 'G05' belongs to provider 'P02', not 'P01'"
    ]
    assert _snapshot(writable_demo) == before

    at = _fill(at, "services_new", group_code="G01")
    assert not _errors(at)
    saved = _one(writable_demo, Service, code="S999")
    assert (saved.bed_spaces, saved.opened_on, saved.accommodates_children) == (
        6,
        date(2026, 10, 1),
        False,
    )


def _open_edit(at: AppTest, file: str, code: str) -> AppTest:
    at.selectbox(key=f"{PAGE}_{file}_pick").set_value(code)
    return at.run()


def test_moving_a_service_by_editing_its_group_keeps_the_groups_inspections(page, writable_demo):
    with db.session_scope(writable_demo) as session:
        history = {g: inspection_refs_of_group(session, g) for g in ("G01", "G02")}
    at = _open_edit(page, "services", "S002")
    at = _fill(at, "services_edit_S002", group_code="G01")
    assert not _errors(at)
    assert _plain(at.success[0].value) == "Saved service S002."
    with db.session_scope(writable_demo) as session:
        assert stored_row(session, "services", {"code": "S002"}).cells["group_code"] == "G01"
        assert {g: inspection_refs_of_group(session, g) for g in history} == history


def test_editing_a_service_closed_before_it_opened_is_refused(page, writable_demo):
    before = _snapshot(writable_demo)
    at = _open_edit(page, "services", "S002")
    at = _fill(at, "services_edit_S002", closed_on=date(2022, 1, 1))
    assert _errors(at) == ["Closed on: 2022-01-01 is before opened_on 2022-08-11"]
    assert _snapshot(writable_demo) == before


def test_editing_a_provider_good_then_bad(page, writable_demo):
    at = _open_edit(page, "providers", "P02")
    at = _fill(at, "providers_edit_P02", allocated_inspector="Grace Lin")
    assert _plain(at.success[0].value) == "Saved provider P02."
    assert _one(writable_demo, Provider, code="P02").allocated_inspector == "Grace Lin"

    before = _snapshot(writable_demo)
    at = _fill(at, "providers_edit_P02", name="")
    assert _errors(at) == ["Name: a value is required"]
    assert _snapshot(writable_demo) == before


def test_an_edit_saved_by_someone_else_meanwhile_is_refused(page, writable_demo):
    at = _open_edit(page, "providers", "P03")
    with db.session_scope(writable_demo) as session:
        opened = stored_row(session, "providers", {"code": "P03"})
        someone = Actor("admin", "Demo Admin", Role.ADMIN)
        save_form_row(
            session,
            "providers",
            {**opened.cells, "name": "Renamed elsewhere"},
            actor=someone,
            expected_version=opened.version,
        )
    at = _fill(at, "providers_edit_P03", lead_contact_phone="01632 960999")
    assert len(_errors(at)) == 1 and "changed by admin" in _errors(at)[0]
    assert "reload" in _errors(at)[0]
    saved = _one(writable_demo, Provider, code="P03")
    assert (saved.name, saved.lead_contact_phone) == (
        "Renamed elsewhere",
        opened.cells["lead_contact_phone"],
    )


def test_adding_an_mou_term_good_and_ending_before_it_starts(page, writable_demo):
    before = _snapshot(writable_demo)
    at = _fill(
        page, "mou_terms_new", ref="MOU-4", starts_on=date(2027, 4, 1), ends_on=date(2027, 1, 1)
    )
    assert _errors(at) == ["Ends on: 2027-01-01 is before starts_on 2027-04-01"]
    assert _snapshot(writable_demo) == before

    at = _fill(at, "mou_terms_new", ends_on=date(2029, 3, 31), note="Fourth term")
    assert not _errors(at)
    assert _one(writable_demo, MouTerm, ref="MOU-4").ends_on == date(2029, 3, 31)


def _close(at: AppTest, file: str, code: str, on: date) -> AppTest:
    at.selectbox(key=f"{PAGE}_{file}_close_pick").set_value(code)
    at.date_input(key=f"{PAGE}_{file}_close_on").set_value(on)
    at.run()
    at.button(key=f"{PAGE}_{file}_close").click()
    return at.run()


def test_closing_a_group_closes_its_open_services_and_keeps_the_group(page, writable_demo):
    at = _close(page, "inspection_groups", "G01", date(2026, 11, 30))
    assert not _errors(at)
    assert _plain(at.success[0].value) == "Closed the open services of group G01: 2026-11-30."
    assert _one(writable_demo, Service, code="S001").closed_on == date(2026, 11, 30)
    with db.session_scope(writable_demo) as session:
        assert inspection_refs_of_group(session, "G01")  # nothing deleted


def test_closing_a_group_before_its_services_opened_is_refused_whole(page, writable_demo):
    before = _snapshot(writable_demo)
    at = _close(page, "inspection_groups", "G02", date(2022, 8, 1))
    assert "Closed on: service S002: 2022-08-01 is before opened_on 2022-08-11" in _errors(at)
    assert _snapshot(writable_demo) == before


def test_closing_a_service_and_ending_an_mou_term(page, writable_demo):
    at = _close(page, "services", "S003", date(2026, 12, 31))
    assert _plain(at.success[0].value) == "Closed service S003: 2026-12-31."
    at = _close(at, "mou_terms", "MOU-3", date(2027, 6, 30))
    assert _plain(at.success[0].value) == "Set the end of MoU term MOU-3: 2027-06-30."
    assert _one(writable_demo, Service, code="S003").closed_on == date(2026, 12, 31)
    assert _one(writable_demo, MouTerm, ref="MOU-3").ends_on == date(2027, 6, 30)


@pytest.mark.parametrize("role", ["inspector", "partner"])
def test_only_admins_and_programme_managers_reach_the_page(logged_in, role):
    at = logged_in(role).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_path("admin_programme.py"))


TIMESCALES = "admin_programme_timescales"


def _timescales_page(logged_in, role: str) -> AppTest:
    at = logged_in(role, name="Ada Admin", username="admin").run()
    at.switch_page(page_path("admin_programme.py")).run()
    assert not at.exception
    return at


def test_a_manager_sees_the_timescales_but_no_form(page):
    assert [e.key for e in page.text_input if e.key.startswith(TIMESCALES)] == []
    assert any("Only an admin may change the timescales" in c.value for c in page.caption)


def test_an_admin_changes_a_timescale_and_a_bad_one_is_refused(logged_in, writable_demo):
    at = _timescales_page(logged_in, "admin")
    at.text_input(key=f"{TIMESCALES}_high").set_value("2.5")
    at.button(key=f"{TIMESCALES}_save").click()
    at = at.run()
    assert "High risk: 2.5 is not a whole number of working days of 1 or more" in _errors(at)
    assert _one(writable_demo, AuditEntry, entity="recommendation_timescales") is None

    at.text_input(key=f"{TIMESCALES}_high").set_value("25")
    at.button(key=f"{TIMESCALES}_save").click()
    at = at.run()
    assert not at.error
    assert any("Timescales saved" in _plain(s.value) for s in at.success)
    entry = _one(writable_demo, AuditEntry, entity="recommendation_timescales")
    assert (entry.username, entry.entity_key, entry.changes) == (
        "admin",
        "high",
        '{"working_days": [20, 25]}',
    )
