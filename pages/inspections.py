"""Inspections: the register and its milestones, what falls due, SLA performance, and one
inspection planned, edited, judged and evidenced."""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import streamlit as st

from dashboard.core import db
from dashboard.core.config import database_url
from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import MANAGERS, STAFF, PermissionDenied
from dashboard.core.plain_text import escape_markdown
from dashboard.core.programme_year import year_label
from dashboard.core.vocabulary import (
    InspectionMode,
    InspectionType,
    Judgement,
    KeyQuestion,
    Trigger,
)
from dashboard.inspections import charts, service, view
from dashboard.inspections.queries import GroupOption, InspectionDetail, RequestFact
from dashboard.inspections.rules import (
    Evidence,
    FactualAccuracyOutcome,
    InspectionDraft,
    SlaCell,
    sla_frame,
)
from dashboard.planning.rules.suggestion import Suggestion
from dashboard.ui import cached, widgets

URL = database_url()
ACTOR = widgets.current_actor()
IS_STAFF = ACTOR.role in STAFF
NOTICE = "inspections_notice"
LABELS = {
    "group_code": "Inspection group",
    "inspection_type": "Type",
    "mode": "Mode",
    "key_questions": "Key questions",
    "trigger": "Trigger",
    "lead_inspector": "Lead inspector",
    "announced_on": "Announced on",
    "pir_requested_on": "PIR requested on",
    "pir_returned_on": "PIR returned on",
    "start_on": "Starts on",
    "end_on": "Ends on",
    "draft_sent_on": "Draft report sent on",
    "fa_returned_on": "Factual accuracy returned on",
    "final_sent_on": "Final report sent on",
    "early_outcome_letter_on": "Early outcome letter on",
    "survey_responses": "Survivor survey responses received",
    "survey_languages": "Languages of the responses (one per line)",
    "survivors_spoken_with": "Survivors spoken with",
    "staff_interviewed": "Staff interviewed",
    "cases_reviewed": "Cases reviewed",
    "fa_outcome": "Factual accuracy outcome",
    "quality_panel_review": "Quality panel review needed because a judgement changed",
    "internal_notes": "Internal notes (never shown to partners)",
    "text": "What was asked",
    "asked_on": "Asked on",
    "due_on": "Due on",
    "received_on": "Received on",
}
DATE_FIELDS = (
    "start_on",
    "end_on",
    "announced_on",
    "pir_requested_on",
    "pir_returned_on",
    "draft_sent_on",
    "fa_returned_on",
    "final_sent_on",
    "early_outcome_letter_on",
)
COUNT_FIELDS = ("survey_responses", "survivors_spoken_with", "staff_interviewed", "cases_reviewed")


def _forget(form: str) -> None:
    """Empty a form (its widgets and the version it was opened at) so it reloads fresh."""
    for key in [key for key in st.session_state if str(key).startswith(f"{form}_")]:
        del st.session_state[key]


def _save(form: str, write: Callable[[Any], str]) -> None:
    """Run a write in its own transaction, then rerun: to show field problems or the refusal
    under the form, or, when saved, a notice with the form emptied and reloaded."""
    st.session_state.pop(f"{form}__problems", None)
    try:
        with db.session_scope(cached.current_engine()) as session:
            done = write(session)
    except service.InvalidInput as invalid:
        st.session_state[f"{form}__problems"] = invalid.problems
    except (PermissionDenied, StaleEdit) as refusal:
        st.session_state[f"{form}__problems"] = [service.Problem.about("form", str(refusal))]
    else:
        cached.clear_query_cache()
        _forget(form)
        st.session_state[NOTICE] = done
    st.rerun()


def _problems(form: str, field: str) -> None:
    """The message for a field, right under it, after a refused save."""
    for problem in st.session_state.get(f"{form}__problems", []):
        if problem.field == field:
            st.error(f"{LABELS.get(field, field)}: {problem.message}", icon=":material/error:")


def _other_problems(form: str, fields: tuple[str, ...]) -> None:
    """Problems not about one field, such as a refusal; a stale form offers to reload."""
    for problem in st.session_state.get(f"{form}__problems", []):
        if problem.field not in fields:
            st.error(str(problem) if problem.field != "form" else problem.message)
        if problem.field == "form" and "reload" in problem.message:
            st.button(
                "Reload with the saved values (your entries are dropped)",
                key=f"{form}__reload",
                on_click=_forget,
                args=(form,),
            )


