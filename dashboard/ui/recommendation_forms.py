"""The Recommendations page's forms: a follow-up recorded, a due date changed, good practice
logged. Each saves through `forms.save` and shows a refusal at its top."""

from datetime import date

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import RecommendationStatus
from dashboard.follow_ups.service import record_follow_up
from dashboard.recommendations import view
from dashboard.recommendations.queries import RecommendationDetail
from dashboard.recommendations.rules import NEXT_STATUSES
from dashboard.recommendations.service import add_good_practice, may_log, update_due_date
from dashboard.ui import cached, forms, widgets

FOLLOW_UP = "recommendations_follow_up"  # its widgets are keyed recommendations_follow_up_*
DUE = "recommendations_due"
GOOD_PRACTICE = "recommendations_good_practice_form"
GOOD_PRACTICE_KEYS = ("recommendations_good_practice_theme", "recommendations_good_practice_text")


def forget_detail_forms() -> None:
    """Empty the follow-up and due-date forms (another recommendation was chosen)."""
    forms.forget([*forms.keys_of(FOLLOW_UP), *forms.keys_of(DUE)])


def follow_up_form(detail: RecommendationDetail, actor: Actor) -> None:
    current = detail.facts.status
    allowed = ", ".join(s for s in RecommendationStatus if s in NEXT_STATUSES.get(current, ()))
    with st.form("recommendations_follow_up_form"):
        st.markdown("**Add a follow-up**")
        forms.refusal_shown(FOLLOW_UP)
        st.caption(f"From {current} it may go to: {allowed}.")
        on = st.date_input(
            "On", value=date.today(), format="YYYY-MM-DD", key="recommendations_follow_up_on"
        )
        note = st.text_area(
            "Note",
            key="recommendations_follow_up_note",
            placeholder="What was checked or received (no survivor details)",
        )
        statuses = [status.value for status in RecommendationStatus]
        new_status = st.selectbox(
            "New status",
            statuses,
            index=statuses.index(current),
            key="recommendations_follow_up_status",
        )
        replacing = st.text_input(
            "Superseded by (ref of the replacing recommendation)",
            key="recommendations_follow_up_superseded_by",
        )
        if st.form_submit_button("Record follow-up", key="recommendations_follow_up_save"):
            forms.save(
                FOLLOW_UP,
                lambda session: record_follow_up(
                    session,
                    actor=actor,
                    recommendation_ref=detail.facts.ref,
                    on=on,
                    note=note,
                    new_status=new_status,
                    superseded_by_ref=replacing or None,
                    expected_version=detail.version,
                ),
                f"Follow-up recorded on {detail.facts.ref}.",
                forget_keys=forms.keys_of(FOLLOW_UP),
            )


def due_date_form(detail: RecommendationDetail, actor: Actor) -> None:
    facts = detail.facts
    with st.form("recommendations_due_form"):
        st.markdown("**Change the due date**")
        forms.refusal_shown(DUE)
        default_on = view.default_due(facts, detail.working_days)
        if default_on is None:
            st.caption(
                f"No default yet: without a date it falls due {detail.working_days} working "
                "days after the final report is sent."
            )
        else:
            suggested = view.default_due_text(facts, detail.working_days)
            st.caption(f"Default for {facts.risk} risk: {suggested}.")
        due_on = st.date_input(
            "New due date",
            value=facts.explicit_due_on or default_on,
            format="YYYY-MM-DD",
            key="recommendations_due_on",
        )
        reason = st.text_input("Reason", key="recommendations_due_reason")
        if st.form_submit_button("Save due date", key="recommendations_due_save"):
            forms.save(
                DUE,
                lambda session: update_due_date(
                    session,
                    actor=actor,
                    ref=facts.ref,
                    due_on=due_on,
                    reason=reason,
                    expected_version=detail.version,
                ),
                f"Due date of {facts.ref} changed.",
                forget_keys=forms.keys_of(DUE),
            )


def good_practice_form(actor: Actor, as_of: date, themes: list[str]) -> None:
    inspections = [
        ref for ref, lead in cached.inspections_led(database_url(), as_of) if may_log(actor, lead)
    ]
    if not inspections:
        st.caption(
            "Good practice is logged by an inspection's lead inspector or a programme "
            "manager; you have led no inspection yet."
        )
        return
    with st.form(GOOD_PRACTICE):
        st.markdown("**Log good practice**")
        forms.refusal_shown(GOOD_PRACTICE)
        ref = widgets.choose_one(
            st, "Inspection", inspections, key="recommendations_good_practice_ref"
        )
        theme = st.selectbox(
            "Theme", themes, accept_new_options=True, key="recommendations_good_practice_theme"
        )
        text = st.text_area(
            "What worked well (no survivor details)", key="recommendations_good_practice_text"
        )
        if st.form_submit_button("Log good practice", key="recommendations_good_practice_save"):
            forms.save(
                GOOD_PRACTICE,
                lambda session: add_good_practice(
                    session,
                    actor=actor,
                    inspection_ref=ref or "",
                    theme=theme or "",
                    text=text,
                ),
                f"Good practice from {ref} logged.",
                forget_keys=GOOD_PRACTICE_KEYS,
            )
