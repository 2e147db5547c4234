"""Coverage: every active group's annual inspection position, the programme year month by
month, and one group in depth."""

import streamlit as st

from dashboard.concerns import view as concerns_view
from dashboard.concerns.rules import ConcernFilter, open_on
from dashboard.core.config import database_url
from dashboard.core.programme_year import programme_year_of, quarter_label, year_label
from dashboard.coverage import charts, view
from dashboard.coverage.rules import DATE_PASSED, CoverageStatus
from dashboard.ui import cached, concern_forms, widgets

URL = database_url()
GROUP_CONCERN_COLUMNS = (
    "ref",
    "risk",
    "received on",
    "days open",
    "source",
    "key questions",
    "response",
    "summary",
)

st.title("Coverage")
left, middle, _ = st.columns([1, 1, 2])
as_of = widgets.as_of_date("coverage_as_of", left)
current = programme_year_of(as_of)
years = list(range(current - 5, current + 2))
year = middle.selectbox(
    "Programme year",
    years,
    index=years.index(current),
    format_func=year_label,
    key="coverage_year",
    help="1 April to 31 March, for the year view below.",
)
data = cached.coverage_page(URL, as_of, year)

if not data.rows:
    st.info(
        "No active inspection groups on this date. Load the programme with "
        "`dashboard import PATH`, or pick a later date."
    )
    st.stop()

statuses = [row.coverage.status for row in data.rows]
tiles = st.columns(4)
tiles[0].metric(
    "Overdue for inspection",
    statuses.count(CoverageStatus.OVERDUE),
    border=True,
    help="More than a year since the last inspection started.",
)
tiles[1].metric("Due within 60 days", statuses.count(CoverageStatus.DUE_SOON), border=True)
tiles[2].metric("In date", statuses.count(CoverageStatus.IN_DATE), border=True)
tiles[3].metric(
    f"Inspections this quarter, {quarter_label(as_of)}",
    len(data.this_quarter),
    border=True,
    help="Starting in the quarter: started already or scheduled.",
)

passed = view.date_passed_count(data.rows)
if passed:
    st.warning(
        f"{passed} group(s) with a planned inspection whose {DATE_PASSED} "
        "(Inspections page). Until then it does not count as inspected.",
        icon=":material/event_busy:",
    )

st.subheader("Active inspection groups")
options = view.filter_options(data.rows)
providers = view.provider_labels(data.rows)
columns = st.columns(5)
chosen = view.CoverageFilter(
    providers=widgets.choose_many(
        columns[0],
        "Provider",
        options["providers"],
        "coverage_provider",
        format_func=lambda code: providers.get(code, code),
    ),
    regions=columns[1].multiselect("Region", options["regions"], key="coverage_region"),
    service_types=columns[2].multiselect(
        "Service type", options["service_types"], key="coverage_service_type"
    ),
    statuses=columns[3].multiselect("Status", options["statuses"], key="coverage_status"),
    inspectors=columns[4].multiselect("Inspector", options["inspectors"], key="coverage_inspector"),
)
rows = view.filter_rows(data.rows, chosen)
if rows:
    table = view.coverage_table(rows)
    page = widgets.rows_on_page(table, "coverage_table_page")
    st.dataframe(
        view.styled_status(page),
        hide_index=True,
        width="stretch",
        column_order=view.coverage_column_order(page),
        column_config={
            name: st.column_config.Column(name, pinned=True) for name in view.PINNED_COLUMNS
        },
    )
    st.caption(
        f"{len(rows)} of {len(data.rows)} active groups, worst first. "
        "Inspector is the provider's allocated inspector. Flag: nothing booked while overdue "
        "or due soon, or booked after the due date."
    )
    widgets.download_table(table, "coverage")
else:
    st.info("No active group matches these filters.")

st.subheader(f"Inspections starting in {quarter_label(as_of)}")
if data.this_quarter:
    st.dataframe(view.quarter_table(data.this_quarter, as_of), hide_index=True, width="stretch")
else:
    st.info("No inspection starts in this quarter.")

st.subheader(f"Programme year {year_label(year)}")
chart_column, provider_column = st.columns(2)
widgets.chart(
    charts.programme_year_chart, charts.programme_year_frame(data.year_percents), where=chart_column
)
if data.providers:
    provider_column.dataframe(
        view.provider_table(data.providers),
        hide_index=True,
        width="stretch",
        column_config={
            "Coverage %": st.column_config.ProgressColumn(
                "Coverage %", min_value=0, max_value=100, format="%.0f%%"
            )
        },
    )
else:
    provider_column.info("No group is required in this programme year.")
shown_groups = [row.coverage.group_code for row in rows]
if len(shown_groups) > view.HEATMAP_MAX_GROUPS:
    st.info(
        f"The groups-by-month map shows up to {view.HEATMAP_MAX_GROUPS} groups: filter the "
        f"table above (now {len(shown_groups):,} groups), e.g. by provider or region."
    )
elif cells := view.heatmap_cells(data.months, shown_groups):
    widgets.chart(
        charts.coverage_heatmap_chart,
        view.month_table(cells),
        f"Groups by month, {year_label(year)}",
    )
    st.caption("✓ inspected · S scheduled · D due · ! overdue (no inspection since the due date)")

st.subheader("One group in depth")
labels = view.group_labels(rows or data.rows)
code = st.selectbox(
    "Inspection group", list(labels), format_func=labels.__getitem__, key="coverage_group"
)
viewer = widgets.current_viewer(as_of)
detail = cached.group_drilldown(URL, code, as_of, viewer) if code else None
if detail is None:
    st.info("Pick an inspection group.")
    st.stop()
advice = detail.suggestion
st.info(
    f"Suggested next inspection: **{advice.inspection_type}**, {', '.join(advice.key_questions)}.",
    icon=":material/lightbulb:",
)
st.text(advice.reason)
st.text(
    f"Provider: {detail.profile.provider_name}. "
    f"Allocated inspector: {detail.profile.allocated_inspector or 'none'}."
)
st.dataframe(view.services_table(detail, as_of), hide_index=True, width="stretch")
st.markdown("**Inspection history**")
if detail.history:
    st.dataframe(view.history_table(detail, as_of), hide_index=True, width="stretch")
    points = view.judgement_points(detail)
    if not points.empty:
        widgets.chart(charts.judgement_history_chart, points)
else:
    st.info("This group has not been inspected yet.")
st.markdown("**Open recommendations**")
if detail.recommendations:
    st.dataframe(view.recommendations_table(detail, as_of), hide_index=True, width="stretch")
else:
    st.info("No open recommendations for this group.")
st.markdown("**Open concerns**")
group_concerns = ConcernFilter(groups=(code,), open_on=as_of)
if concerns := open_on(concern_forms.concern_rows(URL, viewer, group_concerns), as_of):
    st.dataframe(
        concerns_view.concerns_frame(concerns, as_of),
        hide_index=True,
        width="stretch",
        column_order=GROUP_CONCERN_COLUMNS,
    )
else:
    st.info("No open concerns about this group on this date that you may read.")
