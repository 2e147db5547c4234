"""Every kind of write moves the data version on once, in its own transaction; reads, rolled-back
writes and migrations leave it alone; many writers at once neither wait forever nor fail.
On a SQLite file and on PostgreSQL."""

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.audit import audit_values, record_change, record_changes
from dashboard.exchange import import_programme
from dashboard.exchange.backup import backup, restore
from dashboard.recommendations.queries import refresh_falls_due_on
from models import AuditEntry, Provider, Recommendation
from tests.services.exchange_data import PROGRAMME, write_files
from tests.write_functions import build_world

WRITERS = 12


def _version(engine: Engine) -> int:
    with engine.connect() as connection:
        return db.read_data_version(connection)


def _audit(key: str) -> dict:
    return audit_values(
        actor="pm", action="update", entity="provider", entity_key=key, changes=None
    )


def _provider(session: Session) -> Provider:
    return session.exec(select(Provider).where(Provider.code == "PRV-V")).one()


def test_orm_insert_update_and_delete_each_move_the_version_on_once(engine: Engine) -> None:
    start = _version(engine)
    with db.session_scope(engine) as session:
        session.add(Provider(code="PRV-V", name="Refuge North"))
    assert _version(engine) == start + 1
    with db.session_scope(engine) as session:
        _provider(session).name = "Refuge North East"
    assert _version(engine) == start + 2
    with db.session_scope(engine) as session:
        session.delete(_provider(session))
    assert _version(engine) == start + 3


def test_reads_and_rolled_back_writes_leave_the_version_alone(engine: Engine) -> None:
    start = _version(engine)
    with db.session_scope(engine) as session:
        session.exec(select(Provider)).all()
    with pytest.raises(RuntimeError), db.session_scope(engine) as session:
        session.add(Provider(code="PRV-V", name="Refuge North"))
        session.flush()
        raise RuntimeError("the save went wrong after the insert")
    with engine.begin() as connection:
        connection.exec_driver_sql("SELECT count(*) FROM provider")
    assert _version(engine) == start


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda s: s.connection().execute(sa.update(Provider).values(name="Renamed")),
            id="core-update",
        ),
        pytest.param(
            lambda s: s.connection().exec_driver_sql("DELETE FROM mou_term"),
            id="plain-sql-delete",
        ),
        pytest.param(
            lambda s: record_changes(s, [_audit("P1"), _audit("P2")]), id="executemany-audit"
        ),
        pytest.param(lambda s: refresh_falls_due_on(s), id="refresh-falls-due-on"),
    ],
)
def test_writes_past_the_orm_move_the_version_on(engine: Engine, write) -> None:
    with db.session_scope(engine) as session:
        build_world(session)
    with engine.begin() as connection:  # out of step, for refresh_falls_due_on to put right
        connection.exec_driver_sql("UPDATE recommendation SET falls_due_on = '2020-01-01'")
    start = _version(engine)
    with db.session_scope(engine) as session:
        write(session)
    assert _version(engine) == start + 1


def test_an_import_moves_the_version_on_once(engine: Engine, tmp_path: Path) -> None:
    source = write_files(tmp_path / "programme", PROGRAMME)
    start = _version(engine)
    with db.session_scope(engine) as session:
        import_programme(session, source, actor="pm")
    assert _version(engine) == start + 1
    with Session(engine) as session:
        assert session.exec(select(Recommendation)).all()
        assert session.exec(select(AuditEntry)).all()


def test_a_logical_restore_moves_the_version_on_and_brings_none_back(
    engine: Engine, tmp_path: Path
) -> None:
    source = db.make_engine(f"sqlite:///{tmp_path}/source.db")
    db.upgrade(source)
    with Session(source) as session:
        build_world(session)
        session.commit()
    backup(source, tmp_path / "backup", logical=True)
    with db.session_scope(engine) as session:
        session.add(Provider(code="PRV-V", name="Refuge North"))
    before = _version(engine)

    restore(engine, tmp_path / "backup", force=True)

    assert _version(engine) == before + 1  # the counter is this database's, not backed up
    source.dispose()


def test_a_snapshot_restore_moves_the_version_past_the_one_before(tmp_path: Path) -> None:
    source, target = (db.make_engine(f"sqlite:///{tmp_path}/{n}.db") for n in ("s", "t"))
    for engine in (source, target):
        db.upgrade(engine)
    with Session(source) as session:
        build_world(session)
        session.commit()
    backup(source, tmp_path / "snapshot.db")
    with target.begin() as connection:  # the target counted far more writes than the snapshot
        connection.exec_driver_sql("UPDATE data_version SET version = version + 1000")
    before = _version(target)

    restore(target, tmp_path / "snapshot.db", force=True)

    assert _version(target) > before
    for engine in (source, target):
        engine.dispose()


def test_migrations_leave_the_version_alone(engine: Engine) -> None:
    start = _version(engine)
    db.upgrade(engine)
    assert _version(engine) == start


def test_many_writers_at_once_each_move_the_version_on(engine: Engine) -> None:
    start = _version(engine)
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        barrier.wait()
        try:
            with db.session_scope(engine) as session:
                session.add(Provider(code=f"PRV-{number}", name=f"Refuge {number}"))
                session.flush()
                record_change(
                    session, actor="pm", action="create", entity="provider", entity_key=f"{number}"
                )
        except BaseException as error:  # noqa: BLE001 (the test reports every one)
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert _version(engine) == start + WRITERS
