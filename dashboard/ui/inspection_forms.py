"""The Inspections page's forms: plan an inspection, edit one and record its milestone dates,
judgements, evidence base and information requests. Problems show under the field they name."""

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import streamlit as st
from sqlmodel import Session

from dashboard.core.config import database_url
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import (
    InspectionType,
    Judgement,
)
from dashboard.inspections import service, view
from dashboard.inspections.queries import InspectionDetail, RequestFact
from dashboard.inspections.rules import (
    Evidence,
    FactualAccuracyOutcome,
    InspectionDraft,
)
from dashboard.planning.rules.suggestion import Suggestion
from dashboard.ui import cached, forms
from dashboard.ui import inspection_fields as plan_fields
from dashboard.ui.inspection_fields import LABELS
from dashboard.ui.inspection_fields import choice as _choice
from dashboard.ui.inspection_fields import problems as _problems

T = TypeVar("T")
COUNT_FIELDS = ("survey_responses", "survivors_spoken_with", "staff_interviewed", "cases_reviewed")


def _label(field: str) -> str | None:
    """A field's label; a problem about the whole form ("form") is shown as its message."""
    return "" if field == "form" else LABELS.get(field)


def _save(form: str, write: Callable[[Session], T], done: str | Callable[[T], str | None]) -> None:
    """Save; when saved, the form is emptied so it reloads with the stored values."""
    forms.save(form, write, done, forget_keys=forms.keys_of(form))


def _other_problems(form: str, fields: tuple[str, ...]) -> None:
    forms.refusal_shown(form, label=_label, under=fields, reload=True)


def _due_dates_as_typed(draft: InspectionDraft, as_of: date) -> None:
    st.markdown("**Due dates** (working days in England and Wales, from the dates above)")
    if draft.start_on is None:
        st.caption("Enter the start date to see the milestones fall due.")
        return
    st.dataframe(view.schedule_frame(draft.milestone_dates(), as_of), hide_index=True)


def edit_forms(detail: InspectionDetail, as_of: date, actor: Actor) -> None:
    """Expanders to edit an inspection, and record its judgements, evidence and requests."""
    ref = detail.row.ref
    groups, inspectors = cached.inspection_choices(database_url())
    with st.expander("Edit this inspection and record milestone dates"):
        form = f"inspections_edit_{ref}"
        opened = st.session_state.setdefault(f"{form}__version", detail.version)
        draft, typed = plan_fields.inspection_fields(
            form, view.draft_of(detail), groups, inspectors, actor
        )
        _due_dates_as_typed(draft, as_of)
        _other_problems(form, tuple(LABELS))
        plan_fields.overlap_confirmation(form, typed)
        if st.button("Save changes", key=f"{form}__save", type="primary"):
            _save(
                form,
                typed.checked(
                    lambda s: service.update_inspection(
                        s,
                        actor=actor,
                        ref=ref,
                        draft=draft,
                        expected_version=opened,
                        confirm_overlap=typed.confirm_overlap,
                        new_inspector=typed.new_inspector,
                    )
                ),
                lambda changed: f"Saved {ref}." if changed else f"No changes to {ref}.",
            )
    with st.expander("Record judgements"):
        _judgement_form(detail, actor)
    with st.expander("Record the evidence base and factual accuracy outcome"):
        _evidence_form(detail, actor)
    with st.expander("Log an information request"):
        _request_form(detail, actor)


def _judgement_form(detail: InspectionDetail, actor: Actor) -> None:
    ref, form = detail.row.ref, f"inspections_judgements_{detail.row.ref}"
    versions = st.session_state.setdefault(
        f"{form}__version", {j.key_question: j.version for j in detail.judgements}
    )
    judged = {j.key_question: j.judgement for j in detail.judgements}
    options: list[str] = list(Judgement)
    chosen = {}
    for kq in detail.row.scope:
        chosen[kq] = st.selectbox(
            kq.capitalize(),
            options,
            key=f"{form}_{kq}",
            index=options.index(judged[kq]) if judged.get(kq) in options else None,
            placeholder="not yet judged",
        )
        _problems(form, kq)
    _other_problems(form, detail.row.scope)
    if st.button("Save judgements", key=f"{form}__save"):
        _save(
            form,
            lambda s: service.record_judgements(
                s, actor=actor, ref=ref, judgements=chosen, opened_versions=versions
            ),
            f"Judgements saved for {ref}.",
        )


def _evidence_form(detail: InspectionDetail, actor: Actor) -> None:
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
            lambda s: service.record_evidence(
                s,
                actor=actor,
                ref=ref,
                evidence=given,
                internal_notes=notes,
                expected_version=opened,
            ),
            lambda changed: f"Evidence saved for {ref}." if changed else f"No changes to {ref}.",
        )


def _request_form(detail: InspectionDetail, actor: Actor) -> None:
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
            lambda s: service.add_information_request(
                s, actor=actor, ref=ref, text=text, asked_on=asked_on, due_on=due_on
            ),
            f"Information request logged for {ref}.",
        )
    waiting = [r for r in detail.requests if r.received_on is None]
    if waiting:
        _received_form(ref, waiting, actor)


def _received_form(ref: str, waiting: list[RequestFact], actor: Actor) -> None:
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
            lambda s: service.mark_request_received(
                s,
                actor=actor,
                request_id=chosen,
                received_on=received,
                expected_version=by_id[chosen].version,
            ),
            lambda changed: "Marked received." if changed else "No change.",
        )


def _use_suggestion(form: str, suggestion: Suggestion) -> None:
    state = st.session_state
    state[f"{form}_inspection_type"] = suggestion.inspection_type
    state[f"{form}_trigger"] = suggestion.trigger
    if suggestion.inspection_type == InspectionType.FOCUSED:  # the others' scope is fixed
        state[f"{form}_key_questions_focused"] = list(suggestion.key_questions)


def _suggestion(form: str, group_code: str | None, as_of: date) -> None:
    """The suggested type for the chosen group, with its reason, to take in one click."""
    found = cached.inspection_suggestion(database_url(), group_code, as_of) if group_code else None
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


def plan_form(as_of: date, actor: Actor) -> None:
    """Plan a new inspection: its fields, the suggested type and the due dates as typed."""
    groups, inspectors = cached.inspection_choices(database_url())
    form = "inspections_new"
    draft, typed = plan_fields.inspection_fields(form, InspectionDraft(), groups, inspectors, actor)
    _suggestion(form, draft.group_code, as_of)
    _due_dates_as_typed(draft, as_of)
    _other_problems(form, tuple(LABELS))
    plan_fields.overlap_confirmation(form, typed)
    if st.button("Plan this inspection", key=f"{form}__save", type="primary"):
        _save(
            form,
            typed.checked(
                lambda s: service.create_inspection(
                    s,
                    actor=actor,
                    draft=draft,
                    confirm_overlap=typed.confirm_overlap,
                    new_inspector=typed.new_inspector,
                )
            ),
            lambda planned: f"Planned {planned.ref}.",
        )
