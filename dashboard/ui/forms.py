"""One way to save from a page: the write runs in its own transaction, then the page reruns,
either with a notice (caches cleared, the form's entries dropped) or with the refusal shown
under the field it names or at the top of the form, the fields keeping what was typed.

Refusals and notices are shown as plain sentences: markdown in them is escaped, never HTML.
"""

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from dashboard.core import db
from dashboard.core.editing import StaleEdit
from dashboard.core.plain_text import escape_markdown
from dashboard.core.refusal import Problem, Refused
from dashboard.ui import cached

T = TypeVar("T")

NOTICE = "page_notice"  # what the last save did, shown once at the top of the next run
NOTICE_FORM = "page_notice_form"  # the form whose save it was, to show it there instead


def _refused_key(form: str) -> str:
    return f"{form}__refused"


def _saves_key(form: str) -> str:
    return f"{form}__saves"


def keys_of(form: str) -> list[str]:
    """The session keys of a form's widgets and state (all named `{form}_...`)."""
    return [key for key in st.session_state if str(key).startswith(f"{form}_")]


def forget(keys: Iterable[str]) -> None:
    """Drop these entries so their widgets start afresh."""
    for key in list(keys):
        st.session_state.pop(key, None)


def forget_refusal(form: str) -> None:
    """Drop the form's last refusal (its entries were for another record)."""
    st.session_state.pop(_refused_key(form), None)


def fresh_key(form: str, name: str) -> str:
    """A widget key that changes after each save of the form: for widgets (file uploaders)
    that cannot be emptied through Session State."""
    return f"{form}_{name}_{st.session_state.get(_saves_key(form), 0)}"


def save(
    form: str,
    write: Callable[[Session], T],
    done: str | Callable[[T], str | None],
    *,
    forget_keys: Iterable[str] = (),
) -> None:
    """Run `write` in one transaction (`db.write`: again if a save at the same moment took its
    key) and rerun: refused, the form shows why; saved (the write moved the data version on,
    which the caches follow), `forget_keys` are dropped and `done` (or `done(result)`) shown."""
    st.session_state.pop(_refused_key(form), None)
    try:
        result = db.write(cached.current_engine(), write)
    except Refused as refusal:
        st.session_state[_refused_key(form)] = refusal
        st.rerun()
    forget(forget_keys)
    st.session_state[_saves_key(form)] = st.session_state.get(_saves_key(form), 0) + 1
    message = done if isinstance(done, str) else done(result)
    if message:
        st.session_state[NOTICE] = message
        st.session_state[NOTICE_FORM] = form
    st.rerun()


def notice(form: str | None = None) -> bool:
    """Show what the last save did, once (given a form, only a notice of that form's save,
    shown where it is called: beside the button); True when there was something to show."""
    if form is not None and st.session_state.get(NOTICE_FORM) != form:
        return False
    st.session_state.pop(NOTICE_FORM, None)
    message = st.session_state.pop(NOTICE, None)
    if message:
        st.success(escape_markdown(message))
    return bool(message)


def _refusal(form: str) -> Refused | None:
    refusal = st.session_state.get(_refused_key(form))
    return refusal if isinstance(refusal, Refused) else None


def problems_under(form: str, field: str, label: str) -> None:
    """Under a field: what the form's last refused save said about it."""
    refusal = _refusal(form)
    for message in refusal.messages(field) if refusal else []:
        st.error(f"{label}: {escape_markdown(message)}", icon=":material/error:")


def _sentence(problem: Problem, label: Callable[[str], str | None], lead: str) -> str:
    """A problem as a sentence: its field's label (none when the label is ""), or as it says."""
    named = label(problem.field) if problem.field else None
    if named is None:
        return lead + escape_markdown(problem)
    return lead + (
        f"{named}: {escape_markdown(problem.message)}"
        if named
        else escape_markdown(problem.message)
    )


def _no_label(field: str) -> str | None:
    return None


def refusal_shown(
    form: str,
    *,
    label: Callable[[str], str | None] = _no_label,
    under: Collection[str] = (),
    lead: str = "",
    reload: bool = False,
) -> None:
    """At the top of a form: why its last save was refused (each problem not already shown
    `under` its field, named by `label`); a stale form may offer to reload the saved values."""
    refusal = _refusal(form)
    if refusal is None:
        return
    if not refusal.problems:
        st.error(lead + escape_markdown(refusal))
    for problem in refusal.problems:
        if problem.field not in under:
            st.error(_sentence(problem, label, lead))
    if reload and isinstance(refusal, StaleEdit):
        st.button(
            "Reload with the saved values (your entries are dropped)",
            key=f"{form}__reload",
            on_click=lambda: forget(keys_of(form)),
        )


def last_refusal(form: str) -> Refused | None:
    """The form's last refusal still shown, for a form that offers a next step on it."""
    return _refusal(form)
