"""`dashboard users set-password|disable|enable|unlock|set-role|list`, audited as cli:<user>."""

import io
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from dashboard.accounts.rules import password_matches
from dashboard.accounts.service import record_login_attempt
from dashboard.cli import main
from models import AuditEntry, Provider, User
from models.base import utc_now


def _add(monkeypatch, username: str, role: str, password: str = "first-long-password") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["users", "add", username, "--role", role]) == 0


def _user(engine, username: str) -> User:
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def _listing(capsys) -> dict[str, str]:
    capsys.readouterr()
    assert main(["users", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    return {line.split()[0]: line for line in lines}


def test_set_password_replaces_the_hash_and_is_audited(cli_engine, monkeypatch, capsys):
    _add(monkeypatch, "ruth", "inspector")
    monkeypatch.setattr("sys.stdin", io.StringIO("second-long-password\n"))
    assert main(["users", "set-password", "ruth"]) == 0
    user = _user(cli_engine, "ruth")
    assert password_matches("second-long-password", user.password_hash)
    assert not password_matches("first-long-password", user.password_hash)
    with Session(cli_engine) as session:
        entry = session.exec(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert entry.username.startswith("cli") and "password" in entry.changes
    assert user.password_hash not in entry.changes


def test_set_password_refuses_a_short_one(cli_engine, monkeypatch, capsys):
    _add(monkeypatch, "ruth", "inspector")
    monkeypatch.setattr("sys.stdin", io.StringIO("too-short\n"))
    assert main(["users", "set-password", "ruth"]) == 1
    assert "at least 12 characters" in capsys.readouterr().err
    assert password_matches("first-long-password", _user(cli_engine, "ruth").password_hash)


def test_disable_and_enable_show_in_the_list(cli_engine, monkeypatch, capsys):
    _add(monkeypatch, "ruth", "inspector")
    assert main(["users", "disable", "ruth"]) == 0
    assert " disabled " in _listing(capsys)["ruth"]
    assert main(["users", "enable", "ruth"]) == 0
    assert " active " in _listing(capsys)["ruth"]


def test_the_last_admin_cannot_be_disabled_or_demoted(cli_engine, monkeypatch, capsys):
    _add(monkeypatch, "alice", "admin")
    assert main(["users", "disable", "alice"]) == 1
    assert "alice is the last active admin" in capsys.readouterr().err
    assert main(["users", "set-role", "alice", "partner"]) == 1
    assert "last active admin" in capsys.readouterr().err
    _add(monkeypatch, "bob", "admin")
    assert main(["users", "set-role", "alice", "programme_manager"]) == 0
    assert _user(cli_engine, "alice").role == "programme_manager"


def test_unlock_lifts_a_lockout(cli_engine, monkeypatch, capsys):
    _add(monkeypatch, "ruth", "inspector")
    with Session(cli_engine) as session:
        for second in range(5):
            record_login_attempt(
                session, username="ruth", succeeded=False, at=utc_now() + timedelta(seconds=second)
            )
        session.commit()
    assert "locked until" in _listing(capsys)["ruth"]
    assert main(["users", "unlock", "ruth"]) == 0
    assert " active " in _listing(capsys)["ruth"]
    user = _user(cli_engine, "ruth")
    assert (user.failed_logins, user.locked_until) == (0, None)


@pytest.mark.parametrize("command", ["set-password", "disable", "enable", "unlock"])
def test_an_unknown_user_is_named(cli_engine, monkeypatch, capsys, command):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-password\n"))
    assert main(["users", command, "ghost"]) == 1
    assert "no user 'ghost'" in capsys.readouterr().err


def test_production_mode_refuses_the_demo_and_its_usernames(cli_engine, monkeypatch, capsys):
    monkeypatch.setenv("OVERSIGHT_ENV", "production")
    assert main(["seed", "--demo"]) == 1
    assert "the demo is never loaded into a production database" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("copper lantern orbit meadow\n"))
    assert main(["users", "add", "admin", "--role", "admin"]) == 1
    assert "'admin' is reserved for the demo" in capsys.readouterr().err
    with Session(cli_engine) as session:
        assert session.exec(select(User)).all() == []
        assert session.exec(select(Provider)).all() == []


@pytest.mark.parametrize("password", [" " * 12, "aaaaaaaaaaaa", "password1234", "demo-admin-pass"])
def test_users_add_refuses_weak_and_published_passwords(cli_engine, monkeypatch, capsys, password):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    assert main(["users", "add", "ruth", "--role", "inspector"]) == 1
    assert "password:" in capsys.readouterr().err
    with Session(cli_engine) as session:
        assert session.exec(select(User)).all() == []
