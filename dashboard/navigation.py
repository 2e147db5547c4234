"""Which pages each role may open; the app registers only these with st.navigation."""

from dataclasses import dataclass

from dashboard.vocabulary import Role

EVERYONE = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER, Role.INSPECTOR})
MANAGERS = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER})
ADMINS = frozenset({Role.ADMIN})


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
)


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """The pages a role may open, landing page first; an unknown role opens none."""
    try:
        known = Role(role)
    except ValueError:
        return ()
    return tuple(page for page in PAGES if known in page.roles)


def page_by_url(url_path: str) -> PageSpec | None:
    """The page served at a URL path, whoever may open it."""
    return next((page for page in PAGES if page.url_path == url_path), None)
