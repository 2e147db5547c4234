"""Entry point: page config, login gate, and the pages the user's role may open."""

from typing import Any
from urllib.parse import urlparse

import streamlit as st
import streamlit_authenticator as stauth

from dashboard import cached
from dashboard.config import MIN_COOKIE_KEY_LENGTH, PAGES_DIR, cookie_key, login_sleep_seconds
from dashboard.navigation import PageSpec, page_by_url, pages_for
from dashboard.reports import MARKING

APP_TITLE = "Safehouse Programme Oversight"
REQUESTED_PATH = "app_requested_path"
FORM_LOGIN = "app_form_login"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def _authenticator() -> stauth.Authenticate:
    key = cookie_key(_secrets())
    if not key or len(key) < MIN_COOKIE_KEY_LENGTH:
        st.error(
            f"No login cookie key of at least {MIN_COOKIE_KEY_LENGTH} characters is set. "
            "Set OVERSIGHT_COOKIE_KEY or [auth] cookie_key in .streamlit/secrets.toml "
            "(`make run` writes a random one)."
        )
        st.stop()
    return stauth.Authenticate(
        cached.credentials(),
        cookie_name="oversight_login",
        cookie_key=key,
        cookie_expiry_days=1,
        auto_hash=False,
        login_sleep_time=login_sleep_seconds(),
    )


def _remember_requested_path() -> None:
    """Keep the first URL of the session so a bookmark survives the login."""
    if REQUESTED_PATH not in st.session_state:
        st.session_state[REQUESTED_PATH] = urlparse(st.context.url or "").path.strip("/")


def _mark_form_login(_event: Any = None) -> None:
    st.session_state[FORM_LOGIN] = True


def _login(authenticator: stauth.Authenticate) -> None:
    heading = st.container()
    authenticator.login(
        location="main",
        key="app_login_form",
        fields={"Form name": "Log in", "Login": "Log in"},
        callback=_mark_form_login,
    )
    status = st.session_state.get("authentication_status")
    if not status:
        heading.title(APP_TITLE)
        heading.caption(f"{MARKING}: programme data only, never survivor details.")
    if status is False:
        st.error("Username or password is incorrect.")


def _page(spec: PageSpec, default: bool) -> Any:
    return st.Page(
        PAGES_DIR / spec.script,
        title=spec.title,
        url_path=spec.url_path,
        icon=spec.icon,
        default=default,
    )


def _sidebar(authenticator: stauth.Authenticate, role: str) -> None:
    with st.sidebar:
        st.caption(f"Signed in as **{st.session_state.get('name')}** ({role.replace('_', ' ')})")
        authenticator.logout("Log out", location="sidebar", key="app_logout_button")
        st.caption(MARKING)


def _anonymous_page() -> None:
    """Nothing but the login form (drawn by the entry script) for visitors not logged in."""


def run() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon=":material/shield:", layout="wide")
    _remember_requested_path()
    authenticator = _authenticator()
    _login(authenticator)
    if not st.session_state.get("authentication_status"):
        st.navigation([st.Page(_anonymous_page, title="Log in")], position="hidden").run()
        return
    role = (st.session_state.get("roles") or [""])[0]
    specs = pages_for(role)
    if not specs:
        st.error("Your account has no role that can use this dashboard. Ask an administrator.")
        return
    pages = [_page(spec, index == 0) for index, spec in enumerate(specs)]
    _sidebar(authenticator, role)
    navigation = st.navigation(pages)
    _return_to_bookmark(pages, specs)
    navigation.run()


def _return_to_bookmark(pages: list[Any], specs: tuple[PageSpec, ...]) -> None:
    """After a cookie login, open the page first asked for (not after a form login: the
    cookie is written at the end of that run and a switch would lose it)."""
    # Handled once: the key stays (empty) so the next run does not remember the URL again.
    wanted = st.session_state.get(REQUESTED_PATH, "")
    st.session_state[REQUESTED_PATH] = ""
    if wanted and page_by_url(wanted) and wanted not in {spec.url_path for spec in specs}:
        st.warning("That page is not available to your role.")
        return
    if st.session_state.pop(FORM_LOGIN, False):
        return
    for page, spec in zip(pages[1:], specs[1:], strict=True):
        if wanted == spec.url_path:
            st.switch_page(page)


run()
