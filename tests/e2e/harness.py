"""Drive the app as users run it: a seeded `streamlit run` server and Debian's Chromium.

Shared by the e2e tests and `scripts/screenshots.py`. Waiting follows Streamlit's own e2e
tests: the health endpoint, then the app connected, its script not running and no stale
element left, never a fixed sleep alone.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.accounts.rules import DEMO_USERS, DemoUser
from dashboard.core.config import PROJECT_ROOT
from dashboard.ui.navigation import PAGES, PageSpec

CHROMIUM_ENV = "OVERSIGHT_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
ARTIFACTS_DIR = PROJECT_ROOT / "test-artifacts"
# A test-only key: never used by a real installation (which sets its own).
TEST_COOKIE_KEY = "e2e-test-only-cookie-key-0123456789abcdef"
LOGIN_COOKIE = "oversight_login"
VIEWPORT = {"width": 1366, "height": 900}
IDLE_TIMEOUT_MS = 60_000
# How long an action may take to start the script run it causes.
RUN_START_TIMEOUT_MS = 10_000
# More runs than this after one click (a login takes three or four) is a rerun loop.
MAX_RUNS_PER_ACTION = 12
# Counts the script runs a page has started, so a wait after an action cannot mistake the
# idle state before the run for the idle state after it.
RUN_COUNTER_JS = """
window.__stRuns = 0;
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.getAttribute('data-test-script-state') === 'running') window.__stRuns++;
  }
}).observe(document, {subtree: true, attributes: true,
                      attributeFilter: ['data-test-script-state']});
"""

APP_IDLE = (
    "[data-testid='stApp'][data-test-connection-state='CONNECTED']"
    "[data-test-script-state='notRunning']"
)
STALE = "[data-testid='stElementContainer'][data-stale='true']"
EXCEPTION = "[data-testid='stException']"
NAV_LINK = "[data-testid='stSidebarNav'] a"


def in_ci() -> bool:
    """Whether this run is CI's, where a missing browser or database is a failure."""
    return os.environ.get("CI", "").strip().lower() == "true"


def chromium_path() -> Path:
    """Debian's Chromium, or the one named by OVERSIGHT_CHROMIUM."""
    return Path(os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM)


def chromium_missing() -> str | None:
    """Why the browser cannot run here, in one line; None when it can."""
    path = chromium_path()
    if path.is_file() and os.access(path, os.X_OK):
        return None
    return f"no Chromium at {path} (apt-get install chromium, or set {CHROMIUM_ENV})"


def launch_options() -> dict[str, object]:
    """Playwright launch options for the system Chromium (never a downloaded browser)."""
    return {"executable_path": str(chromium_path()), "args": list(LAUNCH_ARGS)}


def demo_user(role: str) -> DemoUser:
    """The demo login of a role (README lists them; the demo database only)."""
    return next(user for user in DEMO_USERS if user.role == role)


def registered(url_path: str) -> PageSpec | None:
    """The page registered at a URL path, if any slice has registered it yet."""
    return next((page for page in PAGES if page.url_path == url_path), None)


