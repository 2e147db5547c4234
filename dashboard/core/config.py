"""Where things live and which database to use, read from the environment."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = PROJECT_ROOT / "seed_data" / "demo"
PAGES_DIR = PROJECT_ROOT / "pages"
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "oversight.db"


def database_url() -> str:
    """The SQLAlchemy URL from DATABASE_URL, else the embedded SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"


COOKIE_KEY_ENV = "OVERSIGHT_COOKIE_KEY"
MIN_COOKIE_KEY_LENGTH = 32
SESSION_IDLE_ENV = "OVERSIGHT_SESSION_IDLE_MINUTES"
SESSION_MAX_ENV = "OVERSIGHT_SESSION_MAX_HOURS"


def cookie_key(secrets: Mapping[str, Any]) -> str | None:
    """The old login cookie's signing key (environment, then secrets.toml [auth]): still
    accepted, no longer needed, since the cookie now holds a random token checked against the
    database."""
    key = os.environ.get(COOKIE_KEY_ENV) or secrets.get("auth", {}).get("cookie_key")
    return str(key) if key else None


def session_idle_minutes() -> float:
    """Minutes without a page run after which a login ends (default 30)."""
    return float(os.environ.get(SESSION_IDLE_ENV, "30"))


def session_max_hours() -> float:
    """Hours after logging in at which a login ends however active it is (default 12)."""
    return float(os.environ.get(SESSION_MAX_ENV, "12"))
