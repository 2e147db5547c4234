"""Streamlit pieces shared by pages: the acting user, refusals shown as messages, status tags.

User text is only ever passed to widgets as plain text, never as HTML.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import streamlit as st

from dashboard.editing import StaleEdit
from dashboard.permissions import Actor, PermissionDenied

T = TypeVar("T")

# Words and colours for status tags; the words carry the meaning, colour only repeats it.
TAG_COLOURS = {
    "overdue": "red",
    "late": "red",
    "due_soon": "orange",
    "pending": "blue",
    "in_date": "green",
    "on_time": "green",
}


def current_actor() -> Actor:
    """The logged-in user as the service layer sees them."""
    state = st.session_state
    role = (state.get("roles") or [""])[0]
    return Actor.of(state.get("username") or "", state.get("name") or "", role)


def status_tag(status: str) -> str:
    """A status as a coloured badge in Streamlit markdown, e.g. ':red-badge[overdue]'."""
    colour = TAG_COLOURS.get(status, "gray")
    return f":{colour}-badge[{status.replace('_', ' ')}]"


@contextmanager
def refusals_shown() -> Iterator[None]:
    """Show a refused write (permission or a newer save) as an error instead of a traceback."""
    try:
        yield
    except (PermissionDenied, StaleEdit) as refusal:
        st.error(str(refusal))


def run_write(action: Callable[[], T]) -> T | None:
    """Run a write; on refusal show why and return None."""
    with refusals_shown():
        return action()
    return None
