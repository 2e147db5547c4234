"""A logical backup restores every table exactly: ids, versions, forward references within a
table, file contents, users and audit trail; on PostgreSQL too, whose id sequences move on."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.audit import record_change
from dashboard.exchange.backup import _dump_tables, backup, restore
from models import EvidenceFile, FollowUp, Recommendation
from models.base import utc_now
from tests.write_functions import build_world

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _small_programme(engine: Engine) -> None:
    """The matrix world, R1 superseded by the later R2, and a follow-up with a file."""
    db.upgrade(engine)
    with Session(engine) as session:
        build_world(session)
        r1, r2 = session.exec(select(Recommendation).order_by(Recommendation.id)).all()
        r1.superseded_by_id = r2.id  # a reference to a row inserted after it
        follow_up = FollowUp(recommendation_id=r1.id, made_on=date(2025, 7, 1), note="Seen.")
        session.add(follow_up)
        session.flush()
        session.add(
            EvidenceFile(
                follow_up_id=follow_up.id,
                filename="policy.pdf",
                content_type="application/pdf",
                size_bytes=5,
                sha256="0" * 64,
                uploaded_by="ina",
                uploaded_at=utc_now(),
                content=b"%PDF\x00",
            )
        )
        session.commit()


def _everything(engine: Engine) -> dict:
    with engine.connect() as connection:
        return _dump_tables(connection)


def _round_trip(source: Engine, target: Engine, folder: Path) -> None:
    _small_programme(source)
    backup(source, folder, logical=True)
    restore(target, folder)
    assert _everything(target) == _everything(source)
    assert _everything(source)["evidence_file"]["rows"]  # the check saw the file


def test_logical_backup_restores_every_table_exactly_on_sqlite(tmp_path):
    source = db.make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    target = db.make_engine(f"sqlite:///{tmp_path / 'target.db'}")
    _round_trip(source, target, tmp_path / "backup")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres(*command: str) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True)


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server (Debian's binaries); its URL without a database name."""
    if not (PG_BIN / "pg_ctl").exists():
        pytest.skip("PostgreSQL binaries are not installed (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="oversight-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "--auth=trust", "-U", "postgres")
    _as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-w",
        "-l",
        str(folder / "log"),
        "-o",
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        for name in ("source", "target"):
            _as_postgres(
                str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name
            )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def test_postgresql_backup_restores_every_table_and_new_rows_get_new_ids(postgres, tmp_path):
    source = db.make_engine(f"{postgres}/source")
    target = db.make_engine(f"{postgres}/target")
    try:
        _round_trip(source, target, tmp_path / "backup")
        with Session(target) as session:
            entry = record_change(
                session, actor="ada", action="update", entity="provider", entity_key="P1"
            )
            session.commit()
            restored_ids = [row[0] for row in _everything(source)["audit_entry"]["rows"]]
            assert entry.id == max(restored_ids) + 1
    finally:
        source.dispose()
        target.dispose()
