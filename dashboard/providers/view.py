"""Frames and words for the Providers page: the ranked list and one provider in full."""

from collections.abc import Sequence
from datetime import date

import pandas as pd

from dashboard.concerns.rules import days_open
from dashboard.core.vocabulary import ALL_KEY_QUESTIONS
from dashboard.coverage.rules import STATUS_WORDS
from dashboard.governance.rules import KIND_LABELS
from dashboard.providers.queries import GroupPosition, ProviderPage
from dashboard.providers.rules import REPLY_WORDS, Cooperation, ProviderStanding, ReplyDue

NOT_ACTIVE = "not active"
NOT_RETURNED = "not returned"
RANKING_HELP = (
    "Most inspection groups overdue for their annual inspection first, then most open "
    "recommendations past their due date, then most high-risk concerns open."
)
CONCERN_COLUMNS = [
    "Concern",
    "Received",
    "Source",
    "Group",
    "Risk",
    "Days open",
    "Response",
    "Summary",
]


def provider_label(code: str, name: str) -> str:
    return f"{code} · {name}"


def ranking_table(standings: Sequence[ProviderStanding]) -> pd.DataFrame:
    """The providers in order of attention, with the figures they are ranked by."""
    return pd.DataFrame(
        [
            {
                "Provider": provider_label(s.code, s.name),
                "Groups overdue": s.groups_overdue,
                "Recommendations overdue": s.recommendations_overdue,
                "High-risk concerns open": s.high_risk_concerns_open,
                "Allocated inspector": s.allocated_inspector or "",
            }
            for s in standings
        ],
        columns=[
            "Provider",
            "Groups overdue",
            "Recommendations overdue",
            "High-risk concerns open",
            "Allocated inspector",
        ],
    )


def concerns_table(page: ProviderPage, as_of: date) -> pd.DataFrame:
    """The provider's concerns open on the date, highest risk first (programme facts only)."""
    return pd.DataFrame(
        [
            {
                "Concern": c.ref,
                "Received": c.received_on,
                "Source": c.source,
                "Group": c.group_code or "",
                "Risk": c.risk,
                "Days open": days_open(c.received_on, as_of),
                "Response": c.response or "",
                "Summary": c.summary,
            }
            for c in page.concerns
        ],
        columns=[
            "Concern",
            "Received",
            "Source",
            "Group",
            "Risk",
            "Days open",
            "Response",
            "Summary",
        ],
    )


def _group_status(group: GroupPosition) -> str:
    return STATUS_WORDS[group.coverage.status] if group.coverage else NOT_ACTIVE


def groups_table(page: ProviderPage) -> pd.DataFrame:
    """The provider's inspection groups with their coverage status, worst first."""
    rows = [
        {
            "Group": f"{g.code} · {g.name}",
            "Basis": g.basis or "",
            "Status": _group_status(g),
            "Last inspected": g.coverage.last_inspected_on if g.coverage else None,
            "Next due": g.coverage.next_due_on if g.coverage else None,
            "Scheduled": g.coverage.scheduled_on if g.coverage else None,
        }
        for g in page.groups
    ]
    order = {words: rank for rank, words in enumerate(["overdue", "due soon", "in date"])}
    frame = pd.DataFrame(
        rows, columns=["Group", "Basis", "Status", "Last inspected", "Next due", "Scheduled"]
    )
    ranks = frame["Status"].map(lambda words: order.get(words, len(order)))
    return frame.iloc[ranks.argsort(kind="stable")].reset_index(drop=True)


def services_table(page: ProviderPage, as_of: date) -> pd.DataFrame:
    """The provider's services, open ones first."""
    rows = [
        {
            "Service": f"{s.code} · {s.name}",
            "Group": s.group_code,
            "Type": s.service_type,
            "Region": s.region or "",
            "Opened": s.opened_on,
            "Closed": s.closed_on,
            "Open": "yes"
            if s.opened_on <= as_of and (s.closed_on is None or s.closed_on > as_of)
            else "no",
        }
        for s in page.services
    ]
    columns = ["Service", "Group", "Type", "Region", "Opened", "Closed", "Open"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("Open", ascending=False, kind="stable").reset_index(drop=True)


def judgement_frame(page: ProviderPage) -> pd.DataFrame:
    """One row per inspection and key question judged, for the judgement history chart."""
    return pd.DataFrame(
        [
            {
                "inspection": f"{j.start_on.isoformat()} {j.inspection_ref}",
                "group": j.group_code,
                "key question": j.key_question,
                "judgement": j.judgement,
            }
            for j in page.judgements
        ],
        columns=["inspection", "group", "key question", "judgement"],
    )


def judgement_counts(page: ProviderPage) -> pd.DataFrame:
    """Judgements by key question: how many meeting and not meeting expectations."""
    rows = []
    for kq in ALL_KEY_QUESTIONS:
        found = [j.judgement for j in page.judgements if j.key_question == kq]
        rows.append(
            {
                "Key question": kq.value,
                "Meeting": found.count("meeting"),
                "Not meeting": found.count("not meeting"),
            }
        )
    return pd.DataFrame(rows, columns=["Key question", "Meeting", "Not meeting"])


def recommendations_table(page: ProviderPage, as_of: date) -> pd.DataFrame:
    """Open recommendations, earliest due first, marking those past their due date."""
    return pd.DataFrame(
        [
            {
                "Ref": r.ref,
                "Inspection": r.inspection_ref,
                "Key question": r.key_question or "",
                "Risk": r.risk,
                "Due": r.due_on,
                "Past due": "yes" if r.due_on and r.due_on < as_of else "no",
                "Status": r.status,
                "Owner": r.owner or "",
                "Recommendation": r.text,
            }
            for r in page.recommendations
        ],
        columns=[
            "Ref",
            "Inspection",
            "Key question",
            "Risk",
            "Due",
            "Past due",
            "Status",
            "Owner",
            "Recommendation",
        ],
    )


def meetings_table(page: ProviderPage) -> pd.DataFrame:
    """Meetings held with the provider, latest first."""
    return pd.DataFrame(
        [
            {
                "Held": m.held_on,
                "Meeting": m.ref,
                "Kind": KIND_LABELS.get(m.kind, m.kind),
                "Attendees": (m.attendees or "").replace(";", "; "),
                "Notes": m.notes or "",
            }
            for m in page.meetings
        ],
        columns=["Held", "Meeting", "Kind", "Attendees", "Notes"],
    )


def share_words(cooperation: Cooperation) -> str:
    """The share on time as the KPI reads it: "94% (50 of 53)", or "none due yet"."""
    share = cooperation.share_on_time
    if share is None:
        return "none due yet"
    return f"{share:.0%} ({cooperation.on_time} of {len(cooperation.replies)})"


def _days_late(reply: ReplyDue, as_of: date) -> int:
    return ((reply.returned_on or as_of) - reply.due_on).days


def late_replies_table(cooperation: Cooperation, as_of: date) -> pd.DataFrame:
    """The replies not returned on time, earliest due first."""
    return pd.DataFrame(
        [
            {
                "Inspection": r.inspection_ref,
                "Reply": REPLY_WORDS[r.reply],
                "Due": r.due_on,
                "Returned": r.returned_on.isoformat() if r.returned_on else NOT_RETURNED,
                "Days late": _days_late(r, as_of),
            }
            for r in cooperation.late
        ],
        columns=["Inspection", "Reply", "Due", "Returned", "Days late"],
    )
