"""Altair charts for the dashboard: data in, chart out, readable across a meeting room."""

from collections.abc import Iterable
from datetime import date

import altair as alt
import pandas as pd

from dashboard.core.programme_year import year_label
from dashboard.coverage.rules import CoverageStatus
from dashboard.governance.rules import RAG_MEANING, Rag, Term
from dashboard.overview.figures import OverviewFigures

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
                "programme year": year_label(row.year),
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


# Recommendations: open against closed, over time and by provider; themes for national reports.
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
    return (
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


def open_closed_by_provider_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars per provider: recommendations open and closed as of the date."""
    return (
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


def themes_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars of recommendations per theme, coloured by programme year."""
    # Summed here, not by Vega: one row per bar segment, however many providers there are.
    bars = frame.groupby(["theme", "programme year"], as_index=False)["recommendations"].sum()
    return (
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


# Inspections: SLA performance, the share of each milestone met on time per quarter.
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
    return (cells + labels).properties(title="Milestones met on time", height=220)


# Governance: MoU terms on a timeline, and the action log by RAG tag (colour plus words).
RAG_COLOURS = {
    "red": "#b2182b",
    "amber": "#e08214",
    "green": "#1b7837",
    "blue": "#2166ac",
    "grey": "#878787",
}


def mou_terms_frame(terms: Iterable[Term], today: date) -> pd.DataFrame:
    """One row per MoU term: its span, and whether it is in force today."""
    return pd.DataFrame(
        [
            {
                "term": t.ref,
                "starts": t.starts_on.isoformat(),
                "ends": t.ends_on.isoformat(),
                "state": "in force"
                if t.starts_on <= today <= t.ends_on
                else ("ended" if t.ends_on < today else "future"),
            }
            for t in terms
        ],
        columns=["term", "starts", "ends", "state"],
    )


def mou_timeline_chart(frame: pd.DataFrame, today: date) -> alt.LayerChart:
    """Bars from start to end of each MoU term, the one in force in blue, and today marked."""
    states = ["in force", "ended", "future"]
    bars = (
        alt.Chart(frame)
        .mark_bar(height=26)
        .encode(
            x=alt.X("starts:T", title=None),
            x2="ends:T",
            y=alt.Y("term:N", title=None, sort=None),
            color=alt.Color(
                "state:N",
                scale=alt.Scale(domain=states, range=["#2166ac", "#bababa", "#92c5de"]),
                title="Term",
            ),
            tooltip=["term", "starts", "ends", "state"],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, fontSize=12)
        .encode(x="starts:T", y=alt.Y("term:N", sort=None), text="term:N")
    )
    rule = (
        alt.Chart(pd.DataFrame({"today": [today.isoformat()]}))
        .mark_rule(color="#b2182b", strokeWidth=2)
        .encode(x="today:T", tooltip=["today"])
    )
    return (bars + labels + rule).properties(title="MoU terms", height=60 + 30 * len(frame))


def action_rag_frame(tags: Iterable[str]) -> pd.DataFrame:
    """Actions per RAG tag, every tag present, labelled in words as well as colour."""
    counts = {tag: 0 for tag in RAG_COLOURS}
    for tag in tags:
        counts[tag] = counts.get(tag, 0) + 1
    return pd.DataFrame(
        [
            {"rag": tag, "label": f"{tag} · {RAG_MEANING[Rag(tag)]}", "actions": n}
            for tag, n in counts.items()
        ],
        columns=["rag", "label", "actions"],
    )


def action_rag_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars of actions per RAG tag, each labelled with its meaning and count."""
    order = list(frame["label"])
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=order, title=None), x=alt.X("actions:Q", title="Actions")
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "rag:N",
            scale=alt.Scale(domain=list(RAG_COLOURS), range=list(RAG_COLOURS.values())),
            legend=None,
        ),
        tooltip=["label", "actions"],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=14).encode(text="actions:Q")
    return (bars + labels).properties(title="Actions by RAG", height=180)


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
        y=alt.Y("group:N", title=None, axis=alt.Axis(labelFontSize=14)),
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
    height = max(120, 24 * frame["group"].nunique())
    return (cells + text).properties(title=alt.Title(title, fontSize=18), height=height)


JUDGEMENT_COLOURS = {"meeting": "#2166ac", "not meeting": "#b2182b"}


def judgement_history_chart(frame: pd.DataFrame) -> alt.LayerChart:
    """Each inspection's judgement per key question over time, with the words in the cell."""
    order = ["safe", "effective", "caring", "responsive", "well-led"]
    base = alt.Chart(frame).encode(
        x=alt.X("start:O", title="Inspection start", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("key question:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "judgement:N",
            scale=alt.Scale(domain=list(JUDGEMENT_COLOURS), range=list(JUDGEMENT_COLOURS.values())),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        tooltip=["inspection", "start", "key question", "judgement"],
    )
    words = base.mark_text(color="white", fontSize=11).encode(text=alt.Text("judgement:N"))
    return (cells + words).properties(title="Judgements over time", height=200)