def _choice(field: str, options: list[str], value: str | None, form: str, **kw: Any) -> Any:
    chosen = st.selectbox(
        LABELS[field],
        options,
        key=f"{form}_{field}",
        index=options.index(value) if value in options else None,
        **kw,
    )
    _problems(form, field)
    return chosen


def _inspection_fields(
    form: str, start: InspectionDraft, groups: list[GroupOption], inspectors: list[str]
) -> InspectionDraft:
    """The plan/edit fields; returns what they hold now, so due dates follow the typing."""
    names = {g.code: f"{g.code} · {g.name} ({g.provider_code})" for g in groups}
    left, right = st.columns(2)
    with left:
        group = _choice("group_code", list(names), start.group_code, form, format_func=names.get)
        kind = _choice("inspection_type", list(InspectionType), start.inspection_type, form)
        fixed = service.fixed_key_questions(kind)
        chosen = st.multiselect(
            LABELS["key_questions"],
            list(KeyQuestion),
            default=fixed or start.key_questions or None,
            disabled=fixed is not None,
            key=f"{form}_key_questions_{kind}",
            help="Fixed for comprehensive (all five) and assurance (safe, well-led) inspections.",
        )
        _problems(form, "key_questions")
        mode = _choice("mode", list(InspectionMode), start.mode, form)
        trigger = _choice("trigger", list(Trigger), start.trigger, form)
        own = ACTOR.role not in MANAGERS
        leads = (
            [ACTOR.display_name]
            if own
            else sorted({*inspectors, start.lead_inspector or ""} - {""})
        )
        lead = _choice(
            "lead_inspector",
            leads,
            ACTOR.display_name if own else start.lead_inspector,
            form,
            disabled=own,
            accept_new_options=not own,
        )
    dates = {}
    with right:
        for field in DATE_FIELDS:
            dates[field] = st.date_input(
                LABELS[field],
                value=getattr(start, field),
                key=f"{form}_{field}",
                format="YYYY-MM-DD",
            )
            _problems(form, field)
    return InspectionDraft(
        group_code=group,
        inspection_type=kind,
        mode=mode,
        trigger=trigger,
        lead_inspector=lead,
        key_questions=() if fixed else tuple(chosen),
        **dates,
    )


def _due_dates_as_typed(draft: InspectionDraft, as_of: date) -> None:
    st.markdown("**Due dates** (working days in England and Wales, from the dates above)")
    if draft.start_on is None:
        st.caption("Enter the start date to see the milestones fall due.")
        return
    st.dataframe(view.schedule_frame(draft.milestone_dates(), as_of), hide_index=True)


def _register(as_of: date) -> view.RegisterView:
    options = cached.inspection_filter_options(URL)
    columns = st.columns(6)
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
            format_func=view.STATE_WORDS.get,
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
    )
    return cached.inspection_register_view(URL, filters, as_of)


def _due_and_late(register: view.RegisterView) -> None:
    shown, late, due = register.shown, register.late, register.due
    left, middle, right = st.columns(3)
    left.metric("Inspections listed", len(shown), border=True)
    middle.metric(
        "Reports overdue",
        len(late),
        border=True,
        help="Draft or final reports not sent by their working-day deadline.",
    )
    right.metric("Due in the next 10 working days", len(due), border=True)
    st.subheader("Reports overdue")
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
    widgets.chart(charts.sla_chart, sla_frame(cells))
    st.dataframe(view.sla_table(cells), hide_index=True, key="inspections_sla_table")


