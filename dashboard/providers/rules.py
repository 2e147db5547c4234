"""Providers: how they rank for attention, and how well they co-operate with inspections
(PIRs and factual-accuracy replies returned on time, as the contract's KPIs ask)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dashboard.core.permissions import Viewer
from dashboard.inspections.rules import (
    InspectionDates,
    Milestone,
    MilestoneState,
    milestone_schedule,
    milestone_state,
)


@dataclass(frozen=True)
class ProviderStanding:
    """One provider's figures for the ranked list, as of a date and as a viewer sees them."""

    code: str
    name: str
    allocated_inspector: str | None
    groups_overdue: int  # active groups past their annual inspection
    recommendations_overdue: int  # open recommendations past their due date
    high_risk_concerns_open: int = 0  # open on the date, as the viewer may read them


def ranking_key(standing: ProviderStanding) -> tuple[int, int, int, str]:
    """Most groups overdue first, then most recommendations overdue, then most high-risk
    concerns open, then by code."""
    return (
        -standing.groups_overdue,
        -standing.recommendations_overdue,
        -standing.high_risk_concerns_open,
        standing.code,
    )


def ranked(standings: Iterable[ProviderStanding]) -> list[ProviderStanding]:
    """The providers in order of attention (see `ranking_key`)."""
    return sorted(standings, key=ranking_key)


def sees_lead_contact(viewer: Viewer) -> bool:
    """A provider's lead contact (name, phone, email) is for CQC staff, who phone to announce
    inspections and hold engagement meetings; partners hold their own contract contacts."""
    return viewer.sees_every_report


# --- co-operation ------------------------------------------------------------------------------
# The provider's replies the contract's KPIs count: the PIR (5 working days after it was asked
# for) and the factual-accuracy reply (10 working days after the draft report was sent).
REPLIES: tuple[Milestone, ...] = (Milestone.PIR, Milestone.FACTUAL_ACCURACY)
REPLY_WORDS = {Milestone.PIR: "PIR", Milestone.FACTUAL_ACCURACY: "factual accuracy"}


@dataclass(frozen=True)
class ReplyDue:
    """One reply the provider owed by a date, and when (if yet) it came back."""

    inspection_ref: str
    reply: Milestone
    due_on: date
    returned_on: date | None
    state: MilestoneState

    @property
    def on_time(self) -> bool:
        return self.state is MilestoneState.ON_TIME


@dataclass(frozen=True)
class Cooperation:
    """A provider's replies that fell due by the as-of date: on time, or late (returned after
    the deadline, or still not returned past it). Replies not yet due are left out."""

    replies: tuple[ReplyDue, ...]

    @property
    def on_time(self) -> int:
        return sum(1 for reply in self.replies if reply.on_time)

    @property
    def late(self) -> tuple[ReplyDue, ...]:
        return tuple(reply for reply in self.replies if not reply.on_time)

    @property
    def share_on_time(self) -> float | None:
        """On-time replies as a share of those due (0 to 1); None when none fell due."""
        return self.on_time / len(self.replies) if self.replies else None

    def of(self, reply: Milestone) -> "Cooperation":
        """The same figures for one kind of reply."""
        return Cooperation(tuple(r for r in self.replies if r.reply is reply))


def replies_due(inspection_ref: str, dates: InspectionDates, as_of: date) -> list[ReplyDue]:
    """The inspection's PIR and factual-accuracy replies that were due or returned by the date
    (none for a cancelled inspection, none whose request or draft is not recorded, none withheld
    from the reader)."""
    found = []
    for item in milestone_schedule(dates):
        if item.milestone not in REPLIES:
            continue
        state = milestone_state(item.due_on, item.done_on, as_of)
        if state is MilestoneState.PENDING:
            continue
        returned = state in (MilestoneState.ON_TIME, MilestoneState.LATE)  # by the as-of date
        returned_on = item.done_on if returned else None
        found.append(ReplyDue(inspection_ref, item.milestone, item.due_on, returned_on, state))
    return found


def cooperation(inspections: Sequence[tuple[str, InspectionDates]], as_of: date) -> Cooperation:
    """The provider's co-operation as of a date from its inspections' (ref, dates), replies
    earliest due first."""
    replies = [reply for ref, dates in inspections for reply in replies_due(ref, dates, as_of)]
    replies.sort(key=lambda r: (r.due_on, r.inspection_ref, REPLIES.index(r.reply)))
    return Cooperation(tuple(replies))
