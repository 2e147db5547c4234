"""Altair charts of inspections: SLA performance, the share of each milestone met on time."""

from collections.abc import Iterable

import altair as alt
import pandas as pd

from dashboard.inspections.rules import MILESTONE_LABELS, SlaCell


def sla_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """A quarters × milestones grid, shaded by the share met on time and labelled with it."""
    milestones = ["Announce", "PIR", "Draft report", "Factual accuracy", "Final report"]
    base = alt.Chart(frame).encode(
        x=alt.X("quarter:O", title="Programme-year quarter (of the due date)"),
        y=alt.Y("milestone:N", sort=milestones, title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "on time %:Q", scale=alt.Scale(domain=[0, 100], scheme="blues"), title="Met on time (%)"
        ),
        tooltip=["quarter", "milestone", "met", "counted", "on time %"],
    )
    labels = base.mark_text(fontSize=12).encode(
        text=alt.Text("on time %:Q", format=".0f"),
        color=alt.condition("datum['on time %'] >= 60", alt.value("white"), alt.value("black")),
    )
    chart: alt.LayerChart = (cells + labels).properties(title="Milestones met on time", height=220)
    return chart


def sla_frame(cells: Iterable[SlaCell]) -> pd.DataFrame:
    """One row per quarter and milestone with anything counted, for the SLA chart."""
    return pd.DataFrame(
        [
            {
                "quarter": cell.quarter.label,
                "milestone": MILESTONE_LABELS[cell.milestone],
                "met": cell.met,
                "counted": cell.counted,
                "on time %": round(100 * cell.share),
            }
            for cell in cells
            if cell.share is not None
        ],
        columns=["quarter", "milestone", "met", "counted", "on time %"],
    )
