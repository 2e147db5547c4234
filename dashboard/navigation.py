"""Which pages each role may open; the app registers only these with st.navigation."""

from dataclasses import dataclass

from dashboard.vocabulary import Role


@dataclass(frozen=True)
class PageSpec:
    """A page of the app: its script under pages/, title, URL path and icon."""

    script: str
    title: str
    url_path: str
    icon: str


OVERVIEW = PageSpec("overview.py", "Overview", "overview", ":material/dashboard:")

_PAGES_BY_ROLE: dict[Role, tuple[PageSpec, ...]] = {
    Role.ADMIN: (OVERVIEW,),
    Role.PROGRAMME_MANAGER: (OVERVIEW,),
    Role.INSPECTOR: (OVERVIEW,),
    Role.PARTNER: (OVERVIEW,),
}


def pages_for(role: str | None) -> tuple[PageSpec, ...]:
    """The pages a role may open, default first; no role (or an unknown one) opens none."""
    try:
        return _PAGES_BY_ROLE[Role(role)]
    except ValueError:
        return ()
