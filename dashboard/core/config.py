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


def cookie_key(secrets: Mapping[str, Any]) -> str | None:
    """The login cookie's signing key: the environment first, then secrets.toml [auth]."""
    key = os.environ.get(COOKIE_KEY_ENV) or secrets.get("auth", {}).get("cookie_key")
    return str(key) if key else None


def login_sleep_seconds() -> float:
    """How long an anonymous run waits for the login cookie to arrive (tests set 0)."""
    return float(os.environ.get("OVERSIGHT_LOGIN_SLEEP_SECONDS", "0.7"))
