"""Planning on the Inspections page without silent or double writes: an impossible date is
refused by name, a repeat is refused naming the first, an overlap is saved only once confirmed,
a weekend start is warned about, and a new lead inspector is an explicit, audited step."""

import pytest
from sqlalchemy import text

from tests.apptest.test_inspections_page import _count, _errors, _open

FORM = "inspections_new"


@pytest.fixture
def manager(logged_in, writable_demo):
    return _open(logged_in, "programme_manager", "Demo Programme Manager")


def _fill(at, *, start_on: str, end_on: str = "", kind: str = "assurance", group: str = "G01"):
    at.selectbox(key=f"{FORM}_group_code").set_value(group)
    at.selectbox(key=f"{FORM}_inspection_type").set_value(kind)
    at.text_input(key=f"{FORM}_start_on").input(start_on)
    at.text_input(key=f"{FORM}_end_on").input(end_on)
    at.selectbox(key=f"{FORM}_lead_inspector").set_value("Amira Shah")
    return at.run()


def _save(at):
    at.button(key=f"{FORM}__save").click().run()
    assert not at.exception, at.exception
    return at


def test_a_typed_impossible_date_is_refused_naming_the_field(manager, writable_demo):
    before = _count(writable_demo)
    _save(_fill(manager, start_on="2027-02-30"))
    assert "Starts on: '2027-02-30' is not a real date (use YYYY-MM-DD)" in _errors(manager)
    assert _count(writable_demo) == before and not manager.success
    # what was typed stays, to be corrected
    assert manager.text_input(key=f"{FORM}_start_on").value == "2027-02-30"


def test_a_start_on_a_sunday_is_warned_about_but_may_be_saved(manager, writable_demo):
    _fill(manager, start_on="2027-02-28")
    warnings = [w.value for w in manager.warning]
    assert "2027-02-28 is a Sunday, not a working day: check the start date." in warnings
    _save(manager)
    assert [s.value for s in manager.success] == ["Planned INS-2027-008."]


def test_the_same_inspection_planned_twice_is_refused_and_an_overlap_needs_a_tick(
    manager, writable_demo
):
    _save(_fill(manager, start_on="2027-03-15", end_on="2027-03-16"))
    assert [s.value for s in manager.success] == ["Planned INS-2027-008."]
    # the form was emptied after the save; planning it again is refused naming the first
    assert manager.text_input(key=f"{FORM}_start_on").value == ""
    _save(_fill(manager, start_on="2027-03-15", end_on="2027-03-16"))
    assert any(e.startswith("INS-2027-008 is the same inspection") for e in _errors(manager))
    assert (
        _count(
            writable_demo,
            "group_id = (SELECT id FROM inspection_group "
            "WHERE code = 'G01') AND start_on = '2027-03-15'",
        )
        == 1
    )
    # another type on an overlapping day: refused until confirmed
    _save(_fill(manager, start_on="2027-03-16", kind="comprehensive"))
    assert any("overlap another inspection of G01: INS-2027-008" in e for e in _errors(manager))
    assert not manager.success
    manager.checkbox(key=f"{FORM}_confirm_overlap").check().run()
    _save(manager)
    assert [s.value for s in manager.success] == ["Planned INS-2027-009."]


def test_a_new_lead_inspector_is_an_explicit_audited_step(manager, writable_demo):
    lead = manager.selectbox(key=f"{FORM}_lead_inspector")
    assert "Amira Shah" in lead.options and not lead.proto.accept_new_options
    _fill(manager, start_on="2027-03-15")
    manager.checkbox(key=f"{FORM}_new_inspector").check().run()
    manager.text_input(key=f"{FORM}_new_inspector_name").input("Jo Newland").run()
    _save(manager)
    assert [s.value for s in manager.success] == ["Planned INS-2027-008."]
    assert _count(writable_demo, "lead_inspector = 'Jo Newland'") == 1
    with writable_demo.connect() as connection:
        audited = connection.execute(
            text("SELECT username FROM audit_entry WHERE entity = 'inspectors'")
        ).all()
    assert audited and len(audited) == 1
