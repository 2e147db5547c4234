"""Overview's links open their page filtered to what the tile counted (issue 20). Written by
ui20 and not yet run by its author: the lead runs the browser tests."""

import re
from collections.abc import Callable

from playwright.sync_api import expect

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PageSpec
from tests.e2e.driver import BrowserApp
from tests.e2e.harness import expect_no_exception, rerun_by

RequirePage = Callable[[str], PageSpec]


def test_the_overdue_actions_link_opens_the_action_log_on_overdue_actions(
    app: BrowserApp, require_page: RequirePage
) -> None:
    require_page("governance")
    page = app.as_role(Role.PROGRAMME_MANAGER, require_page("overview").url_path)
    link = page.get_by_role("link", name=re.compile("Overdue governance actions"))
    rerun_by(page, link.click)
    expect(page).to_have_url(re.compile(r"governance_filter_rag="))
    expect(page.get_by_role("tab", name="Action log", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    panel = page.get_by_role("tabpanel", name="Action log")
    expect(panel.get_by_test_id("stMultiSelect").filter(has_text="RAG")).to_contain_text(
        "red · overdue"
    )
    expect_no_exception(page)


def test_the_open_recommendations_link_filters_the_register_by_open_statuses(
    app: BrowserApp, require_page: RequirePage
) -> None:
    require_page("recommendations")
    page = app.as_role(Role.PROGRAMME_MANAGER, require_page("overview").url_path)
    rerun_by(page, page.get_by_role("link", name=re.compile("Open recommendations")).click)
    expect(page).to_have_url(re.compile(r"recommendations_filter_statuses="))
    status = page.get_by_test_id("stMultiSelect").filter(has_text="Status")
    for word in ("open", "in progress", "evidence submitted"):
        expect(status).to_contain_text(word)
    expect_no_exception(page)
