"""A login cookie's token opens the app only while its session row lasts: after logout or a
password change the same saved cookie shows the form (AppTest cannot send cookies, so the
browser's cookie is stood in for; tests/e2e does it with a real browser)."""

import pytest
from sqlmodel import Session, select

from dashboard.accounts.rules import system_actor
from dashboard.accounts.service import log_out, set_password
from dashboard.ui import login
from models import AuditEntry
from tests.apptest.conftest import new_app


def _submit(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


@pytest.fixture
def saved_cookie(writable_demo, monkeypatch):
    """Log in as the partner through the form; later fresh apps send that token as a cookie."""
    at = _submit(new_app().run(), "partner", "demo-partner-pass")
    token = at.session_state["app_session_token"]
    monkeypatch.setattr(login, "browser_token", lambda: token)
    return token


def test_a_saved_cookie_opens_a_new_browser_session(saved_cookie):
    at = new_app().run()
    assert at.title[0].value == "Overview"
    assert at.session_state["username"] == "partner"


def test_a_saved_cookie_stops_working_after_logout(saved_cookie, writable_demo):
    log_out(writable_demo, saved_cookie)
    at = new_app().run()
    assert [field.label for field in at.text_input] == ["Username", "Password"]
    assert not at.session_state["authentication_status"]
    assert not at.metric


def test_a_saved_cookie_stops_working_after_a_password_change(saved_cookie, writable_demo):
    with Session(writable_demo) as session:
        set_password(
            session,
            actor=system_actor("cli:test"),
            username="partner",
            password="a-brand-new-long-phrase-4",
        )
        session.commit()
    at = new_app().run()
    assert at.error[0].value == "Your login has ended: the password was changed. Log in again."
    assert not at.session_state["authentication_status"]
    with Session(writable_demo) as session:
        actions = session.exec(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-1] == "session_ended"


def test_a_forged_cookie_shows_the_form_without_a_message(writable_demo, monkeypatch):
    monkeypatch.setattr(login, "browser_token", lambda: "not-a-real-token")
    at = new_app().run()
    assert not at.exception and not at.error
    assert [field.label for field in at.text_input] == ["Username", "Password"]
