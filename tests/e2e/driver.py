"""The app in the browser for one test: fresh pages, or a kept logged-in page per role.

A role logs in through the form once per run; later fresh pages reuse its login cookie (so
they also prove the cookie login and the return to a bookmarked URL). Read-only checks of
every page (loads cleanly, accessibility) share one page per role and move through the
sidebar menu, one script run per page instead of a full reload.
"""

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, BrowserContext, Page, StorageState, expect

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PageSpec, pages_for
from tests.e2e.harness import (
    VIEWPORT,
    close_page_not_found,
    log_in,
    nav_link,
    open_path,
    prepare,
    rerun_by,
    screenshot,
    wait_for_app,
)

# Every page each role may open: the read-only checks run over all of them.
ROLE_PAGES = [(role, spec) for role in Role for spec in pages_for(role)]


def pair_id(pair: tuple[Role, PageSpec]) -> str:
    """A readable test id: role-url_path."""
    return f"{pair[0].value}-{pair[1].url_path}"


def path_of(page: Page) -> str:
    """The app's URL path the page is at, without slashes ("" for the default page)."""
    return urlparse(page.url).path.strip("/")


def is_at(page: Page, role: str, spec: PageSpec) -> bool:
    """Whether the page shows `spec` (a role's landing page is also served at "/")."""
    return path_of(page) == spec.url_path or (path_of(page) == "" and pages_for(role)[0] == spec)


def expect_at(page: Page, role: str, spec: PageSpec) -> None:
    """Fail unless the page shows `spec`."""
    assert is_at(page, role, spec), f"at /{path_of(page)}, expected /{spec.url_path}"


class Contexts:
    """Browser contexts (each with its own cookies) and the login cookie of each role."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.logins: dict[str, StorageState] = {}
        self.open: list[BrowserContext] = []

    def new_page(self, storage_state: StorageState | None = None) -> Page:
        """A page in a new context of its own."""
        context = prepare(
            self.browser.new_context(
                viewport=VIEWPORT, accept_downloads=True, storage_state=storage_state
            )
        )
        self.open.append(context)
        return context.new_page()

    def logged_in(self, role: str, url_path: str = "") -> Page:
        """A new page logged in as the demo user of a role, at a URL path."""
        state = self.logins.get(role)
        page = self.new_page(storage_state=state)
        if state is None:
            log_in(page, self.base_url, role)
            self.logins[role] = page.context.storage_state()
            if not url_path:
                return page
        open_path(page, self.base_url, url_path)
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        wait_for_app(page)
        close_page_not_found(page)
        return page

    def close(self, page: Page) -> None:
        """Close the context of one page."""
        if page.context in self.open:
            self.open.remove(page.context)
            page.context.close()

    def close_all(self) -> None:
        """Close every context still open."""
        for context in self.open:
            context.close()
        self.open.clear()


class BrowserApp:
    """What a test drives: its own pages, plus the kept page of a role for read-only visits."""

    def __init__(self, contexts: Contexts, kept: dict[str, Page]) -> None:
        self.contexts = contexts
        self.base_url = contexts.base_url
        self._kept = kept
        self.pages: list[Page] = []
        self._used_kept: list[str] = []

    def anonymous(self, url_path: str = "") -> Page:
        """A visitor who has not logged in, at a URL path."""
        page = self.contexts.new_page()
        self.pages.append(page)
        open_path(page, self.base_url, url_path)
        return page

    def as_role(self, role: str, url_path: str = "") -> Page:
        """A fresh page logged in as the demo user of a role (default: its landing page)."""
        page = self.contexts.logged_in(role, url_path)
        self.pages.append(page)
        return page

    def visit(self, role: str, spec: PageSpec) -> Page:
        """The role's kept page moved to `spec` through the menu (only for read-only checks)."""
        page = self._kept.get(role)
        if page is None or page.is_closed():
            page = self._kept[role] = self.contexts.logged_in(role)
        self._used_kept.append(role)
        link = nav_link(page, spec)
        if is_at(page, role, spec):
            pass
        elif link.count():
            rerun_by(page, link.first.click)
        else:
            open_path(page, self.base_url, spec.url_path)
            close_page_not_found(page)
        expect_at(page, role, spec)
        return page

    def finish(self, failed: bool, artifacts: Path) -> list[Path]:
        """Close this test's pages; after a failure screenshot them and drop the kept ones."""
        saved = []
        if failed:
            for number, page in enumerate(self.pages + self._kept_pages(), start=1):
                if not page.is_closed():
                    saved.append(screenshot(page, artifacts / f"page-{number}.png"))
            for role in self._used_kept:
                kept = self._kept.pop(role, None)
                if kept is not None:
                    self.contexts.close(kept)
        for page in self.pages:
            self.contexts.close(page)
        return saved

    def _kept_pages(self) -> list[Page]:
        return [self._kept[role] for role in dict.fromkeys(self._used_kept) if role in self._kept]
