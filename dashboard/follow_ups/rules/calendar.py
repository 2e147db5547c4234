"""The calendar (.ics) of an inspector's due follow-ups: refs, dates, risk and statuses only.

An overdue follow-up is put on the day the feed is made for (the next working day when that
is a weekend or bank holiday), with its original due date in the description, so it shows
among today's tasks rather than years back; one not yet due stays on its due date.
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from dashboard.core.marking import MARKING
from dashboard.core.workdays import add_working_days, is_working_day
from dashboard.follow_ups.rules import FollowUpDue

PRODUCT_ID = "-//Care Quality Commission//Safehouse Programme Oversight//EN"
UID_DOMAIN = "safehouse-oversight"
MARKING_PROPERTY = "X-OVERSIGHT-MARKING"


def follow_up_uid(recommendation_ref: str) -> str:
    """The event's stable UID for a recommendation's follow-up."""
    return f"followup-{recommendation_ref}@{UID_DOMAIN}"


def event_day(due_on: date, as_of: date) -> date:
    """The day a follow-up's event goes on: its due date while that is still to come, else the
    as-of day, or the next working day when the as-of day is not one."""
    if due_on >= as_of:
        return due_on
    return as_of if is_working_day(as_of) else add_working_days(as_of, 1)


def _event(row: FollowUpDue, stamped_at: datetime) -> Event:
    rec = row.recommendation
    assert rec.due_on is not None  # due follow-ups always have a due date
    # The row is overdue by as_of − due_on days, so the day it was worked out for is:
    day = event_day(rec.due_on, rec.due_on + timedelta(days=row.days_overdue))
    event = Event()
    event.add("uid", follow_up_uid(row.ref))
    event.add("dtstamp", stamped_at)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Follow-up due: {row.ref} ({rec.risk} risk)")
    late = f", {row.days_overdue} days overdue" if row.days_overdue else ""
    event.add(
        "description",
        f"{MARKING}. Recommendation {row.ref} from inspection {rec.inspection_ref} "
        f"({rec.provider_code}), status {rec.status}; originally due {rec.due_on:%d %b %Y}"
        f"{late}. Details are in the oversight dashboard.",
    )
    event.add("class", "CONFIDENTIAL")
    event.add("transp", "TRANSPARENT")
    event.add(MARKING_PROPERTY, MARKING)
    return event


def follow_up_calendar(
    rows: Sequence[FollowUpDue], *, inspector: str, stamped_at: datetime | None = None
) -> bytes:
    """The .ics file of these due follow-ups for an inspector, stamped with a UTC time (now)."""
    stamped_at = stamped_at or datetime.now(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Follow-ups due: {inspector} ({MARKING})")
    calendar.add("x-wr-caldesc", f"{MARKING}: recommendation follow-ups falling due.")
    calendar.add(MARKING_PROPERTY, MARKING)
    for row in rows:
        calendar.add_component(_event(row, stamped_at))
    return bytes(calendar.to_ical())
