"""The demo programme: fictional data in seed_data/demo, written relative to an anchor date
(`dashboard seed --demo` loads it with the importer, and the demo logins of `accounts.rules`)."""

from datetime import date

from sqlmodel import Session, func, select

from dashboard.core.config import SEED_DIR
from models.programme import Provider


def demo_anchor() -> date:
    """The date the demo data is written relative to."""
    return date.fromisoformat((SEED_DIR / "ANCHOR").read_text().strip())


def whole_weeks_between(anchor: date, target: date) -> int:
    """Days from anchor to target rounded down to whole weeks, so weekdays stay weekdays."""
    return (target - anchor).days // 7 * 7


def has_programme_data(session: Session) -> bool:
    """Whether any provider is loaded (an empty database gets the demo on first run)."""
    return bool(session.exec(select(func.count()).select_from(Provider)).one())
