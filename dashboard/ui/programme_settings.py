"""The Reference data page's programme settings: the working days after the final report a
recommendation falls due in, by risk. Everyone who opens the page sees them; only an admin may
change them (the service refuses anyone else), and each change is audited before and after."""

import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import ADMINS, Actor
from dashboard.core.vocabulary import Risk
from dashboard.recommendations.service import current_timescales, set_timescales
from dashboard.ui import cached, forms

FORM = "admin_programme_timescales"


def timescales_section(actor: Actor) -> None:
    """The timescales now, and for an admin the form that changes them."""
    with db.session_scope(cached.current_engine()) as session:
        now = current_timescales(session)
    st.subheader("Recommendation timescales")
    st.caption(
        "A recommendation without a due date of its own falls due this many working days after "
        "its inspection's final report was sent; until then it has no due date. Changing them "
        "moves the due dates of every such recommendation."
    )
    st.dataframe(
        [{"risk": risk.value, "working days": now.working_days[risk]} for risk in Risk],
        hide_index=True,
        key=f"{FORM}_table",
    )
    if actor.role not in ADMINS:
        st.caption("Only an admin may change the timescales.")
        return
    with st.form(FORM):
        forms.refusal_shown(FORM, label=lambda field: f"{field.capitalize()} risk", under=set(Risk))
        entered: dict[str, str] = {}
        for column, risk in zip(st.columns(len(Risk)), Risk, strict=True):
            entered[risk.value] = column.text_input(
                f"{risk.value.capitalize()} risk (working days)",
                value=str(now.working_days[risk]),
                key=f"{FORM}_{risk.value}",
            )
            with column:
                forms.problems_under(FORM, risk.value, f"{risk.value.capitalize()} risk")
        if st.form_submit_button("Save timescales", key=f"{FORM}_save", type="primary"):
            opened = {risk.value: version for risk, version in now.versions.items()}
            forms.save(
                FORM,
                lambda s: set_timescales(
                    s, actor=actor, working_days=entered, expected_versions=opened
                ),
                lambda moved: f"Timescales saved; {moved} recommendations' due dates moved.",
                forget_keys=forms.keys_of(FORM),
            )
