"""Escalations: significant concerns raised with the prime contractor and the Home Office."""

from collections.abc import Callable
from datetime import date

import streamlit as st

from dashboard.core import db
from dashboard.core.config import database_url
from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import MANAGERS, Actor, PermissionDenied
from dashboard.core.vocabulary import RecommendationOwner
from dashboard.escalations import rules as escalation_rules
from dashboard.escalations import service as escalations
from dashboard.escalations import view as escalations_view
from dashboard.escalations.queries import EscalationRow
from dashboard.exchange.problems import ImportRejected
from dashboard.ui import cached, widgets

NOTICE = "escalations_notice"
RAISE_KEYS = tuple(
    f"escalations_raise_{name}"
    for name in ("ref", "inspection", "raised_on", "concern", "escalated_to", "letter_on")
)
RESOLVE_KEYS = ("escalations_resolve_on", "escalations_resolve_note")


def _save(write: Callable[[db.Session], object], done: str, form_keys: tuple[str, ...]) -> None:
    """Run a write in its own transaction; show a refusal, or empty the form and reload."""
    try:
        with db.session_scope(cached.current_engine()) as session:
            write(session)
    except ImportRejected as refusal:
        st.error(escalations_view.refusal_text(refusal))
        return
    except (PermissionDenied, StaleEdit, ValueError) as refusal:
        st.error(str(refusal))
        return
    cached.clear_query_cache()
    for key in form_keys:
        st.session_state.pop(key, None)
    st.session_state[NOTICE] = done
    st.rerun()


def _tables(rows: list[EscalationRow], as_of: date, days: int) -> None:
    frame = escalations_view.escalations_frame(rows, as_of, days)
    still_open = frame[frame["state"] != "resolved"]
    flagged = int((frame["state"] == "flagged").sum())
    left, middle, right = st.columns(3)
    left.metric("Open", len(still_open), border=True)
    middle.metric(f"Open more than {days} days", flagged, border=True)
    right.metric("Resolved", len(frame) - len(still_open), border=True)
    st.subheader("Open escalations")
    if still_open.empty:
        st.success("No escalation is open on this date.")
    else:
        message = f"{len(still_open)} open; {flagged} open for more than {days} days."
        (st.error if flagged else st.warning)(message, icon=":material/priority_high:")
        st.dataframe(
            still_open.drop(columns=["resolved on", "resolution note"]),
            hide_index=True,
            width="stretch",
            key="escalations_open_table",
        )
    st.subheader("Resolved")
    resolved = frame[frame["state"] == "resolved"]
    if resolved.empty:
        st.caption("None resolved by this date.")
    else:
        st.dataframe(resolved, hide_index=True, width="stretch", key="escalations_resolved_table")
    widgets.download_table(frame, "escalations")


def _raise_form(actor: Actor, as_of: date, all_rows: list[EscalationRow]) -> None:
    inspections = [ref for ref, _lead in cached.inspections_led(database_url(), as_of)]
    with st.form("escalations_raise_form"):
        st.markdown("**Raise an escalation**")
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
            _save(
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
                RAISE_KEYS,
            )


def _resolve_form(actor: Actor, as_of: date, all_rows: list[EscalationRow]) -> None:
    unresolved = {row.ref: row for row in all_rows if row.resolved_on is None}
    if not unresolved:
        st.caption("Every escalation recorded has been resolved.")
        return
    with st.form("escalations_resolve_form"):
        st.markdown("**Resolve an escalation**")
        ref = st.selectbox("Escalation", list(unresolved), key="escalations_resolve_ref")
        resolved_on = st.date_input(
            "Resolved on", value=date.today(), format="YYYY-MM-DD", key="escalations_resolve_on"
        )
        note = st.text_area("How it was resolved", key="escalations_resolve_note")
        if st.form_submit_button("Resolve", key="escalations_resolve_save"):
            row = unresolved[ref]
            _save(
                lambda session: escalations.resolve_escalation(
                    session,
                    actor=actor,
                    ref=row.ref,
                    resolved_on=resolved_on,
                    note=note,
                    expected_version=row.version,
                ),
                f"Escalation {row.ref} resolved.",
                RESOLVE_KEYS,
            )


st.title("Escalations")
actor = widgets.current_actor()
left, right = st.columns(2)
as_of = left.date_input(
    "As of",
    value=date.today(),
    min_value=date(2015, 1, 1),
    key="escalations_as_of",
    format="YYYY-MM-DD",
)
days = int(
    right.number_input(
        "Flag open escalations older than (days)",
        min_value=1,
        max_value=365,
        value=escalation_rules.flag_days(),
        step=1,
        key="escalations_flag_days",
    )
)
if notice := st.session_state.pop(NOTICE, None):
    st.success(notice)
all_rows = cached.escalation_rows(database_url())
rows = [row for row in all_rows if row.raised_on <= as_of]
if rows:
    _tables(rows, as_of, days)
else:
    st.info("No escalations raised on or before this date.")
if actor.role in MANAGERS:
    form_left, form_right = st.columns(2)
    with form_left:
        _raise_form(actor, as_of, all_rows)
    with form_right:
        _resolve_form(actor, as_of, all_rows)
