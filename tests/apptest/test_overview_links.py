"""Overview's links open their page filtered to what the tile counted (issue 20)."""

from datetime import date
from urllib.parse import parse_qs

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.overview.queries import overview_figures
from tests.apptest.conftest import page_path

TIMEOUT = 60


def _figures(engine):
    with db.session_scope(engine) as session:
        return overview_figures(session, date.today(), viewer=STAFF_VIEWER)


def _links(at) -> dict[str, dict[str, list[str]]]:
    return {link.proto.label: parse_qs(link.proto.query_string) for link in at.get("page_link")}


def test_overview_links_carry_the_tiles_filters(logged_in):
    links = _links(logged_in("programme_manager").run(timeout=TIMEOUT))
    assert links["Open recommendations"] == {
        "recommendations_filter_statuses": ["open", "in progress", "evidence submitted"]
    }
    assert links["Overdue governance actions"] == {
        "governance_tab": ["Action log"],
        "governance_filter_rag": ["red · overdue"],
    }


def _open_with(logged_in, script: str, params: dict[str, str | list[str]]):
    at = logged_in("programme_manager", name="Pat Manager")
    for name, value in params.items():
        at.query_params[name] = value
    at.switch_page(page_path(script)).run(timeout=TIMEOUT)
    assert not at.exception
    return at


def test_the_open_recommendations_link_lists_the_open_ones_only(logged_in, demo_engine):
    from dashboard.overview.view import OPEN_RECOMMENDATIONS

    at = _open_with(logged_in, "recommendations.py", OPEN_RECOMMENDATIONS)
    chosen = at.multiselect(key="recommendations_filter_statuses").value
    assert chosen == ["open", "in progress", "evidence submitted"]
    caption = next(c.value for c in at.caption if "recommendations. Age is" in c.value)
    shown = int(caption.split(" of ")[0].replace(",", ""))
    assert shown == _figures(demo_engine).open_recommendations


def test_the_overdue_actions_link_opens_the_log_on_the_overdue_ones(logged_in, demo_engine):
    from dashboard.overview.view import OVERDUE_ACTIONS

    at = _open_with(logged_in, "governance.py", OVERDUE_ACTIONS)
    assert at.session_state["governance_tab"] == "Action log"
    log = next(frame for frame in (f.value for f in at.dataframe) if "RAG" in frame.columns)
    assert set(log["RAG"]) == {"red · overdue"}
    assert len(log) == _figures(demo_engine).overdue_actions > 0


def test_the_action_log_opens_on_open_and_in_progress_actions(logged_in):
    at = logged_in("programme_manager", name="Pat Manager")
    at.switch_page(page_path("governance.py")).run(timeout=TIMEOUT)
    assert at.multiselect(key="governance_filter_status").value == ["open", "in progress"]
    log = next(frame for frame in (f.value for f in at.dataframe) if "RAG" in frame.columns)
    assert set(log["status"]) <= {"open", "in progress"}
