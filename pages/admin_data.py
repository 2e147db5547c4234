"""Import and export: upload a workbook or zip of CSV files, see the dry run, then confirm.

Nothing is written until the import is confirmed, and then all of it or none of it is.
Downloads (the whole programme, the template) are marked OFFICIAL-SENSITIVE.
"""

from functools import partial

import pandas as pd
import streamlit as st

from dashboard.core.plain_text import escape_markdown
from dashboard.exchange import service as data_exchange
from dashboard.exchange.service import UploadCheck
from dashboard.ui import forms, programme_import, widgets
from dashboard.ui.programme_import import CHECK, FROM_UPLOADER, PAGE, SOURCE


def _downloads() -> None:
    st.subheader("Download")
    left, right = st.columns(2)
    left.download_button(
        "Whole programme (.xlsx)",
        partial(programme_import.programme_bytes, actor),
        icon=":material/download:",
        file_name=data_exchange.programme_file_name(),
        key=f"{PAGE}_programme",
        help="Every file of the data exchange format; it re-imports with no changes.",
    )
    right.download_button(
        "Blank template (.xlsx)",
        data_exchange.template_bytes,
        icon=":material/download:",
        file_name=data_exchange.template_file_name(),
        key=f"{PAGE}_template",
        help="Every sheet with its header, notes on each column and one worked example row.",
    )


def _take_upload() -> tuple[str, bytes] | None:
    """The file to check: a new upload replaces the one held; clearing the uploader drops it."""
    upload = st.file_uploader(
        "Workbook (.xlsx), zip of CSV files, or one CSV file",
        type=list(data_exchange.UPLOAD_TYPES),
        key=f"{PAGE}_upload",
    )
    if upload is not None:
        data = upload.getvalue()
        held = st.session_state.get(SOURCE)
        if held is None or held[1] != data:
            st.session_state[SOURCE] = (upload.name, data)
            st.session_state.pop(CHECK, None)
        st.session_state[FROM_UPLOADER] = True
    elif st.session_state.pop(FROM_UPLOADER, False):
        st.session_state.pop(SOURCE, None)
        st.session_state.pop(CHECK, None)
    return st.session_state.get(SOURCE)


def _show_check(check: UploadCheck) -> None:
    if check.problems:
        programme_import.show_problems(check.problems, "The dry run found problems")
        return
    assert check.summary is not None
    st.caption("Dry run: what importing this file would do. Nothing has been saved yet.")
    st.dataframe(
        pd.DataFrame(data_exchange.summary_rows(check.summary)),
        hide_index=True,
        key=f"{PAGE}_dry_run",
    )
    if not check.changes:
        st.info("Nothing to change: every row already matches the database.")


st.title("Import and export")
st.caption(
    "The data exchange format: a workbook with a sheet per file, or a zip of CSV files. "
    "Rows are matched on their code or ref, so importing a row again updates it."
)
actor = widgets.current_actor()
forms.notice()
_downloads()
st.subheader("Upload")
source = _take_upload()
if source is None:
    st.info("Choose a file to see what importing it would do before anything is saved.")
    st.stop()
source_name, source_data = source
dry_run = programme_import.dry_run(actor, source_name, source_data)
_show_check(dry_run)
if dry_run.importable and st.button(
    escape_markdown(
        f"Import {source_name}: {dry_run.changes} change{'s' * (dry_run.changes != 1)}"
    ),
    type="primary",
    key=f"{PAGE}_import",
):
    programme_import.import_upload(actor, source_name, source_data, dry_run)
