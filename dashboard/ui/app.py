"""Entry point: page config, login gate, and the pages the user's role may open."""

from typing import Any
from urllib.parse import urlparse

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from dashboard.accounts.queries import account_disabled, production_refusals
from dashboard.accounts.rules import (
    SESSION_ENDED,
    WRONG_PASSWORD,
    failed_username,
    is_production,
    refusal_message,
)
from dashboard.accounts.service import record_login
from dashboard.core.config import MIN_COOKIE_KEY_LENGTH, PAGES_DIR, cookie_key, login_sleep_seconds
from dashboard.core.marking import MARKING
from dashboard.core.plain_text import escape_markdown
from dashboard.ui import connection, errors
from dashboard.ui.navigation import PageSpec, page_by_url, pages_for

APP_TITLE = "Safehouse Programme Oversight"
REQUESTED_PATH = "app_requested_path"
FORM_LOGIN = "app_form_login"
PRODUCTION_ENV = "OVERSIGHT_ENV"


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return {}


def _refuse_unsafe_production() -> None:
    """In production mode, stop before the login form while demo logins or weak keys remain."""
    if not is_production():
        return
    problems = production_refusals(connection.current_engine(), cookie_key(_secrets()))
    if problems:
        st.error(
            f"Production mode ({PRODUCTION_ENV}=production): the dashboard will not start "
            "until these are fixed."
        )
        st.text("\n".join(f"- {problem}" for problem in problems))
        st.stop()


def _authenticator(credentials: dict[str, Any]) -> stauth.Authenticate:
    key = cookie_key(_secrets())
    if not key or len(key) < MIN_COOKIE_KEY_LENGTH:
        st.error(
            f"No login cookie key of at least {MIN_COOKIE_KEY_LENGTH} characters is set. "
            "Set OVERSIGHT_COOKIE_KEY or [auth] cookie_key in .streamlit/secrets.toml "
            "(`make run` writes a random one)."
        )
        st.stop()
    return stauth.Authenticate(
        credentials,
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


def _mark_form_login(event: Any = None) -> None:
    st.session_state[FORM_LOGIN] = True
    if event and event.get("username"):
        record_login(connection.current_engine(), event["username"], succeeded=True)


def _login(authenticator: stauth.Authenticate, credentials: dict[str, Any]) -> None:
    heading = st.container()
    try:
        authenticator.login(
            location="main",
            key="app_login_form",
            fields={"Form name": "Log in", "Login": "Log in"},
            callback=_mark_form_login,
        )
    except LoginError:  # a cookie of an account disabled since: end it, show the form again
        authenticator.cookie_controller.delete_cookie()
        st.session_state["authentication_status"] = None
        st.error(SESSION_ENDED)
        st.stop()
    status = st.session_state.get("authentication_status")
    if status and account_disabled(connection.current_engine(), st.session_state.get("username")):
        authenticator.logout(location="unrendered")  # disabled while logged in: end it now
        st.error(SESSION_ENDED)
        st.stop()
    if not status:
        heading.title(APP_TITLE)
        heading.caption(f"{MARKING}: programme data only, never survivor details.")
    failed = failed_username(credentials)
    if failed:
        outcome = record_login(connection.current_engine(), failed, succeeded=False)
        st.error(refusal_message(outcome))
    elif status is False:
        st.error(WRONG_PASSWORD)


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
        name = escape_markdown(st.session_state.get("name") or "")
        st.caption(f"Signed in as **{name}** ({role.replace('_', ' ')})")
        authenticator.logout("Log out", location="sidebar", key="app_logout_button")
        st.caption(MARKING)


def _anonymous_page() -> None:
    """Nothing but the login form (drawn by the entry script) for visitors not logged in."""


def run() -> None:
    st.set_page_config(page_title=APP_TITLE, page_icon=":material/shield:", layout="wide")
    _remember_requested_path()
    _refuse_unsafe_production()
    credentials = connection.credentials()
    authenticator = _authenticator(credentials)
    _login(authenticator, credentials)
    if not st.session_state.get("authentication_status"):
        st.navigation([st.Page(_anonymous_page, title="Log in")], position="hidden").run()
        return
    # Imported once logged in: the pages' libraries (pandas, Altair, every query) take seconds
    # to load on a fresh server, and the login form need not wait for them.
    from dashboard.ui import widgets

    role = (st.session_state.get("roles") or [""])[0]
    specs = pages_for(role)
    if not specs:
        st.error("Your account has no role that can use this dashboard. Ask an administrator.")
        return
    pages = [_page(spec, index == 0) for index, spec in enumerate(specs)]
    _sidebar(authenticator, role)
    if not st.session_state.get("authentication_status"):
        # "Log out" was pressed in this run: the login form, not the page (which would find no
        # role); the run goes on so the cookie's deletion still reaches the browser
        _login(authenticator, credentials)
        st.navigation([st.Page(_anonymous_page, title="Log in")], position="hidden").run()
        return
    navigation = st.navigation(pages)
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
    if st.session_state.pop(FORM_LOGIN, False):
        return
    for page, spec in zip(pages[1:], specs[1:], strict=True):
        if wanted == spec.url_path:
            st.switch_page(page)


run()
