"""Reminder digests: one email per inspector of follow-ups due, one per CQC owner of open actions.

Pure message building: rows and addresses in, messages out. A follow-up goes to the inspector
who led the inspection and to the inspector allocated to the provider (as on My follow-ups).
Messages carry refs, dates and statuses only, never recommendation or action text, and are
marked OFFICIAL-SENSITIVE. Anyone without a known email address is skipped and named.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import formataddr

from dashboard.core.marking import MARKING
from dashboard.follow_ups.rules import FollowUpDue


@dataclass(frozen=True)
class OpenAction:
    """A governance action still open, with its owner at CQC."""

    ref: str
    meeting_ref: str
    owner_name: str
    due_on: date
    status: str


@dataclass(frozen=True)
class Reminder:
    """One digest for one person: where it goes, its subject and its plain-text body."""

    recipient: str
    address: str
    subject: str
    body: str


@dataclass(frozen=True)
class Digests:
    """The reminders to send and the people skipped because no email address is known."""

    reminders: list[Reminder]
    skipped: list[str]


def follow_ups_by_inspector(rows: Iterable[FollowUpDue]) -> dict[str, list[FollowUpDue]]:
    """Each inspector's due follow-ups (lead or allocated), in the order given."""
    mine: dict[str, list[FollowUpDue]] = {}
    for row in rows:
        rec = row.recommendation
        for name in dict.fromkeys([rec.lead_inspector, rec.allocated_inspector]):
            if name:
                mine.setdefault(name, []).append(row)
    return dict(sorted(mine.items()))


def _follow_up_line(row: FollowUpDue) -> str:
    rec = row.recommendation
    late = f", {row.days_overdue} days overdue" if row.days_overdue else ""
    return (
        f"- {row.ref} (inspection {rec.inspection_ref}, {rec.provider_code}): "
        f"{rec.risk} risk, due {rec.due_on}, {rec.status}{late}"
    )


def _section(heading: str, lines: Sequence[str]) -> list[str]:
    return [f"{heading} ({len(lines)}):", *lines, ""] if lines else []


def follow_up_reminder(
    name: str, address: str, rows: Sequence[FollowUpDue], as_of: date, last_due: date
) -> Reminder:
    """One inspector's digest of overdue and soon-due follow-ups."""
    overdue = [_follow_up_line(row) for row in rows if row.days_overdue > 0]
    soon = [_follow_up_line(row) for row in rows if row.days_overdue == 0]
    body = [
        f"{MARKING}",
        "",
        f"Dear {name},",
        "",
        f"Recommendation follow-ups for you as of {as_of:%d %B %Y} "
        f"(overdue, or due by {last_due:%d %B %Y}):",
        "",
        *_section("Overdue", overdue),
        *_section("Due soon", soon),
        "Record each follow-up on the dashboard's My follow-ups page.",
        "",
        MARKING,
    ]
    subject = (
        f"{MARKING}: {len(overdue)} overdue and {len(soon)} soon-due follow-ups "
        f"({as_of.isoformat()})"
    )
    return Reminder(name, address, subject, "\n".join(body) + "\n")


def inspector_digests(
    rows: Iterable[FollowUpDue], emails: Mapping[str, str], as_of: date, last_due: date
) -> Digests:
    """A digest for every inspector with follow-ups due; those without an address are skipped."""
    reminders, skipped = [], []
    for name, theirs in follow_ups_by_inspector(rows).items():
        if name in emails:
            reminders.append(follow_up_reminder(name, emails[name], theirs, as_of, last_due))
        else:
            skipped.append(name)
    return Digests(reminders, skipped)


def _action_line(action: OpenAction, as_of: date) -> str:
    late = f", {(as_of - action.due_on).days} days overdue" if action.due_on < as_of else ""
    return (
        f"- {action.ref} (meeting {action.meeting_ref}): due {action.due_on}, {action.status}{late}"
    )


def action_reminder(
    name: str, address: str, actions: Sequence[OpenAction], as_of: date
) -> Reminder:
    """One CQC action owner's digest of their open governance actions."""
    overdue = [_action_line(a, as_of) for a in actions if a.due_on < as_of]
    rest = [_action_line(a, as_of) for a in actions if a.due_on >= as_of]
    body = [
        f"{MARKING}",
        "",
        f"Dear {name},",
        "",
        f"Governance actions you own that are still open as of {as_of:%d %B %Y}:",
        "",
        *_section("Overdue", overdue),
        *_section("Open", rest),
        "Update them on the dashboard's action log.",
        "",
        MARKING,
    ]
    subject = f"{MARKING}: {len(actions)} open governance actions ({as_of.isoformat()})"
    return Reminder(name, address, subject, "\n".join(body) + "\n")


def action_digests(
    actions: Iterable[OpenAction], emails: Mapping[str, str], as_of: date
) -> Digests:
    """A digest for every CQC owner of open actions; those without an address are skipped."""
    by_owner: dict[str, list[OpenAction]] = {}
    for action in actions:
        by_owner.setdefault(action.owner_name, []).append(action)
    reminders, skipped = [], []
    for name, theirs in sorted(by_owner.items()):
        ordered = sorted(theirs, key=lambda a: (a.due_on, a.ref))
        if name in emails:
            reminders.append(action_reminder(name, emails[name], ordered, as_of))
        else:
            skipped.append(name)
    return Digests(reminders, skipped)


def as_email(reminder: Reminder, sender: str) -> EmailMessage:
    """The reminder as a plain-text email from the configured sender."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((reminder.recipient, reminder.address))
    message["Subject"] = reminder.subject
    message["X-Protective-Marking"] = MARKING
    message.set_content(reminder.body)
    return message
