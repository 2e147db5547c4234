"""User accounts: creation with hashed passwords, and the credentials the login form checks."""

import re
from collections.abc import Iterable
from typing import Any

import bcrypt
from sqlmodel import Session, select

from dashboard.audit import record_change
from dashboard.vocabulary import Role
from models.accounts import User
from models.base import utc_now

MIN_PASSWORD_LENGTH = 12
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")


class AccountError(ValueError):
    """A user account request that cannot be carried out, with the reason."""


def hash_password(password: str) -> str:
    """The bcrypt hash of a password (the login form compares against it)."""
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def password_matches(password: str, password_hash: str) -> bool:
    """Whether the password is the one the hash was made from."""
    return bcrypt.checkpw(password.encode(), password_hash.encode())


def _validate_new_user(username: str, role: str, password: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"username '{username}': use 2-60 lower-case letters, digits, '.', '_' or '-'"
        )
    if role not in set(Role):
        raise AccountError(f"role '{role}': choose one of {', '.join(Role)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: at least {MIN_PASSWORD_LENGTH} characters are required")


def add_user(
    session: Session,
    *,
    actor: str,
    username: str,
    role: str,
    password: str,
    display_name: str | None = None,
    email: str | None = None,
) -> User:
    """Create an account; refuses a bad name, an unknown role, a short password or a duplicate."""
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
    record_change(
        session,
        actor=actor,
        action="create",
        entity="user",
        entity_key=username,
        changes={"role": (None, role), "display_name": (None, user.display_name)},
    )
    return user


def list_users(session: Session) -> list[User]:
    """Every account, by username."""
    return list(session.exec(select(User).order_by(User.username)))


def login_credentials(users: Iterable[User]) -> dict[str, Any]:
    """The credentials mapping streamlit-authenticator checks; disabled accounts are left out."""
    return {
        "usernames": {
            user.username: {
                "name": user.display_name,
                "email": user.email or "",
                "password": user.password_hash,
                "roles": [user.role],
            }
            for user in users
            if not user.disabled
        }
    }
