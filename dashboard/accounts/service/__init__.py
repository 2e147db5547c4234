"""User accounts: admin-only changes with hashed passwords; logins and sessions in `logins`.

Every change takes the acting `Actor`, is refused with PermissionDenied unless they are an admin,
and writes an audit entry in the caller's transaction. All functions are keyword-only after the
session, so the `/admin/users` page and the `dashboard users` command call them alike.
"""

from sqlmodel import Session

from dashboard.accounts.queries import active_admin_count, find_user, user_named, usernames
from dashboard.accounts.rules import (
    DEMO_USERNAMES,
    DEMO_USERS,
    HIDDEN,
    AccountError,
    DemoUser,
    SessionEnd,
    check_password,
    check_role,
    hash_password,
    is_production,
    one_time_password,
    system_actor,
    validate_new_user,
)
from dashboard.accounts.service.logins import (
    attempt_login,
    check_session,
    clear_throttle,
    end_user_sessions,
    log_out,
    open_session,
    record_login,
    record_login_attempt,
)
from dashboard.core.audit import Changes, record_change
from dashboard.core.permissions import ADMINS, Actor, require_role
from dashboard.core.plain_text import refuse_control_characters
from dashboard.core.vocabulary import Role
from models.accounts import User
from models.base import utc_now

__all__ = [
    "attempt_login",
    "check_session",
    "end_user_sessions",
    "log_out",
    "open_session",
    "record_login",
    "record_login_attempt",
]


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
    end_user_sessions(
        session, username=username, reason=SessionEnd.PASSWORD_CHANGE, actor=actor.username
    )
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
    if disabled:
        end_user_sessions(
            session, username=username, reason=SessionEnd.DISABLED, actor=actor.username
        )
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
    """Lift every login lock on the account now, from every address, and clear the failure
    counts (admins only)."""
    require_role(actor, ADMINS, "unlock user accounts")
    user = find_user(session, username)
    changes = clear_throttle(session, username)
    if changes:
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
    end_user_sessions(
        session, username=username, reason=SessionEnd.ROLE_CHANGE, actor=actor.username
    )
    return user


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
