"""Recommendations: the register, one recommendation's story to closure, and themes to share."""

from collections.abc import Callable
from datetime import date
from functools import partial

import streamlit as st

from dashboard.core import db
from dashboard.core.config import database_url
from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import STAFF, Actor, PermissionDenied
from dashboard.core.vocabulary import RecommendationStatus
from dashboard.follow_ups.service import record_follow_up
from dashboard.recommendations import charts, view
from dashboard.recommendations.queries import RecommendationDetail
from dashboard.recommendations.rules import NEXT_STATUSES, RecommendationFacts
from dashboard.recommendations.service import add_good_practice, may_log, update_due_date
from dashboard.ui import cached, widgets

NOTICE = "recommendations_notice"
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
FOLLOW_UP_KEYS = tuple(
    f"recommendations_follow_up_{name}" for name in ("on", "note", "status", "superseded_by")
)
DUE_KEYS = ("recommendations_due_on", "recommendations_due_reason")
GOOD_PRACTICE_KEYS = ("recommendations_good_practice_theme", "recommendations_good_practice_text")


def _save(write: Callable[[db.Session], object], done: str, form_keys: tuple[str, ...]) -> None:
    """Run a write in its own transaction; show a refusal (the form keeps its entries), or
    empty the form and reload with a notice."""
    try:
        with db.session_scope(cached.current_engine()) as session:
            write(session)
    except (PermissionDenied, StaleEdit, ValueError) as refusal:
        st.error(str(refusal))
        return
    cached.clear_query_cache()
    _forget(form_keys)
    st.session_state[NOTICE] = done
    st.rerun()


def _forget(keys: tuple[str, ...]) -> None:
    """Drop these widgets' entries so their forms start afresh."""
    for key in keys:
        st.session_state.pop(key, None)


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
                    columns[index % 4], FILTER_LABELS[name], options[name], keys[name]
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
    shown = cached.recommendation_register_view(database_url(), _filters(options), as_of)
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


def _facts_table(detail: RecommendationDetail) -> None:
    facts = detail.facts
    default_on, working_days = view.default_due(facts)
    rows = {
        "Provider": f"{facts.provider_code} {facts.provider_name}",
        "Inspection": f"{facts.inspection_ref} ({detail.inspection_type}), "
        f"{facts.inspection_start_on:%d %b %Y} to {facts.inspection_end_on:%d %b %Y}",
        "Lead inspector": facts.lead_inspector or "not recorded",
        "Key question and KLOE": f"{facts.key_question or 'none'} {facts.kloe or ''}".strip(),
        "Judgement on that key question": detail.judgement or "none recorded",
        "Theme": facts.theme or "none",
        "Risk": facts.risk,
        "Owner": facts.owner or "not recorded",
        "Status": facts.status,
        "Due on": f"{facts.due_on:%d %b %Y}" if facts.due_on else "no due date",
        f"Default for {facts.risk} risk": f"{default_on:%d %b %Y} ({working_days} working days "
        "after the inspection ended)",
        "Why the due date differs": detail.due_on_reason or "",
        "Verified closed by": detail.verified_by or "",
        "Verified on": f"{detail.verified_on:%d %b %Y}" if detail.verified_on else "",
        "Superseded by": detail.superseded_by_ref or "",
    }
    table = [{"": label, "value": value} for label, value in rows.items() if value]
    st.dataframe(table, hide_index=True, width="stretch")


def _timeline(detail: RecommendationDetail) -> None:
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


def _follow_up_form(detail: RecommendationDetail, actor: Actor) -> None:
    current = detail.facts.status
    allowed = ", ".join(s for s in RecommendationStatus if s in NEXT_STATUSES.get(current, ()))
    with st.form("recommendations_follow_up_form"):
        st.markdown("**Add a follow-up**")
        st.caption(f"From {current} it may go to: {allowed}.")
        on = st.date_input(
            "On", value=date.today(), format="YYYY-MM-DD", key="recommendations_follow_up_on"
        )
        note = st.text_area(
            "Note",
            key="recommendations_follow_up_note",
            placeholder="What was checked or received (no survivor details)",
        )
        statuses = [status.value for status in RecommendationStatus]
        new_status = st.selectbox(
            "New status",
            statuses,
            index=statuses.index(current),
            key="recommendations_follow_up_status",
        )
        replacing = st.text_input(
            "Superseded by (ref of the replacing recommendation)",
            key="recommendations_follow_up_superseded_by",
        )
        if st.form_submit_button("Record follow-up", key="recommendations_follow_up_save"):
            _save(
                lambda session: record_follow_up(
                    session,
                    actor=actor,
                    recommendation_ref=detail.facts.ref,
                    on=on,
                    note=note,
                    new_status=new_status,
                    superseded_by_ref=replacing or None,
                    expected_version=detail.version,
                ),
                f"Follow-up recorded on {detail.facts.ref}.",
                FOLLOW_UP_KEYS,
            )


