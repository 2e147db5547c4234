"""The Governance page's tables: meetings, the action log in words, updates, MoU terms."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.core.vocabulary import OPEN_ACTION_STATUSES, ActionStatus, OwnerOrg, in_words
from dashboard.governance.charts import action_rag_frame
from dashboard.governance.queries import UpdateRow
from dashboard.governance.rules import (
    ActionFacts,
    ActionLogRow,
    ChangeLine,
    MeetingFacts,
    PlannedInspection,
    Term,
    action_log,
    days_remaining,
    kind_label,
    rag_label,
    term_warning,
)
from dashboard.governance.rules.meetings import attendees_by_organisation

# The action log opens on the actions still to do; its Status filter shows all on request.
ACTION_LOG_STATUSES = [status.value for status in ActionStatus if status in OPEN_ACTION_STATUSES]

ORGANISATION_LABELS = {
    OwnerOrg.CQC: "CQC",
    OwnerOrg.HOME_OFFICE: "Home Office",
    OwnerOrg.PRIME_CONTRACTOR: "Prime contractor (The Salvation Army)",
    OwnerOrg.PROVIDER: "Provider and others",
}


def meeting_label(meeting: MeetingFacts) -> str:
    """A meeting in a picker, e.g. `MTG-2026-09-GOV · 09 Sep 2026 · MoU governance`."""
    return f"{meeting.ref} · {meeting.held_on:%d %b %Y} · {kind_label(meeting.kind)}"


def newest_first(meetings: Iterable[MeetingFacts]) -> list[MeetingFacts]:
    """Meetings as the page lists them: the latest (or furthest ahead) first."""
    return sorted(meetings, key=lambda m: (m.held_on, m.ref), reverse=True)


def latest_held(meetings: Iterable[MeetingFacts], as_of: date) -> MeetingFacts | None:
    """The latest meeting held on or before the date: where an action is raised."""
    held = [m for m in meetings if m.held_on <= as_of]
    return max(held, key=lambda m: (m.held_on, m.ref), default=None)


def next_meeting_on(meetings: Iterable[MeetingFacts], as_of: date) -> MeetingFacts | None:
    """The meeting the page offers first: the next one held on or after the date, else the
    latest held (none when there are no meetings)."""
    coming = [m for m in meetings if m.held_on >= as_of]
    if coming:
        return min(coming, key=lambda m: (m.held_on, m.ref))
    return latest_held(meetings, as_of)


def meetings_frame(meetings: Iterable[MeetingFacts]) -> pd.DataFrame:
    """Meetings newest first, with who came and the notes."""
    rows = [
        {
            "meeting": m.ref,
            "held on": m.held_on,
            "kind": kind_label(m.kind),
            "attendees": "; ".join((m.attendees or "").split(";")),
            "notes": m.notes,
        }
        for m in newest_first(meetings)
    ]
    return pd.DataFrame(rows, columns=["meeting", "held on", "kind", "attendees", "notes"])


def attendees_frame(attendees: str | None) -> pd.DataFrame:
    """One row per attendee with their organisation, grouped in the vocabulary's order."""
    return pd.DataFrame(
        [
            {"organisation": ORGANISATION_LABELS[org], "attendee": name}
            for org, names in attendees_by_organisation(attendees).items()
            for name in names
        ],
        columns=["organisation", "attendee"],
    )


def action_log_frame(rows: Iterable[ActionLogRow]) -> pd.DataFrame:
    """The action log as the page shows it: RAG in words, worst first."""
    return pd.DataFrame(
        [
            {
                "RAG": rag_label(row.rag),
                "action": row.action.ref,
                "text": row.action.text,
                "meeting": row.action.meeting_ref,
                "owner organisation": in_words(row.action.owner_org),
                "owner": row.action.owner_name,
                "due on": row.action.due_on,
                "status": row.status,
                "closed on": row.action.closed_on,
            }
            for row in rows
        ],
        columns=[
            "RAG",
            "action",
            "text",
            "meeting",
            "owner organisation",
            "owner",
            "due on",
            "status",
            "closed on",
        ],
    )


