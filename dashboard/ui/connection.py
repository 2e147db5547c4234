"""The server's database engine and the accounts, read fresh each run: all that the login form
(and the Users page) needs.

Apart from `cached`, which imports every page's libraries: on a freshly started server the
login form draws without waiting seconds for pandas, Altair and every query to load.
"""

from datetime import datetime
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from dashboard.accounts import queries as account_queries
from dashboard.core import db
from dashboard.core.config import database_url


@st.cache_resource
def engine(url: str) -> Engine:
    """One engine (and connection pool) per database URL for the server process."""
    return db.make_engine(url)


def current_engine() -> Engine:
    """The engine for DATABASE_URL (or the embedded SQLite file)."""
    return engine(database_url())


def user_rows(now: datetime) -> list[dict[str, Any]]:
    """Every account for the Users page, read fresh each run."""
    with db.session_scope(current_engine()) as session:
        return account_queries.user_rows(session, now)