def free_port() -> int:
    """A localhost TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def seed_demo_database(database_url: str) -> None:
    """`dashboard db upgrade` then `dashboard seed --demo --shift-to today` into the URL.

    Shifted to today because the server's pages default their as-of date to today's date,
    which a browser test cannot set; the demo then shows what `make run` shows.
    """
    today = date.today().isoformat()
    script = (  # both commands in one interpreter: the imports cost more than the work
        "import sys; from dashboard.cli import main; "
        f"sys.exit(main(['db', 'upgrade']) or main(['seed', '--demo', '--shift-to', '{today}']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"seeding the demo database failed:\n{done.stderr[-3000:]}")


@dataclass
class AppServer:
    """A `streamlit run dashboard/ui/app.py` process serving one database on localhost."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    _log: object = field(repr=False, default=None)

    def stop(self) -> None:
        """Terminate the server (kill it if it does not stop within 10 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        close = getattr(self._log, "close", None)
        if close:
            close()

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's output, for a failure message."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def start_app(database_url: str, log_path: Path, timeout: float = 90.0) -> AppServer:
    """Start the app on a free port with test settings and wait for `/_stcore/health`."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OVERSIGHT_COOKIE_KEY": TEST_COOKIE_KEY,
        # A whole run is longer than the 30-minute idle limit; each role's cookie is reused.
        "OVERSIGHT_SESSION_IDLE_MINUTES": "180",
    }
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard/ui/app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        # Others edit the tree while tests run: no reruns on their saves.
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server = AppServer(f"http://127.0.0.1:{port}", process, log_path, log)
    try:
        _wait_for_health(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def _wait_for_health(server: AppServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as reply:
                if reply.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no health from {server.url} in {timeout:.0f} s:\n{server.log_tail()}")


def prepare(context: BrowserContext) -> BrowserContext:
    """Make every page of a browser context count its script runs (see `rerun_by`)."""
    context.add_init_script(RUN_COUNTER_JS)
    context.set_default_timeout(IDLE_TIMEOUT_MS)
    return context


def rerun_by(page: Page, action: Callable[[], object]) -> None:
    """Do something that reruns the script (a click, a submit) and wait for that run to end."""
    started = page.evaluate("window.__stRuns || 0")
    action()
    # A run too quick to be seen times out here; the idle checks below still hold.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(f"(window.__stRuns || 0) > {started}", timeout=RUN_START_TIMEOUT_MS)
    # Settled, or rerunning without end (then fail now, not after the idle timeout).
    page.wait_for_function(
        f"document.querySelector({APP_IDLE!r}) !== null"
        f" || (window.__stRuns || 0) > {started + MAX_RUNS_PER_ACTION}",
        timeout=IDLE_TIMEOUT_MS,
    )
    runs = page.evaluate("window.__stRuns || 0") - started
    if runs > MAX_RUNS_PER_ACTION and not page.locator(APP_IDLE).count():
        raise AssertionError(
            f"the app reran {runs} times after one action on {page.url} "
            "without settling: a rerun loop"
        )
    wait_for_app(page)


def wait_for_app(page: Page) -> None:
    """Wait until the app is connected, its script has finished and nothing is stale."""
    page.locator(APP_IDLE).wait_for(state="attached", timeout=IDLE_TIMEOUT_MS)
    expect(page.locator(STALE)).to_have_count(0, timeout=IDLE_TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=IDLE_TIMEOUT_MS)


def open_path(page: Page, base_url: str, url_path: str = "") -> None:
    """Load a URL of the app in the page and wait for it to settle."""
    page.goto(f"{base_url}/{url_path}")
    wait_for_app(page)


def submit_login(page: Page, username: str, password: str) -> None:
    """Fill the login form and press "Log in"; waits for the run it causes."""
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    rerun_by(page, page.get_by_role("button", name="Log in", exact=True).click)


def log_in(page: Page, base_url: str, role: str) -> None:
    """Log in through the form as the demo user of a role and wait for the landing page."""
    user = demo_user(role)
    open_path(page, base_url)
    submit_login(page, user.username, user.password)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def log_out(page: Page) -> None:
    """Press "Log out" in the sidebar and wait for the login form."""
    rerun_by(page, page.get_by_role("button", name="Log out").click)
    expect(page.get_by_label("Username", exact=True)).to_be_visible()


def close_page_not_found(page: Page) -> bool:
    """Close Streamlit's "Page not found" dialog if a URL load raised it; whether it had."""
    dialog = page.get_by_role("dialog", name="Page not found")
    if not dialog.count():
        return False
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_have_count(0)
    return True


def nav_link(page: Page, spec: PageSpec) -> Locator:
    """The sidebar menu entry of a page."""
    return page.locator(NAV_LINK).filter(has=page.get_by_text(spec.title, exact=True))


def nav_titles(page: Page) -> list[str]:
    """The page titles the sidebar menu offers (Streamlit hides a menu of one page)."""
    return [_label(text) for text in page.locator(NAV_LINK).all_inner_texts()]


def _label(text: str) -> str:
    """A menu entry's title without its Material icon's ligature line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def expect_no_exception(page: Page) -> None:
    """Fail with the exception's text if the page shows a Streamlit exception element."""
    shown = page.locator(EXCEPTION)
    if shown.count():
        raise AssertionError(f"Streamlit exception on {page.url}: {shown.first.inner_text()}")


def keyed_elements(page: Page, prefix: str) -> int:
    """How many widgets with a key starting with `prefix` are on screen (pages key theirs)."""
    return page.locator(f"[class*='st-key-{prefix}']").count()


def screenshot(page: Page, path: Path) -> Path:
    """A full-page PNG of what the page shows now."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def wait_for_drawings(page: Page) -> None:
    """Wait until every chart and table on the page has drawn (they draw after the run)."""
    for container in ("stVegaLiteChart", "stDataFrame"):
        for element in page.get_by_test_id(container).all():
            if element.is_visible():  # those in a hidden tab draw only when it opens
                expect(element.locator("canvas, svg").first).to_be_attached(timeout=IDLE_TIMEOUT_MS)
