"""Logins: password checks that answer alike for every username, the per-address throttle, and
server-side sessions that logout, password changes, disabling, role changes and time end.

Every write is a single UPDATE or INSERT (no read-modify-write under a version check), so many
browsers on one account, or many attempts at one moment, never refuse each other. Every attempt,
login, logout and ended session is audited; no password or token is ever stored (a session row
keeps only the token's SHA-256).
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col

from dashboard.accounts.queries import session_for_token, user_named
from dashboard.accounts.rules import (
    UNKNOWN_ADDRESS,
    LoginEvent,
    LoginOutcome,
    LoginResult,
    SessionCheck,
    SessionEnd,
    SessionLimits,
    SessionUser,
    as_utc,
    dummy_hash,
    login_outcome,
    needs_touch,
    new_session_token,
    password_matches,
    session_end,
    token_digest,
)
from dashboard.core import db
from dashboard.core.audit import Changes, record_change
from models.accounts import AuditEntry, LoginSession, LoginThrottle, User
from models.base import utc_now

USERNAME_LENGTH = 60


def _audit(
    session: Session, actor: str, action: str, username: str, changes: Changes | None = None
) -> AuditEntry:
    return record_change(
        session,
        actor=actor[:USERNAME_LENGTH],
        action=action,
        entity="user",
        entity_key=username[:200],
        changes=changes or None,
    )


def _ensure_throttle(session: Session, username: str, address: str) -> None:
    """The (username, address) counter row, inserted once; a concurrent insert is no error."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(LoginThrottle)
        .values(username=username, address=address, failed_logins=0)
        .on_conflict_do_nothing(index_elements=["username", "address"])
    )
    session.execute(statement)


def _throttle(username: str, address: str) -> Any:
    return (col(LoginThrottle.username) == username) & (col(LoginThrottle.address) == address)


def record_login_attempt(
    session: Session,
    *,
    username: str,
    succeeded: bool,
    address: str = UNKNOWN_ADDRESS,
    at: datetime | None = None,
) -> LoginOutcome:
    """Apply the lockout rule to one attempt on `username` from `address` and audit it, in the
    caller's transaction; `succeeded` means the password matched an enabled account.

    The counter row is locked first (a no-op UPDATE: PostgreSQL's row lock, SQLite's write lock),
    so attempts at the same moment are counted one after another; the count itself is written as
    `failed_logins + 1`. Unknown usernames are counted and audited like known ones.
    """
    username = username[:USERNAME_LENGTH]
    _ensure_throttle(session, username, address)
    claim = (
        sa.update(LoginThrottle)
        .where(_throttle(username, address))
        .values(failed_logins=LoginThrottle.failed_logins)
        .returning(col(LoginThrottle.failed_logins), col(LoginThrottle.locked_until))
        .execution_options(synchronize_session=False)
    )
    failed_logins, locked_until = session.execute(claim).one()
    locked_until = as_utc(locked_until)
    at = at or utc_now()
    outcome = login_outcome(
        failed_logins=failed_logins, locked_until=locked_until, succeeded=succeeded, at=at
    )
    changes: Changes = {}
    if failed_logins != outcome.failed_logins:
        changes["failed_logins"] = (failed_logins, outcome.failed_logins)
    if outcome.locked_until != locked_until and outcome.event != LoginEvent.SUCCESS:
        after = outcome.locked_until.isoformat() if outcome.locked_until else None
        changes["locked_until"] = (locked_until.isoformat() if locked_until else None, after)
    if outcome.allowed:
        _reset(session, _throttle(username, address))
        session.execute(
            sa.update(User).where(col(User.username) == username).values(last_login_at=at)
        )
    elif outcome.event != LoginEvent.WHILE_LOCKED:
        session.execute(
            sa.update(LoginThrottle)
            .where(_throttle(username, address))
            .values(
                failed_logins=LoginThrottle.failed_logins + 1,
                locked_until=outcome.locked_until,
            )
            .execution_options(synchronize_session=False)
        )
    event = outcome.event
    if event == LoginEvent.FAILURE and _disabled(session, username):
        event = LoginEvent.DISABLED
    changes["address"] = (None, address)
    _audit(session, username, event, username, changes).at = at
    return outcome


def _disabled(session: Session, username: str) -> bool:
    user = user_named(session, username)
    return bool(user and user.disabled)


def record_login(
    engine: Engine, username: str, *, succeeded: bool, address: str = UNKNOWN_ADDRESS
) -> LoginOutcome:
    """Record one attempt in its own (short) transaction; attempts at the same moment wait for
    each other, so none fails or is lost."""
    with db.session_scope(engine) as session:
        return record_login_attempt(
            session, username=username, succeeded=succeeded, address=address
        )


def attempt_login(engine: Engine, *, username: str, password: str, address: str) -> LoginResult:
    """Check a username and password, count and audit the attempt, and open a session if it
    is allowed. Exactly one bcrypt check runs whatever the username (a dummy hash for unknown
    or disabled accounts), outside any transaction, so every refusal takes as long."""
    with db.session_scope(engine) as session:
        user = user_named(session, username)
        account = None if user is None or user.disabled else (user.password_hash, user)
        found = (
            None
            if account is None
            else SessionUser(account[1].username, account[1].display_name, account[1].role)
        )
    matched = password_matches(password, account[0] if account else dummy_hash())
    with db.session_scope(engine) as session:
        at = utc_now()
        outcome = record_login_attempt(
            session,
            username=username,
            succeeded=matched and found is not None,
            address=address,
            at=at,
        )
        if not outcome.allowed or found is None:
            return LoginResult(outcome)
        return LoginResult(outcome, open_session(session, found, at=at), found)


