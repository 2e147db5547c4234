"""The server's database engine and the login credentials: all that the login form needs.

Apart from `cached`, which imports every page's libraries: on a freshly started server the
login form draws without waiting seconds for pandas, Altair and every query to load.
"""

import streamlit as st
from sqlalchemy import Engine

from dashboard.accounts.queries import list_users
from dashboard.accounts.rules import login_credentials
from dashboard.core import db
from dashboard.core.config import database_url


@st.cache_resource
def engine(url: str) -> Engine:
    """One engine (and connection pool) per database URL for the server process."""
    return db.make_engine(url)


def current_engine() -> Engine:
    """The engine for DATABASE_URL (or the embedded SQLite file)."""
    return engine(database_url())


def credentials() -> dict:
    """Login credentials read fresh each run, so a disabled account stops working at once."""
    with db.session_scope(current_engine()) as session:
        return login_credentials(list_users(session))
