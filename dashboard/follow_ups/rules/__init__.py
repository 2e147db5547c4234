"""Follow-ups falling due, who may record them, and the reminders and calendar announcing them.

A recommendation is due for follow-up as of A within D days when it is neither closed nor
superseded, has a due date, and `due_on` ≤ A + D; it is overdue by A − `due_on` calendar days
when that is positive (0 otherwise). Oldest due date first, then by ref. Reminder digests (one
email per inspector, one per CQC action owner) and calendar events carry refs, dates, risk and
statuses only, never recommendation or action text, and are marked OFFICIAL-SENSITIVE.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr

from dashboard.core.marking import MARKING
from dashboard.core.permissions import Actor, PermissionDenied, require_role
from dashboard.core.refusal import Refused
from dashboard.core.report import Report
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, Role
from dashboard.recommendations.rules import MAY_RECORD
from models.recommendations import Recommendation

DEFAULT_WITHIN_DAYS = 30
FOLLOW_UP_COLUMNS = (
    "recommendation_ref",
    "inspection_ref",
    "group_code",
    "provider_code",
    "risk",
    "due_on",
    "status",
    "days_overdue",
)


@dataclass(frozen=True)
class DueRecommendation:
    """A recommendation with the facts that decide whose follow-up it is and when it is due."""

    recommendation_ref: str
    inspection_ref: str
    group_code: str
    provider_code: str
    risk: str
    # When it falls due: its explicit due date, else counted from the final report (None before).
    due_on: date | None
    status: str
    lead_inspector: str | None = None
    allocated_inspector: str | None = None
    version: int = 1
    # For the page only, never the reminders or the calendar: what it says, whose it is, and
    # the last follow-up recorded on it (None when none was).
    text: str = ""
    provider_name: str = ""
    last_recorded_on: date | None = None
    last_recorded_status: str | None = None
    last_recorded_note: str | None = None


@dataclass(frozen=True)
class FollowUpDue:
    """A recommendation due for follow-up as of a date, and by how many days it is overdue."""

    recommendation: DueRecommendation
    days_overdue: int

    @property
    def ref(self) -> str:
        """The recommendation's ref (the row's stable key)."""
        return self.recommendation.recommendation_ref


def days_overdue(due_on: date, as_of: date) -> int:
    """Calendar days from the due date to the as-of date, or 0 when not yet past due."""
    return max((as_of - due_on).days, 0)


def window_end(as_of: date, within_days: int) -> date:
    """The last due date that counts as due within the window."""
    if within_days < 0:
        raise ValueError(f"within: {within_days} days is negative; use 0 or more")
    return as_of + timedelta(days=within_days)


def is_theirs(
    recommendation: DueRecommendation, inspector: str, *, include_allocated: bool = False
) -> bool:
    """Whether the inspector led its inspection (or, if asked, is allocated to its provider)."""
    if recommendation.lead_inspector == inspector:
        return True
    return include_allocated and recommendation.allocated_inspector == inspector


def due_follow_ups(
    recommendations: Iterable[DueRecommendation],
    as_of: date,
    within_days: int = DEFAULT_WITHIN_DAYS,
    *,
    inspector: str | None = None,
    include_allocated: bool = False,
) -> list[FollowUpDue]:
    """The recommendations due for follow-up, oldest due date first."""
    last_due = window_end(as_of, within_days)
    rows = [
        FollowUpDue(rec, days_overdue(rec.due_on, as_of))
        for rec in recommendations
        if rec.status in OPEN_RECOMMENDATION_STATUSES
        and rec.due_on is not None
        and rec.due_on <= last_due
        and (inspector is None or is_theirs(rec, inspector, include_allocated=include_allocated))
    ]
    return sorted(rows, key=lambda row: (row.recommendation.due_on, row.ref))


def follow_up_report(rows: Sequence[FollowUpDue]) -> Report:
    """The follow-ups report: one row per due recommendation, in the order given."""
    return Report(
        FOLLOW_UP_COLUMNS,
        [
            (
                row.ref,
                row.recommendation.inspection_ref,
                row.recommendation.group_code,
                row.recommendation.provider_code,
                row.recommendation.risk,
                row.recommendation.due_on,
                row.recommendation.status,
                str(row.days_overdue),
            )
            for row in rows
        ],
        footer=f"{len(rows)} follow-up{'s' * (len(rows) != 1)} due, "
        f"{sum(row.days_overdue > 0 for row in rows)} overdue",
    )


@dataclass(frozen=True)
class EvidenceInfo:
    """An evidence file's particulars without its content, for lists."""

    id: int
    follow_up_id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime
    held: bool = True  # False: listed by an import without its content (that is in backups)


@dataclass(frozen=True)
class RecommendationContext:
    """A recommendation row with the inspection and provider facts that decide who may act."""

    recommendation: Recommendation
    inspection_ref: str
    inspection_start_on: date
    lead_inspector: str | None
    allocated_inspector: str | None


class FollowUpRefused(Refused):
    """A follow-up with a missing or wrong field; the message names it and nothing is written."""


def may_follow_up(actor: Actor, context: RecommendationContext) -> bool:
    """Whether the actor may record follow-ups (and evidence) on this recommendation."""
    if actor.role not in MAY_RECORD:
        return False
    if actor.role != Role.INSPECTOR:
        return True
    return actor.display_name in {context.lead_inspector, context.allocated_inspector}


def require_follow_up_access(actor: Actor, context: RecommendationContext, doing: str) -> None:
    """Refuse (PermissionDenied) anyone who may not follow up this recommendation."""
    require_role(actor, MAY_RECORD, doing)
    if not may_follow_up(actor, context):
        raise PermissionDenied(
            f"{actor.display_name} (inspector) may not {doing}: only the inspector who led "
            f"{context.inspection_ref}, the inspector allocated to its provider, or a programme "
            "manager may."
        )


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


def same_note(first: str | None, second: str | None) -> bool:
    """Two notes with the same words (case and spacing aside; blank as none)."""
    return " ".join((first or "").split()).casefold() == " ".join((second or "").split()).casefold()


def repeats_an_update(note: str | None, earlier_notes: Iterable[str | None]) -> bool:
    """Whether a note repeats one already recorded on the same record for the same day: a
    second click on a form that kept its text, refused rather than saved twice."""
    return any(same_note(note, earlier) for earlier in earlier_notes)
