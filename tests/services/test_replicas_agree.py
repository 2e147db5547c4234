"""Two replicas on one database both see a change made elsewhere at their next read of a cached
query, with nothing cleared by hand: the caches are keyed by the data version the database holds.
On a SQLite file and on PostgreSQL.

A replica here is a database URL of its own spelling for the same database: its own engine and
connection pool (`dashboard.ui.connection.engine`) and its own entries in Streamlit's caches,
as a second server process would have.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.ui import cached
from dashboard.ui.connection import engine as replica_engine
from models import Inspection, MouTerm
from tests import factories as make
from tests.write_functions import build_world

AS_OF = date(2026, 1, 5)


def _replicas(engine: Engine) -> tuple[str, str]:
    """Two URLs of the same database, as two servers behind one proxy would each have."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        folder, name = str(url.database).rsplit("/", 1)
        return f"sqlite:///{folder}/{name}", f"sqlite:///{folder}/./{name}"
    return tuple(  # type: ignore[return-value]
        url.update_query_dict({"application_name": name}).render_as_string(hide_password=False)
        for name in ("replica-a", "replica-b")
    )


@pytest.fixture
def replicas(engine: Engine) -> tuple[str, str]:
    with db.session_scope(engine) as session:
        build_world(session)
    return _replicas(engine)


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """Count the calls the cached function makes of `cached.<name>` (its query)."""
    calls: list[Any] = []
    query: Callable[..., Any] = getattr(cached, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return query(*args, **kwargs)

    monkeypatch.setattr(cached, name, counted)
    return calls


def _add_open_recommendation(engine: Engine, ref: str) -> None:
    with db.session_scope(engine) as session:
        inspection = session.exec(select(Inspection).where(Inspection.ref == "I1")).one()
        make.recommendation(session, ref, inspection, date(2026, 6, 1))


def test_both_replicas_see_a_new_open_recommendation_made_elsewhere(
    engine: Engine, replicas: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = _counting(monkeypatch, "overview_figures")

    def open_recommendations() -> list[int]:
        return [cached.overview(url, AS_OF, STAFF_VIEWER).open_recommendations for url in replicas]

    before = open_recommendations()
    assert open_recommendations() == before  # read again: from the cache, no query
    assert len(queries) == 2

    _add_open_recommendation(engine, "R3")  # elsewhere: `dashboard import`, another process

    assert open_recommendations() == [before[0] + 1, before[1] + 1]
    assert len(queries) == 4


def test_a_write_through_one_replica_is_seen_by_the_other(
    replicas: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = replicas

    def registers() -> list[set[str]]:
        return [
            {fact.ref for fact in cached.recommendation_register(url, STAFF_VIEWER)}
            for url in replicas
        ]

    def term_refs() -> list[list[str]]:
        return [[term.ref for term in cached.governance_terms(url)] for url in replicas]

    assert registers() == [{"R1", "R2"}] * 2
    assert term_refs() == [["T1"]] * 2

    _add_open_recommendation(replica_engine(first), "R3")
    assert registers() == [{"R1", "R2", "R3"}] * 2

    with Session(replica_engine(second)) as session:  # a write outside session_scope too
        session.add(MouTerm(ref="T2", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)))
        session.commit()
    assert term_refs() == [["T1", "T2"]] * 2
