"""Whether a group's next inspection is booked in time: the coverage table's flag in words."""

from datetime import date

from dashboard.coverage.rules.facts import STATUS_WORDS, CoverageStatus

NOT_SCHEDULED = "not scheduled"


def whole_months_between(earlier: date, later: date) -> int:
    """Whole calendar months from one date to a later one (31 Jan to 28 Feb is 0 months)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


def lateness(due_on: date, booked_on: date) -> str:
    """How late a booking is in words: '4 months late', '1 month late' or '12 days late'."""
    months = whole_months_between(due_on, booked_on)
    if months >= 1:
        return f"{months} month{'s' * (months != 1)} late"
    days = (booked_on - due_on).days
    return f"{days} day{'s' * (days != 1)} late"


def booking_flag(status: CoverageStatus, next_due_on: date, scheduled_on: date | None) -> str:
    """The flag for a group whose inspection is not booked in time, else ''.

    Nothing booked flags a group overdue or due soon ('overdue · not scheduled'); a group in
    date has time to book. A booking after the due date is flagged with how late it is
    ('booked 4 months late'); one on the due date or before it is in time."""
    if scheduled_on is None:
        if status == CoverageStatus.IN_DATE:
            return ""
        return f"{STATUS_WORDS[status]} · {NOT_SCHEDULED}"
    if scheduled_on <= next_due_on:
        return ""
    return f"booked {lateness(next_due_on, scheduled_on)}"
