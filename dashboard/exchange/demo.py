"""The demo programme: fictional data in seed_data/demo loaded by the importer, and demo logins
(listed in `demo_logins`)."""

from datetime import date

from sqlmodel import Session, func, select

from dashboard.accounts.demo_logins import DEMO_USERS, DemoUser
from dashboard.accounts.service import add_user, system_actor
from dashboard.core.config import SEED_DIR
from dashboard.exchange.importer import ImportSummary, import_programme
from models.accounts import User
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


def add_demo_users(session: Session, *, actor: str) -> list[DemoUser]:
    """Create the demo logins that do not exist yet; returns those created."""
    existing = set(session.exec(select(User.username)))
    created = [user for user in DEMO_USERS if user.username not in existing]
    for user in created:
        add_user(
            session,
            actor=system_actor(actor),
            username=user.username,
            role=user.role,
            password=user.password,
            display_name=user.display_name,
        )
    return created


def seed_demo(session: Session, *, actor: str, shift_to: date | None = None) -> ImportSummary:
    """Load the demo programme (optionally moved to a date) and the demo logins."""
    shift_days = whole_weeks_between(demo_anchor(), shift_to) if shift_to else 0
    summary = import_programme(session, SEED_DIR, actor=actor, shift_days=shift_days)
    add_demo_users(session, actor=actor)
    return summary
