"""Backups taken while the app runs, and restores that never overwrite data unasked.

Two kinds of backup:
- a SQLite *snapshot*: one database file copied with SQLite's online backup API, which reads a
  consistent state while others keep writing;
- a *logical* backup (PostgreSQL, or SQLite with `logical=True`): a folder with
  `manifest.json` (schema heads, row counts), `tables.json` (every table's rows, users, audit
  trail and evidence files included) and `programme.xlsx` (the data exchange format, for people).
  It is read in one REPEATABLE READ transaction (PostgreSQL) or from a snapshot (SQLite).
"""

import base64
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine
from sqlmodel import Session, SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.refusal import Refused
from dashboard.exchange.exporter import MARKING_NOTE, export_workbook_bytes
from models.base import utc_now
from models.data_version import DATA_VERSION_TABLE

FORMAT_NAME = "safehouse-oversight logical backup"
FORMAT_VERSION = 1
MANIFEST, TABLES, WORKBOOK = "manifest.json", "tables.json", "programme.xlsx"
SQLITE_HEADER = b"SQLite format 3\x00"


class RestoreRefused(Refused):
    """A restore that would lose data or cannot fit this database; nothing was changed."""


@dataclass(frozen=True)
class BackupResult:
    """What a backup wrote: where, which kind, at which schema, and rows per table."""

    path: Path
    kind: str
    heads: tuple[str, ...]
    rows: dict[str, int]


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine's database is SQLite (else PostgreSQL)."""
    return engine.dialect.name == "sqlite"


def _tables() -> list[sa.Table]:
    """Every table of the schema, parents before children; not the data version, which counts
    this database's writes and is no data of the programme."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name != DATA_VERSION_TABLE]


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows in each table that exists."""
    present = set(sa.inspect(connection).get_table_names())
    return {
        table.name: int(connection.execute(sa.select(sa.func.count()).select_from(table)).one()[0])
        for table in _tables()
        if table.name in present
    }


def is_empty(engine: Engine) -> bool:
    """Whether the database holds no rows at all (no programme data, users or audit trail)."""
    with engine.connect() as connection:
        return not any(row_counts(connection).values())


def _read_only(path: Path) -> Engine:
    """An engine that only reads a SQLite file: no WAL switch, no -wal file beside a backup."""
    return sa.create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", poolclass=sa.NullPool)


def _snapshot_facts(path: Path) -> tuple[tuple[str, ...], dict[str, int]]:
    """A snapshot file's schema heads and rows per table, read without changing it."""
    snapshot = _read_only(path)
    try:
        with snapshot.connect() as connection:
            heads = MigrationContext.configure(connection).get_current_heads()
            return tuple(sorted(heads)), row_counts(connection)
    finally:
        snapshot.dispose()


def _private(path: Path) -> None:
    """Backups hold OFFICIAL-SENSITIVE data: readable by the owner only."""
    os.chmod(path, 0o600)


def _sqlite_copy(source: sqlite3.Connection, dest: Path) -> None:
    """Copy a live database into a new single file (rollback journal, no -wal file needed)."""
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as target:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
    _private(partial)
    os.replace(partial, dest)


def sqlite_snapshot(engine: Engine, dest: Path) -> None:
    """A consistent copy of a running SQLite database, written atomically to `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    raw = engine.raw_connection()
    try:
        _sqlite_copy(raw.driver_connection, dest)  # type: ignore[arg-type]
    finally:
        raw.close()


def _encode(value: Any) -> Any:
    """A column value as JSON: dates as ISO text, bytes as base64."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(column: sa.Column[Any], value: Any) -> Any:
    """A JSON value back into the column's Python type."""
    if value is None:
        return None
    if isinstance(column.type, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, sa.Date):
        return date.fromisoformat(value)
    if isinstance(column.type, sa.LargeBinary):
        return base64.b64decode(value)
    return value


def _dump_tables(connection: Connection) -> dict[str, dict[str, Any]]:
    dumped: dict[str, dict[str, Any]] = {}
    for table in _tables():
        names = [column.name for column in table.columns]
        rows = connection.execute(sa.select(table).order_by(*table.primary_key.columns))
        dumped[table.name] = {
            "columns": names,
            "rows": [[_encode(value) for value in row] for row in rows],
        }
    return dumped


