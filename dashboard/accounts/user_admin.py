"""What the Users page needs beyond the account service: one-time passwords and the user list."""

import secrets
from datetime import datetime
from typing import Any

from sqlmodel import Session

from dashboard.accounts.service import add_user, as_utc, is_locked, list_users, set_password
from dashboard.core.permissions import Actor

ONE_TIME_PASSWORD_BYTES = 15  # 20 URL-safe characters, well over the 12-character minimum


def one_time_password() -> str:
    """A random password to hand over once; the user is asked to change it."""
    return secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES)


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
