"""The Governance page's pack tab: a meeting's governance pack built with its progress shown,
then offered as pack.pdf and pack.xlsx."""

from collections.abc import Sequence
from datetime import date

import streamlit as st

from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.permissions import STAFF, Actor
from dashboard.core.table_export import export_file_name
from dashboard.core.vocabulary import Role
from dashboard.governance.pack import PDF_NAME, XLSX_NAME, build_pack
from dashboard.governance.rules import MeetingFacts
from dashboard.ui import cached
from dashboard.ui.governance_forms import meeting_picker

PACK = "governance_pack"


def pack_section(meetings: Sequence[MeetingFacts], as_of: date, actor: Actor) -> None:
    """Build a meeting's pack as of its date, showing progress; offer both files. Partners
    always get the pack as partners receive it; staff may choose it."""
    meeting = meeting_picker(meetings, as_of, "governance_pack_meeting")
    if meeting is None:
        return
    ref = meeting.ref
    st.caption(
        "The pack shows the programme as of the meeting date: pack.pdf to print and "
        f"pack.xlsx to filter, both marked {MARKING}."
    )
    role = actor.role
    if role in STAFF and st.checkbox(
        "As partners receive it: recommendations, judgements and themes only of inspections "
        "whose final report was sent by the meeting date",
        key="governance_pack_for_partners",
    ):
        role = Role.PARTNER
    if st.button(
        "Build pack", key="governance_build_pack", type="primary", icon=":material/description:"
    ):
        progress = st.progress(0.0, text="Starting")
        with st.status("Building the governance pack", expanded=True) as status:

            def report(done: float, what: str) -> None:
                progress.progress(done, text=what)
                status.write(what)

            with db.session_scope(cached.current_engine()) as session:
                pack = build_pack(session, ref, report, role=role)
            status.update(
                label=f"Pack for {ref} built in {pack.seconds:.1f} s",
                state="complete",
                expanded=False,
            )
        st.session_state[PACK] = (ref, pack.pdf, pack.xlsx, role)
    built = st.session_state.get(PACK)
    if built and built[0] == ref and built[3] == role:
        left, right = st.columns(2)
        held_on = meeting.held_on
        left.download_button(
            "Download pack.pdf",
            built[1],
            mime="application/pdf",
            file_name=export_file_name(f"{ref}-{PDF_NAME[:-4]}", "pdf", held_on),
            key="governance_download_pdf",
            icon=":material/download:",
        )
        right.download_button(
            "Download pack.xlsx",
            built[2],
            key="governance_download_xlsx",
            file_name=export_file_name(f"{ref}-{XLSX_NAME[:-5]}", "xlsx", held_on),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
        )
