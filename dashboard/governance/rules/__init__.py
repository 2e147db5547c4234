"""Governance rules: action RAG, carry-forward, what changed between meetings, MoU terms.

Pure functions over plain data, so the page, the CLI and the governance pack agree.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from dashboard.core.report import Cell, Report
from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, ActionStatus, MeetingKind
from dashboard.core.workdays import working_days_between

AMBER_WORKING_DAYS = 10
TERM_WARNING_DAYS = 90
CLOSED_ACTION_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


class Rag(StrEnum):
    """An action's RAG tag; the word in RAG_MEANING says what the colour means."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"


RAG_MEANING: Mapping[Rag, str] = {
    Rag.RED: "overdue",
    Rag.AMBER: "due soon",
    Rag.GREEN: "on track",
    Rag.BLUE: "done",
    Rag.GREY: "dropped",
}
RAG_ORDER: tuple[Rag, ...] = tuple(Rag)
KIND_LABELS: Mapping[str, str] = {
    MeetingKind.MOU_GOVERNANCE: "MoU governance",
    MeetingKind.PROGRAMME_BOARD: "Programme board",
    MeetingKind.PROVIDER_ENGAGEMENT: "Provider engagement",
    MeetingKind.INFORMATION_SHARING: "Information sharing",
}


@dataclass(frozen=True)
class StatusChange:
    """A dated update that set an action's status."""

    on: date
    status: str


@dataclass(frozen=True)
class ActionFacts:
    """An action with the meeting it was raised at and its dated status updates."""

    ref: str
    meeting_ref: str
    raised_on: date
    meeting_kind: str
    owner_org: str
    owner_name: str | None
    due_on: date
    status: str
    closed_on: date | None = None
    text: str = ""
    updates: tuple[StatusChange, ...] = ()
    version: int = 1


@dataclass(frozen=True)
class MeetingFacts:
    """A meeting: when, what kind, who came (`;`-separated) and its notes."""

    ref: str
    held_on: date
    kind: str
    attendees: str | None = None
    notes: str | None = None
    version: int = 1


@dataclass(frozen=True)
class DatedRef:
    """Something that happened to a record on a day (e.g. an escalation raised)."""

    ref: str
    on: date


@dataclass(frozen=True)
class ProgrammeEvents:
    """Dated events of the programme, for comparing one meeting with the last."""

    inspections_started: tuple[DatedRef, ...] = ()
    inspections_finished: tuple[DatedRef, ...] = ()
    recommendations_opened: tuple[DatedRef, ...] = ()
    recommendations_closed: tuple[DatedRef, ...] = ()
    escalations_raised: tuple[DatedRef, ...] = ()
    escalations_resolved: tuple[DatedRef, ...] = ()
    actions_raised: tuple[DatedRef, ...] = ()
    actions_closed: tuple[DatedRef, ...] = ()


@dataclass(frozen=True)
class ChangeLine:
    """One line of "what changed": a count and the refs behind it, never free text."""

    what: str
    count: int
    refs: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Term:
    """A term of the MoU between CQC and the Home Office."""

    ref: str
    starts_on: date
    ends_on: date
    note: str | None = None


@dataclass(frozen=True)
class PlannedInspection:
    """An inspection with a start date, as the MoU check needs it."""

    ref: str
    group_code: str
    start_on: date


class Followed(Protocol):
    """Anything followed to done or dropped through dated updates: an action, a national
    recommendation. Read-only properties, so frozen dataclasses qualify."""

    @property
    def due_on(self) -> date: ...
    @property
    def status(self) -> str: ...
    @property
    def closed_on(self) -> date | None: ...
    @property
    def updates(self) -> tuple[StatusChange, ...]: ...


