"""Altair charts of recommendations: open against closed, over time and by provider; themes."""

import altair as alt
import pandas as pd

OPEN_CLOSED_COLOURS = {"open": "#b2182b", "closed": "#2166ac"}


def _open_closed_colour() -> alt.Color:
    """Open in red, closed in blue, the legend naming both."""
    return alt.Color(
        "state:N",
        scale=alt.Scale(domain=list(OPEN_CLOSED_COLOURS), range=list(OPEN_CLOSED_COLOURS.values())),
        title=None,
    )


def open_closed_over_time_chart(frame: pd.DataFrame) -> alt.Chart:
    """Lines of open and closed recommendations at each month end."""
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_line(point=False, strokeWidth=3)
        .encode(
            x=alt.X("month end:T", title=None),
            y=alt.Y("recommendations:Q", title="Recommendations"),
            color=_open_closed_colour(),
            tooltip=[alt.Tooltip("month end:T", format="%b %Y"), "state", "recommendations"],
        )
        .properties(title="Open and closed recommendations over time", height=260)
    )
    return chart


def open_closed_by_provider_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars per provider: recommendations open and closed as of the date."""
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("provider:N", title=None, sort="ascending"),
            x=alt.X("sum(recommendations):Q", title="Recommendations"),
            color=_open_closed_colour(),
            order=alt.Order("state:N", sort="descending"),
            tooltip=["provider", "state", "recommendations"],
        )
        .properties(title="Open and closed by provider", height=260)
    )
    return chart


def themes_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars of recommendations per theme, coloured by programme year."""
    # Summed here, not by Vega: one row per bar segment, however many providers there are.
    bars = frame.groupby(["theme", "programme year"], as_index=False)["recommendations"].sum()
    chart: alt.Chart = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            y=alt.Y("theme:N", title=None, sort="-x"),
            x=alt.X("recommendations:Q", title="Recommendations"),
            color=alt.Color(
                "programme year:O", scale=alt.Scale(scheme="blues"), title="Programme year"
            ),
            tooltip=["theme", "programme year", "recommendations"],
        )
        .properties(title="Recommendations by theme and programme year", height=260)
    )
    return chart
