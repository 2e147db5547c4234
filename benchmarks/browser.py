"""Browser timings in headless Chromium: cold start to Overview, a filter change, server RSS."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dashboard.core.config import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
IDLE = (
    "[data-testid='stApp'][data-test-script-state='notRunning']"
    "[data-test-connection-state='CONNECTED']"
)
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class BrowserTiming:
    """Cold start to a rendered Overview, one filter change redrawn, and the server's peak RSS.

    The cold start in parts, each from launching the server: answering its health check, the
    login form drawn, and the Overview drawn after logging in (`cold_start_s`, the budget's).
    """

    server_ready_s: float
    login_form_s: float
    cold_start_s: float
    filter_redraw_s: float
    server_peak_rss_mb: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthy(port: int) -> bool:
    """Whether the app on a localhost port answers its health check."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
            return r.read() == b"ok"
    except OSError:
        return False


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def compile_app() -> None:
    """Write the app's bytecode first, as `make run` and any installed deployment have it."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "dashboard", "pages", "models"],
        cwd=PROJECT_ROOT,
        check=True,
    )


def serve(database_url: str, port: int, log: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """`streamlit run` the app on a localhost port; its stderr to `log` (else discarded)."""
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.Popen(
        [
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
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log if log is not None else subprocess.DEVNULL,
    )


def _wait_idle(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=120_000)
    page.wait_for_selector("[data-stale='true']", state="detached", timeout=120_000)


def time_browser(database_url: str) -> BrowserTiming | None:
    """Start the app, log in, open the Overview, change its as-of date; None without Chromium."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    port = free_port()
    compile_app()
    with sync_playwright() as playwright:
        # The browser is open before the server starts, as a user's is: cold start is the app's.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page()
        started = time.perf_counter()
        server = serve(database_url, port)
        try:
            while not healthy(port):
                time.sleep(0.05)
            ready = time.perf_counter() - started
            page.goto(f"http://127.0.0.1:{port}/")
            _wait_idle(page)
            form = time.perf_counter() - started
            cold = _log_in_and_open_overview(page, started)
            redraw = _change_as_of(page)
            return BrowserTiming(ready, form, cold, redraw, _peak_rss_mb(server.pid))
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=30)


def _log_in_and_open_overview(page, started: float) -> float:  # type: ignore[no-untyped-def]
    page.get_by_label("Username", exact=True).fill("bench")
    page.get_by_label("Password", exact=True).fill("benchmark-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("Active inspection groups").first.wait_for(timeout=120_000)
    _wait_idle(page)
    return time.perf_counter() - started


def _change_as_of(page) -> float:  # type: ignore[no-untyped-def]
    month = page.get_by_role("spinbutton", name="month, As of")
    month.click()
    month.press("ArrowDown")
    started = time.perf_counter()
    month.press("Enter")
    _wait_idle(page)
    return time.perf_counter() - started
