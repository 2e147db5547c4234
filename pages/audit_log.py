"""Audit log: who created, changed or deleted what and when, and every login (managers only)."""

from datetime import UTC, date, datetime, timedelta

import streamlit as st

from dashboard.core.config import database_url
from dashboard.core.marking import MARKING
from dashboard.ui import cached

SHOWN = 1000
EXPORTED = 100_000
EVERYONE = "(everyone)"
EVERYTHING = "(every entity)"
DEFAULT_DAYS = 30


def _day_range(picked: object, today: date) -> tuple[date, date]:
    """The date input's range; while only its first day is picked, that one day."""
    days = [day for day in picked if isinstance(day, date)] if isinstance(picked, tuple) else []
    if not days:
        return today, today
    return days[0], days[-1]


st.title("Audit log")
st.caption(
    f"{MARKING}. Every create, update and delete from pages, imports and the command "
    "line, and every login attempt. Times are UTC."
)
url = database_url()
users, entities = cached.audit_choices(url)
today = datetime.now(UTC).date()
left, middle, right = st.columns(3)
who = left.selectbox("User", [EVERYONE, *users], key="audit_log_user")
entity = middle.selectbox("Entity", [EVERYTHING, *entities], key="audit_log_entity")
picked = right.date_input(
    "Dates (UTC)",
    value=(today - timedelta(days=DEFAULT_DAYS), today),
    key="audit_log_dates",
    format="YYYY-MM-DD",
)
start, end = _day_range(picked, today)
wanted = cached.AuditFilter(
    username=None if who == EVERYONE else who,
    entity=None if entity == EVERYTHING else entity,
    start=start,
    end=end,
)
total, rows = cached.audit_log(url, wanted, SHOWN)

if not rows:
    st.info("No audit entries match these filters.")
    st.stop()

shown = f"the newest {SHOWN} are shown" if total > SHOWN else "all are shown"
st.caption(f"{total} entries match; {shown}.")
st.dataframe(
    cached.audit_table(rows),
    hide_index=True,
    width="stretch",
    key="audit_log_table",
    column_config={"Changed fields (before → after)": st.column_config.TextColumn(width="large")},
)
st.download_button(
    f"Download CSV ({MARKING})",
    data=lambda: cached.audit_csv(cached.audit_log(url, wanted, EXPORTED)[1]),
    file_name=cached.AUDIT_FILE_NAME,
    mime="text/csv",
    key="audit_log_download",
    help=f"Every matching entry (up to {EXPORTED:,}), marked {MARKING}.",
)
