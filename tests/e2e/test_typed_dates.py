"""A date typed in the browser reaches the app as typed: an impossible one is refused naming
the field, not moved to a real date as the date picker did (2027-02-30 became 2027-02-28)."""

from playwright.sync_api import expect

from dashboard.core.vocabulary import Role
from tests.e2e.driver import BrowserApp
from tests.e2e.harness import expect_no_exception, rerun_by
from tests.e2e.test_journeys import RequirePage, _choose, _open_tab, _type_date


def test_a_typed_impossible_start_date_is_refused_naming_the_field(
    app: BrowserApp, require_page: RequirePage
) -> None:
    spec = require_page("inspections")
    page = app.as_role(Role.PROGRAMME_MANAGER, spec.url_path)
    _open_tab(page, "Plan an inspection")
    panel = page.get_by_role("tabpanel", name="Plan an inspection")
    _choose(page, panel, "Inspection group")
    _choose(page, panel, "Type", "assurance")
    _choose(page, panel, "Lead inspector")
    _type_date(page, panel, "Starts on", "2027-02-30")
    # not a date: no due dates are worked out from it
    expect(
        panel.get_by_text("Enter the start date to see the milestones fall due.")
    ).to_be_visible()
    rerun_by(page, page.get_by_role("button", name="Plan this inspection").click)
    expect(
        panel.get_by_text("Starts on: '2027-02-30' is not a real date (use YYYY-MM-DD)")
    ).to_be_visible()
    expect(panel.get_by_label("Starts on", exact=True)).to_have_value("2027-02-30")
    expect(page.get_by_text("Planned INS-")).to_have_count(0)
    expect_no_exception(page)
