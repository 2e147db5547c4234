"""My follow-ups: the recommendations an inspector must check, oldest first, recorded in a click."""

from datetime import date, timedelta
from functools import partial

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard.core.config import database_url
from dashboard.core.marking import MARKING
from dashboard.core.permissions import Actor
from dashboard.core.plain_text import escape_markdown
from dashboard.core.table_export import export_file_name
from dashboard.core.vocabulary import RecommendationStatus, Role
from dashboard.follow_ups.rules import (
    DEFAULT_WITHIN_DAYS,
    FollowUpDue,
)
from dashboard.follow_ups.rules.calendar import follow_up_calendar
from dashboard.follow_ups.service import (
    ACCEPTED,
    MAX_EVIDENCE_BYTES,
    record_follow_up_with_evidence,
)
from dashboard.follow_ups.view import follow_ups_frame
from dashboard.recommendations.rules import NEXT_STATUSES
from dashboard.ui import cached, forms, widgets
from dashboard.ui.attached_evidence import EVIDENCE_WARNING, attached_evidence

FORM = "my_follow_ups"  # the follow-up form's refusal and saves are kept under this name
PICK = "my_follow_ups_pick"
TABLE = "my_follow_ups_table"
FORM_FOR = "my_follow_ups_form_for"  # the recommendation the form's entries belong to
STATUS, NOTE, ON, REPLACING = (
    f"my_follow_ups_{name}" for name in ("status", "note", "on", "superseded_by")
)
EVIDENCE_TYPES = ["pdf", "docx", "xlsx", "png", "jpg", "jpeg"]


def _fresh_form_for(row: FollowUpDue) -> None:
    """Start the form afresh (its status at the recommendation's own) when it is for another
    recommendation than last run, or was just saved; set through Session State so the browser
    shows it too."""
    if st.session_state.get(FORM_FOR) == row.ref and STATUS in st.session_state:
        return
    st.session_state[FORM_FOR] = row.ref
    forms.forget_refusal(FORM)
    st.session_state[STATUS] = row.recommendation.status
    st.session_state[NOTE] = st.session_state[REPLACING] = ""
    st.session_state[ON] = date.today()


def _pick_selected_row(refs: list[str]) -> None:
    """A row clicked in the table opens its follow-up form."""
    rows = st.session_state[TABLE]["selection"]["rows"]
    if rows:
        st.session_state[PICK] = refs[rows[0]]


def _table(rows: list[FollowUpDue]) -> list[FollowUpDue]:
    """The follow-ups a page at a time; returns those on the page shown."""
    on_page = list(widgets.items_on_page(rows, "my_follow_ups_page"))
    st.dataframe(
        follow_ups_frame(on_page),
        hide_index=True,
        width="stretch",
        key=TABLE,
        selection_mode="single-row",
        on_select=partial(_pick_selected_row, [row.ref for row in on_page]),
        column_config={"Recommendation text": st.column_config.TextColumn(width="large")},
    )
    return on_page


def _save(
    actor: Actor,
    row: FollowUpDue,
    on: date,
    note: str,
    new_status: str,
    replacing: str,
    uploads: list[UploadedFile],
) -> None:
    """Record the follow-up with its files in one transaction; the form says why if refused."""
    files = f" with {len(uploads)} evidence file{'s' * (len(uploads) != 1)}" if uploads else ""
    forms.save(
        FORM,
        lambda session: record_follow_up_with_evidence(
            session,
            actor=actor,
            files=[(f.name, f.getvalue()) for f in uploads],
            recommendation_ref=row.ref,
            on=on,
            note=note,
            new_status=new_status,
            superseded_by_ref=replacing or None,
            expected_version=row.recommendation.version,
        ),
        f"Follow-up recorded on {row.ref}{files}: now {new_status}.",
        forget_keys=(FORM_FOR,),
    )


