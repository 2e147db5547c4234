"""An inspector's due follow-ups as an RFC 5545 calendar: one all-day event per recommendation.

UIDs are stable (`followup-<ref>@safehouse-oversight`) so a calendar that re-imports the file
updates events instead of duplicating them. Events carry refs and risk only, never the
recommendation's text, and the calendar is marked OFFICIAL-SENSITIVE.
"""

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event

from dashboard.core.marking import MARKING
from dashboard.follow_ups.rules import FollowUpDue

PRODUCT_ID = "-//Care Quality Commission//Safehouse Programme Oversight//EN"
UID_DOMAIN = "safehouse-oversight"
MARKING_PROPERTY = "X-OVERSIGHT-MARKING"


def follow_up_uid(recommendation_ref: str) -> str:
    """The event's stable UID for a recommendation's follow-up."""
    return f"followup-{recommendation_ref}@{UID_DOMAIN}"


def _event(row: FollowUpDue, stamped_at: datetime) -> Event:
    rec = row.recommendation
    assert rec.due_on is not None  # due follow-ups always have a due date
    event = Event()
    event.add("uid", follow_up_uid(row.ref))
    event.add("dtstamp", stamped_at)
    event.add("dtstart", rec.due_on)
    event.add("dtend", rec.due_on + timedelta(days=1))
    event.add("summary", f"Follow-up due: {row.ref} ({rec.risk} risk)")
    late = f"; {row.days_overdue} days overdue" if row.days_overdue else ""
    event.add(
        "description",
        f"{MARKING}. Recommendation {row.ref} from inspection {rec.inspection_ref} "
        f"({rec.provider_code}), status {rec.status}{late}. Details are in the oversight "
        "dashboard.",
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
    return calendar.to_ical()