def status_on(action: Followed, day: date) -> str:
    """The action's status on a day: closed from its closed date, else its latest update then."""
    closed = action.status in CLOSED_ACTION_STATUSES
    if closed and (action.closed_on is None or action.closed_on <= day):
        return action.status
    earlier = [u for u in action.updates if u.on <= day and u.status in OPEN_ACTION_STATUSES]
    if earlier:
        return max(earlier, key=lambda u: u.on).status
    if not closed and all(u.on <= day for u in action.updates):
        return action.status
    return ActionStatus.OPEN


def rag(action: Followed, day: date) -> Rag:
    """Red overdue, amber due within 10 working days, green on track; blue done, grey dropped."""
    status = status_on(action, day)
    if status == ActionStatus.DONE:
        return Rag.BLUE
    if status == ActionStatus.DROPPED:
        return Rag.GREY
    if day > action.due_on:
        return Rag.RED
    if working_days_between(day, action.due_on) <= AMBER_WORKING_DAYS:
        return Rag.AMBER
    return Rag.GREEN


def figures_day(held_on: date, read_on: date) -> date:
    """The day a meeting's figures are as of: the meeting's date once it is held, else the day
    they are read (a pack built today for a coming meeting reports today, never the future)."""
    return min(held_on, read_on)


def is_still_to_come(held_on: date, read_on: date) -> bool:
    """True when the meeting is after the day it is read on (a meeting that day is held)."""
    return held_on > read_on


def kind_label(kind: str) -> str:
    """A meeting kind as a heading writes it, e.g. `MoU governance`."""
    return KIND_LABELS.get(kind, kind.capitalize())


def rag_label(tag: Rag) -> str:
    """The tag in words and colour, e.g. `red · overdue`."""
    return f"{tag.value} · {RAG_MEANING[tag]}"


@dataclass(frozen=True)
class ActionLogRow:
    """An action in the log as of a date: its status then and its RAG tag."""

    action: ActionFacts
    status: str
    rag: Rag


def action_log(
    actions: Iterable[ActionFacts],
    day: date,
    *,
    owner_orgs: Iterable[str] = (),
    statuses: Iterable[str] = (),
    meeting_ref: str | None = None,
) -> list[ActionLogRow]:
    """Actions raised by the day (filtered when asked), worst RAG first, then by due date."""
    orgs, wanted = set(owner_orgs), set(statuses)
    rows = []
    for action in actions:
        if action.raised_on > day or (orgs and action.owner_org not in orgs):
            continue
        if meeting_ref and action.meeting_ref != meeting_ref:
            continue
        status = status_on(action, day)
        if not wanted or status in wanted:
            rows.append(ActionLogRow(action, status, rag(action, day)))
    rows.sort(key=lambda r: (RAG_ORDER.index(r.rag), r.action.due_on, r.action.ref))
    return rows


def is_open_on(action: ActionFacts, day: date) -> bool:
    """Raised by the day and still open or in progress on it."""
    return action.raised_on <= day and status_on(action, day) in OPEN_ACTION_STATUSES


def previous_meeting(
    meeting: MeetingFacts, meetings: Iterable[MeetingFacts]
) -> MeetingFacts | None:
    """The latest meeting of the same kind held before this one."""
    earlier = [m for m in meetings if m.kind == meeting.kind and m.held_on < meeting.held_on]
    return max(earlier, key=lambda m: (m.held_on, m.ref), default=None)


def previous_meeting_held(
    meeting: MeetingFacts, meetings: Iterable[MeetingFacts], day: date
) -> MeetingFacts | None:
    """The latest meeting of the same kind before this one that was held by the day: "since
    the last meeting" never starts at one still to come."""
    return previous_meeting(meeting, (m for m in meetings if m.held_on <= day))


def next_meeting(meeting: MeetingFacts, meetings: Iterable[MeetingFacts]) -> MeetingFacts | None:
    """The earliest meeting of the same kind held after this one."""
    later = [m for m in meetings if m.kind == meeting.kind and m.held_on > meeting.held_on]
    return min(later, key=lambda m: (m.held_on, m.ref), default=None)


