"""Overview: the programme at a glance, as of a date."""

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.programme_year import programme_year_bounds, year_label
from dashboard.coverage import charts as coverage_charts
from dashboard.coverage.rules import DATE_PASSED, CoverageStatus
from dashboard.inspections.rules import REPORTS_OVERDUE, REPORTS_OVERDUE_HELP
from dashboard.overview import charts
from dashboard.overview import view as overview_links
from dashboard.ui import cached, widgets

st.title("Overview")
as_of = widgets.as_of_date("overview_as_of")
figures = cached.overview(database_url(), as_of, widgets.current_viewer(as_of))

if figures.active_groups == 0:
    st.info(
        "No active inspection groups on this date. Load the programme with "
        "`dashboard import PATH`, or the demo with `dashboard seed --demo`."
    )
    st.stop()

coverage = figures.coverage_by_status
year = figures.current_year
term = figures.mou_term

st.subheader("Coverage")
left, middle, right, fourth = st.columns(4)
left.metric("Active inspection groups", figures.active_groups, border=True)
middle.metric(
    "Overdue for inspection",
    coverage[CoverageStatus.OVERDUE],
    border=True,
    help="More than a year since the last inspection started.",
)
right.metric("Due within 60 days", coverage[CoverageStatus.DUE_SOON], border=True)
if year is not None:
    start, end = programme_year_bounds(year.year)
    fourth.metric(
        f"{year_label(year.year)} coverage",
        "n/a" if year.percent is None else f"{year.percent:.0f}%",
        help=f"{year.covered} of {year.required} required groups inspected "
        f"between {start:%d %b %Y} and {as_of:%d %b %Y} (year ends {end:%d %b %Y}).",
        border=True,
    )
if figures.planned_date_passed:
    st.warning(
        f"{figures.planned_date_passed} planned inspection(s) with the {DATE_PASSED} "
        "(Inspections page). Until then they do not count as inspected.",
        icon=":material/event_busy:",
    )
widgets.link_to_page(
    "coverage.py", "Which groups, and what is planned: open Coverage", ":material/calendar_month:"
)

st.subheader("Follow-through")
reports, recommendations, escalations, actions, fifth = st.columns(5)
reports.metric(
    REPORTS_OVERDUE,
    figures.reports_overdue,
    help=f"{REPORTS_OVERDUE_HELP} Milestones of any kind past their deadline: "
    f"{figures.overdue_milestones} on {figures.inspections_with_overdue_milestones} inspections.",
    border=True,
)
recommendations.metric(
    "Open recommendations",
    figures.open_recommendations,
    f"{figures.overdue_recommendations} overdue",
    delta_color="inverse",
    delta_arrow="off",
    border=True,
)
escalations.metric(
    "Open escalations",
    figures.open_escalations,
    f"{figures.flagged_escalations} unresolved too long",
    delta_color="inverse",
    delta_arrow="off",
    border=True,
)
actions.metric(
    "Open governance actions",
    figures.open_actions,
    f"{figures.overdue_actions} overdue",
    delta_color="inverse",
    delta_arrow="off",
    border=True,
)
fifth.metric(
    "Days left in MoU term",
    "no term in force" if term is None else term.days_left,
    help=None if term is None else f"{term.ref} ends {term.ends_on:%d %b %Y}.",
    border=True,
)

links = st.columns(4)
with links[0]:
    widgets.link_to_page("inspections.py", REPORTS_OVERDUE, ":material/assignment_late:")
with links[1]:
    widgets.link_to_page(
        "recommendations.py",
        "Open recommendations",
        ":material/checklist:",
        overview_links.OPEN_RECOMMENDATIONS,
    )
with links[2]:
    widgets.link_to_page("escalations.py", "Escalations", ":material/priority_high:")
with links[3]:
    widgets.link_to_page(
        "governance.py",
        "Overdue governance actions",
        ":material/groups:",
        overview_links.OVERDUE_ACTIONS,
    )

chart_left, chart_right = st.columns(2)
widgets.chart(charts.coverage_status_chart, charts.coverage_status_frame(figures), where=chart_left)
widgets.chart(
    coverage_charts.programme_year_chart,
    coverage_charts.programme_year_frame(figures.programme_years),
    where=chart_right,
)
