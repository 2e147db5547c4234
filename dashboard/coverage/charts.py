"""Altair charts of coverage: data in, chart out, readable across a meeting room."""

from collections.abc import Sequence

import altair as alt
import pandas as pd

from dashboard.core.programme_year import year_label
from dashboard.coverage.rules import ProgrammeYearPercent


def programme_year_frame(rows: Sequence[ProgrammeYearPercent]) -> pd.DataFrame:
    """Coverage % per programme year, labelled 2025/26 and so on."""
    return pd.DataFrame(
        [
            {
                "programme year": year_label(r.year),
                "coverage %": round(r.percent, 1) if r.percent is not None else 0.0,
                "covered": r.covered,
                "required": r.required,
            }
            for r in rows
        ],
        columns=["programme year", "coverage %", "covered", "required"],
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
    chart: alt.Chart = (bars + labels).properties(title="Programme-year coverage", height=220)
    return chart


# Coverage page: groups × months of a programme year, and judgements over time.
MONTH_STATE_COLOURS = {
    "Overdue": "#b2182b",
    "Due": "#e08214",
    "Scheduled": "#92c5de",
    "Inspected": "#2166ac",
    "In date": "#f0f0f0",
    "Not active": "#ffffff",
}
# A mark in each cell so the state reads without colour too.
MONTH_STATE_MARKS = {"Overdue": "!", "Due": "D", "Scheduled": "S", "Inspected": "✓"}


def coverage_heatmap_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    """Groups × months coloured by state (inspected, scheduled, due, overdue), large type."""
    months = list(dict.fromkeys(frame["month"]))
    marked = frame.assign(mark=frame["state"].map(MONTH_STATE_MARKS).fillna(""))
    base = alt.Chart(marked).encode(
        x=alt.X(
            "month:O",
            sort=months,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=14),
        ),
        # Every group labelled: Vega drops labels it thinks overlap, so rows are tall enough.
        y=alt.Y("group:N", title=None, axis=alt.Axis(labelFontSize=14, labelOverlap=False)),
    )
    cells = base.mark_rect(stroke="#bbbbbb", strokeWidth=0.5).encode(
        color=alt.Color(
            "state:N",
            scale=alt.Scale(
                domain=list(MONTH_STATE_COLOURS), range=list(MONTH_STATE_COLOURS.values())
            ),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=14, symbolSize=300),
        ),
        tooltip=["group", "month", "state"],
    )
    text = base.mark_text(fontSize=15, fontWeight="bold").encode(
        text="mark:N",
        color=alt.condition(
            alt.FieldOneOfPredicate(field="state", oneOf=["Overdue", "Inspected"]),
            alt.value("white"),
            alt.value("black"),
        ),
    )
    height = max(120, 26 * frame["group"].nunique())
    chart: alt.LayerChart = (cells + text).properties(
        title=alt.Title(title, fontSize=18), height=height
    )
    return chart


JUDGEMENT_COLOURS = {"meeting": "#2166ac", "not meeting": "#b2182b"}
# A mark in each cell so a judgement reads without colour; words did not fit the cells.
JUDGEMENT_MARKS = {"meeting": "✓", "not meeting": "✗"}


def judgement_history_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Each inspection's judgement per key question over time, a ✓ or ✗ in the cell."""
    order = ["safe", "effective", "caring", "responsive", "well-led"]
    marked = frame.assign(mark=frame["judgement"].map(JUDGEMENT_MARKS).fillna(""))
    base = alt.Chart(marked).encode(
        x=alt.X(
            "start:O",
            title="Inspection start",
            axis=alt.Axis(labelAngle=-30, labelFontSize=12, labelOverlap="greedy"),
        ),
        y=alt.Y(
            "key question:N",
            sort=order,
            scale=alt.Scale(domain=order),
            title=None,
            axis=alt.Axis(labelFontSize=13, labelOverlap=False),
        ),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "judgement:N",
            scale=alt.Scale(domain=list(JUDGEMENT_COLOURS), range=list(JUDGEMENT_COLOURS.values())),
            legend=alt.Legend(title=None, orient="bottom", labelFontSize=13),
        ),
        tooltip=["inspection", "start", "key question", "judgement"],
    )
    words = base.mark_text(color="white", fontSize=16, fontWeight="bold").encode(text="mark:N")
    chart: alt.LayerChart = (cells + words).properties(
        title=alt.Title("Judgements over time", fontSize=16), height=36 * len(order)
    )
    return chart