@contextmanager
def _consistent_read(engine: Engine) -> Iterator[tuple[Connection, tuple[str, ...]]]:
    """One connection seeing a single consistent state of the database, and its schema heads."""
    if is_sqlite(engine):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "snapshot.db"
            sqlite_snapshot(engine, copy)
            snapshot = _read_only(copy)
            try:
                with snapshot.connect() as connection:
                    yield connection, MigrationContext.configure(connection).get_current_heads()
            finally:
                snapshot.dispose()
        return
    reading = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with reading as connection, connection.begin():
        yield connection, tuple(MigrationContext.configure(connection).get_current_heads())


def logical_backup(engine: Engine, dest: Path) -> BackupResult:
    """Write the folder form of a backup (see the module docstring) from one consistent read."""
    dest.mkdir(parents=True, exist_ok=True)
    with _consistent_read(engine) as (connection, heads):
        tables = _dump_tables(connection)
        with Session(bind=connection) as session:
            workbook = export_workbook_bytes(session)
    rows = {name: len(table["rows"]) for name, table in tables.items()}
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "marking": MARKING,
        "created_at": utc_now().isoformat(),
        "backend": engine.dialect.name,
        "schema_heads": sorted(heads),
        "rows": rows,
    }
    files = {
        TABLES: json.dumps(tables).encode(),
        WORKBOOK: workbook,
        MANIFEST: json.dumps(manifest, indent=2).encode(),
        f"{MARKING}.txt": MARKING_NOTE.encode(),
    }
    for name, content in files.items():
        path = dest / name
        path.write_bytes(content)
        _private(path)
    return BackupResult(dest, "logical", tuple(sorted(heads)), rows)


def backup(engine: Engine, dest: Path, *, logical: bool = False) -> BackupResult:
    """A snapshot file for SQLite (unless `logical`), else a logical backup folder."""
    if is_sqlite(engine) and not logical:
        sqlite_snapshot(engine, dest)
        heads, rows = _snapshot_facts(dest)
        return BackupResult(dest, "sqlite snapshot", heads, rows)
    return logical_backup(engine, dest)


def _scripts(engine: Engine) -> ScriptDirectory:
    return ScriptDirectory.from_config(db.alembic_config(engine))


def _code_heads(engine: Engine) -> tuple[str, ...]:
    """The schema heads this version of the dashboard migrates to."""
    return tuple(sorted(_scripts(engine).get_heads()))


def _refuse_unless_empty(engine: Engine, force: bool) -> None:
    if not force and not is_empty(engine):
        raise RestoreRefused(
            "the database already holds data: restoring would overwrite it. "
            "Use --force to replace everything in it with the backup."
        )


def restore(engine: Engine, source: Path, *, force: bool = False) -> BackupResult:
    """Restore a snapshot file (into SQLite) or a logical backup folder (into either)."""
    if source.is_dir():
        return _restore_logical(engine, source, force)
    if not source.is_file():
        raise RestoreRefused(f"{source}: no such backup file or folder")
    with source.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise RestoreRefused(f"{source}: neither a SQLite snapshot nor a backup folder")
    if not is_sqlite(engine):
        raise RestoreRefused(
            "a SQLite snapshot restores into SQLite only: for PostgreSQL, "
            "take a logical backup (`dashboard backup --logical`) and restore it"
        )
    return _restore_snapshot(engine, source, force)


def _data_version_or_zero(engine: Engine) -> int:
    """The data version before a restore; 0 for a database not yet made."""
    try:
        with engine.connect() as connection:
            return db.read_data_version(connection)
    except sa.exc.DBAPIError:
        return 0


