"""Streamlit pieces shared by pages: the acting user, charts, downloads, choosers, paging.

User text is only ever passed to widgets as plain text, never as HTML.
"""

import importlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.core.config import PAGES_DIR, database_url
from dashboard.core.permissions import Actor, Viewer
from dashboard.core.plain_text import escape_markdown
from dashboard.core.table_export import export_file_name, frame_to_csv_bytes, frame_to_xlsx_bytes
from dashboard.governance.rules import days_remaining, term_in_force, term_warning
from dashboard.ui import cached
from dashboard.ui.navigation import pages_for

T = TypeVar("T")


@st.cache_data(show_spinner=False, max_entries=256)
def _vega_lite_spec(
    module: str, chart_name: str, frame: pd.DataFrame, *args: Any
) -> dict[str, Any]:
    # Building and validating an Altair chart costs tens of ms on every rerun; the spec is the
    # same for the same data, so it is made once. By module and name: the cache cannot hash a
    # function. Streamlit draws any number of rows; Altair's own guard (5,000) is for notebooks.
    build = getattr(importlib.import_module(module), chart_name)
    with alt.data_transformers.disable_max_rows():
        spec: dict[str, Any] = build(frame, *args).to_dict()
    return spec


def chart(
    build: Callable[..., alt.TopLevelMixin],
    frame: pd.DataFrame,
    *args: Any,
    where: Any = None,
) -> None:
    """Draw `build(frame, *args)`, a function of a feature's charts module, full width in
    `where` (a column or container; the page by default)."""
    spec = _vega_lite_spec(build.__module__, build.__name__, frame, *args)
    (where or st).vega_lite_chart(spec, width="stretch")


def as_of_date(key: str, where: Any = None) -> date:
    """A page's "As of" date (today unless picked, from 2015), in `where` (the page by default)."""
    picked: date = (where or st).date_input(
        "As of",
        value=date.today(),
        min_value=date(2015, 1, 1),
        key=key,
        format="YYYY-MM-DD",
    )
    return picked


def current_actor() -> Actor:
    """The logged-in user as the service layer sees them."""
    state = st.session_state
    role = (state.get("roles") or [""])[0]
    return Actor.of(state.get("username") or "", state.get("name") or "", role)


def current_viewer(as_of: date) -> Viewer:
    """The logged-in user as a reader as of the page's date (partners see findings only of
    inspections whose final report was sent to them)."""
    return Viewer.of(current_actor(), as_of)


REPORT_IN_PROGRESS = (
    "Shown to partners once the inspection's final report was sent to them (on or before "
    "the as-of date): until then its judgements, recommendations, good practice and factual "
    "accuracy details are a report in progress."
)


