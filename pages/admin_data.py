"""Import and export: upload a workbook or zip of CSV files, see the dry run, then confirm.

Nothing is written until the import is confirmed, and then all of it or none of it is.
Downloads (the whole programme, the template) are marked OFFICIAL-SENSITIVE.
"""

import pandas as pd
import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import PermissionDenied
from dashboard.core.plain_text import escape_markdown
from dashboard.exchange import ImportRejected, Problem
from dashboard.exchange import service as data_exchange
from dashboard.exchange.service import UploadCheck
from dashboard.ui import cached, widgets

PAGE = "admin_data"
FLASH = f"{PAGE}_flash"
SOURCE = f"{PAGE}_source"  # (file name, bytes) of the upload being checked
FROM_UPLOADER = f"{PAGE}_from_uploader"
CHECK = f"{PAGE}_check"  # the dry run of that upload


def _programme_bytes() -> bytes:
    """The whole programme as a workbook, built only when the download is clicked."""
    with db.session_scope(cached.current_engine()) as session:
        return data_exchange.programme_workbook(session, actor=actor)


def _downloads() -> None:
    st.subheader("Download")
    left, right = st.columns(2)
    left.download_button(
        "Whole programme (.xlsx)",
        _programme_bytes,
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


def _dry_run(file_name: str, data: bytes) -> UploadCheck:
    """The dry run of the held upload, run once per file."""
    held = st.session_state.get(CHECK)
    if held is None or held.digest != data_exchange.upload_digest(data):
        with db.session_scope(cached.current_engine()) as session:
            held = data_exchange.check_upload(session, actor=actor, file_name=file_name, data=data)
        st.session_state[CHECK] = held
    return held


def _show_problems(problems: list[Problem], heading: str) -> None:
    st.error(
        f"{heading}: {len(problems)} problem{'s' * (len(problems) != 1)}. "
        "Nothing has been saved; fix the file and upload it again."
    )
    table = pd.DataFrame(
        data_exchange.problem_rows(problems), columns=["file", "row", "column", "message"]
    )
    st.dataframe(table, hide_index=True, key=f"{PAGE}_problems")
    widgets.download_table(table, "import problems", key=f"{PAGE}_problems_download")


def _show_check(check: UploadCheck) -> None:
    if check.problems:
        _show_problems(check.problems, "The dry run found problems")
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


def _import(file_name: str, data: bytes, check: UploadCheck) -> None:
    """The confirmed import, with a progress bar; all or nothing."""
    files = [summary.name for summary in check.summary.files] if check.summary else []
    bar = st.progress(0.0, text="Importing…")

    def progress(file: str, done: int, total: int) -> None:
        share = (files.index(file) + (done / total if total else 1)) / max(len(files), 1)
        bar.progress(min(share, 1.0), text=f"{file}: {done} of {total} rows")

    try:
        with db.session_scope(cached.current_engine()) as session:
            summary = data_exchange.import_upload(
                session, actor=actor, file_name=file_name, data=data, on_progress=progress
            )
    except ImportRejected as rejected:
        bar.empty()
        st.session_state.pop(CHECK, None)
        _show_problems(rejected.problems, "The import was refused")
        return
    except PermissionDenied as refusal:
        st.error(escape_markdown(refusal))
        return
    cached.clear_query_cache()
    total = summary.total
    st.session_state[FLASH] = (
        f"Imported {file_name}: {total.created} created, "
        f"{total.updated} updated, {total.unchanged} unchanged."
    )
    for key in (SOURCE, CHECK, FROM_UPLOADER):
        st.session_state.pop(key, None)
    st.rerun()


st.title("Import and export")
st.caption(
    "The data exchange format: a workbook with a sheet per file, or a zip of CSV files. "
    "Rows are matched on their code or ref, so importing a row again updates it."
)
actor = widgets.current_actor()
if message := st.session_state.pop(FLASH, None):
    st.success(escape_markdown(message))
_downloads()
st.subheader("Upload")
source = _take_upload()
if source is None:
    st.info("Choose a file to see what importing it would do before anything is saved.")
    st.stop()
source_name, source_data = source
dry_run = _dry_run(source_name, source_data)
_show_check(dry_run)
if dry_run.importable and st.button(
    escape_markdown(
        f"Import {source_name}: {dry_run.changes} change{'s' * (dry_run.changes != 1)}"
    ),
    type="primary",
    key=f"{PAGE}_import",
):
    _import(source_name, source_data, dry_run)
