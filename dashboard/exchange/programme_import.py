"""The importer behind a role check: pages import as the logged-in user, managers only.

`dashboard.exchange.importer.import_programme` records changes against a plain name (the command
line and demo seeding, which already hold the database, call it directly); anything acting for a
logged-in person calls `import_programme_as` instead.
"""

from pathlib import Path

from sqlmodel import Session

from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.exchange.importer import Progress, import_programme
from dashboard.exchange.reader import RawSource
from dashboard.exchange.summary import ImportSummary


def import_programme_as(
    session: Session,
    source: Path | RawSource,
    *,
    actor: Actor,
    dry_run: bool = False,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Import the programme as this user (admins and programme managers only), audited under
    their username; a dry run is refused to other roles too, since it reads every file."""
    require_role(actor, MANAGERS, "import programme data")
    return import_programme(
        session, source, actor=actor.username, dry_run=dry_run, on_progress=on_progress
    )
