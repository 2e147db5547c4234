"""User accounts: admin-only changes with hashed passwords, the login lockout, and credentials.

Every change takes the acting `Actor`, is refused with PermissionDenied unless they are an admin,
and writes an audit entry in the caller's transaction. All functions are keyword-only after the
session, so the `/admin/users` page and the `dashboard users` command call them alike.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Engine, Row
from sqlmodel import Session, col

from dashboard.accounts.queries import active_admin_count, find_user, user_named, usernames
from dashboard.accounts.rules import (
    DEMO_USERNAMES,
    DEMO_USERS,
    HIDDEN,
    AccountError,
    DemoUser,
    LoginEvent,
    LoginOutcome,
    as_utc,
    check_password,
    check_role,
    hash_password,
    is_production,
    login_outcome,
    one_time_password,
    system_actor,
    validate_new_user,
)
from dashboard.core import db
from dashboard.core.audit import Changes, record_change
from dashboard.core.permissions import ADMINS, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.vocabulary import Role
from models.accounts import User
from models.base import utc_now


def _audit(session: Session, actor: Actor, action: str, username: str, changes: Changes) -> None:
    record_change(
        session,
        actor=actor.username,
        action=action,
        entity="user",
        entity_key=username,
        changes=changes,
    )


def add_user(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: str,
    password: str,
    display_name: str | None = None,
    email: str | None = None,
) -> User:
    """Create an account (admins only); refuses a bad name, unknown role, weak password,
    duplicate, or in production a reserved demo username."""
    require_role(actor, ADMINS, "add user accounts")
    validate_new_user(username, role, password, display_name or "")
    if is_production() and username in DEMO_USERNAMES:
        raise AccountError(f"username '{username}' is reserved for the demo; choose another")
    return _create_user(
        session, actor, username, role, hash_password(password), display_name, email
    )


def _create_user(
    session: Session,
    actor: Actor,
    username: str,
    role: str,
    password_hash: str,
    display_name: str | None = None,
    email: str | None = None,
) -> User:
    """Insert the account and audit it (the caller has checked everything)."""
    refuse_control_characters(display_name=display_name)
    if user_named(session, username) is not None:
        raise AccountError(f"username '{username}' already exists")
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        role=role,
        password_hash=password_hash,
        created_at=utc_now(),
    )
    session.add(user)
    _audit(
        session,
        actor,
        "create",
        username,
        {"role": (None, role), "display_name": (None, user.display_name)},
    )
    return user


def _refuse_if_last_admin(session: Session, user: User, doing: str) -> None:
    """An admin may not remove the last way in: the only active admin stays active and admin."""
    if user.role != Role.ADMIN or user.disabled:
        return
    if active_admin_count(session) <= 1:
        raise AccountError(
            f"{user.username} is the last active admin: add or enable another admin before "
            f"you {doing}"
        )


def set_password(session: Session, *, actor: Actor, username: str, password: str) -> User:
    """Give an account a new password (admins only); the hash never enters the audit trail."""
    require_role(actor, ADMINS, "set passwords")
    user = find_user(session, username)
    check_password(password, username=user.username, display_name=user.display_name)
    user.password_hash = hash_password(password)
    session.add(user)
    _audit(session, actor, "update", username, {"password": (HIDDEN, "(changed)")})
    return user


def _set_disabled(session: Session, actor: Actor, username: str, disabled: bool) -> User:
    user = find_user(session, username)
    if user.disabled == disabled:
        return user
    if disabled:
        _refuse_if_last_admin(session, user, "disable it")
    user.disabled = disabled
    session.add(user)
    _audit(session, actor, "update", username, {"disabled": (not disabled, disabled)})
    return user


def disable_user(session: Session, *, actor: Actor, username: str) -> User:
    """Stop an account logging in (admins only); never the last active admin."""
    require_role(actor, ADMINS, "disable user accounts")
    return _set_disabled(session, actor, username, True)


def enable_user(session: Session, *, actor: Actor, username: str) -> User:
    """Let a disabled account log in again (admins only)."""
    require_role(actor, ADMINS, "enable user accounts")
    return _set_disabled(session, actor, username, False)


def unlock_user(session: Session, *, actor: Actor, username: str) -> User:
    """Lift a login lockout now and clear the failure count (admins only)."""
    require_role(actor, ADMINS, "unlock user accounts")
    _claim_account(session, username)  # a login at the same moment waits, or is waited for
    user = find_user(session, username)
    changes: Changes = {}
    if user.failed_logins:
        changes["failed_logins"] = (user.failed_logins, 0)
    locked_until = as_utc(user.locked_until)
    if locked_until is not None:
        changes["locked_until"] = (locked_until.isoformat(), None)
    if changes:
        user.failed_logins, user.locked_until = 0, None
        session.add(user)
        _audit(session, actor, "unlock", username, changes)
    return user


def change_role(session: Session, *, actor: Actor, username: str, role: str) -> User:
    """Give an account another role (admins only); never demote the last active admin."""
    require_role(actor, ADMINS, "change user roles")
    check_role(role)
    user = find_user(session, username)
    if user.role == role:
        return user
    _refuse_if_last_admin(session, user, "give it another role")
    _audit(session, actor, "update", username, {"role": (user.role, role)})
    user.role = role
    session.add(user)
    return user


def _claim_account(session: Session, username: str) -> Row[Any] | None:
    """Lock the account's row for the rest of the transaction and read its lockout state.

    A no-op UPDATE takes PostgreSQL's row lock and SQLite's write lock (waiting, up to the busy
    timeout, for another attempt to commit) and returns the row as that attempt left it, so the
    rule below is applied to each attempt in turn and no attempt counts on a stale read.
    """
    claim = (
        sa.update(User)
        .where(col(User.username) == username)
        .values(failed_logins=User.failed_logins)
        .returning(col(User.disabled), col(User.failed_logins), col(User.locked_until))
        .execution_options(synchronize_session=False)
    )
    return session.execute(claim).first()


def record_login_attempt(
    session: Session, *, username: str, succeeded: bool, at: datetime | None = None
) -> LoginOutcome:
    """Apply the lockout rule to an account's login attempt and audit it (success, failure,
    lockout or refusal), in the caller's transaction.

    The account's row is locked first, so attempts at the same moment are counted one after
    another, never over each other; `at` defaults to the moment the lock is held. The row's
    version is left alone: a login is not an edit, and must not refuse an admin's change to the
    account (role, password, disabled) that happens to land at the same time.
    """
    account = _claim_account(session, username)
    at = at or utc_now()
    if account is None or account.disabled:
        event = LoginEvent.FAILURE if account is None else LoginEvent.DISABLED
        _audit_login(session, username, event, at, {})
        return LoginOutcome(False, event, 0, None)
    failed_logins, locked_until = account.failed_logins, as_utc(account.locked_until)
    outcome = login_outcome(
        failed_logins=failed_logins, locked_until=locked_until, succeeded=succeeded, at=at
    )
    values: dict[str, Any] = {}
    changes: Changes = {}
    if failed_logins != outcome.failed_logins:
        changes["failed_logins"] = (failed_logins, outcome.failed_logins)
        values["failed_logins"] = outcome.failed_logins
    if locked_until != outcome.locked_until:
        before = locked_until.isoformat() if locked_until else None
        after = outcome.locked_until.isoformat() if outcome.locked_until else None
        changes["locked_until"] = (before, after)
        values["locked_until"] = outcome.locked_until
    if outcome.allowed:
        values["last_login_at"] = at
    if values:  # through the ORM, so a User already loaded in this session sees the new values
        session.execute(sa.update(User).where(col(User.username) == username).values(values))
    _audit_login(session, username, outcome.event, at, changes)
    return outcome


def _audit_login(
    session: Session, username: str, event: str, at: datetime, changes: Changes
) -> None:
    entry = record_change(
        session,
        actor=username[:60],
        action=event,
        entity="user",
        entity_key=username[:200],
        changes=changes or None,
    )
    entry.at = at


def record_login(engine: Engine, username: str, *, succeeded: bool) -> LoginOutcome:
    """Record one attempt in its own transaction; attempts on the same account at the same
    moment wait for each other's (short) transaction, so none fails or is lost."""
    with db.session_scope(engine) as session:
        return record_login_attempt(session, username=username, succeeded=succeeded)


