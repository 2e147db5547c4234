"""The Import and export page's steps that open a session: the whole programme to download,
the dry run of an upload, and the confirmed import with its progress (all or nothing)."""

import pandas as pd
import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.plain_text import escape_markdown
from dashboard.core.refusal import Problem, Refused
from dashboard.exchange import service as data_exchange
from dashboard.exchange.service import UploadCheck
from dashboard.ui import cached, forms, widgets

PAGE = "admin_data"
SOURCE = f"{PAGE}_source"  # (file name, bytes) of the upload being checked
FROM_UPLOADER = f"{PAGE}_from_uploader"
CHECK = f"{PAGE}_check"  # the dry run of that upload


def programme_bytes(actor: Actor) -> bytes:
    """The whole programme as a workbook, built only when the download is clicked."""
    with db.session_scope(cached.current_engine()) as session:
        return data_exchange.programme_workbook(session, actor=actor)


def dry_run(actor: Actor, file_name: str, data: bytes) -> UploadCheck:
    """The dry run of the held upload, run once per file."""
    held = st.session_state.get(CHECK)
    if held is None or held.digest != data_exchange.upload_digest(data):
        with db.session_scope(cached.current_engine()) as session:
            held = data_exchange.check_upload(session, actor=actor, file_name=file_name, data=data)
        st.session_state[CHECK] = held
    return held


def show_problems(problems: list[Problem], heading: str) -> None:
    """What is wrong with the file, a row per problem, to download and fix."""
    st.error(
        f"{heading}: {len(problems)} problem{'s' * (len(problems) != 1)}. "
        "Nothing has been saved; fix the file and upload it again."
    )
    table = pd.DataFrame(
        data_exchange.problem_rows(problems), columns=["file", "row", "column", "message"]
    )
    st.dataframe(table, hide_index=True, key=f"{PAGE}_problems")
    widgets.download_table(table, "import problems", key=f"{PAGE}_problems_download")


def import_upload(actor: Actor, file_name: str, data: bytes, check: UploadCheck) -> None:
    """The confirmed import, with a progress bar; all or nothing."""
    files = [summary.name for summary in check.summary.files] if check.summary else []
    bar = st.progress(0.0, text="Importing…")

    def progress(file: str, done: int, total: int) -> None:
        share = (files.index(file) + (done / total if total else 1)) / max(len(files), 1)
        bar.progress(min(share, 1.0), text=f"{file}: {done} of {total} rows")

    try:
        summary = db.write(  # again if an import at the same moment stored the same keys
            cached.current_engine(),
            lambda session: data_exchange.import_upload(
                session, actor=actor, file_name=file_name, data=data, on_progress=progress
            ),
        )
    except Refused as refused:
        bar.empty()
        if not refused.problems:  # not allowed to import at all
            st.error(escape_markdown(refused))
            return
        st.session_state.pop(CHECK, None)
        show_problems(refused.problems, "The import was refused")
        return
    total = summary.total
    st.session_state[forms.NOTICE] = (
        f"Imported {file_name}: {total.created} created, "
        f"{total.updated} updated, {total.unchanged} unchanged."
    )
    for key in (SOURCE, CHECK, FROM_UPLOADER):
        st.session_state.pop(key, None)
    st.rerun()
