"""The login form, the login cookie and the per-run session check.

The cookie holds only a random token; the database keeps its hash in a session row that logout,
a password change, disabling, a role change or a timeout ends (`accounts.service.logins`).
Streamlit hands the script the browser's cookies (`st.context.cookies`) when the session
starts, so reading needs no JavaScript; writing and deleting it is one line of script in an
invisible frame (page JavaScript cannot set HttpOnly: README "Trust" says what makes up for it).
"""

import json
from datetime import timedelta

import streamlit as st

from dashboard.accounts.rules import (
    LOGGED_OUT,
    SESSION_END_MESSAGES,
    SessionLimits,
    SessionUser,
    client_address,
    refusal_message,
)
from dashboard.accounts.service import attempt_login, check_session, log_out
from dashboard.core.config import session_idle_minutes, session_max_hours
from dashboard.ui import connection

COOKIE = "oversight_login"
FORM = "app_login_form"
USERNAME = "app_login_username"
PASSWORD = "app_login_password"
TOKEN = "app_session_token"
COOKIE_READ = "app_cookie_read"  # the browser's cookie is looked at once per Streamlit session
COOKIE_WRITE = "app_cookie_write"  # a token to store, or "" to delete, on this run
NOTICE = "app_login_notice"
FORM_LOGIN = "app_form_login"
# Read by the pages (widgets.current_actor and the navigation); set only here.
LOGIN_KEYS = ("name", "username", "roles")


def limits() -> SessionLimits:
    """The idle and absolute limits from the settings."""
    return SessionLimits(
        idle=timedelta(minutes=session_idle_minutes()),
        absolute=timedelta(hours=session_max_hours()),
    )


def browser_token() -> str | None:
    """The login cookie's token as the browser sent it when this Streamlit session began."""
    return _text(st.context.cookies.get(COOKIE)) or None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None  # AppTest has no request: mocks


def _address() -> str:
    """The client's address (README "Trust": behind the proxy, its X-Forwarded-For)."""
    forwarded = _text(st.context.headers.get("X-Forwarded-For"))
    return client_address(forwarded, _text(st.context.ip_address))


def _sign_in(user: SessionUser, token: str) -> None:
    st.session_state.update(
        {
            "authentication_status": True,
            "name": user.name,
            "username": user.username,
            "roles": [user.role],
            TOKEN: token,
        }
    )


def _sign_out(status: bool | None = None) -> None:
    """Forget the login in this Streamlit session (the pages' keys included)."""
    for key in (*LOGIN_KEYS, TOKEN):
        st.session_state.pop(key, None)
    st.session_state["authentication_status"] = status


def current_user() -> SessionUser | None:
    """The user of this run's live session, checked against its row on every run; None shows
    the form (with why a session ended, if one did)."""
    token = st.session_state.get(TOKEN)
    from_cookie = False
    if not token and not st.session_state.get(COOKIE_READ):
        st.session_state[COOKIE_READ] = True
        token, from_cookie = browser_token(), True
    if not token:
        if st.session_state.get("authentication_status"):
            _sign_out()  # a login without a session row is no login
        return None
    check = check_session(connection.current_engine(), token, limits=limits())
    if check.user is None:
        _sign_out()
        if check.ended is not None:
            st.session_state[NOTICE] = SESSION_END_MESSAGES[check.ended]
        if from_cookie or check.ended is not None:
            st.session_state[COOKIE_WRITE] = ""  # the browser's copy is useless now: remove it
        return None
    _sign_in(check.user, token)
    return check.user


def _submit() -> None:
    """The form's callback: check the attempt before the run, so the run draws the result."""
    username = str(st.session_state.get(USERNAME) or "").strip()
    password = str(st.session_state.get(PASSWORD) or "")
    st.session_state[PASSWORD] = ""
    if not username or not password:
        st.session_state[NOTICE] = "Enter your username and password."
        return
    result = attempt_login(
        connection.current_engine(), username=username, password=password, address=_address()
    )
    if result.user is None or result.token is None:
        _sign_out(status=False)
        st.session_state[NOTICE] = refusal_message(result.outcome)
        return
    _sign_in(result.user, result.token)
    st.session_state[COOKIE_READ] = True
    st.session_state[COOKIE_WRITE] = result.token
    st.session_state[FORM_LOGIN] = True


def log_out_pressed() -> None:
    """The "Log out" button's callback: end the session row, forget it, delete the cookie."""
    if token := st.session_state.get(TOKEN):
        log_out(connection.current_engine(), token)
    _sign_out()
    st.session_state[COOKIE_WRITE] = ""
    st.session_state[NOTICE] = LOGGED_OUT


def form() -> None:
    """The login form with any message from the last attempt or the session that ended."""
    if notice := st.session_state.pop(NOTICE, None):
        (st.info if notice == LOGGED_OUT else st.error)(notice)
    with st.form(FORM):
        st.subheader("Log in")
        st.text_input("Username", key=USERNAME, autocomplete="username")
        st.text_input("Password", type="password", key=PASSWORD, autocomplete="current-password")
        st.form_submit_button("Log in", key=f"{FORM}_submit", type="primary", on_click=_submit)


def write_cookie() -> None:
    """Store or delete the cookie when this run asks for it (after a login or logout).

    SameSite=Strict: never sent with another site's request; Secure on https; it lives as long
    as the absolute limit, and the session row decides long before that whether it still works.
    """
    token = st.session_state.pop(COOKIE_WRITE, None)
    if token is None:
        return
    max_age = int(limits().absolute.total_seconds()) if token else 0
    script = (
        "<script>parent.document.cookie = "
        f"{json.dumps(f'{COOKIE}={token}; Max-Age={max_age}; Path=/; SameSite=Strict')}"
        ' + (parent.location.protocol === "https:" ? "; Secure" : "");</script>'
    )
    st.iframe(script, height=1, tab_index=-1, alt="login cookie")
