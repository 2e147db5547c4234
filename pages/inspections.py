"""Inspections: the register and its milestones, what falls due, SLA performance, and one
inspection planned, edited, judged and evidenced."""

from datetime import date
from functools import partial

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.permissions import STAFF
from dashboard.core.plain_text import escape_markdown
from dashboard.core.programme_year import year_label
from dashboard.core.vocabulary import InspectionMode, InspectionStatus, InspectionType
from dashboard.coverage.rules import DATE_PASSED
from dashboard.inspections import charts, service, view
from dashboard.inspections.rules import (
    REPORTS_OVERDUE,
    REPORTS_OVERDUE_HELP,
    SlaCell,
    status_words,
)
from dashboard.ui import cached, forms, inspection_forms, inspection_status_form, widgets

URL = database_url()
ACTOR = widgets.current_actor()
IS_STAFF = ACTOR.role in STAFF


def _register(as_of: date) -> view.RegisterView:
    options = cached.inspection_filter_options(URL, VIEWER)
    columns = st.columns(7)
    filters = view.RegisterFilters(
        types=frozenset(
            columns[0].multiselect("Type", list(InspectionType), key="inspections_type")
        ),
        modes=frozenset(
            columns[1].multiselect("Mode", list(InspectionMode), key="inspections_mode")
        ),
        status=columns[2].selectbox(
            "Milestone status",
            list(view.STATE_WORDS),
            index=None,
            format_func=lambda state: view.STATE_WORDS[state],
            key="inspections_status",
            placeholder="any",
        ),
        providers=frozenset(
            widgets.choose_many(
                columns[3],
                "Provider",
                list(options.providers),
                "inspections_provider",
                format_func=options.providers.get,
            )
        ),
        inspectors=frozenset(
            columns[4].multiselect(
                "Lead inspector", options.inspectors, key="inspections_inspector"
            )
        ),
        years=frozenset(
            columns[5].multiselect(
                "Programme year", options.years, format_func=year_label, key="inspections_year"
            )
        ),
        inspection_statuses=frozenset(
            columns[6].multiselect(
                "Inspection status", list(InspectionStatus), key="inspections_inspection_status"
            )
        ),
    )
    return cached.inspection_register_view(URL, filters, as_of, VIEWER)


def _due_and_late(register: view.RegisterView) -> None:
    shown, late, due = register.shown, register.late, register.due
    left, middle, right = st.columns(3)
    left.metric("Inspections listed", len(shown), border=True)
    middle.metric(REPORTS_OVERDUE, len(late), border=True, help=REPORTS_OVERDUE_HELP)
    right.metric("Due in the next 10 working days", len(due), border=True)
    st.subheader(REPORTS_OVERDUE)
    if late.empty:
        st.success("No draft or final report is overdue on this date.")
    else:
        st.dataframe(late, hide_index=True, key="inspections_late_reports")
    st.subheader("Due in the next 10 working days")
    if due.empty:
        st.info("Nothing falls due in the next 10 working days.")
    else:
        st.dataframe(due, hide_index=True, key="inspections_due_soon")


def _sla(cells: list[SlaCell]) -> None:
    st.caption(
        "Share of each milestone done by its due date, by the programme-year quarter "
        "(Q1 April–June) its due date falls in. Only milestones done or overdue count."
    )
    if not cells:
        st.info("No milestone was due yet among these inspections.")
        return
    widgets.chart(charts.sla_chart, charts.sla_frame(cells))
    st.dataframe(view.sla_table(cells), hide_index=True, key="inspections_sla_table")