def _follow_up_form(actor: Actor, row: FollowUpDue) -> None:
    current = row.recommendation.status
    statuses = [status.value for status in RecommendationStatus if status in NEXT_STATUSES[current]]
    _fresh_form_for(row)
    with st.form("my_follow_ups_form"):
        st.markdown(f"**Record a follow-up on {escape_markdown(row.ref)}** (now {current})")
        st.caption(
            f"{escape_markdown(row.recommendation.provider_name)}: "
            f"{escape_markdown(row.recommendation.text)}"
        )
        forms.refusal_shown(FORM, lead="Not recorded: ")
        on = st.date_input("On", max_value=date.today(), format="YYYY-MM-DD", key=ON)
        new_status = st.selectbox("New status", statuses, key=STATUS)
        note = st.text_area(
            "Note", key=NOTE, placeholder="What was checked or received (no survivor details)"
        )
        replacing = st.text_input(
            "Superseded by (ref of the replacing recommendation)",
            key=REPLACING,
            help="Only when the new status is superseded.",
        )
        uploads = st.file_uploader(
            "Evidence files",
            type=EVIDENCE_TYPES,
            accept_multiple_files=True,
            max_upload_size=MAX_EVIDENCE_BYTES // (1024 * 1024),
            key=forms.fresh_key(FORM, "evidence"),
            help=f"{ACCEPTED}; 10 MB each at most. Checked by content, stored with the data.",
        )
        st.caption(EVIDENCE_WARNING)
        if st.form_submit_button("Record follow-up", key="my_follow_ups_save"):
            _save(actor, row, on, note, new_status, replacing, list(uploads or []))


def _whose(actor: Actor) -> str | None:
    """The logged-in inspector, or the inspector a manager picks."""
    if actor.role == Role.INSPECTOR:
        st.caption(
            "Recommendations from inspections you led or providers allocated to you, "
            f"{escape_markdown(actor.display_name)}."
        )
        return actor.display_name
    names = cached.follow_up_inspectors(database_url())
    if not names:
        return None
    return st.selectbox("Inspector", names, key="my_follow_ups_inspector")


st.title("My follow-ups")
actor = widgets.current_actor()
forms.notice()
inspector = _whose(actor)
if inspector is None:
    st.info("No inspector leads an inspection or is allocated to a provider yet.")
    st.stop()
left, right = st.columns(2)
as_of = left.date_input("As of", value=date.today(), format="YYYY-MM-DD", key="my_follow_ups_as_of")
within = int(
    right.number_input(
        "Due within (days)",
        min_value=0,
        max_value=366,
        value=DEFAULT_WITHIN_DAYS,
        step=1,
        key="my_follow_ups_within",
    )
)
rows = cached.my_follow_ups(database_url(), inspector, as_of, within)
last_due = as_of + timedelta(days=within)
if not rows:
    st.info(
        f"Nothing to follow up for {escape_markdown(inspector)}: no open recommendation is "
        f"overdue or due by {last_due:%d %b %Y}."
    )
    st.stop()

overdue = sum(row.days_overdue > 0 for row in rows)
st.markdown(
    f"**{len(rows)}** follow-ups due by {last_due:%d %b %Y}, **{overdue}** overdue. "
    "Oldest first; click a row (or choose below) to record a follow-up."
)
on_page = _table(rows)
st.download_button(
    "Download calendar (.ics)",
    icon=":material/calendar_month:",
    mime="text/calendar",
    data=partial(follow_up_calendar, rows, inspector=inspector),  # made when clicked
    file_name=export_file_name(f"follow-ups {inspector}", "ics", as_of),
    key="my_follow_ups_ics",
    on_click="ignore",
)
st.caption(f"{MARKING}: the calendar holds refs, risk and due dates only.")

by_ref = {row.ref: row for row in on_page}
if st.session_state.get(PICK) not in by_ref:
    st.session_state[PICK] = on_page[0].ref
ref = st.selectbox(
    "Record a follow-up for",
    list(by_ref),
    key=PICK,
    format_func=lambda r: (
        f"{r} · {by_ref[r].recommendation.provider_name or by_ref[r].recommendation.provider_code}"
        f" · due {by_ref[r].recommendation.due_on:%d %b %Y}"
        + (f" · {by_ref[r].days_overdue} days overdue" if by_ref[r].days_overdue else "")
    ),
)
_follow_up_form(actor, by_ref[ref])
attached_evidence(actor, ref)
