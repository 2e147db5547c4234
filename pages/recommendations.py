"""Recommendations: the register, one recommendation's story to closure, and themes to share."""

from datetime import date
from functools import partial

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import STAFF, Actor
from dashboard.core.vocabulary import in_words
from dashboard.recommendations import charts, view
from dashboard.recommendations.rules import RecommendationFacts
from dashboard.ui import cached, forms, recommendation_forms, widgets

TABS = "recommendations_tab"
FILTER_LABELS = {
    "providers": "Provider",
    "groups": "Inspection group",
    "services": "Service",
    "key_questions": "Key question",
    "kloes": "KLOE",
    "themes": "Theme",
    "risks": "Risk",
    "owners": "Owner",
    "statuses": "Status",
    "due_windows": "Due window",
    "inspections": "Inspection",
}


def _filters(options: dict[str, list[str]]) -> view.RegisterFilter:
    keys = {name: f"recommendations_filter_{name}" for name in view.filter_names()}
    in_use = any(
        st.session_state.get(key) or st.session_state.get(f"{key}_typed") for key in keys.values()
    )
    with st.expander("Filters", expanded=in_use, icon=":material/filter_list:"):
        columns = st.columns(4)
        chosen = {
            name: tuple(
                widgets.choose_many(
                    columns[index % 4],
                    FILTER_LABELS[name],
                    options[name],
                    keys[name],
                    bind="query-params",  # a link (Overview's) may open the register filtered
                )
            )
            for index, name in enumerate(keys)
        }
    return view.RegisterFilter(**chosen)


def _counts(shown: view.RegisterView) -> None:
    for column, (status, count) in zip(st.columns(5), shown.status_counts.items(), strict=True):
        column.metric(status.capitalize(), count, border=True)
    for column, (risk, count) in zip(st.columns(3), shown.open_risk_counts.items(), strict=True):
        column.metric(f"Open, {risk} risk", count, border=True)


def _register(
    rows: list[RecommendationFacts], options: dict[str, list[str]], as_of: date
) -> list[RecommendationFacts]:
    """The filtered register; returns the recommendations on the page shown."""
    shown = cached.recommendation_register_view(database_url(), _filters(options), as_of, viewer)
    _counts(shown)
    if not shown.shown:
        st.info("No recommendation matches these filters. Clear a filter to see more.")
        return []
    st.caption(
        f"{len(shown.shown)} of {len(rows)} recommendations. Age is days since the "
        "inspection ended; days overdue counts calendar days past the due date, as of "
        f"{as_of:%d %b %Y}."
    )
    on_page = widgets.items_on_page(shown.shown, "recommendations_register_page")
    st.dataframe(
        view.register_frame(on_page, as_of),
        hide_index=True,
        width="stretch",
        key="recommendations_register",
    )
    widgets.download_table(
        partial(view.register_frame, shown.shown, as_of), "recommendations register"
    )
    left, right = st.columns(2)
    widgets.chart(charts.open_closed_over_time_chart, shown.over_time, where=left)
    widgets.chart(charts.open_closed_by_provider_chart, shown.by_provider, where=right)
    return list(on_page)


def _facts_table(detail: cached.RecommendationDetail) -> None:
    facts = detail.facts
    rows = {
        "Provider": f"{facts.provider_code} {facts.provider_name}",
        "Inspection": f"{facts.inspection_ref} ({detail.inspection_type}), "
        f"{facts.inspection_start_on:%d %b %Y} to {facts.inspection_end_on:%d %b %Y}",
        "Lead inspector": facts.lead_inspector or "not recorded",
        "Key question and KLOE": f"{facts.key_question or 'none'} {facts.kloe or ''}".strip(),
        "Judgement on that key question": detail.judgement or "none recorded",
        "Theme": facts.theme or "none",
        "Risk": facts.risk,
        "Owner": in_words(facts.owner) or "not recorded",
        "Status": facts.status,
        "Due on": view.due_text(facts),
        f"Default for {facts.risk} risk": view.default_due_text(facts, detail.working_days),
        "Why the due date differs": detail.due_on_reason or "",
        "Verified closed by": detail.verified_by or "",
        "Verified on": f"{detail.verified_on:%d %b %Y}" if detail.verified_on else "",
        "Superseded by": detail.superseded_by_ref or "",
    }
    table = [{"": label, "value": value} for label, value in rows.items() if value]
    st.dataframe(table, hide_index=True, width="stretch")


