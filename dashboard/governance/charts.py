"""Altair charts of governance: MoU terms on a timeline, and the action log by RAG tag."""

from collections.abc import Iterable
from datetime import date

import altair as alt
import pandas as pd

from dashboard.governance.rules import RAG_MEANING, Rag, Term

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
    chart: alt.LayerChart = (bars + labels + rule).properties(
        title="MoU terms", height=60 + 30 * len(frame)
    )
    return chart


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
    chart: alt.LayerChart = (bars + labels).properties(title="Actions by RAG", height=180)
    return chart
