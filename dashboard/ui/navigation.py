"""Which pages each role may open; the app registers only these with st.navigation."""

from dataclasses import dataclass

from dashboard.core.permissions import ADMINS, EVERYONE, MANAGERS, STAFF
from dashboard.core.vocabulary import Role


@dataclass(frozen=True)
class PageSpec:
    """A page of the app: its script under pages/, title, URL path, icon and who may open it."""

    script: str
    title: str
    url_path: str
    icon: str
    roles: frozenset[Role]


# In menu order; the first page a role may open is its landing page.
PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview.py", "Overview", "overview", ":material/dashboard:", EVERYONE),
    PageSpec("coverage.py", "Coverage", "coverage", ":material/calendar_month:", EVERYONE),
    PageSpec("planner.py", "Planner", "planner", ":material/edit_calendar:", MANAGERS),
    PageSpec("inspections.py", "Inspections", "inspections", ":material/fact_check:", EVERYONE),
    PageSpec(
        "recommendations.py", "Recommendations", "recommendations", ":material/checklist:", EVERYONE
    ),
    PageSpec("escalations.py", "Escalations", "escalations", ":material/report:", EVERYONE),
    PageSpec("providers.py", "Providers", "providers", ":material/business:", EVERYONE),
    PageSpec("concerns.py", "Concerns", "concerns", ":material/flag:", EVERYONE),
    PageSpec(
        "my_follow_ups.py", "My follow-ups", "my-follow-ups", ":material/event_upcoming:", STAFF
    ),
    PageSpec("governance.py", "Governance", "governance", ":material/groups:", EVERYONE),
    # Admin section: keep these last. (Streamlit allows no "/" in a URL path, hence the dashes.)
    PageSpec(
        "admin_programme.py", "Reference data", "admin-programme", ":material/domain:", MANAGERS
    ),
    PageSpec("admin_data.py", "Import and export", "admin-data", ":material/swap_vert:", MANAGERS),
    PageSpec("admin_users.py", "Users", "admin-users", ":material/manage_accounts:", ADMINS),
    PageSpec("audit_log.py", "Audit log", "audit-log", ":material/history:", MANAGERS),
)


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """The pages a role may open, landing page first; an unknown role opens none."""
    try:
        known = Role(role or "")
    except ValueError:
        return ()
    return tuple(page for page in PAGES if known in page.roles)


def page_by_url(url_path: str) -> PageSpec | None:
    """The page served at a URL path, whoever may open it."""
    return next((page for page in PAGES if page.url_path == url_path), None)
