"""Account rules: passwords and roles accepted, the login lockout, how long a login session
lasts, the demo logins and why production mode must not start with them.

Light to import (no pandas, no Altair): the login form reads these before anything else.
"""

import hashlib
import ipaddress
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cache, lru_cache

import bcrypt
from zxcvbn import zxcvbn

from dashboard.core.permissions import Actor
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_BYTES = 72  # bcrypt refuses longer passwords
# zxcvbn's scale 0-4: 3 is "safely unguessable" against an online attacker slowed by bcrypt.
MIN_PASSWORD_SCORE = 3
# Letters a password needs beyond the username and display name (zxcvbn alone accepts
# "ruth-okafor-2026" for Ruth Okafor).
MIN_OWN_LETTERS = 6
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
LOCKOUT_THRESHOLD = 5
LOCKOUT_PERIOD = timedelta(minutes=15)  # the first lock; each further failure doubles it
MAX_LOCKOUT_PERIOD = timedelta(hours=2)
UNKNOWN_ADDRESS = "unknown"
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)  # `last seen` is written at most this often
SESSION_TOKEN_BYTES = 32
HIDDEN = "(not shown)"
ONE_TIME_PASSWORD_BYTES = 15  # 20 URL-safe characters, well over the 12-character minimum
WRONG_PASSWORD = "Username or password is incorrect."
SESSION_ENDED = "Your login has ended: the account is disabled. Reload the page to log in."
LOGGED_OUT = "You have logged out."
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
    LOGOUT = "logout"
    SESSION_ENDED = "session_ended"


class SessionEnd(StrEnum):
    """Why a login session ended (stored on the session row and in the audit entry)."""

    LOGOUT = "logout"
    PASSWORD_CHANGE = "password_change"
    DISABLED = "disabled"
    ROLE_CHANGE = "role_change"
    IDLE = "idle"
    EXPIRED = "expired"


SESSION_END_MESSAGES = {
    SessionEnd.LOGOUT: "Your login has ended: you logged out. Log in again to continue.",
    SessionEnd.PASSWORD_CHANGE: "Your login has ended: the password was changed. Log in again.",
    SessionEnd.DISABLED: SESSION_ENDED,
    SessionEnd.ROLE_CHANGE: "Your login has ended: your role was changed. Log in again.",
    SessionEnd.IDLE: "Your login has ended after a time without use. Log in again.",
    SessionEnd.EXPIRED: "Your login has reached its time limit. Log in again.",
}


@dataclass(frozen=True)
class SessionLimits:
    """How long a login lasts: without use (idle), and at most from the moment of login."""

    idle: timedelta
    absolute: timedelta


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
def dummy_hash() -> str:
    """A hash of a random secret at the real hashes' cost: checked for an unknown, disabled or
    locked username so every refusal takes as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(32))


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


def lock_period(failures: int) -> timedelta:
    """The lock earned by `failures` in a row: 15 minutes at the fifth, doubling with each
    further failure up to two hours."""
    doublings = min(max(failures - LOCKOUT_THRESHOLD, 0), 8)  # 2**8 periods: past the cap
    return min(LOCKOUT_PERIOD * (1 << doublings), MAX_LOCKOUT_PERIOD)


def login_outcome(
    *, failed_logins: int, locked_until: datetime | None, succeeded: bool, at: datetime
) -> LoginOutcome:
    """The lockout rule for one username from one address: the fifth failure in a row locks for
    15 minutes; while locked even the right password is refused; after the lock each further
    failure locks again, twice as long (growing delays); a success starts the count again."""
    if locked_until is not None and at < locked_until:
        return LoginOutcome(False, LoginEvent.WHILE_LOCKED, failed_logins, locked_until)
    if succeeded:
        return LoginOutcome(True, LoginEvent.SUCCESS, 0, None)
    failures = failed_logins + 1
    if failures >= LOCKOUT_THRESHOLD:
        return LoginOutcome(False, LoginEvent.LOCKOUT, failures, at + lock_period(failures))
    return LoginOutcome(False, LoginEvent.FAILURE, failures, None)


def is_locked(locked_until: datetime | None, at: datetime) -> bool:
    """Whether a lock that ends at `locked_until` is still on at this instant."""
    until = as_utc(locked_until)
    return until is not None and at < until


def client_address(forwarded_for: str | None, peer: str | None) -> str:
    """The address a login attempt came from: the peer itself, unless it is this machine (the
    documented reverse proxy), whose last X-Forwarded-For entry names the client; a header from
    anyone else could be forged, so it is ignored. "unknown" when neither is known."""
    try:
        local = peer is not None and ipaddress.ip_address(peer).is_loopback
    except ValueError:
        local = False
    if local and forwarded_for:
        return forwarded_for.split(",")[-1].strip()[:64] or UNKNOWN_ADDRESS
    return (peer or UNKNOWN_ADDRESS)[:64]


def session_end(
    *, created_at: datetime, last_seen_at: datetime, at: datetime, limits: SessionLimits
) -> SessionEnd | None:
    """Why a session still open in the database is over at `at`, or None while it lasts: the
    absolute limit counts from the login, the idle limit from the last page run recorded."""
    if at >= created_at + limits.absolute:
        return SessionEnd.EXPIRED
    if at >= last_seen_at + limits.idle:
        return SessionEnd.IDLE
    return None


def needs_touch(last_seen_at: datetime, at: datetime) -> bool:
    """Whether `last seen` is old enough to write again (at most once a minute)."""
    return at - last_seen_at >= SESSION_TOUCH_INTERVAL


def new_session_token() -> str:
    """The random token a login cookie carries (256 bits)."""
    return secrets.token_urlsafe(SESSION_TOKEN_BYTES)


def token_digest(token: str) -> str:
    """What the database keeps of a token: its SHA-256, so a copy of the table opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def one_time_password() -> str:
    """A random password to hand over once; the user is asked to change it."""
    return secrets.token_urlsafe(ONE_TIME_PASSWORD_BYTES)


def refusal_message(outcome: LoginOutcome) -> str:
    """What the login form says after a refused attempt: a lock names the time it ends."""
    if outcome.locked_until is not None and outcome.event in (
        LoginEvent.LOCKOUT,
        LoginEvent.WHILE_LOCKED,
    ):
        return (
            f"This account is locked until {outcome.locked_until:%H:%M} UTC after "
            f"{outcome.failed_logins} failed logins. Try again then, or ask an administrator "
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


def production_problems(*, accounts: Iterable[tuple[str, str]]) -> list[str]:
    """Why production mode must not start, one sentence each; none means it may.

    `accounts` are (username, password hash) of every account, disabled ones included (they can
    be enabled again).
    """
    problems: list[str] = []
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


@dataclass(frozen=True)
class SessionUser:
    """Who a live login session belongs to, as the pages need them."""

    username: str
    name: str
    role: str


@dataclass(frozen=True)
class SessionCheck:
    """A token checked against its session row: the user while it lasts, else why it ended
    (both None: no such session, e.g. a forged or pruned token)."""

    user: SessionUser | None = None
    ended: SessionEnd | None = None


@dataclass(frozen=True)
class LoginResult:
    """A login attempt's outcome and, when allowed, the new session's token and user."""

    outcome: LoginOutcome
    token: str | None = None
    user: SessionUser | None = None
