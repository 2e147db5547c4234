"""The login form's side of accounts: which user a failed form was for, recording each attempt
in its own transaction, the message a refused user sees, and the production-mode check."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import select

from dashboard.accounts.production import production_problems
from dashboard.accounts.service import (
    LOCKOUT_THRESHOLD,
    LoginEvent,
    LoginOutcome,
    list_users,
    record_login_attempt,
)
from dashboard.core import db
from models.accounts import User
from models.base import utc_now

WRONG_PASSWORD = "Username or password is incorrect."
SESSION_ENDED = "Your login has ended: the account is disabled. Reload the page to log in."


def failed_username(credentials: Mapping[str, Any]) -> str | None:
    """The known user the login form just refused, if any.

    streamlit-authenticator counts a wrong password for a known user in the credentials mapping
    it was given; the app builds that mapping afresh each run, so a count means this run.
    """
    for username, entry in credentials.get("usernames", {}).items():
        if entry.get("failed_login_attempts", 0) > 0:
            return str(username)
    return None


def _record(engine: Engine, username: str, succeeded: bool) -> LoginOutcome:
    with db.session_scope(engine) as session:
        return record_login_attempt(session, username=username, succeeded=succeeded, at=utc_now())


def record_login(engine: Engine, username: str, *, succeeded: bool) -> LoginOutcome:
    """Record one attempt in its own transaction; a racing attempt on the same user is retried."""
    try:
        return _record(engine, username, succeeded)
    except StaleDataError:  # another attempt on this user saved first: count on top of it
        return _record(engine, username, succeeded)


def refusal_message(outcome: LoginOutcome) -> str:
    """What the login form says after a refused attempt: a lock names the time it ends."""
    if outcome.locked_until is not None and outcome.event in (
        LoginEvent.LOCKOUT,
        LoginEvent.WHILE_LOCKED,
    ):
        return (
            f"This account is locked until {outcome.locked_until:%H:%M} UTC after "
            f"{LOCKOUT_THRESHOLD} failed logins. Try again then, or ask an administrator "
            "to unlock it."
        )
    return WRONG_PASSWORD


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
