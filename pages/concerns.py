"""Concerns: raised about providers between inspections, and how CQC responded."""

import streamlit as st

from dashboard.concerns import view as concerns_view
from dashboard.concerns.rules import ConcernFilter
from dashboard.core.config import database_url
from dashboard.core.permissions import STAFF
from dashboard.ui import concern_forms, forms, widgets

st.title("Concerns")
actor = widgets.current_actor()
as_of = widgets.as_of_date("concerns_as_of")
viewer = widgets.current_viewer(as_of)
if actor.role not in STAFF:
    st.caption(
        "Shown to partners: concerns raised by the Home Office or the prime contractor, "
        "and those escalated."
    )
forms.notice()
everything = concerns_view.received_by(
    concern_forms.concern_rows(database_url(), viewer, ConcernFilter()), as_of
)
providers = sorted({row.provider_code for row in everything})
status_col, source_col, provider_col, risk_col = st.columns(4)
statuses = status_col.multiselect("Status", concerns_view.STATUSES, key="concerns_status")
sources = source_col.multiselect("Source", concerns_view.SOURCES, key="concerns_source")
chosen_providers = widgets.choose_many(provider_col, "Provider", providers, key="concerns_provider")
risks = risk_col.multiselect("Risk", concerns_view.RISKS, key="concerns_risk")
chosen = ConcernFilter(
    sources=tuple(sources), providers=tuple(chosen_providers), risks=tuple(risks)
)
rows = concerns_view.received_by(concern_forms.concern_rows(database_url(), viewer, chosen), as_of)
frame = concerns_view.concerns_frame(rows, as_of)
if statuses:
    frame = frame[frame["status"].isin(statuses)]
if not everything:
    st.info("No concerns received on or before this date.")
elif frame.empty:
    st.info("No concern matches these filters.")
else:
    open_now = frame[frame["status"] == "open"]
    left, middle, right = st.columns(3)
    left.metric("Open", len(open_now), border=True)
    middle.metric("Open, high risk", int((open_now["risk"] == "high").sum()), border=True)
    right.metric("Closed", len(frame) - len(open_now), border=True)
    st.dataframe(frame, hide_index=True, width="stretch", key="concerns_table")
    widgets.download_table(frame, "concerns", key="concerns_table")
if actor.role in STAFF:
    st.subheader("Record or edit a concern")
    concern_forms.record_or_edit(actor, everything)
