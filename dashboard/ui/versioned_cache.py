"""Caches keyed by the data: the database's data version is part of every key.

Every transaction that writes moves the data version on before it commits (`dashboard.core.db`),
whichever replica, page or command made it. Each script run reads the version once (one SELECT
of one row) and asks the caches for results at that version: a write made anywhere is seen at
the next run, nothing is cleared by hand and nothing waits out a lifetime. Results of older
versions are never asked for again; `max_entries` lets them fall out.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.core import db
from dashboard.core.gc_pause import collection_paused
from dashboard.ui.connection import engine

P = ParamSpec("P")
R = TypeVar("R")
Cached = Callable[Concatenate[str, P], R]  # every cached function takes the database URL first

# How many results a cache keeps (max_entries), by what its key holds besides the URL and the
# version. Older versions are never asked for again, so they are the first to fall out.
WHOLE = 6  # a whole register: a few viewers (staff, partners as of a date)
PER_CHOICE = 16  # one result per choice of filters or dates
PER_RECORD = 128  # one small result per record opened

_RUN_VERSION = "cached_data_version"  # session state: (this run's marker, url, version)


def data_version(url: str) -> int:
    """The database's data version, read once per script run (on every call outside one)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    run = getattr(ctx, "cursors", None)  # Streamlit makes a new dict at the start of each run
    if ctx is None or run is None:
        return _read_data_version(url)
    seen = st.session_state.get(_RUN_VERSION)
    if seen is not None and seen[0] is run and seen[1] == url:
        return int(seen[2])
    version = _read_data_version(url)
    # Holding the marker keeps its id from being reused by a later run's dict.
    st.session_state[_RUN_VERSION] = (run, url, version)
    return version


def _read_data_version(url: str) -> int:
    with engine(url).connect() as connection:
        return db.read_data_version(connection)


def _at_version(function: Callable[Concatenate[str, P], R]) -> Callable[..., R]:
    """The function with the data version as a first argument Streamlit hashes with the rest;
    named and sourced as the function itself, so each keeps a cache of its own."""

    def at_version(version: int, url: str, *args: Any, **kwargs: Any) -> R:
        return function(url, *args, **kwargs)

    functools.update_wrapper(at_version, function)
    signature = inspect.signature(function)
    first = inspect.Parameter("data_version", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    at_version.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[first, *signature.parameters.values()]
    )
    return at_version


def _following(cached_at_version: Callable[..., R], function: Cached[P, R]) -> Cached[P, R]:
    @functools.wraps(function)
    def current(url: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
        return cached_at_version(data_version(url), url, *args, **kwargs)

    return current


def follows_the_data(max_entries: int) -> Callable[[Cached[P, R]], Cached[P, R]]:
    """`st.cache_data` (each caller gets its own copy) keyed by the data version too."""

    def decorate(function: Cached[P, R]) -> Cached[P, R]:
        cached = st.cache_data(max_entries=max_entries, show_spinner=False)(_at_version(function))
        return _following(cached, function)

    return decorate


def shared_result(max_entries: int) -> Callable[[Cached[P, R]], Cached[P, R]]:
    """A big read-only result shared by every session uncopied (unpickling 250,000
    recommendations costs more than the page itself; callers never change it), keyed by the
    data version too. Worked out with the garbage collector paused: it builds many objects."""

    def decorate(function: Cached[P, R]) -> Cached[P, R]:
        def collected_after(url: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
            with collection_paused():
                return function(url, *args, **kwargs)

        functools.update_wrapper(collected_after, function)
        at_version = _at_version(collected_after)
        cached = st.cache_resource(max_entries=max_entries, show_spinner=False)(at_version)
        return _following(cached, function)

    return decorate