def _detail(detail: cached.InspectionDetail, as_of: date, editable: bool) -> None:
    row = detail.row
    st.text(
        f"{row.ref} · {row.group_code} {row.group_name} · {row.provider_name} · "
        f"{row.inspection_type}, {row.mode or 'mode not set'} · lead inspector "
        f"{row.lead_inspector or 'not set'} · key questions {', '.join(row.scope)}"
    )
    st.text(status_words(row.dates, detail.cancelled_reason, as_of))
    st.dataframe(view.schedule_frame(row.dates, as_of), hide_index=True)
    judged = {j.key_question: j for j in detail.judgements}
    st.markdown("**Judgements**")
    if row.dates.report_withheld:
        st.info(
            "Report in progress: judgements and factual accuracy are shown once the final "
            "report was sent.",
            icon=":material/hourglass_top:",
        )
    st.dataframe(
        [
            {
                "Key question": kq,
                "Judgement": judged[kq].judgement
                if kq in judged
                else view.REPORT_IN_PROGRESS
                if row.dates.report_withheld
                else "not yet judged",
            }
            for kq in row.scope
        ],
        hide_index=True,
    )
    if row.early_outcome_letter_on:
        st.text(f"Early outcome letter sent on {row.early_outcome_letter_on}.")
    st.markdown("**Evidence base** (counts only: never survivor details)")
    st.dataframe(view.evidence_frame(detail), hide_index=True)
    st.markdown("**Additional information requests**")
    requests = view.requests_frame(detail, as_of)
    if requests.empty:
        st.caption("No information requests logged.")
    else:
        st.dataframe(requests, hide_index=True)
    if detail.internal_notes is not None and IS_STAFF:
        st.markdown("**Internal notes**")
        st.text(detail.internal_notes or "none")
    if editable:
        inspection_status_form.status_form(detail, ACTOR)
        inspection_forms.edit_forms(detail, as_of, ACTOR)


st.title("Inspections")
as_of = widgets.as_of_date("inspections_as_of")
VIEWER = widgets.current_viewer(as_of)
if not VIEWER.sees_every_report:
    st.caption(widgets.REPORT_IN_PROGRESS)
forms.notice()
tabs = st.tabs(
    [
        "Register",
        "Due and overdue",
        "SLA performance",
        "One inspection",
        *(["Plan an inspection"] if IS_STAFF else []),
    ]
)
with tabs[0]:
    register_view = _register(as_of)
    shown = register_view.shown
    if not shown:
        st.info(
            "No inspections match. Clear the filters, or plan one under 'Plan an inspection'."
            if IS_STAFF
            else "No inspections match these filters."
        )
    else:
        # Words, not shading: styling each cell of a page of 200 rows cost ~300 ms a rerun.
        st.caption(
            "Each milestone's state as of the date in words; inspections with overdue "
            "milestones are listed first, the count in the last column."
        )
        if passed := view.date_passed(shown, as_of):
            st.warning(
                f"{len(passed)} planned inspection(s) with the {DATE_PASSED} "
                f"(under 'One inspection'): {', '.join(passed[:10])}"
                + (" …" if len(passed) > 10 else ""),
                icon=":material/event_busy:",
            )
        on_page = widgets.items_on_page(shown, "inspections_register_page")
        st.dataframe(
            view.register_frame(on_page, as_of), hide_index=True, key="inspections_register"
        )
        widgets.download_table(
            partial(view.register_frame, shown, as_of),
            "inspections register",
            key="inspections_register",
        )
with tabs[1]:
    _due_and_late(register_view)
with tabs[2]:
    _sla(register_view.sla)
with tabs[3]:
    if shown:
        refs = [row.ref for row in shown]  # overdue ones first
        ref = widgets.choose_one(
            st,
            "Inspection",
            refs,
            key="inspections_selected",
            help="Those with overdue milestones first.",
        )
        found = cached.inspection_detail(URL, ref, IS_STAFF, VIEWER) if ref in refs else None
        if ref and found is None:
            st.caption(f"No inspection {escape_markdown(ref)} among those shown.")
        if found is not None:
            _detail(found, as_of, service.may_change(ACTOR, found.row.lead_inspector))
if IS_STAFF:
    with tabs[4]:
        inspection_forms.plan_form(as_of, ACTOR)
