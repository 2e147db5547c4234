"""Every role sees exactly its pages, each of them loads cleanly, and no other page opens.

Parametrized over `dashboard.ui.navigation.PAGES`, so a newly registered page is covered here
without editing this file.
"""

import pytest
from playwright.sync_api import expect

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PAGES, PageSpec, pages_for
from tests.e2e.driver import ROLE_PAGES, BrowserApp, expect_at, pair_id
from tests.e2e.harness import expect_no_exception, keyed_elements, nav_titles

REFUSED_PAGES = [(role, spec) for role in Role for spec in PAGES if role not in spec.roles]
NOT_AVAILABLE = "That page is not available to your role."


def _key_prefix(spec: PageSpec) -> str:
    """Pages prefix their widget keys with the page name (CONTRIBUTING.md)."""
    return spec.script.removesuffix(".py") + "_"


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_is_offered_exactly_its_pages(app: BrowserApp, role: Role) -> None:
    expected = [spec.title for spec in pages_for(role)]
    page = app.as_role(role)
    # Streamlit shows no menu for a single page; then that page is all there is.
    assert nav_titles(page) == (expected if len(expected) > 1 else [])
    expect(page.get_by_role("heading", name=expected[0], exact=True)).to_be_visible()


@pytest.mark.parametrize("pair", ROLE_PAGES, ids=[pair_id(pair) for pair in ROLE_PAGES])
def test_every_page_loads_for_every_role_without_an_exception(
    app: BrowserApp, pair: tuple[Role, PageSpec]
) -> None:
    role, spec = pair
    page = app.visit(role, spec)
    expect_no_exception(page)
    expect(page.get_by_text(NOT_AVAILABLE)).to_have_count(0)
    assert page.get_by_test_id("stMain").inner_text().strip(), "the page shows nothing"


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_a_bookmarked_page_opens_after_the_cookie_login(app: BrowserApp, role: Role) -> None:
    spec = pages_for(role)[-1]
    page = app.as_role(role, spec.url_path)
    expect_at(page, role, spec)
    expect_no_exception(page)
    expect(page.get_by_text(NOT_AVAILABLE)).to_have_count(0)


@pytest.mark.parametrize("pair", REFUSED_PAGES, ids=[pair_id(pair) for pair in REFUSED_PAGES])
def test_a_direct_url_to_a_page_not_registered_for_the_role_shows_none_of_it(
    app: BrowserApp, pair: tuple[Role, PageSpec]
) -> None:
    role, spec = pair
    landing = pages_for(role)[0]
    page = app.as_role(role, spec.url_path)
    # No assertion on the "not available" warning: a rerun Streamlit starts for the
    # unknown URL can replace the run that showed it.
    expect(page.get_by_role("heading", name=spec.title, exact=True)).to_have_count(0)
    expect(page.get_by_role("heading", name=landing.title, exact=True)).to_be_visible()
    assert keyed_elements(page, _key_prefix(spec)) == 0
    expect_no_exception(page)
