"""The Governance page's pack tab: a meeting's governance pack built with its progress shown,
then offered as pack.pdf and pack.xlsx."""

from collections.abc import Sequence
from datetime import date

import streamlit as st

from dashboard.core.marking import MARKING
from dashboard.core.permissions import STAFF, Actor
from dashboard.core.plain_text import escape_markdown
from dashboard.core.refusal import Refused
from dashboard.core.table_export import export_file_name
from dashboard.core.vocabulary import Role
from dashboard.governance.pack import PDF_NAME, XLSX_NAME
from dashboard.governance.pack.worker import build_in_worker
from dashboard.governance.rules import MeetingFacts, figures_day, is_still_to_come
from dashboard.ui import cached
from dashboard.ui.governance_forms import meeting_picker

PACK = "governance_pack"


def pack_section(
    meetings: Sequence[MeetingFacts], as_of: date, actor: Actor, built_on: date
) -> None:
    """Build a meeting's pack, showing progress; offer both files. The pack is as of the
    meeting's date once held, else as of `built_on` (the page's date, never after today).
    Partners always get the pack as partners receive it; staff may choose it."""
    meeting = meeting_picker(meetings, as_of, "governance_pack_meeting")
    if meeting is None:
        return
    ref = meeting.ref
    day = figures_day(meeting.held_on, built_on)
    if is_still_to_come(meeting.held_on, built_on):
        when = (
            f"The meeting on {meeting.held_on:%d %b %Y} is still to come: the pack shows the "
            f"programme as of {day:%d %b %Y} (the page's date, never after today), nothing "
            "booked counted as started"
        )
    else:
        when = f"The pack shows the programme as of the meeting date, {day:%d %b %Y}"
    st.caption(f"{when}: pack.pdf to print and pack.xlsx to filter, both marked {MARKING}.")
    role = actor.role
    if role in STAFF and st.checkbox(
        "As partners receive it: recommendations, judgements and themes only of inspections "
        "whose final report was sent by the pack's date",
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

            url = cached.current_engine().url.render_as_string(hide_password=False)
            try:
                pack = build_in_worker(url, ref, report, role=role, built_on=built_on)
            except Refused as refusal:
                status.update(label="The pack was not built", state="error")
                st.error(escape_markdown(refusal))
                return
            status.update(
                label=f"Pack for {ref} built in {pack.seconds:.1f} s",
                state="complete",
                expanded=False,
            )
        st.session_state[PACK] = (ref, pack.pdf, pack.xlsx, role, day)
    built = st.session_state.get(PACK)
    if built and built[0] == ref and built[3] == role and built[4] == day:
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
