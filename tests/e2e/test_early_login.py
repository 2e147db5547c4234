"""A "Log in" pressed while the page is still settling is never lost (issue 19).

The person types as soon as the inputs appear and presses as soon as the button is enabled;
the cookie component's rerun may still be on its way. The press must either log in (the
landing page draws) or leave a message saying what to do: never the filled form alone.
"""

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import pages_for
from tests.e2e.driver import BrowserApp
from tests.e2e.harness import IDLE_TIMEOUT_MS, demo_user, expect_no_exception, wait_for_app

LANDING = pages_for(Role.PROGRAMME_MANAGER)[0]
MESSAGES = "[data-testid='stAlert'], [data-testid='stToast']"
# The landing page's title drawn, or a message the untouched login page does not show.
ANSWERED_JS = """
([title, selector, baseline]) =>
  [...document.querySelectorAll("h1")].some(h => h.textContent.trim() === title)
  || [...document.querySelectorAll(selector)].some(m => !baseline.includes(m.innerText.trim()))
"""
# Long enough for the cookie component's late rerun to arrive after the first settle.
LATE_RERUN_MS = 1_500


def _messages(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(MESSAGES).all_inner_texts()]


def _answered(page: Page, baseline: list[str]) -> bool:
    return bool(page.evaluate(ANSWERED_JS, [LANDING.title, MESSAGES, baseline]))


@pytest.mark.parametrize("attempt", range(5))  # a race: several tries, each a new browser
def test_log_in_pressed_at_the_earliest_moment_logs_in_or_says_why(
    app: BrowserApp, attempt: int
) -> None:
    baseline = _messages(app.anonymous())  # what the login page shows before any press
    page = app.contexts.new_page()
    app.pages.append(page)
    user = demo_user(Role.PROGRAMME_MANAGER)

    page.goto(app.base_url, wait_until="commit")
    page.get_by_label("Username", exact=True).press_sequentially(user.username)
    page.get_by_label("Password", exact=True).press_sequentially(user.password)
    page.get_by_role("button", name="Log in", exact=True).click()  # waits only until enabled

    try:
        page.wait_for_function(
            ANSWERED_JS, arg=[LANDING.title, MESSAGES, baseline], timeout=IDLE_TIMEOUT_MS
        )
    except PlaywrightTimeoutError:  # the finding: say what the page shows
        wait_for_app(page)
        pytest.fail(
            f"attempt {attempt}: 'Log in' pressed early left the form "
            f"(username {page.get_by_label('Username', exact=True).input_value()!r}) "
            f"with no message; messages shown: {_messages(page)}"
        )
    wait_for_app(page)
    page.wait_for_timeout(LATE_RERUN_MS)
    wait_for_app(page)

    expect_no_exception(page)
    assert _answered(page, baseline), "the answer to the press went away after a rerun"
    if page.get_by_role("heading", name=LANDING.title, exact=True).count():
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
