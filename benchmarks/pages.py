"""Server-side page timings with AppTest: full reruns, SQL statements, and each page's floor."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event
from streamlit.testing.v1 import AppTest

from benchmarks.floors import DEFAULT_FLOOR_SQL, FLOOR_SQL
from dashboard.accounts.rules import SessionUser
from dashboard.accounts.service import open_session
from dashboard.core import db
from dashboard.core.config import PAGES_DIR, PROJECT_ROOT
from dashboard.ui import login
from dashboard.ui.navigation import PageSpec

APP = str(PROJECT_ROOT / "dashboard" / "ui" / "app.py")
TIMEOUT = 600


@dataclass(frozen=True)
class PageTiming:
    """One page at one scale: first run, median rerun, SQL statements, and its floor."""

    url_path: str
    first_run_s: float
    rerun_s: float
    statements_first: int
    statements_rerun: int
    floor_s: float
    error: str | None = None

    @property
    def ratio(self) -> float:
        return self.rerun_s / self.floor_s if self.floor_s else float("nan")


class StatementCounter:
    """Counts SQL statements sent by every engine in the process."""

    def __init__(self) -> None:
        self.count = 0
        event.listen(Engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1

    def measure(self, action: Callable[[], Any]) -> tuple[float, int]:
        """Seconds and statements taken by one call."""
        before, started = self.count, time.perf_counter()
        action()
        return time.perf_counter() - started, self.count - before


def _logged_in_app(database_url: str) -> AppTest:
    """The app with a live login session for the bench admin, as a successful login leaves it."""
    with db.session_scope(db.get_engine(database_url)) as session:
        token = open_session(session, SessionUser("bench", "Amira Shah", "admin"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[login.TOKEN] = token
    at.session_state[login.COOKIE_READ] = True
    return at


def _floor_script(database_url: str, sql: str) -> None:
    import pandas as pd
    import streamlit as st
    from sqlalchemy import create_engine, text

    @st.cache_resource
    def engine(url):  # type: ignore[no-untyped-def]  (AppTest runs this source on its own)
        return create_engine(url)

    with engine(database_url).connect() as connection:
        frame = pd.DataFrame(connection.execute(text(sql)).fetchall())
    st.dataframe(frame)


def floor_time(database_url: str, url_path: str, runs: int) -> float:
    """Median seconds for the page's rows by one query plus a bare dataframe."""
    at = AppTest.from_function(
        _floor_script,
        args=(database_url, FLOOR_SQL.get(url_path, DEFAULT_FLOOR_SQL)),
        default_timeout=TIMEOUT,
    )
    at.run()
    return statistics.median(_timed(at.run) for _ in range(runs))


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def time_page(
    spec: PageSpec, database_url: str, counter: StatementCounter, runs: int
) -> PageTiming:
    """First load and median full rerun of one page, logged in as an admin."""
    at = _logged_in_app(database_url)
    at.run()
    at.switch_page(str(PAGES_DIR / spec.script))
    first_s, first_n = counter.measure(at.run)
    error = "; ".join(str(e.value)[:80] for e in at.exception) or None
    reruns = [counter.measure(at.run) for _ in range(runs)]
    return PageTiming(
        url_path=spec.url_path,
        first_run_s=first_s,
        rerun_s=statistics.median(seconds for seconds, _ in reruns),
        statements_first=first_n,
        statements_rerun=max(count for _, count in reruns),
        floor_s=floor_time(database_url, spec.url_path, runs),
        error=error,
    )
