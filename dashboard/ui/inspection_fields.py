"""The fields of an inspection as planned or edited: dates typed as YYYY-MM-DD (an impossible
date is refused by name, not moved), a lead inspector chosen from those known or added as an
explicit step, and the confirmation an overlapping inspection needs."""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import streamlit as st
from sqlmodel import Session

from dashboard.core.permissions import MANAGERS, Actor
from dashboard.core.refusal import Problem
from dashboard.core.vocabulary import InspectionMode, InspectionType, KeyQuestion, Trigger
from dashboard.exchange.cells import CellError, cell_text, parse_cell
from dashboard.exchange.formats import Column, Kind
from dashboard.inspections.queries import GroupOption
from dashboard.inspections.rules import (
    InspectionDraft,
    InvalidInput,
    OverlapUnconfirmed,
    fixed_key_questions,
    not_a_working_day,
)
from dashboard.ui import forms

T = TypeVar("T")

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


def problems(form: str, field: str) -> None:
    forms.problems_under(form, field, LABELS.get(field, field))


def choice(field: str, options: list[str], value: str | None, form: str, **kw: Any) -> Any:
    chosen = st.selectbox(
        LABELS[field],
        options,
        key=f"{form}_{field}",
        index=options.index(value) if value in options else None,
        **kw,
    )
    problems(form, field)
    return chosen


def typed_date(form: str, field: str, value: date | None) -> tuple[date | None, Problem | None]:
    """A date typed as YYYY-MM-DD and read by the exchange format's date rule, so an impossible
    date (2027-02-30) is refused by name rather than moved to a real one, as a date picker
    does; returns the date (None when blank or not a date) and what is wrong with the text."""
    text = st.text_input(
        LABELS[field], value=cell_text(value), key=f"{form}_{field}", placeholder="YYYY-MM-DD"
    )
    try:
        return parse_cell(Column(field, Kind.DATE), text.strip()), None
    except CellError as wrong:
        return None, Problem.about(field, str(wrong))


class Typed:
    """What the plan/edit fields hold beyond the draft: dates that are not dates, and the
    confirmations a save may need (an overlap, a new inspector's name)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.confirm_overlap = False
        self.new_inspector = False

    def checked(self, write: Callable[[Session], T]) -> Callable[[Session], T]:
        """The write, refused first (naming each field) when a typed date is not a date."""

        def write_checked(session: Session) -> T:
            if self.problems:
                raise InvalidInput(self.problems)
            return write(session)

        return write_checked


def _lead_field(
    form: str, start: InspectionDraft, inspectors: list[str], actor: Actor, typed: Typed
) -> str | None:
    """A known inspector from the list, or (managers) a new name added as an explicit step."""
    own = actor.role not in MANAGERS
    if own:  # an inspector plans only what they lead
        choice("lead_inspector", [actor.display_name], actor.display_name, form, disabled=True)
        return actor.display_name
    leads = sorted({*inspectors, start.lead_inspector or ""} - {""})
    typed.new_inspector = st.checkbox(
        "Add a new inspector name",
        key=f"{form}_new_inspector",
        help="Only for an inspector not yet in the list; the new name is recorded in the audit "
        "log. A misspelt name would appear in the plan and the partners' pack.",
    )
    if typed.new_inspector:
        name = st.text_input("New inspector's name", key=f"{form}_new_inspector_name")
        problems(form, "lead_inspector")
        return name
    chosen: str | None = choice("lead_inspector", leads, start.lead_inspector, form)
    return chosen


def inspection_fields(
    form: str,
    start: InspectionDraft,
    groups: list[GroupOption],
    inspectors: list[str],
    actor: Actor,
) -> tuple[InspectionDraft, Typed]:
    """The plan/edit fields; returns what they hold now, so due dates follow the typing."""
    names = {g.code: f"{g.code} · {g.name} ({g.provider_code})" for g in groups}
    typed = Typed()
    left, right = st.columns(2)
    with left:
        group = choice(
            "group_code", list(names), start.group_code, form, format_func=lambda c: names[c]
        )
        kind = choice("inspection_type", list(InspectionType), start.inspection_type, form)
        fixed = fixed_key_questions(kind)
        everything = kind == InspectionType.COMPREHENSIVE
        chosen = st.multiselect(
            LABELS["key_questions"],
            list(KeyQuestion),
            default=start.key_questions or fixed or None,
            disabled=everything,
            key=f"{form}_key_questions_{kind}",
            help="Comprehensive covers all five; assurance covers safe and well-led and may be "
            "widened during an inspection; focused names the ones it looks at.",
        )
        problems(form, "key_questions")
        mode = choice("mode", list(InspectionMode), start.mode, form)
        trigger = choice("trigger", list(Trigger), start.trigger, form)
        lead = _lead_field(form, start, inspectors, actor, typed)
    dates = {}
    with right:
        for field in DATE_FIELDS:
            dates[field], problem = typed_date(form, field, getattr(start, field))
            if problem is not None:
                typed.problems.append(problem)
            elif field == "start_on" and (off := not_a_working_day(dates[field])):
                st.warning(
                    f"{dates[field]} is {off}, not a working day: check the start date.",
                    icon=":material/event_busy:",
                )
            problems(form, field)
    return InspectionDraft(
        group_code=group,
        inspection_type=kind,
        mode=mode,
        trigger=trigger,
        lead_inspector=lead,
        key_questions=() if everything else tuple(chosen),
        **dates,
    ), typed


def overlap_confirmation(form: str, typed: Typed) -> None:
    """After a save refused for an overlap: the explicit step that saves it anyway."""
    refusal = forms.last_refusal(form)
    if isinstance(refusal, OverlapUnconfirmed):
        typed.confirm_overlap = st.checkbox(
            f"Save it anyway: both inspections are meant ({', '.join(refusal.refs)})",
            key=f"{form}_confirm_overlap",
        )
