"""The Reference data page's forms: add, edit and close providers, inspection groups, services
and MoU terms. Every save is a row of the data exchange format checked by the importer's own
rules (`dashboard.exchange.forms`): a form refuses exactly what an upload would."""

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.exchange.formats import Column, FileFormat, Kind
from dashboard.exchange.forms import FormRow, save_form_row, stored_row
from dashboard.reference import service as reference_data
from dashboard.reference.queries import REFERENCE_FILES
from dashboard.ui import cached, forms

PAGE = "admin_programme"
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)
# The reference files in tab order, with their tabs' titles.
TITLES = dict(
    zip(
        REFERENCE_FILES,
        ("Providers", "Inspection groups", "Services", "MoU terms"),
        strict=True,
    )
)
LONG_TEXT = {"note"}
# How each file is closed: the expander's title, the date's label, the button, what was done.
CLOSING = {
    "providers": (
        "Close a provider",
        "Close its open services on",
        "Close provider's services",
        "Closed the open services of provider",
    ),
    "inspection_groups": (
        "Close an inspection group",
        "Close its open services on",
        "Close group's services",
        "Closed the open services of group",
    ),
    "services": ("Close a service", "Closed on", "Close service", "Closed service"),
    "mou_terms": (
        "End an MoU term",
        "Last day of the term",
        "Set the term's end",
        "Set the end of MoU term",
    ),
}


def _save(form: str, write: Callable[[Any], object], done: str) -> None:
    """Save; when saved, every edit form reloads the row it shows."""
    opened = [
        key
        for key in st.session_state
        if str(key).startswith(PAGE) and str(key).endswith("_opened")
    ]
    forms.save(form, write, done, forget_keys=opened)


def _title(name: str) -> str:
    """A column name as a label: `lead_contact_email` → `Lead contact email`."""
    return name.replace("_", " ").capitalize()


def _index(choices: list[str], value: str) -> int:
    return choices.index(value) if value in choices else 0


def _field(
    column: Column, value: str, key: str, codes: dict[str, list[str]], disabled: bool
) -> str:
    """One form widget for a column, returning its cell as the exchange format writes it."""
    label = f"{_title(column.name)} *" if column.required else _title(column.name)
    common: dict[str, Any] = {"key": key, "disabled": disabled}
    if column.references or column.kind in (Kind.ENUM, Kind.YES_NO):
        values = (
            codes[column.references]
            if column.references
            else list(column.values)
            if column.kind is Kind.ENUM
            else ["yes", "no"]
        )
        choices = ["", *values]
        return st.selectbox(label, choices, index=_index(choices, value), **common) or ""
    if column.kind is Kind.DATE:
        picked = st.date_input(
            label,
            value=date.fromisoformat(value) if value else None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            **common,
        )
        return picked.isoformat() if isinstance(picked, date) else ""
    if column.kind is Kind.INT:
        number = st.number_input(
            label, value=int(value) if value else None, min_value=0, step=1, **common
        )
        return "" if number is None else str(int(number))
    typed: str = (st.text_area if column.name in LONG_TEXT else st.text_input)(
        label, value=value, **common
    )
    return typed


def _row_form(
    fmt: FileFormat, cells: dict[str, str], key: str, codes: dict[str, list[str]], *, editing: bool
) -> dict[str, str] | None:
    """A form over every column of the file; the cells when submitted, else None."""
    with st.form(key):
        forms.refusal_shown(key, label=_title)
        values = {
            column.name: _field(
                column,
                cells.get(column.name, ""),
                f"{key}_{column.name}",
                codes,
                disabled=editing and column.name in fmt.key,
            )
            for column in fmt.columns
        }
        label = "Save changes" if editing else f"Add {fmt.label}"
        submitted = st.form_submit_button(label, key=f"{key}_submit", type="primary")
    return values if submitted else None


def _opened(fmt: FileFormat, code: str) -> FormRow | None:
    """The row as it was when its edit form was opened (kept, so a stale save is refused)."""
    state_key = f"{PAGE}_{fmt.name}_opened"
    snapshot = st.session_state.get(state_key)
    if snapshot is None or snapshot[0] != code:
        with db.session_scope(cached.current_engine()) as session:
            snapshot = (code, stored_row(session, fmt.name, {fmt.key[0]: code}))
        st.session_state[state_key] = snapshot
    return snapshot[1]


def create(fmt: FileFormat, codes: dict[str, list[str]], actor: Actor) -> None:
    """Add a row of the file through a form over its columns."""
    form = f"{PAGE}_{fmt.name}_new"
    with st.expander(f"Add a {fmt.label}", icon=":material/add:"):
        cells = _row_form(fmt, {}, form, codes, editing=False)
        if cells is not None:
            _save(
                form,
                lambda session: save_form_row(session, fmt.name, cells, actor=actor, new=True),
                f"Added {fmt.label} {cells[fmt.key[0]]}.",
            )


def edit(fmt: FileFormat, codes: dict[str, list[str]], actor: Actor) -> None:
    """Pick a row of the file and edit it; a save over someone else's is refused."""
    with st.expander(f"Edit a {fmt.label}", icon=":material/edit:"):
        code = st.selectbox(
            f"{fmt.label.capitalize()} to edit",
            ["", *codes[fmt.name]],
            key=f"{PAGE}_{fmt.name}_pick",
        )
        if fmt.name == "services":
            st.caption(
                "Changing the group moves the service: its past inspections stay with "
                "the group that carried them out."
            )
        opened = _opened(fmt, code) if code else None
        if opened is None:
            return
        form = f"{PAGE}_{fmt.name}_edit_{code}"
        cells = _row_form(fmt, opened.cells, form, codes, editing=True)
        if cells is not None:
            _save(
                form,
                lambda session: save_form_row(
                    session, fmt.name, cells, actor=actor, expected_version=opened.version
                ),
                f"Saved {fmt.label} {code}.",
            )


def _closer(file_name: str, code: str, on: date, actor: Actor) -> Callable[[Any], object]:
    """The write that closes one provider, group or service, or ends an MoU term."""
    if file_name == "mou_terms":
        return lambda session: reference_data.end_mou_term(session, actor=actor, ref=code, on=on)
    closing = {
        "providers": reference_data.close_provider,
        "inspection_groups": reference_data.close_group,
        "services": reference_data.close_service,
    }[file_name]
    return lambda session: closing(session, actor=actor, code=code, on=on)


def close(fmt: FileFormat, codes: dict[str, list[str]], actor: Actor) -> None:
    """Close a provider, group or service, or end an MoU term, on a date; nothing is deleted."""
    title, date_label, button, done = CLOSING[fmt.name]
    form = f"{PAGE}_{fmt.name}_close"
    with st.expander(title, icon=":material/event_busy:"):
        forms.refusal_shown(form, label=_title)
        code = st.selectbox(
            fmt.label.capitalize(), ["", *codes[fmt.name]], key=f"{PAGE}_{fmt.name}_close_pick"
        )
        on = st.date_input(
            date_label,
            value=None,
            min_value=EARLIEST,
            max_value=LATEST,
            format="YYYY-MM-DD",
            key=f"{PAGE}_{fmt.name}_close_on",
        )
        st.caption("Nothing is deleted: closing records the date, and history is kept.")
        clicked = st.button(button, key=form, disabled=not code or not isinstance(on, date))
        if clicked and code and isinstance(on, date):
            _save(form, _closer(fmt.name, code, on, actor), f"{done} {code}: {on.isoformat()}.")
