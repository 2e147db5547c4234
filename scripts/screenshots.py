"""Screenshots of the Overview, Coverage and Recommendations pages for the README.

Drives the same Chromium as the e2e tests over a fresh demo database (moved to today), logged
in as the demo programme manager, and writes docs/screenshots/<page>.png. A page not yet
registered in dashboard.ui.navigation.PAGES is skipped with a message. Run: `make screenshots`.
"""

import sys
import tempfile
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.e2e import harness  # noqa: E402

OUT_DIR = PROJECT_ROOT / "docs" / "screenshots"
SHOTS = ("overview", "coverage", "recommendations")  # URL paths; each gives <path>.png
ROLE = "programme_manager"
VIEWPORT = {"width": 1440, "height": 960}


def _go_to(page: Page, base_url: str, url_path: str) -> None:
    """Open a page through the sidebar menu (or by URL when there is no menu)."""
    spec = harness.registered(url_path)
    assert spec is not None
    link = harness.nav_link(page, spec)
    if link.count():
        harness.rerun_by(page, link.first.click)
    else:
        harness.open_path(page, base_url, url_path)
        harness.close_page_not_found(page)
    harness.expect_no_exception(page)
    harness.wait_for_drawings(page)


def take(base_url: str, page: Page) -> list[Path]:
    """Log in and photograph each page that exists; returns the files written."""
    harness.log_in(page, base_url, ROLE)
    written = []
    for url_path in SHOTS:
        if harness.registered(url_path) is None:
            print(f"skipped {url_path}.png: no /{url_path} page in dashboard.ui.navigation.PAGES")
            continue
        _go_to(page, base_url, url_path)
        page.mouse.move(0, 0)  # no hover effects in the picture
        path = OUT_DIR / f"{url_path}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), animations="disabled")
        written.append(path)
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return written


def main() -> int:
    """Seed, serve, photograph, stop; exit status 1 when the browser is missing."""
    missing = harness.chromium_missing()
    if missing:
        print(missing, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="oversight-shots-") as folder:
        database_url = f"sqlite:///{folder}/demo.db"
        harness.seed_demo_database(database_url)
        server = harness.start_app(database_url, Path(folder) / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(**harness.launch_options())
                context = harness.prepare(browser.new_context(viewport=VIEWPORT))
                take(server.url, context.new_page())
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
