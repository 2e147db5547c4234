"""Who may do what: every write function checks the acting user here, whatever the page shows."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import MeetingKind, Role

# The one set of role names: who may open a page (dashboard.ui.navigation) and who may write.
EVERYONE = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER, Role.INSPECTOR})
MANAGERS = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER})
ADMINS = frozenset({Role.ADMIN})
# The meetings partners attend; programme boards and provider engagement meetings are CQC's own.
PARTNER_MEETING_KINDS = frozenset({MeetingKind.MOU_GOVERNANCE})


class PermissionDenied(Refused):
    """The acting user's role does not allow this change; nothing was written."""


@dataclass(frozen=True)
class Actor:
    """The logged-in person a change is made by (and recorded against)."""

    username: str
    display_name: str
    role: Role

    @classmethod
    def of(cls, username: str, display_name: str, role: str) -> "Actor":
        """An actor from the login's fields; an unknown role raises PermissionDenied."""
        try:
            return cls(username, display_name, Role(role))
        except ValueError:
            raise PermissionDenied(f"'{role}' is not a role of this dashboard") from None


def require_role(actor: Actor, allowed: Iterable[Role], doing: str) -> None:
    """Refuse with a clear message unless the actor's role is one of those allowed."""
    if actor.role not in set(allowed):
        raise PermissionDenied(
            f"{actor.display_name} ({actor.role.replace('_', ' ')}) may not {doing}."
        )


@dataclass(frozen=True)
class Viewer:
    """Whose reading it is, as far as what they may see: partners see an inspection's findings
    (judgements, recommendations with their follow-ups and evidence, good practice, themes and
    factual-accuracy details) only once its final report was sent to them, on or before the
    as-of date and today, and only the meetings they attend (with their notes and actions);
    staff see every inspection's findings and every meeting.

    Made with `Viewer.of`, so that every staff viewer is the same value (one cache entry)."""

    reports_sent_by: date | None = None  # None: every inspection's findings are shown

    @classmethod
    def of(cls, role: Role | Actor, as_of: date, today: date | None = None) -> "Viewer":
        """The viewer a role (or an actor's) reads as on a date."""
        known = role.role if isinstance(role, Actor) else Role(role)
        if known in STAFF:
            return STAFF_VIEWER
        return cls(min(as_of, today or date.today()))

    @property
    def sees_every_report(self) -> bool:
        """True for staff: nothing is held back until a final report is sent."""
        return self.reports_sent_by is None

    def sees_report(self, final_sent_on: date | None) -> bool:
        """Whether this viewer sees the findings of an inspection with this final report date."""
        if self.reports_sent_by is None:
            return True
        return final_sent_on is not None and final_sent_on <= self.reports_sent_by

    @property
    def meeting_kinds(self) -> frozenset[str] | None:
        """The kinds of meeting this viewer sees; None for staff, who see every meeting."""
        return None if self.sees_every_report else PARTNER_MEETING_KINDS

    def sees_meeting(self, kind: str) -> bool:
        """Whether this viewer sees a meeting of this kind, its notes and its actions."""
        kinds = self.meeting_kinds
        return kinds is None or kind in kinds


STAFF_VIEWER = Viewer()
