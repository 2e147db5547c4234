"""Streamlit caches: the one module (with app.py, charts and pages) that imports streamlit.

Query results are shared by every user, so nothing here may depend on who is asking unless the
user is an argument. Writes call `clear_query_cache()`.
"""

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from dashboard import db
from dashboard.accounts import list_users, login_credentials
from dashboard.config import database_url
from dashboard.overview import OverviewFigures, overview_figures

QUERY_TTL_SECONDS = 60


@st.cache_resource
def engine(url: str) -> Engine:
    """One engine (and connection pool) per database URL for the server process."""
    return db.make_engine(url)


def current_engine() -> Engine:
    """The engine for DATABASE_URL (or the embedded SQLite file)."""
    return engine(database_url())


@st.cache_data(ttl=QUERY_TTL_SECONDS, show_spinner=False)
def overview(url: str, as_of: date) -> OverviewFigures:
    """The Overview's figures as of a date."""
    with db.session_scope(engine(url)) as session:
        return overview_figures(session, as_of)


def credentials() -> dict:
    """Login credentials read fresh each run, so a disabled account stops working at once."""
    with db.session_scope(current_engine()) as session:
        return login_credentials(list_users(session))


def clear_query_cache() -> None:
    """Forget cached query results after a write."""
    st.cache_data.clear()
