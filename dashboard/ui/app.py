"""Entry point: page config, login gate, and the pages the user's role may open."""

from typing import Any
from urllib.parse import urlparse

import streamlit as st

from dashboard.accounts.queries import production_refusals
from dashboard.accounts.rules import is_production
from dashboard.core.config import PAGES_DIR
from dashboard.core.marking import MARKING
from dashboard.core.plain_text import escape_markdown
from dashboard.core.vocabulary import in_words
from dashboard.ui import connection, errors, login
from dashboard.ui.navigation import PageSpec, page_by_url, pages_for

APP_TITLE = "Safehouse Programme Oversight"
REQUESTED_PATH = "app_requested_path"
PRODUCTION_ENV = "OVERSIGHT_ENV"


def _refuse_unsafe_production() -> None:
    """In production mode, stop before the login form while demo logins remain."""
    if not is_production():
        return
    problems = production_refusals(connection.current_engine())
    if problems:
        st.error(
            f"Production mode ({PRODUCTION_ENV}=production): the dashboard will not start "
            "until these are fixed."
        )
        st.text("\n".join(f"- {problem}" for problem in problems))
        st.stop()


def _remember_requested_path() -> None:
    """Keep the first URL of the session so a bookmark survives the login."""
    if REQUESTED_PATH not in st.session_state:
        st.session_state[REQUESTED_PATH] = urlparse(st.context.url or "").path.strip("/")


def _login_page() -> None:
    """The title, the form and nothing else, for visitors not logged in."""
    st.title(APP_TITLE)
    st.caption(f"{MARKING}: programme data only, never survivor details.")
    login.form()
    login.write_cookie()
    st.navigation([st.Page(_anonymous_page, title="Log in")], position="hidden").run()


def _page(spec: PageSpec, default: bool) -> Any:
    return st.Page(
        PAGES_DIR / spec.script,
        title=spec.title,
        url_path=spec.url_path,
        icon=spec.icon,
        default=default,
    )


def _sidebar(role: str) -> None:
    with st.sidebar:
        name = escape_markdown(st.session_state.get("name") or "")
        st.caption(f"Signed in as **{name}** ({in_words(role)})")
        st.button("Log out", key="app_logout_button", on_click=login.log_out_pressed)
        st.caption(MARKING)


def _anonymous_page() -> None:
    """Nothing but the login form (drawn by the entry script) for visitors not logged in."""


def run() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon=":material/shield:", layout="wide")
    _remember_requested_path()
    _refuse_unsafe_production()
    user = login.current_user()
    if user is None:
        _login_page()
        return
    login.write_cookie()
    # Imported once logged in: the pages' libraries (pandas, Altair, every query) take seconds
    # to load on a fresh server, and the login form need not wait for them.
    from dashboard.ui import widgets

    specs = pages_for(user.role)
    if not specs:
        st.error("Your account has no role that can use this dashboard. Ask an administrator.")
        return
    pages = [_page(spec, index == 0) for index, spec in enumerate(specs)]
    _sidebar(user.role)
    # Every page listed: collapsed, the menu hides all after the tenth behind "View more".
    navigation = st.navigation(pages, expanded=True)
    _return_to_bookmark(pages, specs)
    widgets.mou_term_banner()
    errors.run_logged(navigation.run, st.session_state.get("username"))


def _return_to_bookmark(pages: list[Any], specs: tuple[PageSpec, ...]) -> None:
    """After a cookie login, open the page first asked for (not after a form login: the
    cookie is written at the end of that run and a switch would lose it)."""
    # Handled once: the key stays (empty) so the next run does not remember the URL again.
    wanted = st.session_state.get(REQUESTED_PATH, "")
    st.session_state[REQUESTED_PATH] = ""
    if wanted and page_by_url(wanted) and wanted not in {spec.url_path for spec in specs}:
        st.warning("That page is not available to your role.")
        return
    if st.session_state.pop(login.FORM_LOGIN, False):
        return
    for page, spec in zip(pages[1:], specs[1:], strict=True):
        if wanted == spec.url_path:
            st.switch_page(page)


run()