def _check_snapshot(source: Path) -> None:
    """Refuse a snapshot SQLite finds damaged (truncated, overwritten pages), before any write."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as snapshot:
            found = [row[0] for row in snapshot.execute("PRAGMA integrity_check(5)")]
            tables = {row[0] for row in snapshot.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise RestoreRefused(
            f"{source}: the snapshot is damaged ({error}); nothing restored"
        ) from None
    if found != ["ok"]:
        raise RestoreRefused(f"{source}: the snapshot is damaged ({found[0]}); nothing restored")
    if "alembic_version" not in tables:
        raise RestoreRefused(
            f"{source}: not a dashboard snapshot (no schema version); nothing restored"
        )


def _restore_snapshot(engine: Engine, source: Path, force: bool) -> BackupResult:
    _check_snapshot(source)
    heads = _snapshot_facts(source)[0]
    unknown = set(heads) - set(_known_revisions(engine))
    if unknown:
        raise RestoreRefused(
            f"the snapshot is at schema {', '.join(sorted(unknown))}, newer "
            "than this version of the dashboard: upgrade the dashboard first"
        )
    _refuse_unless_empty(engine, force)
    version_before = _data_version_or_zero(engine)
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reader:
        raw = engine.raw_connection()
        try:
            reader.backup(raw.driver_connection)  # type: ignore[arg-type]
        finally:
            raw.close()
    engine.dispose()  # pooled connections may remember the old schema
    db.upgrade(engine)  # an older snapshot comes up to this version's schema
    with engine.begin() as connection:  # the snapshot's counter may be behind this database's
        db.advance_data_version(connection, version_before)
    with engine.connect() as connection:
        rows = row_counts(connection)
    return BackupResult(source, "sqlite snapshot", tuple(sorted(db.current_heads(engine))), rows)


def _known_revisions(engine: Engine) -> list[str]:
    """Every migration this version of the dashboard knows."""
    return [script.revision for script in _scripts(engine).walk_revisions()]


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise RestoreRefused(f"{folder}: no readable {MANIFEST}: not a backup folder") from None
    if manifest.get("format") != FORMAT_NAME or manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreRefused(f"{folder}/{MANIFEST}: not a backup this version can restore")
    return dict(manifest)


def _restore_logical(engine: Engine, folder: Path, force: bool) -> BackupResult:
    manifest = _read_manifest(folder)
    wanted = tuple(manifest["schema_heads"])
    if wanted != _code_heads(engine):
        raise RestoreRefused(
            f"the backup is at schema {', '.join(wanted)} and this version of the dashboard at "
            f"{', '.join(_code_heads(engine))}: restore it with the version that took it"
        )
    tables = _read_tables(folder)
    db.upgrade(engine)
    _refuse_unless_empty(engine, force)
    try:
        with engine.begin() as connection:
            for table in reversed(_tables()):
                connection.execute(table.delete())
            for table in _tables():
                _insert_rows(connection, table, tables.get(table.name))
            if not is_sqlite(engine):
                _advance_sequences(connection)
            rows = row_counts(connection)
    except (KeyError, TypeError, ValueError, sa.exc.DBAPIError) as error:
        # the transaction rolled back: the database is as it was
        raise RestoreRefused(
            f"{folder}/{TABLES}: the backup is damaged ({type(error).__name__}); nothing restored"
        ) from None
    return BackupResult(folder, "logical", wanted, rows)


def _read_tables(folder: Path) -> dict[str, Any]:
    """The rows of a logical backup, or a refusal when the file is missing or cut short."""
    try:
        tables = json.loads((folder / TABLES).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise RestoreRefused(
            f"{folder}/{TABLES}: missing or damaged (cut short?); nothing restored"
        ) from None
    if not isinstance(tables, dict):
        raise RestoreRefused(f"{folder}/{TABLES}: not the rows of a backup; nothing restored")
    return tables


def _insert_rows(connection: Connection, table: sa.Table, dumped: dict[str, Any] | None) -> None:
    """Insert a table's rows; a reference to a row of the same table is filled in afterwards."""
    if not dumped or not dumped["rows"]:
        return
    rows = [
        {
            name: _decode(table.c[name], value)
            for name, value in zip(dumped["columns"], values, strict=True)
            if name in table.c
        }
        for values in dumped["rows"]
    ]
    own = [key.parent.name for key in table.foreign_keys if key.column.table is table]
    connection.execute(table.insert(), [{**row, **dict.fromkeys(own)} for row in rows])
    keys = [column.name for column in table.primary_key.columns]
    for row in rows:
        if own and any(row[name] is not None for name in own):
            where = [table.c[key] == row[key] for key in keys]
            connection.execute(table.update().where(*where).values({n: row[n] for n in own}))


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL: move each id sequence past the restored ids."""
    quote = connection.dialect.identifier_preparer.quote
    for table in _tables():
        if "id" in table.c and table.c["id"].primary_key:
            connection.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{quote(table.name)}', 'id'), "
                f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {quote(table.name)}"
            )
