"""The Concerns page's reads (cached) and its record/edit form, saved through `forms.save`;
a refusal is shown under the field it names."""

from datetime import date

import streamlit as st

from dashboard.concerns import queries as concern_queries
from dashboard.concerns import service as concerns
from dashboard.concerns import view as concerns_view
from dashboard.concerns.rules import ConcernDraft, ConcernFacts, ConcernFilter
from dashboard.core import db
from dashboard.core.config import database_url
from dashboard.core.permissions import Actor, Viewer
from dashboard.core.vocabulary import ALL_KEY_QUESTIONS, ConcernResponse
from dashboard.ui import forms, widgets
from dashboard.ui.connection import engine
from dashboard.ui.versioned_cache import PER_CHOICE, WHOLE, follows_the_data

FORM = "concerns_form"
NEW = "(new concern)"
LABELS = {
    "ref": "Ref",
    "received_on": "Received on",
    "source": "Source",
    "provider_code": "Provider",
    "group_code": "Inspection group",
    "key_questions": "Key questions",
    "summary": "Summary",
    "risk": "Risk",
    "status": "Status",
    "response": "Response",
    "inspection_ref": "Inspection it led to",
    "closed_on": "Closed on",
}
SUMMARY_HELP = "Programme facts only: never a survivor's name or details."


@follows_the_data(PER_CHOICE)
def concern_rows(url: str, viewer: Viewer, chosen: ConcernFilter) -> list[ConcernFacts]:
    """The concerns the viewer may read that match the filters, newest first."""
    with db.session_scope(engine(url)) as session:
        return concern_queries.concern_rows(session, viewer, chosen)


@follows_the_data(WHOLE)
def concern_choices(url: str) -> concern_queries.ConcernChoices:
    """The providers, groups and inspections a concern may name."""
    with db.session_scope(engine(url)) as session:
        return concern_queries.concern_choices(session)


def _under(field: str) -> None:
    forms.problems_under(FORM, field, LABELS[field])


def _blank_first(options: list[str], value: str | None) -> tuple[list[str], int]:
    """Options led by a blank choice, and the index of `value` (the blank when not there)."""
    choices = ["", *options]
    return choices, choices.index(value) if value in choices else 0


def _inputs(key: str, ref: str, start: ConcernDraft | None) -> tuple[str, ConcernDraft]:
    """The form's fields, filled from the concern being edited (or a new one's defaults)."""
    choices = concern_choices(database_url())
    ref_given = st.text_input(
        LABELS["ref"], value=ref, key=f"{key}_ref", disabled=bool(ref), help="Blank: made for you"
    )
    _under("ref")
    received_on = st.date_input(
        LABELS["received_on"],
        value=start.received_on if start else date.today(),
        format="YYYY-MM-DD",
        key=f"{key}_received_on",
    )
    _under("received_on")
    source = st.selectbox(
        LABELS["source"],
        concerns_view.SOURCES,
        index=concerns_view.SOURCES.index(start.source) if start else 0,
        key=f"{key}_source",
    )
    provider = widgets.choose_one(
        st,
        LABELS["provider_code"],
        choices.providers,
        key=f"{key}_provider",
        default=start.provider_code if start else None,
    )
    _under("provider_code")
    all_groups = sorted(group for groups in choices.groups.values() for group in groups)
    group_options, group_index = _blank_first(all_groups, start.group_code if start else None)
    group = st.selectbox(LABELS["group_code"], group_options, index=group_index, key=f"{key}_group")
    _under("group_code")
    key_questions = st.multiselect(
        LABELS["key_questions"],
        [kq.value for kq in ALL_KEY_QUESTIONS],
        default=list(start.key_questions) if start else [],
        key=f"{key}_key_questions",
    )
    _under("key_questions")
    summary = st.text_area(
        LABELS["summary"],
        value=start.summary if start else "",
        help=SUMMARY_HELP,
        key=f"{key}_summary",
    )
    st.caption(SUMMARY_HELP)
    _under("summary")
    left, middle, right = st.columns(3)
    risk = left.selectbox(
        LABELS["risk"],
        concerns_view.RISKS,
        index=concerns_view.RISKS.index(start.risk) if start else 0,
        key=f"{key}_risk",
    )
    status = middle.selectbox(
        LABELS["status"],
        concerns_view.STATUSES,
        index=concerns_view.STATUSES.index(start.status) if start else 0,
        key=f"{key}_status",
    )
    responses, response_index = _blank_first(
        [r.value for r in ConcernResponse], start.response if start else None
    )
    response = right.selectbox(
        LABELS["response"], responses, index=response_index, key=f"{key}_response"
    )
    all_inspections = sorted(ref for refs in choices.inspections.values() for ref in refs)
    inspection = widgets.choose_one(
        st,
        LABELS["inspection_ref"],
        ["", *all_inspections],
        key=f"{key}_inspection",
        default=start.inspection_ref if start else "",
    )
    _under("inspection_ref")
    closed_on = st.date_input(
        LABELS["closed_on"],
        value=start.closed_on if start else None,
        format="YYYY-MM-DD",
        key=f"{key}_closed_on",
    )
    _under("closed_on")
    draft = ConcernDraft(
        received_on=received_on,
        source=source,
        provider_code=provider or "",
        summary=summary,
        risk=risk,
        status=status,
        group_code=group or None,
        key_questions=tuple(key_questions),
        response=response or None,
        inspection_ref=inspection or None,
        closed_on=closed_on,
    )
    return ref_given, draft


def record_or_edit(actor: Actor, rows: list[ConcernFacts]) -> None:
    """Record a new concern, or edit one of those shown (managers, admins and inspectors)."""
    by_ref = {row.ref: row for row in rows}
    chosen = st.selectbox(
        "Record or edit",
        [NEW, *by_ref],
        key="concerns_form_choice",
        on_change=forms.forget_refusal,
        args=(FORM,),
    )
    row = by_ref.get(chosen)
    key = f"{FORM}_{row.ref if row else 'new'}"
    with st.form(f"concerns_form_{'edit' if row else 'new'}"):
        st.markdown(f"**{'Edit concern ' + row.ref if row else 'Record a concern'}**")
        forms.refusal_shown(FORM, under=tuple(LABELS), reload=True)
        start = concerns_view.draft_of(row) if row else None
        typed, draft = _inputs(key, row.ref if row else "", start)
        if not st.form_submit_button("Save concern", key="concerns_form_save"):
            return
    if row is None:
        forms.save(
            FORM,
            lambda session: concerns.record_concern(session, actor=actor, draft=draft, ref=typed),
            lambda saved: f"Concern {saved.ref} recorded.",
            forget_keys=forms.keys_of(key),
        )
    else:
        forms.save(
            FORM,
            lambda session: concerns.update_concern(
                session, actor=actor, ref=row.ref, draft=draft, expected_version=row.version
            ),
            f"Concern {row.ref} saved.",
            forget_keys=forms.keys_of(key),
        )
