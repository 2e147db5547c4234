"""Production mode (OVERSIGHT_ENV=production): the app refuses to serve with demo logins, demo
passwords or a weak cookie key, because the demo's passwords are published in the README."""

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache

from dashboard.accounts.demo_logins import DEMO_USERS
from dashboard.accounts.service import password_matches
from dashboard.core.config import COOKIE_KEY_ENV, MIN_COOKIE_KEY_LENGTH

ENVIRONMENT_VARIABLE = "OVERSIGHT_ENV"
PRODUCTION = "production"
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