def download_table(
    df: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str | None = None
) -> None:
    """CSV and Excel download buttons for a page's current (filtered) table, marked.

    `key` (a page passes its prefix, e.g. `coverage_table`) keys the buttons `{key}_csv|_xlsx`.
    The files, and the table when given as a function that makes it, are built only when a
    button is pressed.
    """
    table = df if callable(df) else lambda: df
    key = key or "download_" + "".join(ch if ch.isalnum() else "_" for ch in name.lower())
    left, right = st.columns(2)
    left.download_button(
        "Download CSV",
        lambda: frame_to_csv_bytes(table()),
        file_name=export_file_name(name, "csv"),
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    right.download_button(
        "Download Excel",
        lambda: frame_to_xlsx_bytes(table(), name),
        file_name=export_file_name(name, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )


ROWS_PER_PAGE = 200
# Beyond this many values a multiselect is replaced by a box to type them in: sending 50,000
# options to the browser on every rerun took seconds at 100× the programme.
MANY_OPTIONS = 1_000


def choose_many(where: Any, label: str, options: list[str], key: str, **kwargs: Any) -> list[str]:
    """A multiselect of the options, or, when there are too many, comma-separated typing."""
    if len(options) <= MANY_OPTIONS:
        return list(where.multiselect(label, options, key=key, **kwargs))
    typed = where.text_input(
        f"{label} (type, comma-separated)",
        key=f"{key}_typed",
        help=f"{len(options):,} to choose from: type the ones wanted.",
    )
    wanted = [value for value in (part.strip() for part in typed.split(",")) if value]
    known = set(options)
    unknown = [value for value in wanted if value not in known]
    if unknown:
        where.caption("Not found: " + escape_markdown(", ".join(unknown)))
    return [value for value in wanted if value in known]


def choose_one(
    where: Any,
    label: str,
    options: list[str],
    key: str,
    *,
    default: str | None = None,
    **kwargs: Any,
) -> str | None:
    """A select box of the options (`default` first chosen, other `kwargs` passed on), or, when
    there are too many, a box to type one in (`default` filled in).

    A typed value is returned as typed (stripped): the caller checks it, as a service refuses
    an unknown ref by name.
    """
    if len(options) <= MANY_OPTIONS:
        index = options.index(default) if default in options else 0
        chosen: str | None = where.selectbox(label, options, index=index, key=key, **kwargs)
        return chosen
    typed = where.text_input(
        f"{label} (type it)",
        value=default or "",
        key=f"{key}_typed",
        help=f"{len(options):,} to choose from, e.g. {options[-1]}.",
    )
    return typed.strip() or None


def _page_of(total: int, key: str, per_page: int) -> slice:
    """Which of `total` rows to show: a page picker, and where they are, when there is more
    than one page (drawing tens of thousands of rows on every rerun makes a register slow)."""
    pages = max(1, -(-total // per_page))
    if pages == 1:
        return slice(0, total)
    picker, note = st.columns([1, 3], vertical_alignment="bottom")
    page = int(
        picker.number_input(
            f"Page (of {pages:,})", min_value=1, max_value=pages, value=1, step=1, key=key
        )
    )
    first = (page - 1) * per_page
    last = min(first + per_page, total)
    note.caption(f"Rows {first + 1:,}–{last:,} of {total:,}; the downloads hold them all.")
    return slice(first, last)


def rows_on_page(frame: pd.DataFrame, key: str, per_page: int = ROWS_PER_PAGE) -> pd.DataFrame:
    """The rows of a long table one page at a time."""
    return frame.iloc[_page_of(len(frame), key, per_page)]


def items_on_page(items: Sequence[T], key: str, per_page: int = ROWS_PER_PAGE) -> Sequence[T]:
    """The items of a long list one page at a time, for a table made of the page alone (making
    it of every item costs seconds at 100× the programme)."""
    return items[_page_of(len(items), key, per_page)]


def link_to_page(
    script: str,
    label: str,
    icon: str | None = None,
    query_params: dict[str, str | list[str]] | None = None,
) -> bool:
    """A link to another page under pages/, shown only when the user's role may open it;
    `query_params` set the target's filters bound to them (`bind="query-params"`)."""
    role = (st.session_state.get("roles") or [""])[0]
    if script not in {spec.script for spec in pages_for(role)}:
        return False
    # The app registers pages by absolute path, so the link must name the same path.
    st.page_link(str(PAGES_DIR / script), label=label, icon=icon, query_params=query_params)
    return True


def _plain_markdown(text: str) -> str:
    """Text shown literally inside Streamlit markdown (no links, emphasis or colours)."""
    return "".join(f"\\{ch}" if ch in "\\`*_[]<>:$~|#" else ch for ch in text)


def mou_term_banner(today: date | None = None) -> None:
    """Every page's header line: the MoU term in force and the days left; a flag in its last 90."""
    day = today or date.today()
    term = term_in_force(cached.governance_terms(database_url()), day)
    if term is None:
        st.caption(":orange-badge[:material/warning: No MoU term in force today]")
        return
    text = _plain_markdown(
        f"MoU term {term.ref} runs {term.starts_on:%d %b %Y} to {term.ends_on:%d %b %Y} · "
        f"{days_remaining(term, day)} days remaining"
    )
    if term_warning(term, day):
        text += " :orange-badge[:material/warning: ends within 90 days: agree the next term]"
    st.caption(text)
