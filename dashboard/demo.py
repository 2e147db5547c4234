"""The demo programme: fictional data in seed_data/demo loaded by the importer, and demo logins."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from dashboard.accounts import add_user, system_actor
from dashboard.config import SEED_DIR
from dashboard.exchange.importer import ImportSummary, import_programme
from dashboard.vocabulary import Role
from models.accounts import User
from models.programme import Provider


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
