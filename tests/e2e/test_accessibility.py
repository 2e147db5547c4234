"""axe-core scan of the login page and of every page for every role (WCAG 2.2 AA rules).

No serious or critical violation may come from our own content; Streamlit's own markup
that we cannot change is allowed only through `axe_allowlist.py`, entry by entry.
"""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PageSpec
from tests.e2e.axe_allowlist import is_allowed
from tests.e2e.driver import ROLE_PAGES, BrowserApp, pair_id
from tests.e2e.harness import wait_for_app

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
SETTLE_MS = 1000
AXE = Axe()


def findings(page: Page) -> list[str]:
    """Serious and critical WCAG A/AA violations not on the allow-list, one line each.

    A finding must hold on a settled page: one seen mid-render is scanned again once idle.
    """
    found = _scan(page)
    if found:
        wait_for_app(page)
        page.wait_for_timeout(SETTLE_MS)
        found = _scan(page)
    return found


def _scan(page: Page) -> list[str]:
    """One axe run: the failing findings not on the allow-list."""
    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    response: dict[str, Any] = AXE.run(page, options=options).response
    lines = []
    for violation in response["violations"]:
        if violation.get("impact") not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            if not is_allowed(violation["id"], target, node["html"]):
                lines.append(
                    f"{violation['id']} ({violation['impact']}) at {target}: "
                    f"{violation['help']} — {node['html'][:160]}"
                )
    return lines


def test_the_login_page_has_no_serious_accessibility_violation(app: BrowserApp) -> None:
    page = app.anonymous()
    assert findings(page) == []


@pytest.mark.parametrize("pair", ROLE_PAGES, ids=[pair_id(pair) for pair in ROLE_PAGES])
def test_every_page_has_no_serious_accessibility_violation(
    app: BrowserApp, pair: tuple[Role, PageSpec]
) -> None:
    role, spec = pair
    page = app.visit(role, spec)
    assert findings(page) == []
