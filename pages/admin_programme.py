"""Reference data: providers, inspection groups, services and MoU terms — list, add, edit, close;
and the programme settings (recommendation timescales, changed by admins only).

Every save is a row of the data exchange format checked by the importer's own rules
(`dashboard.exchange.forms`): a form refuses exactly what an upload would, with the same message.
"""

from datetime import date

import streamlit as st

from dashboard.core.config import database_url
from dashboard.exchange import FORMAT_BY_NAME
from dashboard.ui import cached, forms, programme_settings, reference_forms, widgets
from dashboard.ui.reference_forms import EARLIEST, LATEST, PAGE, TITLES

st.title("Programme reference data")
st.caption(
    "Providers, inspection groups, services and MoU terms. Saves are checked by the "
    "same rules as a spreadsheet import and recorded in the audit trail."
)
actor = widgets.current_actor()
forms.notice()
as_of = st.date_input(
    "Count open services on",
    value=date.today(),
    min_value=EARLIEST,
    max_value=LATEST,
    format="YYYY-MM-DD",
    key=f"{PAGE}_as_of",
)
frames = {name: cached.reference_frame(database_url(), name, as_of) for name in TITLES}
codes = {name: [str(code) for code in frames[name][FORMAT_BY_NAME[name].key[0]]] for name in TITLES}

for tab, (name, title) in zip(st.tabs(list(TITLES.values())), TITLES.items(), strict=True):
    with tab:
        st.dataframe(frames[name], hide_index=True)
        widgets.download_table(frames[name], title, key=f"{PAGE}_{name}_download")
        reference_forms.create(FORMAT_BY_NAME[name], codes, actor)
        reference_forms.edit(FORMAT_BY_NAME[name], codes, actor)
        reference_forms.close(FORMAT_BY_NAME[name], codes, actor)

programme_settings.timescales_section(actor)
