"""The demo logins: known passwords, refused in production (see `production`)."""

from dataclasses import dataclass

from dashboard.core.vocabulary import Role


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
