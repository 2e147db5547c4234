"""Where things live and which database to use, read from the environment."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = PROJECT_ROOT / "seed_data" / "demo"
PAGES_DIR = PROJECT_ROOT / "pages"
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "oversight.db"


def database_url() -> str:
    """The SQLAlchemy URL from DATABASE_URL, else the embedded SQLite file under data/."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"


SESSION_IDLE_ENV = "OVERSIGHT_SESSION_IDLE_MINUTES"
SESSION_MAX_ENV = "OVERSIGHT_SESSION_MAX_HOURS"


def session_idle_minutes() -> float:
    """Minutes without a page run after which a login ends (default 30)."""
    return float(os.environ.get(SESSION_IDLE_ENV, "30"))


def session_max_hours() -> float:
    """Hours after logging in at which a login ends however active it is (default 12)."""
    return float(os.environ.get(SESSION_MAX_ENV, "12"))