def _timeline(detail: cached.RecommendationDetail) -> None:
    st.markdown("**Follow-up timeline**")
    if not detail.follow_ups:
        st.caption("No follow-ups recorded yet.")
        return
    st.dataframe(
        [
            {"on": f.made_on, "by": f.made_by, "status": f.status, "note": f.note}
            for f in detail.follow_ups
        ],
        hide_index=True,
        width="stretch",
    )


def _one(shown: list[RecommendationFacts], actor: Actor) -> None:
    if not shown:
        st.info("No recommendation matches the register's filters.")
        return
    st.caption(
        "The recommendations on the register's current page: filter or page the "
        "register to reach others."
    )
    ref = st.selectbox(
        "Recommendation",
        [row.ref for row in shown],
        key="recommendations_selected",
        on_change=recommendation_forms.forget_detail_forms,
    )
    detail = cached.recommendation_detail(database_url(), ref, viewer)
    if detail is None:
        st.warning(f"Recommendation {ref} no longer exists; reload the page.")
        return
    st.subheader(ref)
    st.text(detail.text)
    _facts_table(detail)
    _timeline(detail)
    if actor.role not in STAFF:
        return
    left, right = st.columns(2)
    with left:
        recommendation_forms.follow_up_form(detail, actor)
    with right:
        recommendation_forms.due_date_form(detail, actor)


def _themes() -> None:
    url = database_url()
    if not cached.theme_counts(url, viewer):
        st.info("No recommendations recorded yet, so there are no themes to compare.")
        return
    options = cached.themes_view(url, (), (), viewer)
    left, right = st.columns(2)
    years = left.multiselect(
        "Programme years", options.year_options, key="recommendations_themes_years"
    )
    providers = right.multiselect(
        "Providers", options.provider_options, key="recommendations_themes_providers"
    )
    themes = cached.themes_view(url, tuple(years), tuple(providers), viewer)
    widgets.chart(charts.themes_chart, themes.chosen)
    for title, pivot in themes.pivots:
        st.markdown(f"**{title}**")
        st.dataframe(pivot, width="stretch")
    widgets.download_table(themes.chosen, "recommendations by theme")


def _good_practice(themes_used: list[str], actor: Actor, as_of: date) -> None:
    st.subheader("Good-practice log")
    log = cached.good_practice_log(database_url(), viewer)
    known = sorted(set(themes_used) | {entry.theme for entry in log})
    themes = st.multiselect("Themes", known, key="recommendations_good_practice_themes")
    entries = [entry for entry in log if not themes or entry.theme in themes]
    if entries:
        st.dataframe(
            [
                {
                    "inspection": e.inspection_ref,
                    "provider": e.provider_code,
                    "theme": e.theme,
                    "good practice": e.text,
                    "recorded by": e.recorded_by,
                    "recorded": f"{e.recorded_at:%d %b %Y}",
                }
                for e in entries
            ],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("No good practice logged yet" + (" under these themes." if themes else "."))
    if actor.role in STAFF:
        recommendation_forms.good_practice_form(actor, as_of, known)


st.title("Recommendations")
actor = widgets.current_actor()
as_of = widgets.as_of_date("recommendations_as_of")
forms.notice()
viewer = widgets.current_viewer(as_of)
if not viewer.sees_every_report:
    st.caption(widgets.REPORT_IN_PROGRESS)
rows, options = cached.recommendations_raised(database_url(), as_of, viewer)
if not rows:
    st.info(
        "No recommendations from inspections started on or before this date. Load the "
        "programme with `dashboard import PATH`, or the demo with `dashboard seed --demo`."
        if viewer.sees_every_report
        else "No recommendations from inspections whose final report was sent by this date."
    )
    st.stop()

# The Themes tab is drawn only while open (counting every recommendation by theme took
# seconds at 100× the programme); the register is always drawn, as One recommendation picks
# from the page it shows.
register_tab, one_tab, themes_tab = st.tabs(
    ["Register", "One recommendation", "Themes"], key=TABS, on_change="rerun"
)
with register_tab:
    on_page = _register(rows, options, as_of)
with one_tab:
    _one(on_page, actor)
if themes_tab.open:
    with themes_tab:
        _themes()
        _good_practice(options["themes"], actor, as_of)
