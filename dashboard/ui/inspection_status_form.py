"""The Inspections page's form for a planned inspection: record it as carried out on its real
dates, move it to new dates, or cancel it with a reason. Problems show under the field named."""

from datetime import date

import streamlit as st

from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import InspectionStatus
from dashboard.inspections.queries import InspectionDetail
from dashboard.inspections.service import status as service
from dashboard.ui import forms

ACTIONS = {
    "carried out": "Record it as carried out",
    "move": "Move it to new dates",
    "cancel": "Cancel it",
}
LABELS = {
    "start_on": "Starts on",
    "end_on": "Ends on (blank: a one-day inspection)",
    "cancelled_reason": "Reason for cancelling",
    "status": "Status",
}


def _label(field: str) -> str | None:
    return "" if field == "form" else LABELS.get(field)


def status_form(detail: InspectionDetail, actor: Actor) -> None:
    """For a planned inspection: record it as carried out, move it, or cancel it."""
    row = detail.row
    if row.dates.status != InspectionStatus.PLANNED:
        return
    form = f"inspections_status_{row.ref}"
    opened = st.session_state.setdefault(f"{form}__version", detail.version)
    with st.expander("Record as carried out, move or cancel", expanded=False):
        action = st.radio(
            "What happened",
            list(ACTIONS),
            format_func=ACTIONS.__getitem__,
            key=f"{form}_action",
            horizontal=True,
        )
        if action == "cancel":
            reason = st.text_area(LABELS["cancelled_reason"], key=f"{form}_cancelled_reason")
            forms.problems_under(form, "cancelled_reason", LABELS["cancelled_reason"])
        else:
            left, right = st.columns(2)
            start_on = left.date_input(
                LABELS["start_on"], row.dates.start_on, key=f"{form}_start_on", format="YYYY-MM-DD"
            )
            forms.problems_under(form, "start_on", LABELS["start_on"])
            end_on = right.date_input(
                LABELS["end_on"], row.dates.end_on, key=f"{form}_end_on", format="YYYY-MM-DD"
            )
            forms.problems_under(form, "end_on", LABELS["end_on"])
        forms.refusal_shown(
            form, label=_label, under=("start_on", "end_on", "cancelled_reason"), reload=True
        )
        if not st.button(ACTIONS[action], key=f"{form}__save", type="primary"):
            return
    ref = row.ref
    if action == "cancel":
        forms.save(
            form,
            lambda s: service.cancel_inspection(
                s, actor=actor, ref=ref, reason=reason, expected_version=opened
            ),
            f"Cancelled {ref}.",
            forget_keys=forms.keys_of(form),
        )
    elif action == "move":
        forms.save(
            form,
            lambda s: service.move_inspection(
                s,
                actor=actor,
                ref=ref,
                start_on=_day(start_on),
                end_on=_day(end_on),
                expected_version=opened,
            ),
            f"Moved {ref}.",
            forget_keys=forms.keys_of(form),
        )
    else:
        forms.save(
            form,
            lambda s: service.record_carried_out(
                s,
                actor=actor,
                ref=ref,
                start_on=_day(start_on),
                end_on=_day(end_on),
                expected_version=opened,
            ),
            f"Recorded {ref} as carried out.",
            forget_keys=forms.keys_of(form),
        )


def _day(value: object) -> date | None:
    """A date input's value: a date, or None when left blank."""
    return value if isinstance(value, date) else None
