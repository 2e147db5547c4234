"""Who may do what: every write function checks the acting user here, whatever the page shows."""

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role

# The one set of role names: who may open a page (dashboard.ui.navigation) and who may write.
EVERYONE = frozenset(Role)
STAFF = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER, Role.INSPECTOR})
MANAGERS = frozenset({Role.ADMIN, Role.PROGRAMME_MANAGER})
ADMINS = frozenset({Role.ADMIN})


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
