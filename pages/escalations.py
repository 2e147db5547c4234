"""Escalations: significant concerns raised with the prime contractor and the Home Office."""

from datetime import date

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import MANAGERS
from dashboard.escalations import rules as escalation_rules
from dashboard.escalations import view as escalations_view
from dashboard.ui import cached, escalation_forms, forms, widgets


def _tables(rows: list[cached.EscalationRow], as_of: date, days: int) -> None:
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


st.title("Escalations")
actor = widgets.current_actor()
left, right = st.columns(2)
as_of = widgets.as_of_date("escalations_as_of", left)
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
forms.notice()
all_rows = cached.escalation_rows(database_url())
rows = [row for row in all_rows if row.raised_on <= as_of]
if rows:
    _tables(rows, as_of, days)
else:
    st.info("No escalations raised on or before this date.")
if actor.role in MANAGERS:
    form_left, form_right = st.columns(2)
    with form_left:
        escalation_forms.raise_form(actor, as_of, all_rows)
    with form_right:
        escalation_forms.resolve_form(actor, as_of, all_rows)
