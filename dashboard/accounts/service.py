"""User accounts: admin-only changes with hashed passwords, the login lockout, and credentials.

Every change takes the acting `Actor`, is refused with PermissionDenied unless they are an admin,
and writes an audit entry in the caller's transaction. All functions are keyword-only after the
session, so the `/admin/users` page and the `dashboard users` command call them alike.
"""

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import bcrypt
from sqlmodel import Session, col, func, select

from dashboard.core.audit import Changes, record_change
from dashboard.core.permissions import ADMINS, Actor, require_role
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role
from models.accounts import User
from models.base import utc_now

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_BYTES = 72  # bcrypt refuses longer passwords
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
LOCKOUT_THRESHOLD = 5
LOCKOUT_PERIOD = timedelta(minutes=15)
HIDDEN = "(not shown)"


class AccountError(Refused):
    """A user account request that cannot be carried out, with the reason."""


class LoginEvent:
    """The audit actions a login attempt records (entity 'user', key the username)."""

    SUCCESS = "login"
    FAILURE = "login_failed"
    LOCKOUT = "lockout"
    WHILE_LOCKED = "login_locked"
    DISABLED = "login_disabled"


@dataclass(frozen=True)
class LoginOutcome:
    """What a login attempt led to: allowed or not, the audit action, the counter and any lock."""

    allowed: bool
    event: str
    failed_logins: int
    locked_until: datetime | None


def system_actor(name: str) -> Actor:
    """The actor for the command line and demo seeding: whoever runs them already holds the
    database, so they act as an admin, recorded under `name` (e.g. 'cli:alice')."""
    return Actor(name, name, Role.ADMIN)


def hash_password(password: str) -> str:
    """The bcrypt hash of a password (the login form compares against it)."""
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def password_matches(password: str, password_hash: str) -> bool:
    """Whether the password is the one the hash was made from."""
    encoded = password.encode()
    return len(encoded) <= MAX_PASSWORD_BYTES and bcrypt.checkpw(encoded, password_hash.encode())


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored timestamp as an aware UTC instant (SQLite hands them back without a zone)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@cache
def unmatchable_hash() -> str:
    """A well-formed hash of a random secret: a locked account's stand-in that no password opens."""
    return bcrypt.hashpw(secrets.token_urlsafe(32).encode(), bcrypt.gensalt(rounds=4)).decode()


def check_password(password: str) -> None:
    """Refuse a password bcrypt cannot take or that is too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: at least {MIN_PASSWORD_LENGTH} characters are required")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise AccountError(f"password: at most {MAX_PASSWORD_BYTES} bytes can be used")


def check_role(role: str) -> None:
    """Refuse a role the dashboard does not know."""
    if role not in set(Role):
        raise AccountError(f"role '{role}': choose one of {', '.join(Role)}")


def _validate_new_user(username: str, role: str, password: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"username '{username}': use 2-60 lower-case letters, digits, '.', '_' or '-'"
        )
    check_role(role)
    check_password(password)


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
    """Create an account (admins only); refuses a bad name, unknown role, short password or
    duplicate."""
    require_role(actor, ADMINS, "add user accounts")
    _validate_new_user(username, role, password)
    if session.exec(select(User).where(User.username == username)).first():
        raise AccountError(f"username '{username}' already exists")
    user = User(
        username=username,
        display_name=display_name or username,
        email=email,
        role=role,
        password_hash=hash_password(password),
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


def find_user(session: Session, username: str) -> User:
    """The account with this username, or AccountError naming it."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise AccountError(f"no user '{username}'")
    return user


def _refuse_if_last_admin(session: Session, user: User, doing: str) -> None:
    """An admin may not remove the last way in: the only active admin stays active and admin."""
    if user.role != Role.ADMIN or user.disabled:
        return
    admins = session.exec(
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, col(User.disabled).is_(False))
    ).one()
    if admins <= 1:
        raise AccountError(
            f"{user.username} is the last active admin: add or enable another admin before "
            f"you {doing}"
        )


def set_password(session: Session, *, actor: Actor, username: str, password: str) -> User:
    """Give an account a new password (admins only); the hash never enters the audit trail."""
    require_role(actor, ADMINS, "set passwords")
    check_password(password)
    user = find_user(session, username)
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


def login_outcome(
    *, failed_logins: int, locked_until: datetime | None, succeeded: bool, at: datetime
) -> LoginOutcome:
    """The lockout rule: 5 failures in a row lock the account for 15 minutes; while locked even
    the right password is refused; after the lock ends the count starts again."""
    if locked_until is not None and at < locked_until:
        return LoginOutcome(False, LoginEvent.WHILE_LOCKED, failed_logins, locked_until)
    failures = 0 if locked_until is not None else failed_logins
    if succeeded:
        return LoginOutcome(True, LoginEvent.SUCCESS, 0, None)
    failures += 1
    if failures >= LOCKOUT_THRESHOLD:
        return LoginOutcome(False, LoginEvent.LOCKOUT, failures, at + LOCKOUT_PERIOD)
    return LoginOutcome(False, LoginEvent.FAILURE, failures, None)


def record_login_attempt(
    session: Session, *, username: str, succeeded: bool, at: datetime
) -> LoginOutcome:
    """Apply the lockout rule to an account's login attempt and audit it (success, failure,
    lockout or refusal), in the caller's transaction."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None or user.disabled:
        event = LoginEvent.FAILURE if user is None else LoginEvent.DISABLED
        _audit_login(session, username, event, at, {})
        return LoginOutcome(False, event, 0, None)
    locked_until = as_utc(user.locked_until)
    outcome = login_outcome(
        failed_logins=user.failed_logins, locked_until=locked_until, succeeded=succeeded, at=at
    )
    changes: Changes = {}
    if user.failed_logins != outcome.failed_logins:
        changes["failed_logins"] = (user.failed_logins, outcome.failed_logins)
        user.failed_logins = outcome.failed_logins
    if locked_until != outcome.locked_until:
        before = locked_until.isoformat() if locked_until else None
        after = outcome.locked_until.isoformat() if outcome.locked_until else None
        changes["locked_until"] = (before, after)
        user.locked_until = outcome.locked_until
    if outcome.allowed:
        user.last_login_at = at
    session.add(user)
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


def is_locked(user: User, at: datetime) -> bool:
    """Whether the account is inside a lockout period at this instant."""
    locked_until = as_utc(user.locked_until)
    return locked_until is not None and at < locked_until


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.exec(select(User).order_by(User.username)))


def login_credentials(users: Iterable[User], *, at: datetime | None = None) -> dict[str, Any]:
    """The credentials mapping streamlit-authenticator checks: disabled accounts are left out;
    a locked account keeps its name but gets a hash no password matches, so the app can tell
    its owner it is locked."""
    now = at or utc_now()
    return {
        "usernames": {
            user.username: {
                "name": user.display_name,
                "email": user.email or "",
                "password": unmatchable_hash() if is_locked(user, now) else user.password_hash,
                "roles": [user.role],
            }
            for user in users
            if not user.disabled
        }
    }
