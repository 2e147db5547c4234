"""Database engine, sessions and migrations, for SQLite (embedded) and PostgreSQL."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, Table, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session, create_engine

from dashboard.core.config import database_url
from dashboard.core.refusal import Refused

# Alembic is imported where migrations run, not here: the login page needs sessions only, and
# loading Alembic (0.2 s) there delayed the first login form of a freshly started server.
if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers and one writer share the file; foreign keys are off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """A new engine for the URL; SQLite files get their folder, pragmas and WAL mode."""
    parsed = make_url(url)
    # Parameters are programme text: kept out of error messages and so out of every log.
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        _keep_data_version(engine)
        return engine
    options: dict[str, Any] = {
        "connect_args": {"check_same_thread": False},
        "hide_parameters": True,
    }
    if parsed.database in (None, "", ":memory:"):
        engine = create_engine(url, poolclass=StaticPool, **options)
    else:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    _keep_data_version(engine)
    return engine


# The data version: a one-row counter every writing transaction moves on just before it commits,
# so a cache keyed on it (dashboard.ui.cached) sees every write, from any replica or the CLI.
DATA_VERSION_OPTION = "bumps_data_version"  # execution option; migrations turn it off
_WROTE = "data_version_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "TRUNCATE")
_BUMP = "UPDATE data_version SET version = version + 1 WHERE id = 1"
_TABLE_PRESENT = {
    "sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'data_version'",
    "postgresql": "SELECT count(*) FROM pg_class WHERE oid = to_regclass('data_version')",
}


def _keep_data_version(engine: Engine) -> None:
    """Every transaction that writes, through the ORM, Core or plain SQL, bumps the version."""
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _bump_data_version)
    event.listen(engine, "rollback", _forget_write)


def _note_write(
    connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    context: DefaultExecutionContext | None,
    _executemany: bool,
) -> None:
    writes = context is not None and (context.isinsert or context.isupdate or context.isdelete)
    if writes or statement.lstrip()[:8].upper().startswith(_WRITES):
        connection.info[_WROTE] = True


def _bump_data_version(connection: Connection) -> None:
    """Just before the commit, in the same transaction: one atomic UPDATE of the counter row.

    On SQLite the transaction already holds the write lock; on PostgreSQL the row lock is taken
    last and held only to the commit, and its holder waits for nothing else: no deadlock."""
    if not connection.info.pop(_WROTE, False):
        return
    if not connection.get_execution_options().get(DATA_VERSION_OPTION, True):
        return
    present = connection.exec_driver_sql(_TABLE_PRESENT[connection.dialect.name]).scalar()
    if present:  # absent only below migration 0011 (e.g. a migration test writing old rows)
        connection.exec_driver_sql(_BUMP)
    connection.info.pop(_WROTE, None)


def _forget_write(connection: Connection) -> None:
    connection.info.pop(_WROTE, None)


def read_data_version(connection: Connection) -> int:
    """The database's data version now: one read of one row."""
    return int(
        connection.exec_driver_sql("SELECT version FROM data_version WHERE id = 1").scalar_one()
    )


def advance_data_version(connection: Connection, beyond: int) -> None:
    """Move the version past `beyond` as well (after a restore brought back an older counter),
    so no version a server has cached for this database comes round again."""
    connection.execute(
        text("UPDATE data_version SET version = :beyond WHERE id = 1 AND version < :beyond"),
        {"beyond": beyond},
    )


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for a URL (default: DATABASE_URL or the embedded file)."""
    return _shared_engine(url or database_url())


@lru_cache(maxsize=8)
def _shared_engine(url: str) -> Engine:
    return make_engine(url)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together or rolled back together.

    Two people saving the same new key, or the same record, in the same instant pass every check
    before either commits; the database then refuses one. That one gets a `SavedAtTheSameMoment`
    refusal, never an error page.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except (IntegrityError, StaleDataError) as error:
            session.rollback()
            if isinstance(error, IntegrityError) and not _is_unique_violation(error):
                raise
            raise SavedAtTheSameMoment(SAVED_AT_THE_SAME_MOMENT) from error
        except OperationalError as error:
            session.rollback()
            if "database is locked" not in str(error.orig):
                raise
            raise DatabaseBusy(DATABASE_BUSY) from error
        except BaseException:
            session.rollback()
            raise


T = TypeVar("T")
WRITE_ATTEMPTS = 5


def write(engine: Engine, work: Callable[[Session], T], attempts: int = WRITE_ATTEMPTS) -> T:
    """Run `work` in one transaction; when a save at the same moment took the same key, run it
    again from the start.

    The second run sees the other save: a ref the server makes (INS-, PLAN-, a blank action's)
    takes the next free number, and an edit of a record changed meanwhile is refused by its
    version check with a sentence. A second run first takes the data version's row (SQLite's one
    writer; a row lock on PostgreSQL, which every commit needs), so no other save can commit
    while it reads and writes: it cannot collide again, however many press at once.
    """
    for attempt in range(1, attempts + 1):
        try:
            with session_scope(engine) as session:
                if attempt > 1:
                    _take_write_turn(session)
                return work(session)
        except SavedAtTheSameMoment:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")  # pragma: no cover (the loop returns or raises)


def _take_write_turn(session: Session) -> None:
    """Hold the writers' turn to this transaction's end: the counter row every commit moves."""
    connection = session.connection()
    if connection.exec_driver_sql(_TABLE_PRESENT[connection.dialect.name]).scalar():
        connection.exec_driver_sql(_BUMP)


SAVED_AT_THE_SAME_MOMENT = (
    "Someone else saved the same record at the same moment, so nothing was written. "
    "Reload the page and try again."
)


class SavedAtTheSameMoment(Refused):
    """A concurrent save took the same key or changed the same record first; nothing written."""


DATABASE_BUSY = (
    "The database was busy with another long save (an import or a restore) for too long, so "
    "nothing was written. Try again in a minute."
)


class DatabaseBusy(Refused):
    """SQLite's one writer held the file past the busy timeout; nothing written."""


def _is_unique_violation(error: IntegrityError) -> bool:
    """A duplicate key (PostgreSQL's SQLSTATE 23505, SQLite's UNIQUE constraint)."""
    cause = error.orig
    return getattr(cause, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(cause)


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert new rows in one executemany.

    Every row gets every column: None takes the column's default, as the ORM's bulk insert
    would, but without its grouping rows by which columns are set (100 statements a batch).
    """
    if not rows:
        return
    columns = [column for column in table.columns if not column.primary_key]
    unset = dict.fromkeys(column.key for column in columns)
    defaults = {
        column.key: column.default.arg
        for column in columns
        if isinstance(column.default, ScalarElementColumnDefault)
    }
    filled = [{**unset, **row} for row in rows]
    for row in filled:
        for key, default in defaults.items():
            if row[key] is None:
                row[key] = default
    session.connection().execute(table.insert(), filled)


def alembic_config(engine: Engine) -> "Config":
    """Alembic settings pointing at the packaged migrations and this engine."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database schema up to the newest migration of every branch."""
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")


def current_heads(engine: Engine) -> tuple[str, ...]:
    """The migrations the database is at; empty for a database never migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_heads()
