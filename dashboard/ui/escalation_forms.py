"""The Escalations page's forms: raise an escalation, resolve one. Both save through
`forms.save`; a refusal names the exchange-format field it is about."""

from datetime import date

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import RecommendationOwner
from dashboard.escalations import rules as escalation_rules
from dashboard.escalations import service as escalations
from dashboard.escalations.queries import EscalationRow
from dashboard.ui import cached, forms, widgets

RAISE = "escalations_raise"
RESOLVE = "escalations_resolve"
RAISE_KEYS = tuple(
    f"{RAISE}_{name}"
    for name in ("ref", "inspection", "raised_on", "concern", "escalated_to", "letter_on")
)
RESOLVE_KEYS = ("escalations_resolve_on", "escalations_resolve_note")


def _refusal(form: str) -> None:
    """Why the form's last save was refused, each problem named by its column."""
    forms.refusal_shown(form, label=str)


def raise_form(actor: Actor, as_of: date, all_rows: list[EscalationRow]) -> None:
    inspections = [ref for ref, _lead in cached.inspections_led(database_url(), as_of)]
    with st.form("escalations_raise_form"):
        st.markdown("**Raise an escalation**")
        _refusal(RAISE)
        ref = st.text_input(
            "Ref",
            value=escalation_rules.next_escalation_ref(r.ref for r in all_rows),
            key="escalations_raise_ref",
        )
        inspection = widgets.choose_one(
            st, "Inspection", inspections, key="escalations_raise_inspection"
        )
        raised_on = st.date_input(
            "Raised on", value=date.today(), format="YYYY-MM-DD", key="escalations_raise_raised_on"
        )
        concern = st.text_area("Concern (no survivor details)", key="escalations_raise_concern")
        escalated_to = st.multiselect(
            "Escalated to",
            [owner.value for owner in RecommendationOwner],
            default=[
                RecommendationOwner.PRIME_CONTRACTOR.value,
                RecommendationOwner.HOME_OFFICE.value,
            ],
            key="escalations_raise_escalated_to",
        )
        letter_on = st.date_input(
            "Early outcome letter sent on (if any)",
            value=None,
            format="YYYY-MM-DD",
            key="escalations_raise_letter_on",
        )
        if st.form_submit_button("Raise escalation", key="escalations_raise_save"):
            forms.save(
                RAISE,
                lambda session: escalations.add_escalation(
                    session,
                    actor=actor,
                    ref=ref,
                    inspection_ref=inspection or "",
                    raised_on=raised_on,
                    concern=concern,
                    escalated_to=escalated_to,
                    early_outcome_letter_on=letter_on,
                ),
                f"Escalation {ref.strip()} raised.",
                forget_keys=RAISE_KEYS,
            )


def resolve_form(actor: Actor, as_of: date, all_rows: list[EscalationRow]) -> None:
    unresolved = {row.ref: row for row in all_rows if row.resolved_on is None}
    if not unresolved:
        st.caption("Every escalation recorded has been resolved.")
        return
    with st.form("escalations_resolve_form"):
        st.markdown("**Resolve an escalation**")
        _refusal(RESOLVE)
        ref = st.selectbox("Escalation", list(unresolved), key="escalations_resolve_ref")
        resolved_on = st.date_input(
            "Resolved on", value=date.today(), format="YYYY-MM-DD", key="escalations_resolve_on"
        )
        note = st.text_area("How it was resolved", key="escalations_resolve_note")
        if st.form_submit_button("Resolve", key="escalations_resolve_save"):
            row = unresolved[ref]
            forms.save(
                RESOLVE,
                lambda session: escalations.resolve_escalation(
                    session,
                    actor=actor,
                    ref=row.ref,
                    resolved_on=resolved_on,
                    note=note,
                    expected_version=row.version,
                ),
                f"Escalation {row.ref} resolved.",
                forget_keys=RESOLVE_KEYS,
            )
