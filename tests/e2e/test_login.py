"""Logging in and out in a real browser: the form, the cookie, and the end of the session."""

from playwright.sync_api import expect

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import pages_for
from tests.e2e.driver import BrowserApp
from tests.e2e.harness import (
    LOGIN_COOKIE,
    demo_user,
    expect_no_exception,
    log_out,
    open_path,
    submit_login,
)

LANDING = pages_for(Role.PROGRAMME_MANAGER)[0]


def test_wrong_password_is_refused_and_shows_nothing(app: BrowserApp) -> None:
    page = app.anonymous()
    submit_login(page, "manager", "not-the-password")
    expect(page.get_by_text("Username or password is incorrect.")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page.get_by_role("heading", name=LANDING.title, exact=True)).to_have_count(0)
    assert LOGIN_COOKIE not in {cookie["name"] for cookie in page.context.cookies()}


def test_right_password_opens_the_landing_page_and_survives_a_reload(app: BrowserApp) -> None:
    page = app.anonymous()
    user = demo_user(Role.PROGRAMME_MANAGER)
    submit_login(page, user.username, user.password)
    expect(page.get_by_role("heading", name=LANDING.title, exact=True)).to_be_visible()
    expect(page.get_by_text(f"Signed in as {user.display_name}")).to_be_visible()
    expect_no_exception(page)
    assert LOGIN_COOKIE in {cookie["name"] for cookie in page.context.cookies()}
    open_path(page, app.base_url)  # a new session: the cookie logs the user in again
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("heading", name=LANDING.title, exact=True)).to_be_visible()


def test_logout_ends_the_session_and_a_reload_does_not_bring_it_back(app: BrowserApp) -> None:
    page = app.anonymous()
    user = demo_user(Role.INSPECTOR)
    submit_login(page, user.username, user.password)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    log_out(page)
    expect(page.get_by_role("heading", name=LANDING.title, exact=True)).to_have_count(0)
    assert LOGIN_COOKIE not in {cookie["name"] for cookie in page.context.cookies()}
    open_path(page, app.base_url, LANDING.url_path)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    expect(page.get_by_role("heading", name=LANDING.title, exact=True)).to_have_count(0)
