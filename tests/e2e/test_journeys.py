"""What users came for, end to end in the browser: plan, follow up, take the pack away.

Each journey runs when its page is registered in `dashboard.ui.navigation.PAGES` and is skipped
naming the page otherwise. They write to the run's demo database, so each works on rows no
other test reads.
"""

import re
from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from dashboard.core.vocabulary import Role
from dashboard.ui.navigation import PageSpec
from tests.e2e.driver import BrowserApp
from tests.e2e.harness import expect_no_exception, rerun_by

RequirePage = Callable[[str], PageSpec]


def _choose(page: Page, scope: Locator, label: str, option: str | None = None) -> None:
    """Pick an option of a select box by its label (the first when none is named)."""
    _open_options(scope, label)
    choice = (
        page.get_by_role("option", name=option, exact=True)
        if option
        else page.get_by_role("option")
    ).first
    rerun_by(page, choice.click)


def _open_options(scope: Locator, label: str) -> None:
    """Open a select box's list; scrolled to first, as a user would, because the scroll a click
    makes itself closes the list it has just opened."""
    box = scope.get_by_label(label, exact=True)
    options = scope.page.get_by_role("option").first
    for _ in range(3):  # a rerun still settling on a loaded machine may close the list again
        box.scroll_into_view_if_needed()
        box.click()
        try:
            expect(options).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            scope.page.keyboard.press("Escape")
    expect(options).to_be_visible()


def _selected(scope: Locator, label: str) -> str:
    """The option a select box shows now."""
    box = scope.get_by_test_id("stSelectbox").filter(has_text=label).first
    return box.inner_text().removeprefix(label).strip()


def _type_date(page: Page, scope: Locator, label: str, day: date | str) -> None:
    """Type a date as YYYY-MM-DD into a field where people type dates (a text input, so that an
    impossible date reaches the app to be refused), then press Enter to commit it."""
    field = scope.get_by_label(label, exact=True)
    field.fill(day if isinstance(day, str) else day.isoformat())
    rerun_by(page, lambda: field.press("Enter"))


def _open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute(
        "aria-selected", "true"
    )


def test_a_manager_plans_an_inspection_and_sees_its_due_dates(
    app: BrowserApp, require_page: RequirePage
) -> None:
    spec = require_page("inspections")
    page = app.as_role(Role.PROGRAMME_MANAGER, spec.url_path)
    _open_tab(page, "Plan an inspection")
    panel = page.get_by_role("tabpanel", name="Plan an inspection")
    hint = panel.get_by_text("Enter the start date to see the milestones fall due.")
    expect(hint).to_be_visible()
    _choose(page, panel, "Inspection group")
    _choose(page, panel, "Type", "comprehensive")
    for label in ("Mode", "Trigger", "Lead inspector"):
        _choose(page, panel, label)
    _type_date(page, panel, "Starts on", date.today() + timedelta(days=70))
    expect(hint).to_have_count(0)  # the due dates are shown in its place, as typed
    expect(panel.get_by_test_id("stDataFrame")).to_have_count(1)
    rerun_by(page, page.get_by_role("button", name="Plan this inspection").click)
    expect(page.get_by_text(re.compile(r"^Planned INS-"))).to_be_visible()
    expect_no_exception(page)


def _follow_ups_due(page: Page) -> int:
    text = page.get_by_text(re.compile(r"follow-ups due by")).first.inner_text()
    return int(text.split()[0])


def test_an_inspector_records_a_follow_up_and_it_leaves_my_follow_ups(
    app: BrowserApp, require_page: RequirePage
) -> None:
    spec = require_page("my-follow-ups")
    page = app.as_role(Role.INSPECTOR, spec.url_path)
    before = _follow_ups_due(page)
    main = page.get_by_test_id("stMain")
    ref = _selected(main, "Record a follow-up for").split(" · ")[0]
    _choose(page, main, "New status", "closed")
    page.get_by_label("Note", exact=True).fill("Evidence checked on site; closed (e2e test).")
    rerun_by(page, page.get_by_role("button", name="Record follow-up").click)
    expect(page.get_by_text(f"Follow-up recorded on {ref}")).to_be_visible()
    assert _follow_ups_due(page) == before - 1
    _open_options(main, "Record a follow-up for")
    expect(page.get_by_role("option").first).to_be_visible()  # the list opens after the click
    options = page.get_by_role("option").all_inner_texts()
    assert options and not any(option.startswith(f"{ref} ") for option in options)
    expect_no_exception(page)


def test_the_governance_pack_downloads_as_a_real_pdf(
    app: BrowserApp, require_page: RequirePage
) -> None:
    spec = require_page("governance")
    page = app.as_role(Role.PROGRAMME_MANAGER, spec.url_path)
    _open_tab(page, "Governance pack")
    rerun_by(page, page.get_by_role("button", name="Build pack").click)
    button = page.get_by_role("button", name="Download pack.pdf")
    expect(button).to_be_visible()
    with page.expect_download() as download:
        button.click()
    path = download.value.path()
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = "\n".join(sheet.extract_text() for sheet in PdfReader(BytesIO(data)).pages)
    assert "OFFICIAL-SENSITIVE" in text
    assert download.value.suggested_filename.endswith(".pdf")


def test_a_partner_opens_the_themes_in_a_meeting(
    app: BrowserApp, require_page: RequirePage
) -> None:
    spec = require_page("recommendations")
    page = app.as_role(Role.PARTNER, spec.url_path)
    expect(page.get_by_text("Good-practice log")).to_have_count(0)  # drawn only once opened
    rerun_by(page, page.get_by_role("tab", name="Themes", exact=True).click)
    panel = page.get_by_role("tabpanel", name="Themes")
    expect(panel.get_by_text("Good-practice log")).to_be_visible()
    expect(panel.get_by_label("Programme years", exact=True)).to_be_visible()
    expect_no_exception(page)
