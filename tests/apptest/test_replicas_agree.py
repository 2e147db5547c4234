"""A change made elsewhere (another replica, `dashboard import`) shows at the Overview's next
rerun: its cached figures are keyed by the data version the database holds, not by a lifetime,
and nothing is cleared by hand. (tests/services/test_replicas_agree.py: SQLite and PostgreSQL.)"""

from datetime import timedelta

from sqlalchemy import text

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.exchange.demo import demo_anchor
from dashboard.overview.queries import overview_figures
from dashboard.ui import versioned_cache


def _open_recommendations(at) -> str:
    return next(m.value for m in at.metric if m.label == "Open recommendations")


def test_the_overview_shows_a_change_made_elsewhere_at_its_next_rerun(logged_in, writable_demo):
    at = logged_in("programme_manager").run()
    at.date_input(key="overview_as_of").set_value(demo_anchor()).run()
    before = _open_recommendations(at)
    assert _open_recommendations(at.run()) == before

    elsewhere = db.make_engine(writable_demo.url.render_as_string(hide_password=False))
    with elsewhere.begin() as connection:  # e.g. a bulk import on another server
        connection.execute(
            text(
                "UPDATE recommendation SET status = 'closed', closed_on = :on WHERE status = 'open'"
            ),
            {"on": demo_anchor() - timedelta(days=1)},
        )
    elsewhere.dispose()
    with db.session_scope(writable_demo) as session:
        expected = overview_figures(session, demo_anchor(), viewer=STAFF_VIEWER)

    after = _open_recommendations(at.run())
    assert not at.exception
    assert after == str(expected.open_recommendations) != before


def test_each_run_reads_the_data_version_once(logged_in, monkeypatch):
    reads: list[str] = []
    read = versioned_cache._read_data_version

    def counted(url: str) -> int:
        reads.append(url)
        return read(url)

    monkeypatch.setattr(versioned_cache, "_read_data_version", counted)
    at = logged_in("programme_manager").run()
    assert not at.exception
    assert len(reads) == 1  # however many cached queries the page asks
    at.run()
    assert len(reads) == 2
