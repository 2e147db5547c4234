"""Reads of user accounts: the list, one account, and whether a session's account is disabled."""

from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from dashboard.accounts.rules import AccountError, as_utc, is_locked, production_problems
from dashboard.core import db
from dashboard.core.vocabulary import Role
from models.accounts import User


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
    """Every account with role, last login and whether it is locked or disabled at `at`."""
    return [
        {
            "username": user.username,
            "name": user.display_name,
            "role": user.role,
            "last_login": as_utc(user.last_login_at),
            "locked": is_locked(user, at),
            "disabled": user.disabled,
        }
        for user in list_users(session)
    ]


def production_refusals(engine: Engine, cookie_key: str | None) -> list[str]:
    """Why production mode must not serve this database with this cookie key."""
    with db.session_scope(engine) as session:
        accounts = [(user.username, user.password_hash) for user in list_users(session)]
    return production_problems(accounts=accounts, cookie_key=cookie_key)


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
