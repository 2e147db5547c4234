"""The login form records every attempt and enforces the lockout, even for the right password."""

import json
import re
from datetime import timedelta

from sqlmodel import Session, select

from dashboard.accounts.rules import as_utc
from models import AuditEntry, User
from models.base import utc_now
from tests.apptest.conftest import new_app

LOCKED = r"This account is locked until \d\d:\d\d UTC after 5 failed logins"


def _submit(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def _logins(engine, username: str) -> list[str]:
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(
                AuditEntry.entity_key == username,
                AuditEntry.action.startswith("login") | (AuditEntry.action == "lockout"),
            )
            .order_by(AuditEntry.id)
        )
        return [entry.action for entry in entries]


def _user(engine, username: str) -> User:
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def test_five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(writable_demo):
    at = new_app().run()
    for _ in range(4):
        at = _submit(at, "manager", "not-the-password")
        assert [error.value for error in at.error] == ["Username or password is incorrect."]
    at = _submit(at, "manager", "not-the-password")
    assert len(at.error) == 1 and re.match(LOCKED, at.error[0].value)
    at = _submit(at, "manager", "demo-manager-pass")
    assert at.session_state["authentication_status"] is not True
    assert len(at.error) == 1 and re.match(LOCKED, at.error[0].value)
    assert not at.metric
    assert _logins(writable_demo, "manager") == ["login_failed"] * 4 + ["lockout", "login_locked"]
    locked_until = as_utc(_user(writable_demo, "manager").locked_until)
    assert timedelta(minutes=14) < locked_until - utc_now() <= timedelta(minutes=15)


def test_the_right_password_works_again_once_the_lock_has_ended(writable_demo):
    with Session(writable_demo) as session:
        user = session.exec(select(User).where(User.username == "inspector")).one()
        user.failed_logins, user.locked_until = 5, utc_now() - timedelta(seconds=1)
        session.commit()
    at = _submit(new_app().run(), "inspector", "demo-inspector-pass")
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert _logins(writable_demo, "inspector") == ["login"]
    user = _user(writable_demo, "inspector")
    assert (user.failed_logins, user.locked_until) == (0, None)
    assert user.last_login_at is not None


def test_a_successful_login_resets_the_failure_count_and_is_audited(writable_demo):
    at = _submit(new_app().run(), "partner", "wrong-password-here")
    at = _submit(at, "partner", "demo-partner-pass")
    assert at.session_state["authentication_status"] is True
    assert _logins(writable_demo, "partner") == ["login_failed", "login"]
    with Session(writable_demo) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "login_failed")).one()
    assert (entry.username, json.loads(entry.changes)) == ("partner", {"failed_logins": [0, 1]})
    assert _user(writable_demo, "partner").failed_logins == 0


def test_a_disabled_accounts_cookie_ends_its_session(writable_demo, monkeypatch):
    with Session(writable_demo) as session:
        user = session.exec(select(User).where(User.username == "partner")).one()
        user.disabled = True
        session.commit()
    monkeypatch.setattr(
        "streamlit_authenticator.models.cookie_model.CookieModel.get_cookie",
        lambda self: {"username": "partner", "exp_date": 9e9},
    )
    at = new_app().run()
    assert not at.exception
    assert "account is disabled" in at.error[0].value
    assert at.session_state["authentication_status"] is None
    assert not at.metric


def test_an_account_disabled_while_logged_in_loses_its_session(writable_demo, logged_in):
    at = logged_in("partner", username="partner").run()
    assert at.title[0].value == "Overview"
    with Session(writable_demo) as session:
        user = session.exec(select(User).where(User.username == "partner")).one()
        user.disabled = True
        session.commit()
    at.run()
    assert at.error[0].value.startswith("Your login has ended: the account is disabled")
    assert not at.session_state["authentication_status"]
    assert not at.metric
