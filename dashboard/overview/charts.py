"""Altair charts of the Overview: data in, chart out, readable across a meeting room."""

import altair as alt
import pandas as pd

from dashboard.coverage.rules import CoverageStatus
from dashboard.overview.rules import OverviewFigures

STATUS_LABELS = {
    CoverageStatus.OVERDUE: "Overdue",
    CoverageStatus.DUE_SOON: "Due soon",
    CoverageStatus.IN_DATE: "In date",
}
# Colour-blind-safe pair plus grey-free amber; every bar also carries its count as text.
STATUS_COLOURS = {"Overdue": "#b2182b", "Due soon": "#e08214", "In date": "#2166ac"}


def coverage_status_frame(figures: OverviewFigures) -> pd.DataFrame:
    """Active groups per coverage status, worst first."""
    return pd.DataFrame(
        [
            {"status": STATUS_LABELS[status], "groups": figures.coverage_by_status[status]}
            for status in STATUS_LABELS
        ]
    )


def coverage_status_chart(frame: pd.DataFrame) -> alt.Chart:
    """Horizontal bars of groups by coverage status, labelled with their counts."""
    order = list(STATUS_COLOURS)
    base = alt.Chart(frame).encode(
        y=alt.Y("status:N", sort=order, title=None),
        x=alt.X("groups:Q", title="Active inspection groups"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=order, range=list(STATUS_COLOURS.values())),
            legend=None,
        ),
        tooltip=["status", "groups"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=14).encode(text="groups:Q")
    chart: alt.Chart = (bars + labels).properties(title="Coverage by status", height=160)
    return chart