def add_user_with_one_time_password(
    session: Session,
    *,
    actor: Actor,
    username: str,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
) -> str:
    """Create an account with a generated password and return it (shown once, never stored)."""
    password = one_time_password()
    add_user(
        session,
        actor=actor,
        username=username,
        role=role,
        password=password,
        display_name=display_name or None,
        email=email or None,
    )
    return password


def reset_password(session: Session, *, actor: Actor, username: str) -> str:
    """Give an account a new generated password and return it (shown once, never stored)."""
    password = one_time_password()
    set_password(session, actor=actor, username=username, password=password)
    return password


def add_demo_users(session: Session, *, actor: str) -> list[DemoUser]:
    """Create the demo logins that do not exist yet (never in production); returns those
    created. Their published passwords are allowed here only."""
    refuse_demo_in_production()
    existing = usernames(session)
    created = [user for user in DEMO_USERS if user.username not in existing]
    for user in created:
        password_hash = hash_password(user.password)
        _create_user(
            session, system_actor(actor), user.username, user.role, password_hash, user.display_name
        )
    return created


def refuse_demo_in_production() -> None:
    """Production mode never loads the demo programme or its logins."""
    if is_production():
        raise AccountError(
            "production mode (OVERSIGHT_ENV=production): the demo is never loaded into a "
            "production database"
        )
