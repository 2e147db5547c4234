"""The server log stays quiet when people close their tabs, mid-run or settled, so a real
traceback in it stands out (issue 19: Streamlit's websocket-disconnect tracebacks once filled it).
"""

from playwright.sync_api import Browser

from dashboard.core.vocabulary import Role
from tests.e2e.harness import AppServer, log_in, log_out, prepare, wait_for_app


def test_closing_tabs_and_logging_out_leave_no_traceback_in_the_server_log(
    browser: Browser, app_server: AppServer
) -> None:
    for n in range(6):
        context = prepare(browser.new_context())
        page = context.new_page()
        log_in(page, app_server.url, Role.PROGRAMME_MANAGER)
        page.get_by_role("link", name="Coverage").first.click()
        wait_for_app(page)
        page.get_by_role("link", name="Planner").first.click()
        if n % 2:
            wait_for_app(page)
            page.get_by_role("link", name="Overview").first.click()
            wait_for_app(page)
            log_out(page)  # the page's script runs on after the press: it must not crash
        else:
            page.wait_for_timeout(100)  # the Planner is still drawing when the tab goes
        context.close()
    page_log = app_server.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in page_log, page_log[-4000:]
