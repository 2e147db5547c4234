"""A fresh SQLite database per test, migrated to the newest schema."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.db import make_engine, upgrade


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database in this test's own folder."""
    engine = make_engine(f"sqlite:///{tmp_path}/t.db")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; the test commits when it means to."""
    with Session(engine, expire_on_commit=False) as session:
        yield session
