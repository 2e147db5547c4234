"""Governance: MoU terms, meetings and their action log, and the governance pack in one click."""

from collections.abc import Callable, Sequence
from datetime import date, timedelta

import streamlit as st

from dashboard.core import db
from dashboard.core.config import database_url
from dashboard.core.marking import MARKING
from dashboard.core.permissions import MANAGERS
from dashboard.core.plain_text import escape_markdown
from dashboard.core.table_export import export_file_name
from dashboard.core.vocabulary import ActionStatus, MeetingKind, OwnerOrg
from dashboard.exchange.problems import ImportRejected
from dashboard.governance import charts, view
from dashboard.governance import service as governance_service
from dashboard.governance.pack import PDF_NAME, XLSX_NAME, build_pack
from dashboard.governance.rules import (
    ActionFacts,
    MeetingFacts,
    carried_forward,
    days_remaining,
    kind_label,
    next_action_ref,
    planned_past_term_end,
    term_in_force,
    term_warning,
)
from dashboard.ui import cached, widgets

NOTICE = "governance_notice"
PACK = "governance_pack"
NO_CHANGE = "(no change)"
ALL_MEETINGS = "All meetings"
LABELS = {
    "ref": "Ref",
    "held_on": "Held on",
    "kind": "Kind",
    "attendees": "Attendees",
    "notes": "Notes",
    "meeting_ref": "Raised at meeting",
    "text": "Action",
    "owner_org": "Owner organisation",
    "owner_name": "Owner",
    "due_on": "Due on",
    "status": "Status",
    "closed_on": "Closed on",
    "on": "Update date",
    "note": "Note",
}
ORGS = [org.value for org in OwnerOrg]
KINDS = [kind.value for kind in MeetingKind]


def save(write: Callable[[db.Session], object], done: str) -> None:
    """Run a write in one transaction; show refusals and bad input by field, else reload."""
    with widgets.refusals_shown():
        try:
            with db.session_scope(cached.current_engine()) as session:
                write(session)
        except ImportRejected as refused:
            for problem in refused.problems:
                st.error(f"{LABELS.get(problem.field or '', 'Input')}: {problem.message}")
            return
        cached.clear_query_cache()
        st.session_state[NOTICE] = done
        st.rerun()


def terms_section(as_of: date) -> None:
    """MoU terms on a timeline, the one in force, and planned inspections past its end."""
    terms = cached.governance_terms(url)
    if not terms:
        st.info("No MoU terms recorded yet: import them in the mou_terms file.")
        return
    widgets.chart(charts.mou_timeline_chart, charts.mou_terms_frame(terms, as_of), as_of)
    st.dataframe(view.terms_frame(terms, as_of), hide_index=True)
    term = term_in_force(terms, as_of)
    if term is None:
        st.warning("No MoU term is in force on this date.")
    else:
        st.metric(f"Days left in MoU term {term.ref}", days_remaining(term, as_of), border=True)
        if term_warning(term, as_of):
            st.warning(f"MoU term {term.ref} ends within 90 days: agree the next term.")
    st.subheader("Planned inspections past the end of the term")
    flagged = planned_past_term_end(cached.inspection_starts_planned(url), term, as_of)
    if flagged:
        st.dataframe(view.planned_frame(flagged, term), hide_index=True)
    else:
        st.caption("No planned inspection starts after the term in force ends.")


def meeting_form(key: str, meeting: MeetingFacts | None, as_of: date) -> None:
    """Create a meeting (no `meeting`) or edit one, through the importer's rules."""
    with st.form(f"governance_{key}_form"):
        ref = (
            meeting.ref
            if meeting
            else st.text_input(
                "Meeting ref", key=f"governance_{key}_ref", placeholder="MTG-2026-12-GOV"
            )
        )
        held_on = st.date_input(
            "Held on",
            value=meeting.held_on if meeting else as_of,
            key=f"governance_{key}_held_on",
            format="YYYY-MM-DD",
        )
        kind = st.selectbox(
            "Kind",
            KINDS,
            format_func=kind_label,
            key=f"governance_{key}_kind",
            index=KINDS.index(meeting.kind) if meeting else 0,
        )
        attendees = st.text_area(
            "Attendees, one per line (e.g. CQC programme manager, Home Office SCA)",
            value=(meeting.attendees or "").replace(";", "\n") if meeting else "",
            key=f"governance_{key}_attendees",
        )
        notes = st.text_area(
            "Notes", value=(meeting.notes or "") if meeting else "", key=f"governance_{key}_notes"
        )
        if not st.form_submit_button("Save meeting" if meeting else "Create meeting"):
            return
    if meeting is None:
        save(
            lambda s: governance_service.create_meeting(
                s,
                actor=actor,
                ref=ref,
                held_on=held_on,
                kind=kind,
                attendees=attendees,
                notes=notes,
            ),
            f"Meeting {ref} created.",
        )
    else:
        save(
            lambda s: governance_service.edit_meeting(
                s,
                actor=actor,
                ref=meeting.ref,
                expected_version=meeting.version,
                held_on=held_on,
                kind=kind,
                attendees=attendees,
                notes=notes,
            ),
            f"Meeting {meeting.ref} saved.",
        )


