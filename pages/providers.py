"""Providers: every provider ranked by what needs attention, and one provider in full."""

import streamlit as st

from dashboard.core.config import database_url
from dashboard.providers import view
from dashboard.ui import provider_sections as sections
from dashboard.ui import widgets

URL = database_url()

st.title("Providers")
left, _ = st.columns([1, 3])
as_of = widgets.as_of_date("providers_as_of", left)
viewer = widgets.current_viewer(as_of)
standings = sections.standings(URL, as_of, viewer)

if not standings:
    st.info("No providers yet. Load the programme with `dashboard import PATH`.")
    st.stop()

st.subheader("Providers by what needs attention")
st.dataframe(
    view.ranking_table(standings), hide_index=True, width="stretch", key="providers_ranking"
)
st.caption(view.RANKING_HELP)

labels = {s.code: view.provider_label(s.code, s.name) for s in standings}
code = st.selectbox(
    "Provider",
    list(labels),
    format_func=lambda chosen: labels.get(chosen, chosen),
    key="providers_provider",
)
page = sections.provider_page(URL, code, as_of, viewer) if code else None
if page is None:
    st.info("Choose a provider.")
    st.stop()

sections.heading(page)
sections.contacts(page)
sections.groups_and_services(page, as_of)
sections.judgements(page)
sections.recommendations(page, as_of)
sections.concerns(page, as_of)
sections.meetings(page, viewer)
sections.cooperation(page, as_of)