def _due_date_form(detail: RecommendationDetail, actor: Actor) -> None:
    facts = detail.facts
    with st.form("recommendations_due_form"):
        st.markdown("**Change the due date**")
        due_on = st.date_input(
            "New due date",
            value=facts.due_on or view.default_due(facts)[0],
            format="YYYY-MM-DD",
            key="recommendations_due_on",
        )
        reason = st.text_input("Reason", key="recommendations_due_reason")
        if st.form_submit_button("Save due date", key="recommendations_due_save"):
            _save(
                lambda session: update_due_date(
                    session,
                    actor=actor,
                    ref=facts.ref,
                    due_on=due_on,
                    reason=reason,
                    expected_version=detail.version,
                ),
                f"Due date of {facts.ref} changed.",
                DUE_KEYS,
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
        on_change=_forget,
        args=(FOLLOW_UP_KEYS + DUE_KEYS,),
    )
    detail = cached.recommendation_detail(database_url(), ref)
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
        _follow_up_form(detail, actor)
    with right:
        _due_date_form(detail, actor)


def _themes() -> None:
    url = database_url()
    if not cached.theme_counts(url):
        st.info("No recommendations recorded yet, so there are no themes to compare.")
        return
    options = cached.themes_view(url, (), ())
    left, right = st.columns(2)
    years = left.multiselect(
        "Programme years", options.year_options, key="recommendations_themes_years"
    )
    providers = right.multiselect(
        "Providers", options.provider_options, key="recommendations_themes_providers"
    )
    themes = cached.themes_view(url, tuple(years), tuple(providers))
    widgets.chart(charts.themes_chart, themes.chosen)
    for title, pivot in themes.pivots:
        st.markdown(f"**{title}**")
        st.dataframe(pivot, width="stretch")
    widgets.download_table(themes.chosen, "recommendations by theme")


def _good_practice(themes_used: list[str], actor: Actor, as_of: date) -> None:
    st.subheader("Good-practice log")
    log = cached.good_practice_log(database_url())
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
        _good_practice_form(actor, as_of, known)


def _good_practice_form(actor: Actor, as_of: date, themes: list[str]) -> None:
    inspections = [
        ref for ref, lead in cached.inspections_led(database_url(), as_of) if may_log(actor, lead)
    ]
    if not inspections:
        st.caption(
            "Good practice is logged by an inspection's lead inspector or a programme "
            "manager; you have led no inspection yet."
        )
        return
    with st.form("recommendations_good_practice_form"):
        st.markdown("**Log good practice**")
        ref = widgets.choose_one(
            st, "Inspection", inspections, key="recommendations_good_practice_ref"
        )
        theme = st.selectbox(
            "Theme", themes, accept_new_options=True, key="recommendations_good_practice_theme"
        )
        text = st.text_area(
            "What worked well (no survivor details)", key="recommendations_good_practice_text"
        )
        if st.form_submit_button("Log good practice", key="recommendations_good_practice_save"):
            _save(
                lambda session: add_good_practice(
                    session,
                    actor=actor,
                    inspection_ref=ref or "",
                    theme=theme or "",
                    text=text,
                ),
                f"Good practice from {ref} logged.",
                GOOD_PRACTICE_KEYS,
            )


st.title("Recommendations")
actor = widgets.current_actor()
as_of = st.date_input(
    "As of",
    value=date.today(),
    min_value=date(2015, 1, 1),
    key="recommendations_as_of",
    format="YYYY-MM-DD",
)
if notice := st.session_state.pop(NOTICE, None):
    st.success(notice)
rows, options = cached.recommendations_raised(database_url(), as_of)
if not rows:
    st.info(
        "No recommendations from inspections started on or before this date. Load the "
        "programme with `dashboard import PATH`, or the demo with `dashboard seed --demo`."
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
