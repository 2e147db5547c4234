"""Planner: propose the programme year's inspections, then accept them as planned inspections."""

from collections.abc import Sequence
from typing import Any

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.plain_text import escape_markdown
from dashboard.core.programme_year import programme_year_of, year_label
from dashboard.planning import service as planning
from dashboard.planning import view
from dashboard.planning.rules import DEFAULT_MONTHLY_CAPACITY, Flag
from dashboard.ui import cached, forms, widgets

URL = database_url()
ACCEPT = "planner_accept"
CONFIRMING = "planner_confirming"  # the proposals a manager is asked to confirm accepting
CONFIRM_OVER = 3  # accepting more proposals than this at once asks first


def _planned(created: Sequence[Any]) -> str | None:
    """What accepting the proposals did, for the notice."""
    refs = [inspection.ref for inspection in created]
    return f"Planned {len(refs)} inspections: {', '.join(refs)}." if refs else None


st.title("Planner")
st.caption(
    "Every group active in the programme year gets an inspection before its due date, on a "
    "working day, with the provider's allocated inspector while they have room that month."
)
left, middle, right = st.columns(3)
as_of = widgets.as_of_date("planner_as_of", left)
current = programme_year_of(as_of)
year = middle.selectbox(
    "Programme year", [current, current + 1], format_func=year_label, key="planner_year"
)
per_month = right.number_input(
    "Inspections per inspector per month",
    min_value=0,
    max_value=10,
    value=DEFAULT_MONTHLY_CAPACITY,
    step=1,
    key="planner_capacity",
)
plan = cached.year_plan(URL, int(year), as_of, int(per_month))
if not plan.rows:
    st.info(
        "Nothing to plan: no active group is due an inspection in the rest of this "
        "programme year, and none is planned."
    )
    st.stop()

not_fitted = plan.with_flag(Flag.NOT_FITTED)
after_term = plan.with_flag(Flag.AFTER_MOU_TERM)
tiles = st.columns(4)
tiles[0].metric("Proposed", len(plan.proposals), border=True)
tiles[1].metric("Already planned", len(plan.with_flag(Flag.PLANNED)), border=True)
tiles[2].metric("Cannot be fitted", len(not_fitted), border=True)
tiles[3].metric("After the MoU term", len(after_term), border=True)
if not_fitted:
    st.warning(
        f"{len(not_fitted)} groups cannot be fitted before their due date: "
        f"{escape_markdown(', '.join(row.group_code for row in not_fitted))}. Raise the monthly "
        "capacity or move other inspections."
    )
if after_term:
    st.warning(
        f"{len(after_term)} inspections fall after the end of the MoU term in force on "
        f"{as_of:%d %B %Y}."
    )

st.subheader(f"Schedule for {year_label(int(year))}")
table = view.plan_table(plan)
st.dataframe(table, hide_index=True, width="stretch")
widgets.download_table(table, f"plan {year_label(int(year))}")
widgets.link_to_page(
    "inspections.py", "Adjust planned inspections on the Inspections page", ":material/fact_check:"
)

st.subheader("Inspections per inspector per month")
st.dataframe(view.load_table(plan), hide_index=True, width="stretch")

st.subheader("Accept proposals")
if forms.notice():  # what was created, where the button was pressed
    widgets.link_to_page(
        "inspections.py", "Adjust them on the Inspections page", ":material/fact_check:"
    )
choices = view.proposal_choices(plan)
if not choices:
    st.info("No proposal left to accept.")
    st.stop()
every = st.checkbox(f"All {len(choices)} proposals", key="planner_accept_all")
picked = st.multiselect("Proposals to accept", list(choices), key=ACCEPT, disabled=every)
forms.refusal_shown(ACCEPT)
chosen = list(choices.values()) if every else [choices[label] for label in picked]
labels = tuple(choices) if every else tuple(picked)
if st.session_state.get(CONFIRMING) not in (None, labels):
    del st.session_state[CONFIRMING]  # the choice changed since the question was asked
pressed = st.button(
    f"Accept {len(chosen)} as planned inspections",
    key="planner_accept_button",
    type="primary",
    disabled=not chosen,
)
if pressed and len(chosen) > CONFIRM_OVER:
    st.session_state[CONFIRMING] = labels
    pressed = False
if st.session_state.get(CONFIRMING) == labels:
    st.warning(
        f"Accept {len(chosen)} proposals at once? This creates {len(chosen)} planned "
        "inspections, each to be moved or cancelled one by one on the Inspections page.",
        icon=":material/help:",
    )
    yes, no = st.columns(2)
    pressed = yes.button(f"Yes, plan {len(chosen)} inspections", key="planner_accept_confirm")
    if no.button("Cancel", key="planner_accept_cancel"):
        del st.session_state[CONFIRMING]
        st.rerun()
if pressed:
    st.session_state.pop(CONFIRMING, None)
    forms.save(
        ACCEPT,
        lambda session: planning.accept_proposals(
            session, actor=widgets.current_actor(), proposals=chosen
        ),
        _planned,
        forget_keys=(ACCEPT, "planner_accept_all"),
    )
