"""The login form records every attempt and enforces the lockout (per username and address),
even for the right password, and a session ends when its account is disabled."""

import json
import re
from datetime import timedelta

from sqlmodel import Session, select

from dashboard.accounts.rules import LOCKOUT_PERIOD, as_utc, system_actor
from dashboard.accounts.service import disable_user
from models import AuditEntry, LoginThrottle, User
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


def _throttle(engine, username: str) -> LoginThrottle | None:
    with Session(engine) as session:
        return session.exec(select(LoginThrottle).where(LoginThrottle.username == username)).first()


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
    locked_until = as_utc(_throttle(writable_demo, "manager").locked_until)
    assert LOCKOUT_PERIOD - timedelta(minutes=1) < locked_until - utc_now() <= LOCKOUT_PERIOD


def test_an_unknown_username_is_locked_with_the_same_message(writable_demo):
    at = new_app().run()
    for _ in range(5):
        at = _submit(at, "no-such-user", "not-the-password")
    assert len(at.error) == 1 and re.match(LOCKED, at.error[0].value)
    assert _logins(writable_demo, "no-such-user") == ["login_failed"] * 4 + ["lockout"]


def test_the_right_password_works_again_once_the_lock_has_ended(writable_demo):
    with Session(writable_demo) as session:
        session.add(
            LoginThrottle(
                username="inspector",
                address="unknown",
                failed_logins=5,
                locked_until=utc_now() - timedelta(seconds=1),
            )
        )
        session.commit()
    at = _submit(new_app().run(), "inspector", "demo-inspector-pass")
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert _logins(writable_demo, "inspector") == ["login"]
    assert _throttle(writable_demo, "inspector").failed_logins == 0
    with Session(writable_demo) as session:
        user = session.exec(select(User).where(User.username == "inspector")).one()
    assert user.last_login_at is not None


def test_a_successful_login_resets_the_failure_count_and_is_audited(writable_demo):
    at = _submit(new_app().run(), "partner", "wrong-password-here")
    at = _submit(at, "partner", "demo-partner-pass")
    assert at.session_state["authentication_status"] is True
    assert _logins(writable_demo, "partner") == ["login_failed", "login"]
    with Session(writable_demo) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "login_failed")).one()
    assert (entry.username, json.loads(entry.changes)) == (
        "partner",
        {"failed_logins": [0, 1], "address": [None, "unknown"]},
    )
    assert _throttle(writable_demo, "partner").failed_logins == 0


def test_disabling_an_account_ends_its_open_session_at_the_next_run(writable_demo):
    at = _submit(new_app().run(), "partner", "demo-partner-pass")
    assert at.title[0].value == "Overview"
    with Session(writable_demo) as session:
        disable_user(session, actor=system_actor("cli:test"), username="partner")
        session.commit()
    at.run()
    assert at.error[0].value.startswith("Your login has ended: the account is disabled")
    assert not at.session_state["authentication_status"]
    assert not at.metric


def test_an_account_disabled_directly_in_the_database_loses_its_session(writable_demo, logged_in):
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


def test_log_out_ends_the_session_row_and_shows_the_form(writable_demo):
    at = _submit(new_app().run(), "partner", "demo-partner-pass")
    at.button(key="app_logout_button").click().run()
    assert [field.label for field in at.text_input] == ["Username", "Password"]
    assert not at.session_state["authentication_status"]
    assert _logins(writable_demo, "partner") == ["login"]
    with Session(writable_demo) as session:
        actions = session.exec(
            select(AuditEntry.action).where(AuditEntry.entity_key == "partner")
        ).all()
    assert actions[-1] == "logout"
