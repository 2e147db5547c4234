"""The Governance page's national recommendations tab: the register with RAG as of the page's
date (open and in progress first shown), one recommendation's updates, and managers' forms."""

from datetime import date

import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import MANAGERS, Actor
from dashboard.core.vocabulary import ActionStatus, OwnerOrg, in_words
from dashboard.national import queries, service, view
from dashboard.national.rules import NationalFacts, register
from dashboard.ui import cached, forms

NO_CHANGE = "(no change)"
ORGS = [org.value for org in OwnerOrg]


def national_section(as_of: date, actor: Actor) -> None:
    """The register, a chosen recommendation's text and updates, and (managers) the forms."""
    with db.session_scope(cached.current_engine()) as session:  # a few dozen rows a year
        recommendations = queries.national_recommendations(session)
    every = st.checkbox("Show done and dropped too", key="national_show_closed")
    rows = register(recommendations, as_of, open_only=not every)
    st.caption(
        f"{len(rows)} national recommendations{'' if every else ' open or in progress'} on "
        f"{as_of:%d %b %Y}, raised by the national reports. RAG: red overdue, amber due within "
        "10 working days, green on track, blue done, grey dropped."
    )
    if not recommendations:
        st.info("No national recommendations yet: raise one below or import them.")
    st.dataframe(view.register_frame(rows), hide_index=True)
    by_ref = {row.recommendation.ref: row.recommendation for row in rows}
    if by_ref:
        chosen = by_ref[st.selectbox("National recommendation", list(by_ref), key="national_ref")]
        st.text(chosen.text)
        with db.session_scope(cached.current_engine()) as session:
            st.dataframe(
                view.updates_frame(queries.updates_of(session, chosen.ref)), hide_index=True
            )
        if actor.role in MANAGERS:
            _update_form(chosen, actor)
    if actor.role in MANAGERS:
        with st.expander("Raise a national recommendation", icon=":material/add:"):
            _new_form(as_of, actor)


def _update_form(chosen: NationalFacts, actor: Actor) -> None:
    form = f"national_update_{chosen.ref}"
    with st.form(form):
        st.markdown("**Add an update**")
        on = st.date_input("Update date", value=date.today(), format="YYYY-MM-DD", key=f"{form}_on")
        status = st.selectbox("New status", [NO_CHANGE, *ActionStatus], key=f"{form}_status")
        note = st.text_area("Note", key=f"{form}_note")
        submitted = st.form_submit_button("Add update")
        forms.refusal_shown(form)
        forms.notice(form)
    if submitted:
        forms.save(
            form,
            lambda s: service.add_national_update(
                s,
                actor=actor,
                ref=chosen.ref,
                expected_version=chosen.version,
                on=on,
                note=note,
                status=None if status == NO_CHANGE else status,
            ),
            f"Update added to {chosen.ref}.",
            forget_keys=[f"{form}_{name}" for name in ("on", "status", "note")],
        )


def _new_form(as_of: date, actor: Actor) -> None:
    form = "national_new"
    with st.form(form):
        ref = st.text_input("Ref, e.g. NR-2025-01", key=f"{form}_ref")
        year = st.number_input(
            "Programme year of the national report (2025 means 2025/26)",
            min_value=2015,
            max_value=2100,
            value=as_of.year if as_of.month >= 4 else as_of.year - 1,
            key=f"{form}_year",
        )
        owner_org = st.selectbox(
            "Owner organisation", ORGS, format_func=in_words, key=f"{form}_org"
        )
        text = st.text_area("Recommendation", key=f"{form}_text")
        due_on = st.date_input("Due on", value=None, format="YYYY-MM-DD", key=f"{form}_due")
        submitted = st.form_submit_button("Raise")
        forms.refusal_shown(form)
        forms.notice(form)
    if submitted:
        forms.save(
            form,
            lambda s: service.save_national_recommendation(
                s,
                actor=actor,
                ref=ref,
                programme_year=int(year),
                owner_org=owner_org,
                text=text,
                due_on=due_on,
            ),
            f"National recommendation {ref.strip()} raised.",
            forget_keys=[f"{form}_{name}" for name in ("ref", "text", "due")],
        )
