"""The Providers page's chart: a provider's judgements by key question over its inspections."""

import altair as alt
import pandas as pd

from dashboard.core.vocabulary import ALL_KEY_QUESTIONS
from dashboard.coverage.charts import JUDGEMENT_COLOURS


def judgement_history_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Each inspection (start date and ref, oldest first) against the key questions, the cell
    coloured and worded by the judgement."""
    order = [kq.value for kq in ALL_KEY_QUESTIONS]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "inspection:O",
            title="Inspection (start date and ref)",
            axis=alt.Axis(labelAngle=-45, labelLimit=200),
        ),
        y=alt.Y("key question:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "judgement:N",
            scale=alt.Scale(domain=list(JUDGEMENT_COLOURS), range=list(JUDGEMENT_COLOURS.values())),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=["inspection", "group", "key question", "judgement"],
    )
    words = base.mark_text(color="white", fontSize=10).encode(
        text=alt.Text("judgement:N"),
    )
    chart: alt.LayerChart = (cells + words).properties(
        title="Judgements by key question", height=220
    )
    return chart
