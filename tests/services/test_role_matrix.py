"""Every write function as every role: refused with PermissionDenied and nothing written, or
done with an audit entry. The functions and who may call them are in tests/write_functions.py;
tests/unit/test_write_registry.py fails when a write function is missing from it."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from dashboard.core.db import make_engine, upgrade
from dashboard.core.permissions import PermissionDenied
from dashboard.exchange.backup import row_counts
from models import AuditEntry
from tests.write_functions import (
    ACTORS,
    WRITE_FUNCTIONS,
    Persona,
    WriteFunction,
    build_world,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One migrated database with the world; each test's changes are rolled back."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'world.db'}")
    upgrade(engine)
    with Session(engine) as session:
        build_world(session)
        session.commit()
    yield engine
    engine.dispose()


def _audit_entries(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AuditEntry)).one())


@pytest.mark.parametrize(
    ("row", "persona"),
    [(row, persona) for row in WRITE_FUNCTIONS for persona in Persona],
    ids=lambda value: value.name if isinstance(value, WriteFunction) else str(value),
)
def test_write_function_as_each_role(world: Engine, row: WriteFunction, persona: Persona) -> None:
    with Session(world) as session:
        if row.prepare:
            row.prepare(session)
        session.flush()
        entries, rows = _audit_entries(session), row_counts(session.connection())
        if persona in row.allowed:
            row.call(session, ACTORS[persona])
            session.flush()
            if row.audited:
                assert _audit_entries(session) > entries, f"{row.name} wrote no audit entry"
        else:
            with pytest.raises(PermissionDenied, match=r"\S"):
                row.call(session, ACTORS[persona])
            assert not (session.new or session.dirty or session.deleted)
            session.flush()
            assert row_counts(session.connection()) == rows
            assert _audit_entries(session) == entries
        session.rollback()
