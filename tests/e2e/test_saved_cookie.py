"""A saved login cookie stops working after logout and after `dashboard users set-password`:
the cookie holds only a token, and the server ends its session row (issue 18, item 1).

A server of its own, so changing a password leaves the shared demo logins alone."""

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from dashboard.core.config import PROJECT_ROOT
from tests.e2e.harness import (
    ARTIFACTS_DIR,
    LOGIN_COOKIE,
    VIEWPORT,
    AppServer,
    log_out,
    open_path,
    prepare,
    seed_demo_database,
    start_app,
    submit_login,
)

USERNAME = "cookie.tester"
FIRST = "violet-harbour-kettle-spruce-41"
SECOND = "meadow-copper-lantern-orbit-77"


def _cli(database_url: str, *args: str, stdin: str = "") -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from dashboard.cli import main; sys.exit(main())",
            *args,
        ],
        cwd=PROJECT_ROOT,
        input=stdin,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="module")
def own_server(
    chromium_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[AppServer, str]]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('cookie') / 'demo.db'}"
    seed_demo_database(database_url)
    _cli(database_url, "users", "add", USERNAME, "--role", "partner", stdin=f"{FIRST}\n")
    server = start_app(database_url, ARTIFACTS_DIR / "e2e" / "saved-cookie.log")
    yield server, database_url
    server.stop()


def _page(browser: Browser, state: object = None) -> Page:
    context = prepare(browser.new_context(viewport=VIEWPORT, storage_state=state))
    return context.new_page()


def _log_in(browser: Browser, url: str, password: str) -> tuple[Page, object]:
    page = _page(browser)
    open_path(page, url)
    submit_login(page, USERNAME, password)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.wait_for_function(f"document.cookie.includes('{LOGIN_COOKIE}=')")
    cookie = next(c for c in page.context.cookies() if c["name"] == LOGIN_COOKIE)
    assert USERNAME not in cookie["value"] and cookie["sameSite"] == "Strict"
    return page, page.context.storage_state()


def _replay_shows_the_form(browser: Browser, url: str, state: object) -> Page:
    page = _page(browser, state)
    open_path(page, url)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    return page


def test_a_saved_cookie_works_until_logout_and_not_after(browser: Browser, own_server) -> None:
    server, _ = own_server
    page, saved = _log_in(browser, server.url, FIRST)
    before = _page(browser, saved)
    open_path(before, server.url)
    expect(before.get_by_role("button", name="Log out")).to_be_visible()  # it did work
    log_out(page)
    _replay_shows_the_form(browser, server.url, saved)


def test_a_saved_cookie_stops_working_after_set_password(browser: Browser, own_server) -> None:
    server, database_url = own_server
    _, saved = _log_in(browser, server.url, FIRST)
    _cli(database_url, "users", "set-password", USERNAME, stdin=f"{SECOND}\n")
    page = _replay_shows_the_form(browser, server.url, saved)
    expect(page.get_by_text("the password was changed")).to_be_visible()
    page.wait_for_function(f"!document.cookie.includes('{LOGIN_COOKIE}=')")  # removed too
