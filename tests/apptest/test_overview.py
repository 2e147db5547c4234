"""The Overview page on the demo programme at its anchor date."""

from datetime import date

import pytest

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.exchange.demo import demo_anchor
from dashboard.overview.queries import overview_figures
from tests.apptest.conftest import page_path


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.fixture
def overview_at_anchor(logged_in):
    at = logged_in("programme_manager").run()
    at.date_input(key="overview_as_of").set_value(demo_anchor()).run()
    return at


def test_overview_tiles_show_the_programme_figures(overview_at_anchor, demo_engine):
    at = overview_at_anchor
    assert not at.exception
    with db.session_scope(demo_engine) as session:
        expected = overview_figures(session, demo_anchor(), viewer=STAFF_VIEWER)
    metrics = _metrics(at)
    assert metrics["Active inspection groups"] == str(expected.active_groups)
    assert 30 <= expected.active_groups <= 45
    assert metrics["Open recommendations"] == str(expected.open_recommendations)
    assert metrics["Open governance actions"] == str(expected.open_actions)
    assert metrics["Days left in MoU term"] == str(expected.mou_term.days_left)
    assert metrics["Open escalations"] == str(expected.open_escalations)
    assert metrics["Reports overdue"] == str(expected.reports_overdue)
    # the demo is built to show problems: something overdue in every register
    assert expected.overdue_recommendations > 0
    assert expected.inspections_with_overdue_milestones > 0
    assert expected.reports_overdue > 0


@pytest.mark.parametrize("role", ["programme_manager", "partner"])
def test_overview_and_inspections_show_the_same_reports_overdue(logged_in, role):
    overview = logged_in(role).run()
    overview.date_input(key="overview_as_of").set_value(demo_anchor()).run()
    inspections = logged_in(role)
    inspections.switch_page(page_path("inspections.py")).run()
    inspections.date_input(key="inspections_as_of").set_value(demo_anchor()).run()
    assert not overview.exception and not inspections.exception
    shown = _metrics(overview)["Reports overdue"]
    assert shown == _metrics(inspections)["Reports overdue"]
    assert int(shown) > 0


def test_overview_draws_its_charts(overview_at_anchor):
    charts = overview_at_anchor.get("vega_lite_chart")
    assert len(charts) == 2
    specs = [chart.proto.spec for chart in charts]
    assert '"Coverage by status"' in specs[0]
    assert '"Programme-year coverage"' in specs[1]


def test_overview_on_a_date_before_the_programme_shows_an_empty_state(logged_in):
    at = logged_in("partner").run()
    at.date_input(key="overview_as_of").set_value(date(2018, 1, 1)).run()
    assert not at.exception
    assert "No active inspection groups" in at.info[0].value
    assert not at.metric


def test_partner_can_open_the_overview(logged_in):
    at = logged_in("partner").run()
    assert not at.exception
    assert at.title[0].value == "Overview"


def test_unknown_role_gets_no_pages(logged_in):
    at = logged_in("visitor").run()
    assert "no role" in at.error[0].value
    assert not at.title and not at.metric


def test_overview_reads_a_private_copy_when_a_test_writes(logged_in, writable_demo):
    with writable_demo.begin() as connection:
        connection.exec_driver_sql("UPDATE service SET closed_on = opened_on")
    at = logged_in("programme_manager").run()
    assert not at.exception
    assert "No active inspection groups" in at.info[0].value
