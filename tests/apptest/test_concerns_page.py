"""The Concerns page on the demo programme at its anchor date (2026-11-02).

The demo holds twelve concerns, CON-2026-001 to -012: the first five closed by the anchor date,
the other seven open (three of them high risk). Partners read six: those from the Home Office
(001, 007, 008) or the prime contractor (002, 009), and the escalated one (010).
"""

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.exchange.demo import demo_anchor
from models import AuditEntry, Concern
from tests.apptest.conftest import page_path

PARTNER_READS = ["CON-2026-001", "CON-2026-002", "CON-2026-007", "CON-2026-008"]
PARTNER_READS += ["CON-2026-009", "CON-2026-010"]


def _page(logged_in, role: str = "programme_manager"):
    at = logged_in(role)
    at.switch_page(page_path("concerns.py")).run(timeout=30)
    at.date_input(key="concerns_as_of").set_value(demo_anchor()).run()
    return at


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def _refs(at) -> list[str]:
    return sorted(at.dataframe[0].value["ref"])


@pytest.mark.parametrize("role", ["admin", "programme_manager", "inspector"])
def test_staff_see_every_concern_and_may_record_one(logged_in, role):
    at = _page(logged_in, role)

    assert not at.exception
    assert _metrics(at) == {"Open": "7", "Open, high risk": "3", "Closed": "5"}
    assert _refs(at) == [f"CON-2026-{n:03d}" for n in range(1, 13)]
    assert at.button(key="concerns_form_save")
    assert at.selectbox(key="concerns_form_choice").value == "(new concern)"


def test_a_partner_reads_only_the_concerns_allowed_and_cannot_write(logged_in):
    at = _page(logged_in, "partner")

    assert not at.exception
    assert _refs(at) == PARTNER_READS
    assert _metrics(at) == {"Open": "4", "Open, high risk": "3", "Closed": "2"}
    assert not [button for button in at.button if button.key.startswith("concerns_form")]
    with pytest.raises(KeyError):
        at.text_area(key="concerns_form_new_summary")
    with pytest.raises(KeyError):
        at.selectbox(key="concerns_form_choice")


def test_filters_narrow_the_register(logged_in):
    at = _page(logged_in)
    at.multiselect(key="concerns_status").select("open").run()
    at.multiselect(key="concerns_risk").select("high").run()

    assert _refs(at) == ["CON-2026-008", "CON-2026-009", "CON-2026-010"]
    at.multiselect(key="concerns_source").select("whistleblower").run()
    assert _refs(at) == ["CON-2026-010"]
    at.multiselect(key="concerns_provider").select("P01").run()
    assert not at.dataframe
    assert at.info[0].value == "No concern matches these filters."


def test_a_concern_closed_after_the_date_shows_open_then(logged_in):
    at = _page(logged_in, "partner")
    at.date_input(key="concerns_as_of").set_value(date(2026, 6, 1)).run()

    frame = at.dataframe[0].value.set_index("ref")
    assert frame.loc["CON-2026-002", "status"] == "open"  # closed on 2026-06-16
    assert frame.loc["CON-2026-002", "days open"] == 91


def test_a_date_before_any_concern_shows_an_empty_state(logged_in):
    at = _page(logged_in, "inspector")
    at.date_input(key="concerns_as_of").set_value(date(2025, 1, 1)).run()

    assert not at.exception
    assert at.info[0].value == "No concerns received on or before this date."
    assert not at.metric and not at.dataframe


def test_an_inspector_records_a_concern_with_a_made_ref(logged_in, writable_demo):
    at = _page(logged_in, "inspector")
    at.date_input(key="concerns_form_new_received_on").set_value(demo_anchor())
    at.selectbox(key="concerns_form_new_source").set_value("provider")
    at.selectbox(key="concerns_form_new_provider").set_value("P02")
    at.multiselect(key="concerns_form_new_key_questions").select("safe")
    at.text_area(key="concerns_form_new_summary").input("Fire alarm tests not logged.")
    at.selectbox(key="concerns_form_new_risk").set_value("medium")
    at.button(key="concerns_form_save").click().run()

    assert not at.exception
    assert at.success[0].value == "Concern CON-2026-013 recorded."
    assert "CON-2026-013" in _refs(at)
    with Session(writable_demo) as session:
        stored = session.exec(select(Concern).where(Concern.ref == "CON-2026-013")).one()
        assert (stored.source, stored.key_questions, stored.received_on) == (
            "provider",
            "safe",
            demo_anchor(),
        )


def test_a_refused_save_names_the_field_and_keeps_what_was_typed(logged_in, writable_demo):
    at = _page(logged_in)
    at.selectbox(key="concerns_form_new_provider").set_value("P02")
    at.text_area(key="concerns_form_new_summary").input("Fire alarm tests not logged.")
    at.selectbox(key="concerns_form_new_status").set_value("closed")
    at.button(key="concerns_form_save").click().run()

    assert "Closed on: is required when status is closed" in [e.value for e in at.error]
    assert at.text_area(key="concerns_form_new_summary").value == "Fire alarm tests not logged."
    with Session(writable_demo) as session:
        assert session.exec(select(Concern).where(Concern.ref == "CON-2026-013")).first() is None


def test_a_manager_closes_a_concern_and_the_change_is_audited(logged_in, writable_demo):
    at = _page(logged_in)
    at.selectbox(key="concerns_form_choice").set_value("CON-2026-011").run()
    assert at.text_area(key="concerns_form_CON-2026-011_summary").value.startswith("Two outreach")
    at.selectbox(key="concerns_form_CON-2026-011_status").set_value("closed")
    at.selectbox(key="concerns_form_CON-2026-011_response").set_value("engagement meeting")
    at.date_input(key="concerns_form_CON-2026-011_closed_on").set_value(demo_anchor())
    at.button(key="concerns_form_save").click().run()

    assert not at.exception
    assert at.success[0].value == "Concern CON-2026-011 saved."
    assert _metrics(at)["Closed"] == "6"
    with Session(writable_demo) as session:
        stored = session.exec(select(Concern).where(Concern.ref == "CON-2026-011")).one()
        assert (stored.status, stored.closed_on, stored.version) == ("closed", demo_anchor(), 2)
        audit = session.exec(
            select(AuditEntry).where(
                AuditEntry.entity_key == "CON-2026-011", AuditEntry.action == "update"
            )
        ).one()
        assert audit.username == "programme_manager"