def open_session(session: Session, user: SessionUser, *, at: datetime | None = None) -> str:
    """A new session row for a login that has been allowed; returns the token (never stored)."""
    at = at or utc_now()
    token = new_session_token()
    session.add(
        LoginSession(
            token_hash=token_digest(token),
            username=user.username,
            display_name=user.name,
            role=user.role,
            created_at=at,
            last_seen_at=at,
        )
    )
    return token


def _end_where(session: Session, where: Any, reason: SessionEnd, at: datetime) -> list[str]:
    """End the open sessions matching `where`; returns the username of each one ended."""
    statement = (
        sa.update(LoginSession)
        .where(where, col(LoginSession.ended_at).is_(None))
        .values(ended_at=at, ended_reason=reason.value)
        .returning(col(LoginSession.username))
        .execution_options(synchronize_session=False)
    )
    return list(session.execute(statement).scalars())


def end_user_sessions(session: Session, *, username: str, reason: SessionEnd, actor: str) -> int:
    """End every open session of an account (password change, disabled, role change), audited
    once with how many ended and why, in the caller's transaction."""
    ended = _end_where(session, col(LoginSession.username) == username, reason, utc_now())
    if ended:
        _audit(
            session,
            actor,
            LoginEvent.SESSION_ENDED,
            username,
            {"open_sessions": (len(ended), 0), "ended_reason": (None, reason.value)},
        )
    return len(ended)


def log_out(engine: Engine, token: str) -> None:
    """End the session this token opened (pressing "Log out"), audited as a logout."""
    with db.session_scope(engine) as session:
        where = col(LoginSession.token_hash) == token_digest(token)
        for username in _end_where(session, where, SessionEnd.LOGOUT, utc_now()):
            _audit(session, username, LoginEvent.LOGOUT, username)


def check_session(
    engine: Engine, token: str, *, limits: SessionLimits, at: datetime | None = None
) -> SessionCheck:
    """Whether a token's session still lasts, checked on every page run: not ended, not idle,
    within its absolute limit and its account not disabled (sessions are opened only for an
    existing account and accounts are never deleted). A session found over is ended here
    (audited, once even if several runs find it at once); `last seen` is written by one
    UPDATE at most once a minute."""
    at = at or utc_now()
    with db.session_scope(engine) as session:
        found = session_for_token(session, token)
        if found is None:
            return SessionCheck()
        row, user = found
        if row.ended_at is not None:
            return SessionCheck(ended=SessionEnd(row.ended_reason or SessionEnd.LOGOUT))
        created, seen = as_utc(row.created_at), as_utc(row.last_seen_at)
        assert created is not None and seen is not None  # the columns are NOT NULL
        reason = session_end(created_at=created, last_seen_at=seen, at=at, limits=limits)
        if reason is None and user is not None and user.disabled:
            reason = SessionEnd.DISABLED
        if reason is not None:
            if _end_where(session, col(LoginSession.id) == row.id, reason, at):
                _audit(
                    session,
                    row.username,
                    LoginEvent.SESSION_ENDED,
                    row.username,
                    {"ended_reason": (None, reason.value)},
                )
            return SessionCheck(ended=reason)
        user_now = SessionUser(row.username, row.display_name, row.role)
    if needs_touch(seen, at):
        _touch(engine, row.id, at)
    return SessionCheck(user=user_now)


def _touch(engine: Engine, session_id: int | None, at: datetime) -> None:
    """Write `last seen` in a transaction of its own that leaves the data version alone: it is
    bookkeeping no page shows, and moving the version would empty every cache each minute for
    each person logged in."""
    with engine.connect() as connection:
        connection.execution_options(**{db.DATA_VERSION_OPTION: False})
        connection.execute(
            sa.update(LoginSession)
            .where(col(LoginSession.id) == session_id, col(LoginSession.last_seen_at) < at)
            .values(last_seen_at=at)
        )
        connection.commit()


def _reset(session: Session, where: Any) -> list[Any]:
    """Set the matching counters back to nothing (kept, not deleted, so an attempt that has just
    made sure of its row always finds it); returns each row's state before, as locked."""
    claim = (
        sa.update(LoginThrottle)
        .where(where)
        .values(failed_logins=LoginThrottle.failed_logins)
        .returning(col(LoginThrottle.failed_logins), col(LoginThrottle.locked_until))
        .execution_options(synchronize_session=False)
    )
    before = list(session.execute(claim).all())
    session.execute(
        sa.update(LoginThrottle)
        .where(where)
        .values(failed_logins=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    return before


def clear_throttle(session: Session, username: str) -> Changes:
    """Lift every lock and failure count of a username (all addresses), waiting for attempts in
    progress; the audit changes."""
    before = _reset(session, col(LoginThrottle.username) == username)
    failed = max((row[0] for row in before), default=0)
    locks = [until for row in before if (until := as_utc(row[1])) is not None]
    changes: Changes = {}
    if failed:
        changes["failed_logins"] = (failed, 0)
    if locks:
        changes["locked_until"] = (max(locks).isoformat(), None)
    return changes