def carried_forward(
    meeting: MeetingFacts, actions: Iterable[ActionFacts], on: date | None = None
) -> list[ActionFacts]:
    """Actions from earlier meetings of the same kind still open on this meeting's date (or on
    an earlier day `on`, for a meeting still to come)."""
    day = min(meeting.held_on, on or meeting.held_on)
    return sorted(
        (
            action
            for action in actions
            if action.meeting_kind == meeting.kind
            and action.raised_on < meeting.held_on
            and is_open_on(action, day)
        ),
        key=lambda a: (a.due_on, a.ref),
    )


def _within(events: Iterable[DatedRef], since: date, until: date) -> tuple[str, ...]:
    """Refs of the events after `since` up to and including `until`, in date order."""
    in_order = sorted(events, key=lambda e: (e.on, e.ref))
    return tuple(e.ref for e in in_order if since < e.on <= until)


def coverage_changes(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[str, ...]:
    """Groups whose coverage status differs, e.g. `G01: due soon → overdue` (or became active)."""
    changed = []
    for code in sorted(set(before) | set(after)):
        old, new = before.get(code, "not active"), after.get(code, "not active")
        if old != new:
            changed.append(f"{code}: {old.replace('_', ' ')} → {new.replace('_', ' ')}")
    return tuple(changed)


def changes_since(
    events: ProgrammeEvents,
    since: date,
    until: date,
    coverage_before: Mapping[str, str],
    coverage_after: Mapping[str, str],
) -> list[ChangeLine]:
    """What happened after `since` up to `until`: counts and refs only, in a fixed order."""
    lines = [
        ("inspections started", events.inspections_started),
        ("inspections finished", events.inspections_finished),
        ("recommendations opened", events.recommendations_opened),
        ("recommendations closed", events.recommendations_closed),
        ("escalations raised", events.escalations_raised),
        ("escalations resolved", events.escalations_resolved),
        ("actions raised", events.actions_raised),
        ("actions closed", events.actions_closed),
    ]
    result = [
        ChangeLine(what, len(refs), refs)
        for what, refs in ((w, _within(e, since, until)) for w, e in lines)
    ]
    coverage = coverage_changes(coverage_before, coverage_after)
    result.append(ChangeLine("coverage status changes", len(coverage), coverage))
    return result


def term_in_force(terms: Iterable[Term], day: date) -> Term | None:
    """The MoU term covering the day, if any."""
    return next((t for t in terms if t.starts_on <= day <= t.ends_on), None)


def days_remaining(term: Term, day: date) -> int:
    """Calendar days from the day to the term's last day (0 on the last day)."""
    return (term.ends_on - day).days


def term_warning(term: Term, day: date) -> bool:
    """True from 90 days before the term ends until it ends: time to agree the next one."""
    return term.ends_on - timedelta(days=TERM_WARNING_DAYS) <= day <= term.ends_on


def planned_past_term_end(
    planned: Iterable[PlannedInspection], term: Term | None, day: date
) -> list[PlannedInspection]:
    """Inspections planned after the day that start after the term in force ends (or no term)."""
    return sorted(
        (p for p in planned if p.start_on > day and (term is None or p.start_on > term.ends_on)),
        key=lambda p: (p.start_on, p.ref),
    )


ACTION_REPORT_COLUMNS = (
    "action_ref",
    "meeting_ref",
    "owner_org",
    "owner_name",
    "due_on",
    "status",
    "rag",
)


def action_report_cells(row: ActionLogRow) -> tuple[Cell, ...]:
    """One action's cells under `ACTION_REPORT_COLUMNS` (the pack's action log starts so too)."""
    return (
        row.action.ref,
        row.action.meeting_ref,
        row.action.owner_org,
        row.action.owner_name,
        row.action.due_on,
        row.status,
        row.rag.value,
    )


def actions_report(log: Iterable[ActionLogRow]) -> Report:
    """`dashboard report actions`: one row per action, status and RAG as of the date."""
    return Report(
        ACTION_REPORT_COLUMNS,
        [action_report_cells(row) for row in log],
    )
