"""`dashboard workdays add`, `dashboard users add|list` and the empty-database guard."""

import io

import pytest
from alembic.script import ScriptDirectory
from sqlmodel import select

from dashboard.accounts.rules import password_matches
from dashboard.cli import main
from dashboard.core import db
from models import AuditEntry, User


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2023-05-05", "1", "2023-05-09"),  # Friday, then the coronation bank holiday
        ("2023-05-09", "-1", "2023-05-05"),
        ("2025-12-24", "1", "2025-12-29"),  # Christmas and Boxing Day, then the weekend
        ("2024-02-28", "1", "2024-02-29"),  # the leap day is an ordinary Thursday
        ("2026-11-28", "0", "2026-11-28"),
    ],
)
def test_workdays_add_prints_the_date(capsys, start, n, expected):
    assert main(["workdays", "add", start, n]) == 0
    assert capsys.readouterr().out.strip() == expected


def test_users_add_hashes_the_password_read_from_stdin(cli_engine, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-password\n"))
    assert main(["users", "add", "rpryce", "--role", "inspector", "--name", "Ruth Pryce"]) == 0
    with db.session_scope(cli_engine) as session:
        user = session.exec(select(User)).one()
        audit = session.exec(select(AuditEntry)).one()
    assert (user.username, user.role, user.display_name) == ("rpryce", "inspector", "Ruth Pryce")
    assert user.password_hash.startswith("$2") and "a-long" not in user.password_hash
    assert password_matches("a-long-enough-password", user.password_hash)
    assert (audit.entity, audit.entity_key, audit.action) == ("user", "rpryce", "create")
    assert main(["users", "list"]) == 0
    assert "rpryce" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "password", "message"),
    [
        (["users", "add", "short", "--role", "partner"], "too-short", "at least 12 characters"),
        (["users", "add", "Bad Name", "--role", "partner"], "long-enough-pass", "username"),
    ],
)
def test_users_add_refuses_bad_input_and_saves_nothing(
    cli_engine, capsys, monkeypatch, argv, password, message
):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    with db.session_scope(cli_engine) as session:
        assert session.exec(select(User)).all() == []


def test_users_add_refuses_a_duplicate_username(cli_engine, capsys, monkeypatch):
    for _ in range(2):
        monkeypatch.setattr("sys.stdin", io.StringIO("long-enough-pass\n"))
        status = main(["users", "add", "sam", "--role", "partner"])
    assert status == 1
    assert "already exists" in capsys.readouterr().err


def test_users_add_refuses_an_unknown_role(capsys):
    with pytest.raises(SystemExit):
        main(["users", "add", "sam", "--role", "superuser"])
    assert "invalid choice" in capsys.readouterr().err


def test_commands_on_an_unmigrated_database_say_how_to_fix_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    assert main(["report", "coverage"]) == 1
    assert "dashboard db upgrade" in capsys.readouterr().err


def test_db_upgrade_is_repeatable(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "upgrade"]) == 0
    # one head: every schema branch is merged
    [head] = ScriptDirectory.from_config(db.alembic_config(db.make_engine("sqlite://"))).get_heads()
    assert capsys.readouterr().out.splitlines()[-1] == f"database at revision {head}"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("db", "seed", "import", "export", "report", "workdays", "users"):
        assert command in out
