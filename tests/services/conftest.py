"""A fresh database per test, migrated to the newest schema: SQLite and PostgreSQL."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.core.db import make_engine, upgrade
from tests.postgres import fresh_database, postgresql_server  # noqa: F401 (a fixture)
from tests.services.inspection_world import g1_world  # noqa: F401 (a fixture)


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database of this test's own: a SQLite file, or on PostgreSQL."""
    if request.param == "postgresql":
        with fresh_database(request.getfixturevalue("postgresql_server")) as engine:
            yield engine
        return
    engine = make_engine(f"sqlite:///{tmp_path}/t.db")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; the test commits when it means to."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
