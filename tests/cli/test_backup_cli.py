"""`dashboard backup` / `restore`: consistent while others write, never over data unasked, and a
round trip gives back exactly the same programme (its export is identical), users and audit."""

import filecmp
import io
import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, func, select

from dashboard.cli import main
from dashboard.cli.data import seed_demo
from dashboard.core import db
from dashboard.exchange.exporter import export_programme
from models import AuditEntry, Provider, User


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database file with the demo programme, its logins and their audit trail."""
    path = tmp_path_factory.mktemp("seeded") / "demo.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        seed_demo(session, actor="cli:test")
    engine.dispose()
    return path


@pytest.fixture
def demo(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """This test's own copy of the demo database, selected through DATABASE_URL."""
    copy = tmp_path / "cli.db"
    shutil.copyfile(seeded, copy)
    return _use(copy, monkeypatch)


def _use(path: Path, monkeypatch) -> Engine:
    url = f"sqlite:///{path}"
    monkeypatch.setenv("DATABASE_URL", url)
    return db.get_engine(url)


def _same_export(first: Engine, second: Engine, tmp_path: Path) -> None:
    for name, engine in (("first", first), ("second", second)):
        with Session(engine) as session:
            export_programme(session, tmp_path / name)
    files = sorted(path.name for path in (tmp_path / "first").iterdir())
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "first", tmp_path / "second", files, shallow=False
    )
    assert (mismatch, errors) == ([], []) and len(match) > 10


def _counts(engine: Engine) -> tuple[int, int, list[str]]:
    with Session(engine) as session:
        return (
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
            session.exec(select(func.count()).select_from(Provider)).one(),
            list(session.exec(select(User.password_hash).order_by(User.username))),
        )


@pytest.mark.parametrize("logical", [False, True], ids=["sqlite-snapshot", "logical-folder"])
def test_backup_then_restore_into_a_new_database_exports_the_same(
    demo, tmp_path, monkeypatch, capsys, logical
):
    target = tmp_path / ("logical" if logical else "snapshot.db")
    assert main(["backup", str(target), *(["--logical"] if logical else [])]) == 0
    assert "OFFICIAL-SENSITIVE" in capsys.readouterr().out
    restored = _use(tmp_path / "restored.db", monkeypatch)
    assert main(["restore", str(target)]) == 0
    assert "Restored from" in capsys.readouterr().out
    _same_export(demo, restored, tmp_path)
    assert _counts(restored) == _counts(demo)


def test_backup_files_are_self_contained_and_readable_by_their_owner_only(demo, tmp_path):
    assert main(["backup", str(tmp_path / "snap.db")]) == 0
    assert main(["backup", "--logical", str(tmp_path / "folder")]) == 0
    for path in [tmp_path / "snap.db", *(tmp_path / "folder").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    with sqlite3.connect(tmp_path / "snap.db") as snapshot:  # one self-contained file
        assert snapshot.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not (tmp_path / "snap.db-wal").exists()
    manifest = json.loads((tmp_path / "folder" / "manifest.json").read_text())
    assert manifest["marking"] == "OFFICIAL-SENSITIVE"
    assert manifest["rows"]["app_user"] == 4 and manifest["schema_heads"]


def test_backup_while_another_connection_is_writing_takes_the_committed_state(demo, tmp_path):
    writer = sqlite3.connect(demo.url.database, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO provider (version, code, name) VALUES (1, 'PX', 'Uncommitted')")
        assert main(["backup", str(tmp_path / "snap.db")]) == 0  # not blocked by the writer
        writer.commit()
    finally:
        writer.close()
    with sqlite3.connect(tmp_path / "snap.db") as snapshot:
        codes = {code for (code,) in snapshot.execute("SELECT code FROM provider")}
    assert "PX" not in codes and "P01" in codes


@pytest.mark.parametrize("logical", [False, True], ids=["sqlite-snapshot", "logical-folder"])
def test_restore_refuses_a_database_holding_data_unless_forced(
    demo, tmp_path, monkeypatch, capsys, logical
):
    target = tmp_path / ("logical" if logical else "snapshot.db")
    assert main(["backup", str(target), *(["--logical"] if logical else [])]) == 0
    other = _use(tmp_path / "other.db", monkeypatch)
    db.upgrade(other)
    monkeypatch.setattr("sys.stdin", io.StringIO("someone-elses-password\n"))
    assert main(["users", "add", "keepme", "--role", "admin"]) == 0
    capsys.readouterr()
    assert main(["restore", str(target)]) == 1
    assert "already holds data" in capsys.readouterr().err
    with Session(other) as session:
        assert list(session.exec(select(User.username))) == ["keepme"]
    assert main(["restore", "--force", str(target)]) == 0
    with Session(other) as session:
        assert "keepme" not in set(session.exec(select(User.username)))
    _same_export(demo, other, tmp_path)


def test_restore_refuses_a_backup_of_another_schema_version(demo, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "folder"
    assert main(["backup", "--logical", str(folder)]) == 0
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["schema_heads"] = ["9999_from_the_future"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    empty = _use(tmp_path / "empty.db", monkeypatch)
    capsys.readouterr()
    assert main(["restore", str(folder)]) == 1
    assert "9999_from_the_future" in capsys.readouterr().err
    assert db.current_heads(empty) == ()


def test_restore_names_what_is_not_a_backup(cli_engine, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert main(["restore", str(tmp_path / "notes.txt")]) == 1
    assert "neither a SQLite snapshot nor a backup folder" in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "missing.db")]) == 1
    assert "no such backup" in capsys.readouterr().err


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _pages_overwritten(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = bytes(range(256)) * (3 * page // 256)
    path.write_bytes(bytes(data))


def _header_only(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:100])


@pytest.mark.parametrize("damage", [_truncated, _pages_overwritten, _header_only])
def test_a_damaged_snapshot_is_refused_and_the_database_left_as_it_was(
    demo, tmp_path, capsys, damage
):
    snapshot = tmp_path / "snap.db"
    assert main(["backup", str(snapshot)]) == 0
    damage(snapshot)
    before = _counts(demo)
    capsys.readouterr()

    assert main(["restore", "--force", str(snapshot)]) == 1

    error = capsys.readouterr().err
    assert "nothing restored" in error and "Traceback" not in error
    assert _counts(demo) == before
    with demo.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.mark.parametrize("cut", [0, 0.5, 0.99])
def test_a_cut_short_logical_backup_is_refused_and_the_database_left_as_it_was(
    demo, tmp_path, capsys, cut
):
    folder = tmp_path / "folder"
    assert main(["backup", "--logical", str(folder)]) == 0
    rows = folder / "tables.json"
    rows.write_bytes(rows.read_bytes()[: int(rows.stat().st_size * cut)])
    before = _counts(demo)
    capsys.readouterr()

    assert main(["restore", "--force", str(folder)]) == 1

    assert "damaged (cut short?); nothing restored" in capsys.readouterr().err
    assert _counts(demo) == before
