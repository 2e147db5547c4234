"""Users page: admins manage accounts; the last admin stays; nobody else reaches the page."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.accounts.rules import password_matches
from dashboard.accounts.service import record_login_attempt
from dashboard.core import db
from models import AuditEntry, User
from tests.apptest.conftest import page_path
from tests.services.exchange_data import dump


def _plain(markdown: str) -> str:
    """Alert text as the user reads it: the page escapes markdown in user-supplied text."""
    return re.sub(r"\\(.)", r"\1", markdown)


PAGE = "admin_users"


@pytest.fixture
def page(logged_in, writable_demo):
    at = logged_in("admin", name="Demo Admin", username="admin").run()
    at.switch_page(page_path("admin_users.py")).run()
    assert not at.exception
    return at


def _user(engine: Engine, username: str) -> User:
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def _snapshot(engine: Engine) -> dict:
    with Session(engine) as session:
        return dump(session)


def _pick(at, username: str):
    at.selectbox(key=f"{PAGE}_pick").set_value(username)
    return at.run()


def _click(at, name: str):
    at.button(key=f"{PAGE}_{name}").click()
    return at.run()


def test_the_list_shows_each_user_with_role_last_login_locked_and_disabled(page):
    rows = page.dataframe[0].value.to_dict("records")
    by_name = {row["username"]: row for row in rows}
    assert set(by_name) >= {"admin", "manager", "inspector", "partner"}
    assert by_name["inspector"]["role"] == "inspector"
    assert list(rows[0]) == ["username", "name", "role", "last_login", "locked", "disabled"]
    assert not any(row["locked"] or row["disabled"] for row in rows)


def test_adding_a_user_shows_a_one_time_password_once_that_logs_in(page, writable_demo):
    page.text_input(key=f"{PAGE}_add_username").set_value("jo.inspector")
    page.text_input(key=f"{PAGE}_add_name").set_value("Jo Inspector")
    page.selectbox(key=f"{PAGE}_add_role").set_value("inspector")
    at = _click(page, "add_submit")
    assert not at.error
    assert _plain(at.success[0].value) == "Added user jo.inspector."
    password = at.code[0].value
    assert len(password) >= 12
    saved = _user(writable_demo, "jo.inspector")
    assert (saved.role, saved.display_name) == ("inspector", "Jo Inspector")
    assert password_matches(password, saved.password_hash)
    assert password not in saved.password_hash
    at.run()
    assert not at.code  # shown once


def test_a_bad_username_is_refused_and_nothing_is_saved(page, writable_demo):
    before = _snapshot(writable_demo)
    page.text_input(key=f"{PAGE}_add_username").set_value("Jo Inspector")
    at = _click(page, "add_submit")
    assert "username 'Jo Inspector'" in _plain(at.error[0].value)
    assert not at.code
    assert _snapshot(writable_demo) == before


def test_changing_a_role_is_saved_and_audited(page, writable_demo):
    at = _pick(page, "inspector")
    at.selectbox(key=f"{PAGE}_role_inspector").set_value("programme_manager")
    at = _click(at.run(), "change_role")
    assert _plain(at.success[0].value) == "inspector is now programme manager."
    assert _user(writable_demo, "inspector").role == "programme_manager"
    with Session(writable_demo) as session:
        entry = session.exec(
            select(AuditEntry).where(
                AuditEntry.entity == "user",
                AuditEntry.entity_key == "inspector",
                AuditEntry.action == "update",
            )
        ).one()
    assert entry.username == "admin"


def test_the_last_admin_can_be_neither_demoted_nor_disabled(page, writable_demo):
    before = _snapshot(writable_demo)
    at = _pick(page, "admin")
    at.selectbox(key=f"{PAGE}_role_admin").set_value("programme_manager")
    at = _click(at.run(), "change_role")
    assert "admin is the last active admin" in _plain(at.error[0].value)
    at = _click(at, "disable")
    assert "admin is the last active admin" in _plain(at.error[0].value)
    assert _snapshot(writable_demo) == before
    assert _user(writable_demo, "admin").role == "admin"


def test_disabling_then_enabling_a_user(page, writable_demo):
    at = _click(_pick(page, "partner"), "disable")
    assert _plain(at.success[0].value) == "partner can no longer log in."
    assert _user(writable_demo, "partner").disabled
    assert at.button(key=f"{PAGE}_enable")
    at = _click(at, "enable")
    assert not _user(writable_demo, "partner").disabled


def test_unlocking_a_locked_user(page, writable_demo):
    with db.session_scope(writable_demo) as session:
        for _ in range(5):
            record_login_attempt(session, username="manager", succeeded=False, at=datetime.now(UTC))
    at = _pick(page.run(), "manager")
    rows = {r["username"]: r for r in at.dataframe[0].value.to_dict("records")}
    assert rows["manager"]["locked"]
    at = _click(at, "unlock")
    assert _plain(at.success[0].value) == "manager is unlocked."
    user = _user(writable_demo, "manager")
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_resetting_a_password_shows_the_new_one_once(page, writable_demo):
    old_hash = _user(writable_demo, "partner").password_hash
    at = _click(_pick(page, "partner"), "reset")
    password = at.code[0].value
    new_hash = _user(writable_demo, "partner").password_hash
    assert new_hash != old_hash and password_matches(password, new_hash)


@pytest.mark.parametrize("role", ["programme_manager", "inspector", "partner"])
def test_only_admins_reach_the_users_page(logged_in, role):
    at = logged_in(role).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page_path("admin_users.py"))
