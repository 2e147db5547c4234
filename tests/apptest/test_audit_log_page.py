"""The audit log page: managers only; who, when, entity, key, action and changes; filters."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from dashboard.accounts.rules import system_actor
from dashboard.accounts.service import add_user
from dashboard.core.audit import record_change
from tests.apptest.conftest import page_path

PAGE = page_path("audit_log.py")
COLUMNS = ["Who", "When (UTC)", "Entity", "Key", "Action", "Changed fields (before → after)"]


@pytest.mark.parametrize("role", ["admin", "programme_manager"])
def test_managers_see_the_trail_newest_first(logged_in, role):
    at = logged_in(role).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Audit log"
    table = at.dataframe[0].value
    assert list(table.columns) == COLUMNS
    assert "test" in set(table["Who"])  # the demo was loaded as "test"
    assert list(table["When (UTC)"]) == sorted(table["When (UTC)"], reverse=True)
    assert at.get("download_button")[0].proto.label == "Download CSV (OFFICIAL-SENSITIVE)"


@pytest.mark.parametrize("role", ["inspector", "partner"])
def test_inspectors_and_partners_cannot_open_it(logged_in, role):
    at = logged_in(role).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def _write_entries(engine) -> None:
    with Session(engine) as session:
        add_user(
            session,
            actor=system_actor("cli:alice"),
            username="rpryce",
            role="partner",
            password="a-long-password",
            display_name="Ruth Pryce",
        )
        old = record_change(
            session,
            actor="cli:alice",
            action="update",
            entity="provider",
            entity_key="P01",
            changes={"name": ("Old name", "New name")},
        )
        old.at = datetime(2026, 1, 5, 10, 30, tzinfo=UTC)
        session.commit()


def test_filter_by_user_shows_their_changes_as_plain_before_and_after(logged_in, writable_demo):
    _write_entries(writable_demo)
    at = logged_in("admin").run()
    at.switch_page(PAGE).run()
    at.selectbox(key="audit_log_user").set_value("cli:alice").run()
    table = at.dataframe[0].value
    assert list(table["Key"]) == ["rpryce"]  # the January entry is outside the last 30 days
    row = table.iloc[0]
    assert (row["Who"], row["Entity"], row["Action"]) == ("cli:alice", "user", "create")
    assert row["Changed fields (before → after)"] == (
        "display_name: (empty) → Ruth Pryce; role: (empty) → partner"
    )


def test_date_range_and_entity_filters(logged_in, writable_demo):
    _write_entries(writable_demo)
    at = logged_in("programme_manager").run()
    at.switch_page(PAGE).run()
    at.date_input(key="audit_log_dates").set_value((date(2026, 1, 1), date(2026, 1, 31))).run()
    at.selectbox(key="audit_log_entity").set_value("provider").run()
    table = at.dataframe[0].value
    assert table.to_dict("records") == [
        {
            "Who": "cli:alice",
            "When (UTC)": "2026-01-05 10:30:00",
            "Entity": "provider",
            "Key": "P01",
            "Action": "update",
            "Changed fields (before → after)": "name: Old name → New name",
        }
    ]
    at.date_input(key="audit_log_dates").set_value((date(2026, 1, 6), date(2026, 1, 31))).run()
    assert not at.dataframe
    assert at.info[0].value == "No audit entries match these filters."
