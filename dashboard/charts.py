"""Altair charts for the dashboard: data in, chart out, readable across a meeting room."""

import altair as alt
import pandas as pd

from dashboard.coverage import CoverageStatus
from dashboard.overview import OverviewFigures

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
    return (bars + labels).properties(title="Coverage by status", height=160)


def programme_year_frame(figures: OverviewFigures) -> pd.DataFrame:
    """Coverage % per programme year, labelled 2025/26 and so on."""
    return pd.DataFrame(
        [
            {
                "programme year": f"{row.year}/{(row.year + 1) % 100:02d}",
                "coverage %": round(row.percent, 1) if row.percent is not None else 0.0,
                "covered": row.covered,
                "required": row.required,
            }
            for row in figures.programme_years
        ]
    )


def programme_year_chart(frame: pd.DataFrame) -> alt.Chart:
    """Columns of coverage % per programme year against the 100% annual target."""
    base = alt.Chart(frame).encode(x=alt.X("programme year:N", title="Programme year"))
    bars = base.mark_bar(color="#2166ac").encode(
        y=alt.Y("coverage %:Q", scale=alt.Scale(domain=[0, 100]), title="Groups covered (%)"),
        tooltip=["programme year", "coverage %", "covered", "required"],
    )
    labels = base.mark_text(dy=-8, fontSize=13).encode(
        y="coverage %:Q", text=alt.Text("coverage %:Q", format=".0f")
    )
    return (bars + labels).properties(title="Programme-year coverage", height=220)
