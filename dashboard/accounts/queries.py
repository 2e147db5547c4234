"""Reads of user accounts: the list, one account, locks, and the login session a token opens."""

from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from dashboard.accounts.rules import (
    AccountError,
    as_utc,
    is_locked,
    production_problems,
    token_digest,
)
from dashboard.core import db
from dashboard.core.vocabulary import Role
from models.accounts import LoginSession, LoginThrottle, User


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.exec(select(User).order_by(User.username)))


def find_user(session: Session, username: str) -> User:
    """The account with this username, or AccountError naming it."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise AccountError(f"no user '{username}'")
    return user


def user_rows(session: Session, at: datetime) -> list[dict[str, Any]]:
    """Every account with role, last login and whether it is locked (from any address) or
    disabled at `at`."""
    locked = locked_usernames(session, at)
    return [
        {
            "username": user.username,
            "name": user.display_name,
            "role": user.role,
            "last_login": as_utc(user.last_login_at),
            "locked": user.username in locked,
            "disabled": user.disabled,
        }
        for user in list_users(session)
    ]


def production_refusals(engine: Engine) -> list[str]:
    """Why production mode must not serve this database."""
    with db.session_scope(engine) as session:
        accounts = [(user.username, user.password_hash) for user in list_users(session)]
    return production_problems(accounts=accounts)


def account_disabled(engine: Engine, username: str | None) -> bool:
    """Whether a logged-in session belongs to an account disabled since it logged in."""
    if not username:
        return False
    with db.session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == username)).first()
        return bool(user and user.disabled)


def user_named(session: Session, username: str) -> User | None:
    """The account with this username, or None."""
    return session.exec(select(User).where(User.username == username)).first()


def active_admin_count(session: Session) -> int:
    """How many admins may log in."""
    statement = (
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN, col(User.disabled).is_(False))
    )
    return session.exec(statement).one()


def usernames(session: Session) -> set[str]:
    """Every username in use."""
    return set(session.exec(select(User.username)))


def locked_usernames(session: Session, at: datetime) -> set[str]:
    """Usernames locked from at least one address at `at`."""
    statement = select(LoginThrottle.username).where(col(LoginThrottle.locked_until) > at)
    return set(session.exec(statement))


def lock_of(session: Session, username: str) -> datetime | None:
    """When the last-ending lock on this username ends (from any address), or None."""
    statement = select(func.max(LoginThrottle.locked_until)).where(
        LoginThrottle.username == username
    )
    return as_utc(session.exec(statement).one())


def user_locked(session: Session, username: str, at: datetime) -> bool:
    """Whether the username is locked from any address at `at`."""
    return is_locked(lock_of(session, username), at)


def session_for_token(session: Session, token: str) -> tuple[LoginSession, User | None] | None:
    """The session row a cookie's token names (looked up by its hash) with its account."""
    statement = (
        select(LoginSession, User)
        .join(User, col(User.username) == col(LoginSession.username), isouter=True)
        .where(LoginSession.token_hash == token_digest(token))
    )
    row = session.exec(statement).first()
    return None if row is None else (row[0], row[1])
