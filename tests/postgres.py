"""A throwaway PostgreSQL server for the test run, from Debian's binaries in a temp folder.

The schema is migrated once into a template database; each test gets a fresh copy of it
(`CREATE DATABASE ... TEMPLATE`, a few milliseconds) and drops it afterwards. As root (CI
here) the server runs as the `postgres` OS user, because `pg_ctl` refuses root.
Outside CI a machine without the binaries skips with one line; under CI=true it fails.
"""

import itertools
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine

from dashboard.core.db import make_engine, upgrade

PG_BIN_ENV = "OVERSIGHT_PG_BIN"
TEMPLATE = "oversight_template"
SERVER_SETTINGS = (  # a test server: speed over durability
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
)
_numbers = itertools.count(1)


def pg_bin() -> Path | None:
    """The folder with initdb and pg_ctl: $OVERSIGHT_PG_BIN, else Debian's newest version."""
    if os.environ.get(PG_BIN_ENV):
        return Path(os.environ[PG_BIN_ENV])
    versions = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if path.parent.name.isdigit() and (path / "pg_ctl").exists()
    ]
    return max(versions, key=lambda path: int(path.parent.name), default=None)


def missing_reason() -> str | None:
    """Why no server can start here, in one line; None when it can."""
    folder = pg_bin()
    if folder is None or not (folder / "pg_ctl").exists():
        return f"no PostgreSQL binaries (apt-get install postgresql, or set {PG_BIN_ENV})"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser to start PostgreSQL as the postgres user"
    return None


def _as_server_user(command: list[str]) -> list[str]:
    """As root, run a server command as the `postgres` OS user (pg_ctl refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server: its data folder, port and superuser."""

    folder: Path
    port: int
    user: str = "postgres"
    host: str = "127.0.0.1"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one of its databases."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self, statement: sql.Composable) -> None:
        """Run one statement on the maintenance database, outside a transaction."""
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(statement)

    def stop(self) -> None:
        """Stop the server at once and delete its folder."""
        bin_dir = pg_bin()
        if bin_dir is not None:
            stop = [
                str(bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "immediate",
                "stop",
            ]
            subprocess.run(_as_server_user(stop), capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> PostgresServer:
    """initdb and start a server on a free localhost port in a new temp folder."""
    bin_dir = pg_bin()
    assert bin_dir is not None
    folder = Path(tempfile.mkdtemp(prefix="oversight-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres", group="postgres")
    server = PostgresServer(folder, _free_port())
    data = folder / "data"
    steps = (
        [
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "-U",
            server.user,
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ],
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-t",
            "60",
            "-l",
            str(folder / "log"),
            "-o",
            f"-p {server.port} -k {folder} -c listen_addresses=127.0.0.1 {SERVER_SETTINGS}",
            "start",
        ],
    )
    for step in steps:
        done = subprocess.run(
            _as_server_user(step), capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            server.stop()
            raise RuntimeError(f"{Path(step[0]).name} failed: {done.stderr}{done.stdout}{log}")
    _watch(server, bin_dir)
    return server


def _watch(server: PostgresServer, bin_dir: Path) -> None:
    """Stop the server and delete its folder if this test process dies without teardown."""
    stop = " ".join(
        shlex.quote(part)
        for part in _as_server_user(
            [str(bin_dir / "pg_ctl"), "-D", str(server.folder / "data"), "-m", "immediate", "stop"]
        )
    )
    script = (
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
        f"{stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(server.folder))}"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def migrate_template(server: PostgresServer) -> None:
    """Create the template database and bring it to the newest schema (every head)."""
    server.admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    engine = make_engine(server.url(TEMPLATE))
    try:
        upgrade(engine)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the run, with a migrated template database."""
    reason = missing_reason()
    if reason is not None:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason}: CI installs it in .ci/run", pytrace=False)
        pytest.skip(reason)
    server = start_server()
    try:
        migrate_template(server)
        yield server
    finally:
        server.stop()


@contextmanager
def fresh_database(server: PostgresServer) -> Iterator[Engine]:
    """An engine on a new copy of the migrated template, dropped afterwards."""
    name = f"test_{os.getpid()}_{next(_numbers)}"
    server.admin(
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(TEMPLATE)
        )
    )
    engine = make_engine(server.url(name))
    try:
        yield engine
    finally:
        engine.dispose()
        server.admin(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
