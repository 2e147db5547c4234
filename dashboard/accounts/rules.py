"""Account rules: passwords and roles accepted, the login lockout, the credentials the login
form checks, the demo logins and why production mode must not start with them.

Light to import (no pandas, no Altair): the login form reads these before anything else.
"""

import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

import bcrypt
from zxcvbn import zxcvbn

from dashboard.core.config import COOKIE_KEY_ENV, MIN_COOKIE_KEY_LENGTH
from dashboard.core.permissions import Actor
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role
from models.accounts import User
from models.base import utc_now

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_BYTES = 72  # bcrypt refuses longer passwords
# zxcvbn's scale 0-4: 3 is "safely unguessable" against an online attacker slowed by bcrypt.
MIN_PASSWORD_SCORE = 3
# Letters a password needs beyond the username and display name (zxcvbn alone accepts
# "ruth-okafor-2026" for Ruth Okafor).
MIN_OWN_LETTERS = 6
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
LOCKOUT_THRESHOLD = 5
LOCKOUT_PERIOD = timedelta(minutes=15)
HIDDEN = "(not shown)"
ONE_TIME_PASSWORD_BYTES = 15  # 20 URL-safe characters, well over the 12-character minimum
WRONG_PASSWORD = "Username or password is incorrect."
SESSION_ENDED = "Your login has ended: the account is disabled. Reload the page to log in."
ENVIRONMENT_VARIABLE = "OVERSIGHT_ENV"
PRODUCTION = "production"


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


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _built_from(password: str, names: Iterable[str]) -> bool:
    """Whether the password's letters are mostly the account's own names."""
    letters = remaining = _letters(password)
    for name in names:
        remaining = remaining.replace(_letters(name), "") if _letters(name) else remaining
    return remaining != letters and len(remaining) < MIN_OWN_LETTERS


def check_password(password: str, *, username: str = "", display_name: str = "") -> None:
    """Refuse a password bcrypt cannot take, too short, published, or easy to guess (zxcvbn,
    told the account's own names so a password built from them scores low)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: at least {MIN_PASSWORD_LENGTH} characters are required")
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise AccountError(f"password: at most {MAX_PASSWORD_BYTES} bytes can be used")
    if password in DEMO_PASSWORDS:
        raise AccountError("password: that is a published demo password; choose another")
    own = [name for name in (username, *display_name.split()) if len(name) >= 3]
    if _built_from(password, own):
        raise AccountError("password: it is made of the username or display name; add words")
    strength = zxcvbn(password, user_inputs=own)
    if strength["score"] < MIN_PASSWORD_SCORE:
        hint = strength["feedback"]["warning"] or "it is easy to guess"
        raise AccountError(
            f"password: too easy to guess ({hint.rstrip('.')}); use a longer phrase of "
            "unrelated words"
        )


def check_role(role: str) -> None:
    """Refuse a role the dashboard does not know."""
    if role not in set(Role):
        raise AccountError(f"role '{role}': choose one of {', '.join(Role)}")


def validate_new_user(username: str, role: str, password: str, display_name: str = "") -> None:
    """Refuse a bad username, unknown role or weak password for a new account."""
    if not USERNAME_PATTERN.match(username):
        raise AccountError(
            f"username '{username}': use 2-60 lower-case letters, digits, '.', '_' or '-'"
        )
    check_role(role)
    check_password(password, username=username, display_name=display_name)


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


def is_locked(user: User, at: datetime) -> bool:
    """Whether the account is inside a lockout period at this instant."""
    locked_until = as_utc(user.locked_until)
    return locked_until is not None and at < locked_until


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


def one_time_password() -> str:
    """A random password to hand over once; the user is asked to change it."""
    return secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES)


def failed_username(credentials: Mapping[str, Any]) -> str | None:
    """The known user the login form just refused, if any.

    streamlit-authenticator counts a wrong password for a known user in the credentials mapping
    it was given; the app builds that mapping afresh each run, so a count means this run.
    """
    for username, entry in credentials.get("usernames", {}).items():
        if entry.get("failed_login_attempts", 0) > 0:
            return str(username)
    return None


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


@dataclass(frozen=True)
class DemoUser:
    """A demo login; the passwords are public and only for the demo database."""

    username: str
    display_name: str
    role: Role
    password: str


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Demo Admin", Role.ADMIN, "demo-admin-pass"),
    DemoUser("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER, "demo-manager-pass"),
    DemoUser("inspector", "Amira Shah", Role.INSPECTOR, "demo-inspector-pass"),
    DemoUser("partner", "Home Office (read-only)", Role.PARTNER, "demo-partner-pass"),
)


DEMO_USERNAMES = frozenset(user.username for user in DEMO_USERS)
DEMO_PASSWORDS = tuple(sorted({user.password for user in DEMO_USERS}))


def is_production(environ: Mapping[str, str] | None = None) -> bool:
    """Whether OVERSIGHT_ENV says this is the production installation."""
    value = (os.environ if environ is None else environ).get(ENVIRONMENT_VARIABLE, "")
    return value.strip().lower() == PRODUCTION


@lru_cache(maxsize=4096)
def has_demo_password(password_hash: str) -> bool:
    """Whether a stored hash opens with a demo password (bcrypt is slow: each hash once)."""
    return any(password_matches(password, password_hash) for password in DEMO_PASSWORDS)


def production_problems(
    *, accounts: Iterable[tuple[str, str]], cookie_key: str | None
) -> list[str]:
    """Why production mode must not start, one sentence each; none means it may.

    `accounts` are (username, password hash) of every account, disabled ones included (they can
    be enabled again).
    """
    problems: list[str] = []
    if not cookie_key:
        problems.append(
            f"No login cookie key is set: set {COOKIE_KEY_ENV} or [auth] cookie_key "
            "in .streamlit/secrets.toml."
        )
    elif len(cookie_key) < MIN_COOKIE_KEY_LENGTH:
        problems.append(
            f"The login cookie key has {len(cookie_key)} characters: use a random "
            f"one of at least {MIN_COOKIE_KEY_LENGTH}."
        )
    for username, password_hash in sorted(accounts):
        if username in DEMO_USERNAMES:
            problems.append(
                f"The demo login '{username}' exists: production needs a database "
                "without the demo (demo usernames are reserved)."
            )
        elif has_demo_password(password_hash):
            problems.append(
                f"User '{username}' has a published demo password: set another with "
                f"`dashboard users set-password {username}`."
            )
    return problems
