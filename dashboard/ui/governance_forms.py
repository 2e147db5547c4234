"""The Governance page's forms: meetings created and edited, actions raised, updated and
edited, each through the importer's rules (a form refuses what an upload would). What a save
did, or why it was refused, is shown just under the form's button."""

from collections.abc import Sequence
from datetime import date, timedelta

import streamlit as st

from dashboard.core.permissions import Actor
from dashboard.core.plain_text import escape_markdown
from dashboard.core.vocabulary import ActionStatus, MeetingKind, OwnerOrg, in_words
from dashboard.governance import service as governance_service
from dashboard.governance import view
from dashboard.governance.rules import ActionFacts, MeetingFacts, kind_label
from dashboard.ui import forms, widgets

NO_CHANGE = "(no change)"
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


def _label(field: str) -> str:
    return LABELS.get(field, "Input")


def _outcome(form: str) -> None:
    """Under the form's button: why its last save was refused, each problem named by its
    field, or what it did."""
    forms.refusal_shown(form, label=_label)
    forms.notice(form)


def meeting_form(key: str, meeting: MeetingFacts | None, as_of: date, actor: Actor) -> None:
    """Create a meeting (no `meeting`) or edit one, through the importer's rules."""
    form = f"governance_{key}_form"
    with st.form(form):
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
        submitted = st.form_submit_button("Save meeting" if meeting else "Create meeting")
        _outcome(form)
    if not submitted:
        return
    if meeting is None:
        forms.save(
            form,
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
        forms.save(
            form,
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


def new_action_form(meetings: Sequence[MeetingFacts], as_of: date, actor: Actor) -> None:
    """Raise an action at a meeting; a blank ref takes the meeting's next free one."""
    refs = [m.ref for m in view.newest_first(meetings)]
    latest = view.latest_held(meetings, as_of)
    form = "governance_new_action_form"
    with st.form(form):
        meeting_ref = (
            widgets.choose_one(
                st,
                "Raised at meeting",
                refs,
                "governance_new_action_meeting",
                default=latest.ref if latest else None,
            )
            or ""
        )
        ref = st.text_input(
            "Action ref (blank: the meeting's next, e.g. ACT-2026-12-GOV-1)",
            key="governance_new_action_ref",
        )
        text = st.text_area("Action", key="governance_new_action_text")
        owner_org = st.selectbox(
            "Owner organisation", ORGS, format_func=in_words, key="governance_new_action_org"
        )
        owner = st.text_input("Owner", key="governance_new_action_owner")
        due_on = st.date_input(
            "Due on",
            value=as_of + timedelta(days=14),
            format="YYYY-MM-DD",
            key="governance_new_action_due",
        )
        submitted = st.form_submit_button("Add action")
        _outcome(form)
    if not submitted:
        return
    forms.save(
        form,
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
        lambda added: f"Action {added} added.",
    )


def action_forms(action: ActionFacts, actor: Actor) -> None:
    """Add a dated update (moving the status) or edit the action's text, owner and due date."""
    update = f"governance_update_{action.ref}"
    with st.form(update):
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
        submitted = st.form_submit_button("Add update")
        _outcome(update)
        if submitted:
            forms.save(
                update,
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
                # emptied once saved: a second click must not add the same update again
                forget_keys=[
                    f"governance_update_{name}_{action.ref}" for name in ("on", "status", "note")
                ],
            )
    edit = f"governance_edit_{action.ref}"
    with st.form(edit):
        st.markdown("**Edit the action**")
        text = st.text_area("Action", value=action.text, key=f"governance_edit_text_{action.ref}")
        owner_org = st.selectbox(
            "Owner organisation",
            ORGS,
            index=ORGS.index(action.owner_org),
            format_func=in_words,
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
        submitted = st.form_submit_button("Save action")
        _outcome(edit)
        if submitted:
            forms.save(
                edit,
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


def meeting_picker(meetings: Sequence[MeetingFacts], as_of: date, key: str) -> MeetingFacts | None:
    """Choose a meeting, newest first, the next one from the as-of date offered (else the
    latest held); None, said so, when none."""
    offered = view.next_meeting_on(meetings, as_of)
    if offered is None:
        st.info("No meetings recorded yet.")
        return None
    by_ref = {m.ref: m for m in view.newest_first(meetings)}
    ref = widgets.choose_one(
        st,
        "Meeting",
        list(by_ref),
        key,
        default=offered.ref,
        format_func=lambda r: view.meeting_label(by_ref[r]),
    )
    if ref not in by_ref:
        st.warning(f"No meeting has the ref '{escape_markdown(ref or '')}'.")
        return None
    return by_ref[ref]
