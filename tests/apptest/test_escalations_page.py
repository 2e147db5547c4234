"""The Escalations page on the demo programme at its anchor date (2026-11-02).

The demo holds six escalations; only ESC-006 (raised 2026-07-27) is open at the anchor date,
98 days later, so it is flagged at the default 30 days.
"""

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.exchange.demo import demo_anchor
from models import AuditEntry, Escalation
from tests.apptest.conftest import page_path


def _page(logged_in, role: str = "programme_manager"):
    at = logged_in(role)
    at.switch_page(page_path("escalations.py")).run(timeout=30)
    at.date_input(key="escalations_as_of").set_value(demo_anchor()).run()
    return at


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def test_open_escalations_stand_out_and_are_flagged_after_thirty_days(logged_in):
    at = _page(logged_in, "partner")
    assert not at.exception
    assert _metrics(at) == {"Open": "1", "Open more than 30 days": "1", "Resolved": "5"}
    assert at.error[0].value == "1 open; 1 open for more than 30 days."
    open_rows = at.dataframe[0].value
    assert open_rows["ref"].tolist() == ["ESC-006"]
    assert open_rows[["state", "days open"]].values.tolist() == [["flagged", 98]]
    assert len(at.dataframe[1].value) == 5


def test_the_flag_threshold_can_be_raised_on_the_page(logged_in):
    at = _page(logged_in, "partner")
    at.number_input(key="escalations_flag_days").set_value(98).run()
    assert _metrics(at)["Open more than 98 days"] == "0"
    assert not at.error
    assert at.warning[0].value == "1 open; 0 open for more than 98 days."
    assert at.dataframe[0].value["state"].tolist() == ["open"]


def test_an_escalation_resolved_after_the_as_of_date_counts_as_open_then(logged_in):
    at = _page(logged_in, "partner")
    at.date_input(key="escalations_as_of").set_value(date(2025, 9, 1)).run()
    assert _metrics(at)["Open"] == "1"  # ESC-005, resolved on 2025-11-24
    open_rows = at.dataframe[0].value
    assert open_rows[["ref", "days open"]].values.tolist() == [["ESC-005", 21]]


def test_a_date_before_any_escalation_shows_an_empty_state(logged_in):
    at = _page(logged_in, "partner")
    at.date_input(key="escalations_as_of").set_value(date(2020, 1, 1)).run()
    assert not at.exception
    assert at.info[0].value == "No escalations raised on or before this date."
    assert not at.metric and not at.dataframe


@pytest.mark.parametrize("role", ["partner", "inspector"])
def test_only_managers_see_the_escalation_forms(logged_in, role):
    at = _page(logged_in, role)
    assert not at.exception
    assert not [button for button in at.button if button.key.startswith("escalations_")]
    with pytest.raises(KeyError):
        at.text_area(key="escalations_raise_concern")


def test_a_manager_raises_an_escalation_on_the_page(logged_in, writable_demo):
    at = _page(logged_in)
    assert at.text_input(key="escalations_raise_ref").value == "ESC-007"
    at.selectbox(key="escalations_raise_inspection").set_value("INS-2026-028")
    at.date_input(key="escalations_raise_raised_on").set_value(demo_anchor())
    at.text_area(key="escalations_raise_concern").input("Staffing fell below safe levels.")
    at.button(key="escalations_raise_save").click().run()
    assert not at.exception and not [e for e in at.error if "ESC-007" in e.value]
    assert at.success[0].value == "Escalation ESC-007 raised."
    assert sorted(at.dataframe[0].value["ref"]) == ["ESC-006", "ESC-007"]
    with Session(writable_demo) as session:
        stored = session.exec(select(Escalation).where(Escalation.ref == "ESC-007")).one()
        assert stored.escalated_to == "prime contractor;home office"
        assert stored.raised_on == demo_anchor()


def test_with_many_inspections_the_inspection_is_typed_and_checked(
    logged_in, writable_demo, monkeypatch
):
    monkeypatch.setattr("dashboard.ui.widgets.MANY_OPTIONS", 2)  # the demo has dozens
    at = _page(logged_in)
    at.text_input(key="escalations_raise_inspection_typed").input("INS-2099-001")
    at.text_area(key="escalations_raise_concern").input("Staffing fell below safe levels.")
    at.button(key="escalations_raise_save").click().run()
    assert "INS-2099-001" in at.error[-1].value
    at.text_input(key="escalations_raise_inspection_typed").input("INS-2026-028")
    at.button(key="escalations_raise_save").click().run()
    assert at.success[0].value == "Escalation ESC-007 raised."
    with Session(writable_demo) as session:
        stored = session.exec(select(Escalation).where(Escalation.ref == "ESC-007")).one()
        assert stored.concern == "Staffing fell below safe levels."


def test_a_missing_concern_is_refused_naming_the_field(logged_in, writable_demo):
    at = _page(logged_in)
    at.button(key="escalations_raise_save").click().run()
    assert "concern: a value is required" in at.error[-1].value
    with Session(writable_demo) as session:
        assert session.exec(select(Escalation).where(Escalation.ref == "ESC-007")).first() is None


def test_a_manager_resolves_an_escalation_on_the_page(logged_in, writable_demo):
    at = _page(logged_in)
    at.selectbox(key="escalations_resolve_ref").set_value("ESC-006")
    at.date_input(key="escalations_resolve_on").set_value(demo_anchor())
    at.text_area(key="escalations_resolve_note").input("Fire doors fixed; assessment renewed.")
    at.button(key="escalations_resolve_save").click().run()
    assert not at.exception
    assert at.success[0].value == "Escalation ESC-006 resolved."
    assert _metrics(at)["Open"] == "0"
    assert at.success[1].value == "No escalation is open on this date."
    with Session(writable_demo) as session:
        stored = session.exec(select(Escalation).where(Escalation.ref == "ESC-006")).one()
        assert (stored.resolved_on, stored.resolution_note) == (
            demo_anchor(),
            "Fire doors fixed; assessment renewed.",
        )
        audit = session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity_key == "ESC-006")
            .where(AuditEntry.action == "update")
        ).one()
        assert audit.username == "programme_manager"
