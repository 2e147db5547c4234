"""The Coverage page on the demo programme at its anchor date (2 November 2026)."""

import json
from datetime import date

import pytest

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.coverage import queries
from dashboard.coverage.queries import open_recommendations
from dashboard.coverage.rules import CoverageStatus, coverage_as_of
from dashboard.exchange.demo import demo_anchor
from tests.apptest.conftest import page_path

TIMEOUT = 60


def _run(at):
    return at.run(timeout=TIMEOUT)


@pytest.fixture
def expected(demo_engine):
    """The coverage rows the page must show, computed from the demo database directly."""
    with db.session_scope(demo_engine) as session:
        groups, starts = queries.group_facts(session), queries.inspection_starts(session)
    return coverage_as_of(groups, starts, demo_anchor())


@pytest.fixture
def coverage(logged_in):
    at = logged_in("programme_manager")
    at.switch_page(page_path("coverage.py"))
    _run(at)
    at.date_input(key="coverage_as_of").set_value(demo_anchor())
    return _run(at)


def _table(at):
    return at.dataframe[0].value


def _codes(at) -> list[str]:
    return [cell.split(" · ")[0] for cell in _table(at)["Group"]]


def test_table_lists_every_active_group_worst_first(coverage, expected):
    at = coverage
    assert not at.exception
    assert _codes(at) == [row.group_code for row in expected]
    words = {"overdue": "overdue", "due_soon": "due soon", "in_date": "in date"}
    assert list(_table(at)["Status"]) == [words[row.status] for row in expected]
    overdue = [row.group_code for row in expected if row.status == CoverageStatus.OVERDUE]
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Overdue for inspection"] == str(len(overdue)) != "0"


@pytest.mark.parametrize(
    ("key", "value", "column", "check"),
    [
        ("coverage_status", ["overdue"], "Status", lambda cell: cell == "overdue"),
        ("coverage_provider", ["P03"], "Provider", lambda cell: cell.startswith("P03 ·")),
        ("coverage_service_type", ["outreach"], "Outreach", lambda cell: cell > 0),
        ("coverage_region", ["Wales"], "Regions", lambda cell: "Wales" in cell),
        ("coverage_inspector", ["Amira Shah"], "Inspector", lambda cell: cell == "Amira Shah"),
    ],
)
def test_each_filter_narrows_the_rows(coverage, expected, key, value, column, check):
    at = coverage
    at.multiselect(key=key).set_value(value)
    _run(at)
    table = _table(at)
    assert 0 < len(table) < len(expected)
    assert all(check(cell) for cell in table[column])


def test_filters_that_match_nothing_say_so(coverage):
    at = coverage
    at.multiselect(key="coverage_status").set_value(["overdue"])
    at.multiselect(key="coverage_provider").set_value(["P01"])  # P01 has nothing overdue
    _run(at)
    assert "No active group matches these filters." in [info.value for info in at.info]


def test_as_of_date_moves_the_statuses(coverage, demo_engine):
    at = coverage
    earlier = date(2026, 6, 1)
    at.date_input(key="coverage_as_of").set_value(earlier)
    _run(at)
    with db.session_scope(demo_engine) as session:
        rows = coverage_as_of(
            queries.group_facts(session), queries.inspection_starts(session), earlier
        )
    assert _codes(at) == [row.group_code for row in rows]
    metrics = {metric.label: metric.value for metric in at.metric}
    due_soon = sum(row.status == CoverageStatus.DUE_SOON for row in rows)
    assert metrics["Due within 60 days"] == str(due_soon)


def test_a_date_before_the_programme_shows_an_empty_state(coverage):
    at = coverage
    at.date_input(key="coverage_as_of").set_value(date(2018, 1, 1))
    _run(at)
    assert not at.exception
    assert "No active inspection groups" in at.info[0].value
    assert not at.dataframe


def test_quarter_lists_inspections_started_and_scheduled(coverage):
    table = coverage.dataframe[1].value
    # demo: 1 October to 31 December 2026, some started before 2 November, some to come
    assert set(table["State"]) == {"started", "scheduled"}
    assert all(date(2026, 10, 1) <= start <= date(2026, 12, 31) for start in table["Start"])
    assert "INS-2026-037" in set(table["Inspection"])


def test_programme_year_view_draws_the_heat_map(coverage):
    specs = [chart.proto.spec for chart in coverage.get("vega_lite_chart")]
    heat = next(spec for spec in specs if "Groups by month, 2026/27" in spec)
    for state in ("Inspected", "Scheduled", "Overdue"):
        assert f'"{state}"' in heat
    providers = coverage.dataframe[2].value
    assert list(providers.columns) == ["Provider", "Required", "Covered", "Coverage %"]
    assert len(providers) == 12


def test_drill_down_shows_one_group_in_depth(coverage, demo_engine):
    at = coverage
    at.selectbox(key="coverage_group").set_value("G07")
    _run(at)
    assert not at.exception
    assert at.info[0].value.startswith("Suggested next inspection: **focused**")
    services, history, recommendations = (frame.value for frame in at.dataframe[3:6])
    assert all(cell.startswith("S") for cell in services["Service"])
    assert list(history.columns[-5:]) == ["safe", "effective", "caring", "responsive", "well-led"]
    assert set(history["Inspection"]) >= {"INS-2021-001"}
    with db.session_scope(demo_engine) as session:
        open_refs = [rec.ref for rec in open_recommendations(session, "G07", viewer=STAFF_VIEWER)]
    assert list(recommendations["Ref"]) == open_refs != []


def test_partner_can_read_the_coverage_page(logged_in):
    at = logged_in("partner")
    at.switch_page(page_path("coverage.py"))
    _run(at)
    assert not at.exception
    assert at.title[0].value == "Coverage"


def test_overview_links_its_coverage_tiles_to_the_coverage_page(logged_in):
    at = _run(logged_in("partner"))
    links = at.get("page_link")
    assert links and links[0].proto.page.endswith("coverage")


def test_table_shows_due_and_booking_first_with_status_and_group_pinned(coverage):
    table = coverage.dataframe[0]
    assert list(table.proto.column_order[:5]) == [
        "Status",
        "Group",
        "Next due",
        "Scheduled",
        "Flag",
    ]
    config = json.loads(table.proto.columns)
    assert [name for name, column in config.items() if column.get("pinned")] == [
        "Status",
        "Group",
    ]


def test_flag_says_when_an_overdue_group_has_nothing_booked(coverage, expected):
    frame = _table(coverage)
    flags = dict(zip(_codes(coverage), frame["Flag"], strict=True))
    for row in (row for row in expected if row.group_code in flags):
        if row.status == CoverageStatus.OVERDUE and row.scheduled_on is None:
            assert flags[row.group_code].startswith("overdue · not scheduled")
        if row.scheduled_on is not None and row.scheduled_on > row.next_due_on:
            assert "booked " in flags[row.group_code] and " late" in flags[row.group_code]
    assert any(flag.startswith("overdue · not scheduled") for flag in flags.values())


def test_drill_down_lists_the_groups_open_concerns(coverage):
    at = coverage
    at.selectbox(key="coverage_group").set_value("G36")
    _run(at)
    assert not at.exception
    concerns = at.dataframe[-1].value
    assert list(concerns["ref"]) == ["CON-2026-008"]
    assert list(concerns["risk"]) == ["high"]
    at.selectbox(key="coverage_group").set_value("G07")
    _run(at)
    assert at.info[-1].value == "No open concerns about this group on this date that you may read."
