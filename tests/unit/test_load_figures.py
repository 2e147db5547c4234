"""The load test's figures (issue 19): median, nearest-rank p95, max, the p95 ratio, tracebacks."""

from datetime import date

import pytest

from benchmarks.load import LoadResult, VisitFigures, count_tracebacks, p95, p95_ratio
from benchmarks.report import render
from benchmarks.run import ScaleResult

CROWD = [0.5 * step for step in range(20, 0, -1)]  # 10.0, 9.5, ... 0.5: twenty visits
ALONE = [3.0, 1.0, 5.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        ([3.0], 3.0),
        ([2.0, 1.0], 2.0),  # rank ceil(1.9) = 2
        (list(range(1, 20)), 19),  # 19 visits: rank ceil(18.05) = 19, the slowest
        (list(range(1, 21)), 19),  # 20 visits: rank 19 exactly, not 20
        (list(range(1, 22)), 20),  # 21 visits: rank ceil(19.95) = 20
        (list(range(100, 0, -1)), 95),  # 100 visits in any order: the 95th
    ],
)
def test_p95_is_the_nearest_rank(seconds: list[float], expected: float) -> None:
    assert p95(seconds) == expected


def test_crowd_and_alone_figures_and_their_ratio() -> None:
    crowd = VisitFigures.of(CROWD)
    alone = VisitFigures.of(ALONE)

    assert crowd == VisitFigures(count=20, median_s=5.25, p95_s=9.5, max_s=10.0)
    assert alone == VisitFigures(count=5, median_s=3.0, p95_s=5.0, max_s=5.0)
    assert p95_ratio(crowd, alone) == pytest.approx(1.9)


def test_no_visits_give_no_figures_and_no_ratio() -> None:
    assert VisitFigures.of([]) is None
    assert p95_ratio(VisitFigures.of(CROWD), None) is None
    assert LoadResult("SQLite", 20, 10, alone_s=[], crowd_s=CROWD).ratio is None


SERVER_LOG = """\
2026-12-03 10:00:01.000 Uncaught app execution
Traceback (most recent call last):
  File "/srv/.venv/lib/python3.11/site-packages/streamlit/runtime/scriptrunner/exec_code.py", line 1
    exec(code, module.__dict__)
  File "/srv/app/dashboard/accounts/service.py", line 200, in record_login
    session.commit()
sqlalchemy.orm.exc.StaleDataError: UPDATE statement on table 'app_user' expected to update 1 row
Task exception was never retrieved
Traceback (most recent call last):
  File "/srv/.venv/lib/python3.11/site-packages/tornado/websocket.py", line 1090, in wrapper
    raise WebSocketClosedError()
tornado.websocket.WebSocketClosedError
Traceback (most recent call last):
  File "/srv/.venv/lib/python3.11/site-packages/tornado/iostream.py", line 1, in write
    raise StreamClosedError(real_error=self.error)
tornado.iostream.StreamClosedError: Stream is closed (dashboard/ named in the message only)
"""


def test_tracebacks_are_counted_and_the_apps_own_told_apart() -> None:
    assert count_tracebacks(SERVER_LOG) == (3, 1)
    assert count_tracebacks("") == (0, 0)


def test_results_get_a_many_people_row_per_scale_and_database() -> None:
    result = ScaleResult(1, rows=7_000, import_s=1.0)
    result.load = [
        LoadResult("SQLite", 20, 10, alone_s=ALONE, crowd_s=CROWD, tracebacks=4),
        LoadResult("PostgreSQL", 20, 10, ALONE, CROWD, ["#3 (load-shared): lost"], 1, 1),
    ]

    text = render([result], machine="test machine", on=date(2026, 12, 3))

    assert "## Many people at once" in text
    assert (
        "| 1× | SQLite | 20 (10) | 0 | 3.00 / 5.00 / 5.00 | 5.25 / 9.50 / 10.00 | 1.9 | 4 (0) "
        "| met |" in text
    )
    assert "| 1× | PostgreSQL | 20 (10) | 1 | " in text
    assert text.count("| missed |") == 1
    assert "- 1× PostgreSQL: #3 (load-shared): lost" in text


def test_results_without_a_load_run_have_no_such_section() -> None:
    text = render([ScaleResult(1, 7_000, 1.0)], machine="test machine", on=date(2026, 12, 3))

    assert "Many people at once" not in text
