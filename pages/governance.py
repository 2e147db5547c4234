"""Governance: MoU terms, meetings and their action log, and the governance pack in one click.

Partners see only the meetings they attend (the queries leave the others out); after a save the
page stays on the tab and action the person was on, the notice beside the button pressed."""

from collections.abc import Sequence
from datetime import date

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import MANAGERS
from dashboard.core.vocabulary import ActionStatus, in_words
from dashboard.governance import charts, view
from dashboard.governance.rules import (
    MeetingFacts,
    Rag,
    carried_forward,
    days_remaining,
    figures_day,
    is_still_to_come,
    planned_past_term_end,
    rag_label,
    term_in_force,
    term_warning,
)
from dashboard.ui import cached, forms, governance_forms, widgets
from dashboard.ui.governance_forms import ORGS, meeting_picker
from dashboard.ui.governance_pack import pack_section
from dashboard.ui.national_section import national_section

ALL_MEETINGS = "All meetings"
TABS = ["MoU terms", "Meetings", "Action log", "National recommendations", "Governance pack"]


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


def meetings_section(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """One meeting: who came, its agenda of carried-forward actions, and what changed."""
    if can_edit:
        with st.expander("New meeting", icon=":material/add:"):
            governance_forms.meeting_form("new_meeting", None, as_of, actor)
    meeting = meeting_picker(meetings, as_of, "governance_meeting")
    if meeting is None:
        return
    ref = meeting.ref
    st.subheader(view.meeting_label(meeting))
    st.dataframe(view.attendees_frame(meeting.attendees), hide_index=True)
    if meeting.notes:
        st.text(meeting.notes)
    day = figures_day(meeting.held_on, read_on)
    st.markdown("**Carried forward: still open from earlier meetings of this kind**")
    st.dataframe(view.actions_frame(carried_forward(meeting, actions, day)), hide_index=True)
    st.markdown("**Actions raised at this meeting**")
    st.dataframe(view.actions_frame(a for a in actions if a.meeting_ref == ref), hide_index=True)
    st.markdown("**What changed since the last meeting of this kind**")
    if is_still_to_come(meeting.held_on, read_on):
        st.caption(f"The meeting is still to come: what changed up to {day:%d %b %Y}.")
    changes = cached.meeting_changes(url, ref, actor.role, read_on)
    if changes is None:
        st.caption("The first meeting of its kind: nothing to compare with.")
    else:
        st.dataframe(view.changes_frame(changes), hide_index=True)
    if can_edit:
        with st.expander("Edit this meeting", icon=":material/edit:"):
            governance_forms.meeting_form(f"edit_meeting_{ref}", meeting, as_of, actor)
    with st.expander("All meetings"):
        st.dataframe(view.meetings_frame(meetings), hide_index=True)


def actions_section(meetings: Sequence[MeetingFacts], as_of: date) -> None:
    """The action log with RAG as of the date, filtered; one action's updates; add/update."""
    left, middle, rag_column, right = st.columns(4)
    orgs = left.multiselect(
        "Owner organisation", ORGS, format_func=in_words, key="governance_filter_org"
    )
    statuses = middle.multiselect(
        "Status",
        [status.value for status in ActionStatus],
        default=view.ACTION_LOG_STATUSES,
        key="governance_filter_status",
        bind="query-params",  # Overview's link opens the log on what its tile counted
    )
    rags = rag_column.multiselect(
        "RAG",
        [tag.value for tag in Rag],
        format_func=lambda tag: rag_label(Rag(tag)),
        key="governance_filter_rag",
        bind="query-params",
    )
    refs = [m.ref for m in view.newest_first(meetings)]
    meeting = widgets.choose_one(
        right, "Meeting", [ALL_MEETINGS, *refs], "governance_filter_meeting"
    )  # typed: blank for all
    shown = cached.action_log_view(
        url,
        as_of,
        tuple(orgs),
        tuple(statuses),
        None if meeting in (None, ALL_MEETINGS) else meeting,
        viewer,
    )
    shown = view.with_rags(shown, rags)
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
        kept = st.session_state.get("governance_action")
        if kept not in by_ref:  # the action being edited, though a save moved it off this page
            by_ref |= {a.ref: a for a in actions if a.ref == kept}
        chosen = by_ref[st.selectbox("Action", list(by_ref), key="governance_action")]
        st.text(chosen.text)
        updates = cached.action_updates(url, chosen.ref, viewer)
        st.dataframe(view.updates_frame(updates), hide_index=True)
        if can_edit:
            governance_forms.action_forms(chosen, actor)
    if can_edit and meetings:
        with st.expander("Add an action", icon=":material/add:"):
            governance_forms.new_action_form(meetings, as_of, actor)


st.title("Governance")
unclaimed_notice = st.empty()  # a save's notice whose form is no longer shown
url = database_url()
actor = widgets.current_actor()
can_edit = actor.role in MANAGERS
as_of_day = widgets.as_of_date("governance_as_of")
read_on = min(as_of_day, date.today())  # a coming meeting is read as of this day, not its own
viewer = widgets.current_viewer(as_of_day)  # a partner sees only the meetings partners attend
all_meetings = cached.governance_meetings(url, viewer)
actions = cached.governance_actions(url, viewer)
# Keyed and tracked, so a save's rerun (a notice now shown) keeps the tab the person was on.
terms_tab, meetings_tab, actions_tab, national_tab, pack_tab = st.tabs(
    TABS, key="governance_tab", on_change="rerun", bind="query-params"
)
with terms_tab:
    terms_section(as_of_day)
with meetings_tab:
    meetings_section(all_meetings, as_of_day)
with actions_tab:
    actions_section(all_meetings, as_of_day)
with national_tab:
    national_section(as_of_day, actor)
with pack_tab:
    pack_section(all_meetings, as_of_day, actor, read_on)
with unclaimed_notice.container():
    forms.notice()
