"""The login gate: nothing but the form until a demo user logs in with the right password.

Logging in writes (audit entries, failed-login counts), so these tests use their own copy of the
demo database: the shared one must stay as seeded for the tests that copy it."""

import pytest

from dashboard.accounts.rules import DEMO_USERS
from tests.apptest.conftest import new_app


def _submit(at, username: str, password: str):
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    return at.run()


def test_anonymous_visitor_sees_only_the_login_form(app_env):
    at = new_app().run()
    assert not at.exception
    assert at.title[0].value == "Safehouse Programme Oversight"
    assert [field.label for field in at.text_input] == ["Username", "Password"]
    assert not at.metric


def test_wrong_password_is_refused_with_a_message(writable_demo):
    at = _submit(new_app().run(), "manager", "not-the-password")
    assert not at.exception
    assert at.session_state["authentication_status"] is False
    assert [error.value for error in at.error] == ["Username or password is incorrect."]
    assert not at.metric


@pytest.mark.parametrize("user", DEMO_USERS, ids=lambda user: user.username)
def test_each_demo_user_logs_in_to_the_overview(writable_demo, user):
    at = _submit(new_app().run(), user.username, user.password)
    assert not at.exception
    assert at.session_state["authentication_status"] is True
    assert at.session_state["roles"] == [user.role]
    assert at.title[0].value == "Overview"


def test_unknown_username_gets_the_same_answer_as_a_wrong_password(writable_demo):
    wrong = _submit(new_app().run(), "manager", "not-the-password")
    unknown = _submit(new_app().run(), "nobody-here", "not-the-password")
    assert not unknown.exception
    assert [e.value for e in unknown.error] == [e.value for e in wrong.error]
    assert unknown.session_state["authentication_status"] is False
    assert [field.label for field in unknown.text_input] == ["Username", "Password"]


def test_the_password_field_is_emptied_after_an_attempt(writable_demo):
    at = _submit(new_app().run(), "manager", "not-the-password")
    assert at.text_input[1].value == ""


def test_no_cookie_key_is_needed_any_more(app_env, monkeypatch):
    monkeypatch.delenv("OVERSIGHT_COOKIE_KEY")
    at = new_app()
    at.secrets["auth"] = {}
    at.run()
    assert not at.exception and not at.error
    assert [field.label for field in at.text_input] == ["Username", "Password"]
