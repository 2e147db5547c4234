"""Real-browser fixtures: one seeded app server per run, Debian's Chromium, PNGs on failure.

Outside CI a machine without Chromium skips these tests with one line; under CI=true a
missing browser fails them (`.ci/run` installs it).
"""

import re
from collections.abc import Callable, Generator, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import harness
from tests.e2e.driver import BrowserApp, Contexts
from tests.e2e.harness import AppServer

FAILED = pytest.StashKey[bool]()
# A rerun on this 2-core machine can take seconds while other suites run beside it.
expect.set_options(timeout=harness.IDLE_TIMEOUT_MS)


@pytest.fixture(scope="session")
def chromium_ready() -> None:
    """Skip (or, in CI, fail) when the system Chromium is not installed."""
    reason = harness.chromium_missing()
    if reason is None:
        return
    if harness.in_ci():
        pytest.fail(f"{reason}: CI installs it in .ci/run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], chromium_ready: None
) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium with the flags this machine needs."""
    return {**browser_type_launch_args, **harness.launch_options()}


@pytest.fixture(scope="session")
def app_server(
    chromium_ready: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """`streamlit run` over a fresh demo database (shifted to today) for the whole run."""
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'demo.db'}"
    harness.seed_demo_database(database_url)
    server = harness.start_app(database_url, harness.ARTIFACTS_DIR / "e2e" / "streamlit.log")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_contexts(browser: Browser, app_server: AppServer) -> Iterator[Contexts]:
    """Browser contexts on the test server, and each role's login cookie once it has one."""
    contexts = Contexts(browser, app_server.url)
    yield contexts
    contexts.close_all()


@pytest.fixture(scope="session")
def kept_pages() -> dict[str, Page]:
    """One logged-in page per role, shared by the read-only visits of every page."""
    return {}


@pytest.fixture
def app(
    browser_contexts: Contexts, kept_pages: dict[str, Page], request: pytest.FixtureRequest
) -> Iterator[BrowserApp]:
    """The app for this test; screenshots of its pages under test-artifacts/ if it fails."""
    driver = BrowserApp(browser_contexts, kept_pages)
    yield driver
    failed = request.node.stash.get(FAILED, False)
    driver.finish(failed, harness.ARTIFACTS_DIR / "e2e" / _slug(request.node.nodeid))


@pytest.fixture
def require_page() -> Callable[[str], harness.PageSpec]:
    """The registered page at a URL path, or a skip naming the page still missing."""

    def spec(url_path: str) -> harness.PageSpec:
        page = harness.registered(url_path)
        if page is None:
            pytest.skip(f"the /{url_path} page is not registered in dashboard.ui.navigation.PAGES")
        return page

    return spec


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember a failure so the `app` fixture saves screenshots before closing the pages."""
    report = yield
    if report.failed:
        item.stash[FAILED] = True
    return report


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:150]