def meeting_picker(meetings: Sequence[MeetingFacts], as_of: date, key: str) -> MeetingFacts | None:
    """Choose a meeting (the one nearest the as-of date first); None, said so, when none."""
    if not meetings:
        st.info("No meetings recorded yet.")
        return None
    by_ref = {m.ref: m for m in meetings}
    ref = widgets.choose_one(
        st,
        "Meeting",
        list(by_ref),
        key,
        default=meetings[view.default_meeting(meetings, as_of)].ref,
        format_func=lambda r: view.meeting_label(by_ref[r]),
    )
    if ref not in by_ref:
        st.warning(f"No meeting has the ref '{escape_markdown(ref or '')}'.")
        return None
    return by_ref[ref]


def meetings_section(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """One meeting: who came, its agenda of carried-forward actions, and what changed."""
    if can_edit:
        with st.expander("New meeting", icon=":material/add:"):
            meeting_form("new_meeting", None, as_of)
    meeting = meeting_picker(meetings, as_of, "governance_meeting")
    if meeting is None:
        return
    ref = meeting.ref
    st.subheader(view.meeting_label(meeting))
    st.dataframe(view.attendees_frame(meeting.attendees), hide_index=True)
    if meeting.notes:
        st.text(meeting.notes)
    st.markdown("**Carried forward: still open from earlier meetings of this kind**")
    st.dataframe(view.actions_frame(carried_forward(meeting, actions)), hide_index=True)
    st.markdown("**Actions raised at this meeting**")
    st.dataframe(view.actions_frame(a for a in actions if a.meeting_ref == ref), hide_index=True)
    st.markdown("**What changed since the last meeting of this kind**")
    changes = cached.meeting_changes(url, ref)
    if changes is None:
        st.caption("The first meeting of its kind: nothing to compare with.")
    else:
        st.dataframe(view.changes_frame(changes), hide_index=True)
    if can_edit:
        with st.expander("Edit this meeting", icon=":material/edit:"):
            meeting_form(f"edit_meeting_{ref}", meeting, as_of)
    with st.expander("All meetings"):
        st.dataframe(view.meetings_frame(meetings), hide_index=True)


def new_action_form(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """Raise an action at a meeting; a blank ref takes the meeting's next free one."""
    refs = [m.ref for m in meetings]
    with st.form("governance_new_action_form"):
        meeting_ref = (
            widgets.choose_one(
                st,
                "Raised at meeting",
                refs,
                "governance_new_action_meeting",
                default=refs[view.default_meeting(meetings, as_of)],
            )
            or ""
        )
        ref = st.text_input(
            "Action ref (blank: the meeting's next, e.g. ACT-2026-12-GOV-1)",
            key="governance_new_action_ref",
        )
        text = st.text_area("Action", key="governance_new_action_text")
        owner_org = st.selectbox("Owner organisation", ORGS, key="governance_new_action_org")
        owner = st.text_input("Owner", key="governance_new_action_owner")
        due_on = st.date_input(
            "Due on",
            value=as_of + timedelta(days=14),
            format="YYYY-MM-DD",
            key="governance_new_action_due",
        )
        if not st.form_submit_button("Add action"):
            return
    ref = ref.strip() or next_action_ref(meeting_ref, [a.ref for a in actions])
    save(
        lambda s: governance_service.create_action(
            s,
            actor=actor,
            ref=ref,
            meeting_ref=meeting_ref,
            text=text,
            owner_org=owner_org,
            owner_name=owner,
            due_on=due_on,
        ),
        f"Action {ref} added.",
    )


def action_forms(action: ActionFacts) -> None:
    """Add a dated update (moving the status) or edit the action's text, owner and due date."""
    with st.form(f"governance_update_{action.ref}"):
        st.markdown("**Add an update**")
        on = st.date_input(
            "Update date",
            value=date.today(),
            format="YYYY-MM-DD",
            key=f"governance_update_on_{action.ref}",
        )
        status = st.selectbox(
            "New status", [NO_CHANGE, *ActionStatus], key=f"governance_update_status_{action.ref}"
        )
        note = st.text_area("Note", key=f"governance_update_note_{action.ref}")
        if st.form_submit_button("Add update"):
            save(
                lambda s: governance_service.add_action_update(
                    s,
                    actor=actor,
                    action_ref=action.ref,
                    expected_version=action.version,
                    on=on,
                    note=note,
                    status=None if status == NO_CHANGE else status,
                ),
                f"Update added to {action.ref}.",
            )
    with st.form(f"governance_edit_{action.ref}"):
        st.markdown("**Edit the action**")
        text = st.text_area("Action", value=action.text, key=f"governance_edit_text_{action.ref}")
        owner_org = st.selectbox(
            "Owner organisation",
            ORGS,
            index=ORGS.index(action.owner_org),
            key=f"governance_edit_org_{action.ref}",
        )
        owner = st.text_input(
            "Owner", value=action.owner_name or "", key=f"governance_edit_owner_{action.ref}"
        )
        due_on = st.date_input(
            "Due on",
            value=action.due_on,
            format="YYYY-MM-DD",
            key=f"governance_edit_due_{action.ref}",
        )
        if st.form_submit_button("Save action"):
            save(
                lambda s: governance_service.edit_action(
                    s,
                    actor=actor,
                    ref=action.ref,
                    expected_version=action.version,
                    text=text,
                    owner_org=owner_org,
                    owner_name=owner,
                    due_on=due_on,
                ),
                f"Action {action.ref} saved.",
            )


def actions_section(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """The action log with RAG as of the date, filtered; one action's updates; add/update."""
    left, middle, right = st.columns(3)
    orgs = left.multiselect("Owner organisation", ORGS, key="governance_filter_org")
    statuses = middle.multiselect("Status", list(ActionStatus), key="governance_filter_status")
    meeting = widgets.choose_one(
        right, "Meeting", [ALL_MEETINGS, *(m.ref for m in meetings)], "governance_filter_meeting"
    )  # typed: blank for all
    shown = cached.action_log_view(
        url,
        as_of,
        tuple(orgs),
        tuple(statuses),
        None if meeting in (None, ALL_MEETINGS) else meeting,
    )
    log = shown.rows
    st.caption(
        f"{len(log)} actions raised by {as_of:%d %b %Y}. RAG: red overdue, amber due "
        "within 10 working days, green on track, blue done, grey dropped."
    )
    widgets.chart(charts.action_rag_chart, shown.rag_counts)
    on_page = widgets.items_on_page(log, "governance_actions_page")
    st.dataframe(view.action_log_frame(on_page), hide_index=True)
    if log:
        by_ref = {row.action.ref: row.action for row in on_page}
        chosen = by_ref[st.selectbox("Action", list(by_ref), key="governance_action")]
        st.text(chosen.text)
        st.dataframe(view.updates_frame(cached.action_updates(url, chosen.ref)), hide_index=True)
        if can_edit:
            action_forms(chosen)
    if can_edit and meetings:
        with st.expander("Add an action", icon=":material/add:"):
            new_action_form(meetings, as_of)


def pack_section(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """Build a meeting's pack as of its date, showing progress; offer both files."""
    meeting = meeting_picker(meetings, as_of, "governance_pack_meeting")
    if meeting is None:
        return
    ref = meeting.ref
    st.caption(
        "The pack shows the programme as of the meeting date: pack.pdf to print and "
        f"pack.xlsx to filter, both marked {MARKING}."
    )
    if st.button(
        "Build pack", key="governance_build_pack", type="primary", icon=":material/description:"
    ):
        progress = st.progress(0.0, text="Starting")
        with st.status("Building the governance pack", expanded=True) as status:

            def report(done: float, what: str) -> None:
                progress.progress(done, text=what)
                status.write(what)

            with db.session_scope(cached.current_engine()) as session:
                pack = build_pack(session, ref, report)
            status.update(
                label=f"Pack for {ref} built in {pack.seconds:.1f} s",
                state="complete",
                expanded=False,
            )
        st.session_state[PACK] = (ref, pack.pdf, pack.xlsx)
    built = st.session_state.get(PACK)
    if built and built[0] == ref:
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


st.title("Governance")
if notice := st.session_state.pop(NOTICE, None):
    st.success(notice)
url = database_url()
actor = widgets.current_actor()
can_edit = actor.role in MANAGERS
as_of_day = st.date_input(
    "As of",
    value=date.today(),
    min_value=date(2015, 1, 1),
    key="governance_as_of",
    format="YYYY-MM-DD",
)
all_meetings = cached.governance_meetings(url)
actions = cached.governance_actions(url)
terms_tab, meetings_tab, actions_tab, pack_tab = st.tabs(
    ["MoU terms", "Meetings", "Action log", "Governance pack"]
)
with terms_tab:
    terms_section(as_of_day)
with meetings_tab:
    meetings_section(all_meetings, as_of_day)
with actions_tab:
    actions_section(all_meetings, as_of_day)
with pack_tab:
    pack_section(all_meetings, as_of_day)