@dataclass(frozen=True)
class ActionLogView:
    """The action log as of a date for one choice of filters: its rows and RAG counts."""

    rows: list[ActionLogRow]
    rag_counts: pd.DataFrame


def action_log_view(
    actions: Iterable[ActionFacts],
    as_of: date,
    *,
    owner_orgs: Iterable[str] = (),
    statuses: Iterable[str] = (),
    meeting_ref: str | None = None,
) -> ActionLogView:
    """The action log tab's figures, worked out once per choice (RAG for 20,000 actions took
    a third of a second, on every rerun, at 100× the programme)."""
    rows = action_log(
        actions, as_of, owner_orgs=owner_orgs, statuses=statuses, meeting_ref=meeting_ref
    )
    return ActionLogView(rows, action_rag_frame(r.rag.value for r in rows))


def with_rags(shown: ActionLogView, rags: Iterable[str]) -> ActionLogView:
    """The action log narrowed to some RAG tags (all when none are chosen), recounted."""
    wanted = set(rags)
    if not wanted:
        return shown
    rows = [row for row in shown.rows if row.rag.value in wanted]
    return ActionLogView(rows, action_rag_frame(r.rag.value for r in rows))


def actions_frame(actions: Iterable[ActionFacts]) -> pd.DataFrame:
    """Actions as a short list: ref, text, owner, due date."""
    return pd.DataFrame(
        [
            {
                "action": a.ref,
                "text": a.text,
                "owner organisation": in_words(a.owner_org),
                "owner": a.owner_name,
                "due on": a.due_on,
                "raised at": a.meeting_ref,
            }
            for a in actions
        ],
        columns=["action", "text", "owner organisation", "owner", "due on", "raised at"],
    )


def updates_frame(updates: Iterable[UpdateRow]) -> pd.DataFrame:
    """An action's dated updates, oldest first."""
    return pd.DataFrame(
        [{"on": u.on, "by": u.by, "status": u.status, "note": u.note} for u in updates],
        columns=["on", "by", "status", "note"],
    )


def changes_frame(lines: Iterable[ChangeLine]) -> pd.DataFrame:
    """What changed since the last meeting: counts and refs."""
    return pd.DataFrame(
        [
            {"change": line.what, "count": line.count, "refs": "; ".join(line.refs)}
            for line in lines
        ],
        columns=["change", "count", "refs"],
    )


def terms_frame(terms: Iterable[Term], as_of: date) -> pd.DataFrame:
    """Each MoU term with its state on the date and the days left in the one in force."""
    rows = []
    for term in terms:
        in_force = term.starts_on <= as_of <= term.ends_on
        state = "in force" if in_force else ("ended" if term.ends_on < as_of else "future")
        if in_force and term_warning(term, as_of):
            state = "in force, ends within 90 days"
        rows.append(
            {
                "term": term.ref,
                "starts on": term.starts_on,
                "ends on": term.ends_on,
                "state": state,
                "days remaining": days_remaining(term, as_of) if in_force else None,
                "note": term.note,
            }
        )
    return pd.DataFrame(
        rows, columns=["term", "starts on", "ends on", "state", "days remaining", "note"]
    )


def planned_frame(planned: Iterable[PlannedInspection], term: Term | None) -> pd.DataFrame:
    """Planned inspections starting after the term in force ends, with why they are flagged."""
    reason = (
        f"starts after {term.ref} ends ({term.ends_on:%d %b %Y})"
        if term
        else ("no MoU term in force")
    )
    return pd.DataFrame(
        [
            {"inspection": p.ref, "group": p.group_code, "starts on": p.start_on, "flag": reason}
            for p in planned
        ],
        columns=["inspection", "group", "starts on", "flag"],
    )