def _detail(detail: InspectionDetail, as_of: date, editable: bool) -> None:
    row = detail.row
    st.text(
        f"{row.ref} · {row.group_code} {row.group_name} · {row.provider_name} · "
        f"{row.inspection_type}, {row.mode or 'mode not set'} · lead inspector "
        f"{row.lead_inspector or 'not set'} · key questions {', '.join(row.scope)}"
    )
    st.dataframe(view.schedule_frame(row.dates, as_of), hide_index=True)
    judged = {j.key_question: j for j in detail.judgements}
    st.markdown("**Judgements**")
    st.dataframe(
        [
            {
                "Key question": kq,
                "Judgement": judged[kq].judgement if kq in judged else "not yet judged",
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
        _edit_forms(detail, as_of)


def _edit_forms(detail: InspectionDetail, as_of: date) -> None:
    ref = detail.row.ref
    groups, inspectors = cached.inspection_choices(URL)
    with st.expander("Edit this inspection and record milestone dates"):
        form = f"inspections_edit_{ref}"
        opened = st.session_state.setdefault(f"{form}__version", detail.version)
        draft = _inspection_fields(form, view.draft_of(detail), groups, inspectors)
        _due_dates_as_typed(draft, as_of)
        _other_problems(form, tuple(LABELS))
        if st.button("Save changes", key=f"{form}__save", type="primary"):
            _save(
                form,
                lambda s: (
                    service.update_inspection(
                        s, actor=ACTOR, ref=ref, draft=draft, expected_version=opened
                    )
                    and f"Saved {ref}."
                    or f"No changes to {ref}."
                ),
            )
    with st.expander("Record judgements"):
        _judgement_form(detail)
    with st.expander("Record the evidence base and factual accuracy outcome"):
        _evidence_form(detail)
    with st.expander("Log an information request"):
        _request_form(detail)


def _judgement_form(detail: InspectionDetail) -> None:
    ref, form = detail.row.ref, f"inspections_judgements_{detail.row.ref}"
    versions = st.session_state.setdefault(
        f"{form}__version", {j.key_question: j.version for j in detail.judgements}
    )
    judged = {j.key_question: j.judgement for j in detail.judgements}
    chosen = {}
    for kq in detail.row.scope:
        chosen[kq] = _choice_plain(form, kq, list(Judgement), judged.get(kq))
    _other_problems(form, detail.row.scope)
    if st.button("Save judgements", key=f"{form}__save"):
        _save(
            form,
            lambda s: (
                service.record_judgements(
                    s, actor=ACTOR, ref=ref, judgements=chosen, opened_versions=versions
                )
                or f"Judgements saved for {ref}."
            ),
        )


def _choice_plain(form: str, field: str, options: list[str], value: str | None) -> Any:
    chosen = st.selectbox(
        field.capitalize(),
        options,
        key=f"{form}_{field}",
        index=options.index(value) if value in options else None,
        placeholder="not yet judged",
    )
    _problems(form, field)
    return chosen


def _evidence_form(detail: InspectionDetail) -> None:
    ref, form, evidence = detail.row.ref, f"inspections_evidence_{detail.row.ref}", detail.evidence
    opened = st.session_state.setdefault(f"{form}__version", detail.version)
    counts = {}
    for column, field in zip(st.columns(4), COUNT_FIELDS, strict=True):
        with column:
            counts[field] = st.number_input(
                LABELS[field],
                value=getattr(evidence, field),
                min_value=0,
                step=1,
                key=f"{form}_{field}",
            )
            _problems(form, field)
    languages = st.text_area(
        LABELS["survey_languages"],
        "\n".join(evidence.survey_languages),
        key=f"{form}_survey_languages",
    )
    _problems(form, "survey_languages")
    outcome = _choice("fa_outcome", list(FactualAccuracyOutcome), evidence.fa_outcome, form)
    panel = st.checkbox(
        LABELS["quality_panel_review"],
        bool(evidence.quality_panel_review),
        key=f"{form}_quality_panel_review",
    )
    _problems(form, "quality_panel_review")
    notes = st.text_area(
        LABELS["internal_notes"], detail.internal_notes or "", key=f"{form}_internal_notes"
    )
    _problems(form, "internal_notes")
    _other_problems(form, tuple(LABELS))
    if st.button("Save evidence", key=f"{form}__save"):
        given = Evidence(
            survey_languages=tuple(languages.splitlines()),
            fa_outcome=outcome,
            quality_panel_review=panel,
            **counts,
        )
        _save(
            form,
            lambda s: (
                service.record_evidence(
                    s,
                    actor=ACTOR,
                    ref=ref,
                    evidence=given,
                    internal_notes=notes,
                    expected_version=opened,
                )
                and f"Evidence saved for {ref}."
                or f"No changes to {ref}."
            ),
        )


def _request_form(detail: InspectionDetail) -> None:
    ref, form = detail.row.ref, f"inspections_request_{detail.row.ref}"
    text = st.text_area(LABELS["text"], key=f"{form}_text")
    _problems(form, "text")
    left, right = st.columns(2)
    asked_on = left.date_input(
        LABELS["asked_on"], date.today(), key=f"{form}_asked_on", format="YYYY-MM-DD"
    )
    default = view.request_due_default(detail, asked_on)
    due_on = right.date_input(
        LABELS["due_on"],
        None,
        key=f"{form}_due_on",
        format="YYYY-MM-DD",
        help=f"Leave blank for {default}: 7 working days after the end "
        "of the inspection (or after asking, if asked later).",
    )
    _problems(form, "due_on")
    _other_problems(form, ("text", "due_on"))
    if st.button("Log request", key=f"{form}__save"):
        _save(
            form,
            lambda s: (
                service.add_information_request(
                    s, actor=ACTOR, ref=ref, text=text, asked_on=asked_on, due_on=due_on
                )
                and f"Information request logged for {ref}."
            ),
        )
    waiting = [r for r in detail.requests if r.received_on is None]
    if waiting:
        _received_form(ref, waiting)


def _received_form(ref: str, waiting: list[RequestFact]) -> None:
    form = f"inspections_received_{ref}"
    by_id = {r.id: r for r in waiting}
    chosen = st.selectbox(
        "Answered request",
        list(by_id),
        key=f"{form}_request",
        format_func=lambda i: f"asked {by_id[i].asked_on}: {by_id[i].text}"[:90],
    )
    received = st.date_input(
        LABELS["received_on"], date.today(), key=f"{form}_received_on", format="YYYY-MM-DD"
    )
    _problems(form, "received_on")
    _other_problems(form, ("received_on",))
    if st.button("Mark received", key=f"{form}__save"):
        _save(
            form,
            lambda s: (
                service.mark_request_received(
                    s,
                    actor=ACTOR,
                    request_id=chosen,
                    received_on=received,
                    expected_version=by_id[chosen].version,
                )
                and "Marked received."
                or "No change."
            ),
        )


def _use_suggestion(form: str, suggestion: Suggestion) -> None:
    state = st.session_state
    state[f"{form}_inspection_type"] = suggestion.inspection_type
    state[f"{form}_trigger"] = suggestion.trigger
    if suggestion.inspection_type == InspectionType.FOCUSED:  # the others' scope is fixed
        state[f"{form}_key_questions_focused"] = list(suggestion.key_questions)


def _suggestion(form: str, group_code: str | None, as_of: date) -> None:
    """The suggested type for the chosen group, with its reason, to take in one click."""
    found = cached.inspection_suggestion(URL, group_code, as_of) if group_code else None
    if found is not None:
        with st.container(border=True):
            st.text(
                f"Suggested as of {as_of}: {found.inspection_type} "
                f"({', '.join(found.key_questions)}), {found.trigger}. {found.reason}"
            )
            st.button(
                "Use the suggestion",
                key=f"{form}__suggest",
                on_click=_use_suggestion,
                args=(form, found),
            )


def _plan(as_of: date) -> None:
    groups, inspectors = cached.inspection_choices(URL)
    form = "inspections_new"
    draft = _inspection_fields(form, InspectionDraft(), groups, inspectors)
    _suggestion(form, draft.group_code, as_of)
    _due_dates_as_typed(draft, as_of)
    _other_problems(form, tuple(LABELS))
    if st.button("Plan this inspection", key=f"{form}__save", type="primary"):
        _save(
            form, lambda s: f"Planned {service.create_inspection(s, actor=ACTOR, draft=draft).ref}."
        )


st.title("Inspections")
as_of = st.date_input(
    "As of",
    value=date.today(),
    min_value=date(2015, 1, 1),
    key="inspections_as_of",
    format="YYYY-MM-DD",
)
if NOTICE in st.session_state:
    st.success(st.session_state.pop(NOTICE))
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
        found = cached.inspection_detail(URL, ref, IS_STAFF) if ref in refs else None
        if ref and found is None:
            st.caption(f"No inspection {escape_markdown(ref)} among those shown.")
        if found is not None:
            _detail(found, as_of, service.may_change(ACTOR, found.row.lead_inspector))
if IS_STAFF:
    with tabs[4]:
        _plan(as_of)
