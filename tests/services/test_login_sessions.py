"""Server-side login sessions: what opens one, what ends one (and is audited), and the timeouts,
on SQLite and PostgreSQL."""

import json
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.accounts.rules import SessionEnd, SessionLimits, as_utc, system_actor, token_digest
from dashboard.accounts.service import (
    add_user,
    attempt_login,
    change_role,
    check_session,
    disable_user,
    log_out,
    set_password,
)
from dashboard.core import db
from dashboard.core.vocabulary import Role
from models import AuditEntry, LoginSession
from models.base import utc_now

CLI = system_actor("cli:ada")
PASSWORD = "ina-long-password"
LIMITS = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


@pytest.fixture
def ina(engine: Engine) -> Engine:
    with db.session_scope(engine) as session:
        add_user(session, actor=CLI, username="ina", role=Role.INSPECTOR, password=PASSWORD)
        add_user(session, actor=CLI, username="root", role=Role.ADMIN, password="root-long-pass")
    return engine


def _login(engine: Engine) -> str:
    result = attempt_login(engine, username="ina", password=PASSWORD, address="203.0.113.9")
    assert result.token is not None
    return result.token


def _actions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.entity_key == "ina").order_by(AuditEntry.id)
        )
        return [entry.action for entry in entries if entry.action != "create"]


def test_a_login_keeps_only_the_hash_of_its_token(ina):
    token = _login(ina)
    with Session(ina) as session:
        row = session.exec(select(LoginSession)).one()
    assert (row.username, row.role, row.ended_at) == ("ina", Role.INSPECTOR, None)
    assert row.token_hash == token_digest(token) and token not in row.token_hash
    check = check_session(ina, token, limits=LIMITS)
    assert check.user is not None and check.user.username == "ina"


@pytest.mark.parametrize(
    ("end", "reason", "who"),
    [
        (
            lambda s: set_password(s, actor=CLI, username="ina", password="a-new-long-phrase-9"),
            SessionEnd.PASSWORD_CHANGE,
            "cli:ada",
        ),
        (lambda s: disable_user(s, actor=CLI, username="ina"), SessionEnd.DISABLED, "cli:ada"),
        (
            lambda s: change_role(s, actor=CLI, username="ina", role=Role.PARTNER),
            SessionEnd.ROLE_CHANGE,
            "cli:ada",
        ),
    ],
    ids=["set-password", "disable", "role-change"],
)
def test_account_changes_end_every_session_of_the_user(ina, end, reason, who):
    tokens = [_login(ina), _login(ina)]
    with db.session_scope(ina) as session:
        end(session)
    for token in tokens:
        assert check_session(ina, token, limits=LIMITS).ended == reason
    with Session(ina) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "session_ended")).one()
    assert (entry.username, entry.entity_key) == (who, "ina")
    assert json.loads(entry.changes) == {
        "open_sessions": [2, 0],
        "ended_reason": [None, reason.value],
    }


def test_logout_ends_only_that_session_and_is_audited(ina):
    kept, ended = _login(ina), _login(ina)
    log_out(ina, ended)
    assert check_session(ina, ended, limits=LIMITS).ended == SessionEnd.LOGOUT
    assert check_session(ina, kept, limits=LIMITS).user is not None
    log_out(ina, ended)  # twice (two tabs): one audit entry
    assert _actions(ina) == ["login", "login", "logout"]


def test_an_unknown_token_opens_nothing(ina):
    check = check_session(ina, "forged-token", limits=LIMITS)
    assert (check.user, check.ended) == (None, None)


def test_idle_and_absolute_timeouts_end_the_session_once_audited(ina):
    idle, old = _login(ina), _login(ina)
    now = utc_now()
    assert check_session(ina, idle, limits=LIMITS, at=now + timedelta(minutes=30)).ended == (
        SessionEnd.IDLE
    )
    for minutes in range(20, 12 * 60, 20):  # used every 20 minutes: never idle
        assert check_session(ina, old, limits=LIMITS, at=now + timedelta(minutes=minutes)).user
    late = now + timedelta(hours=12)
    assert check_session(ina, old, limits=LIMITS, at=late).ended == SessionEnd.EXPIRED
    assert check_session(ina, old, limits=LIMITS, at=late).ended == SessionEnd.EXPIRED
    assert _actions(ina) == ["login", "login", "session_ended", "session_ended"]


def test_last_seen_is_written_at_most_once_a_minute(ina):
    token = _login(ina)
    with Session(ina) as session:
        created = as_utc(session.exec(select(LoginSession.last_seen_at)).one())
    for seconds, expected in [(30, created), (61, created + timedelta(seconds=61))]:
        check_session(ina, token, limits=LIMITS, at=created + timedelta(seconds=seconds))
        with Session(ina) as session:
            assert as_utc(session.exec(select(LoginSession.last_seen_at)).one()) == expected


def test_unknown_and_wrong_passwords_get_the_same_outcome_and_both_are_audited(ina):
    wrong = attempt_login(ina, username="ina", password="not-it-at-all", address="a")
    unknown = attempt_login(ina, username="nobody", password="not-it-at-all", address="a")
    assert (wrong.outcome.event, wrong.token) == (unknown.outcome.event, unknown.token)
    with Session(ina) as session:
        keys = session.exec(
            select(AuditEntry.entity_key).where(AuditEntry.action == "login_failed")
        ).all()
        texts = " ".join(session.exec(select(AuditEntry.changes)).all() or [""])
    assert sorted(keys) == ["ina", "nobody"]
    assert "not-it-at-all" not in str(texts)


@pytest.mark.parametrize("username", ["ina", "nobody"])
def test_every_attempt_runs_exactly_one_bcrypt_check(ina, monkeypatch, username):
    """Unknown usernames are checked against a dummy hash: they take as long as known ones."""
    from dashboard.accounts.service import logins

    checked: list[str] = []
    real = logins.password_matches
    monkeypatch.setattr(logins, "password_matches", lambda pw, h: checked.append(h) or real(pw, h))
    attempt_login(ina, username=username, password="not-it-at-all", address="a")
    assert len(checked) == 1 and checked[0].startswith("$2b$12$")


def test_writing_last_seen_leaves_the_data_version_and_so_every_cache_alone(ina):
    token = _login(ina)
    with Session(ina) as session:
        created = as_utc(session.exec(select(LoginSession.last_seen_at)).one())
    with ina.connect() as connection:
        before = db.read_data_version(connection)
    check_session(ina, token, limits=LIMITS, at=created + timedelta(minutes=5))
    with ina.connect() as connection:
        assert db.read_data_version(connection) == before
    with Session(ina) as session:
        seen = as_utc(session.exec(select(LoginSession.last_seen_at)).one())
    assert seen == created + timedelta(minutes=5)
