"""Spreadsheet import and export from the browser: dry run first, then one confirmed import.

`dashboard.exchange.importer.import_programme` records changes against a plain name (the command
line and demo seeding, which already hold the database, call it directly); anything acting for a
logged-in person calls `import_programme_as` instead: managers only, audited under their name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from hashlib import sha256
from pathlib import Path
from typing import Any

from sqlmodel import Session

from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.core.table_export import export_file_name
from dashboard.exchange.exporter import export_workbook_bytes
from dashboard.exchange.importer import import_programme
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.exchange.reader import RawSource, read_upload
from dashboard.exchange.summary import ImportSummary
from dashboard.exchange.template import template_workbook_bytes

UPLOAD_TYPES = ("xlsx", "zip", "csv")
Progress = Callable[[str, int, int], None]


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


@dataclass(frozen=True)
class UploadCheck:
    """What importing an upload would do: counts per file, or every problem (then nothing)."""

    file_name: str
    digest: str
    summary: ImportSummary | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def changes(self) -> int:
        """Rows the import would create or update."""
        total = self.summary.total if self.summary else None
        return total.created + total.updated if total else 0

    @property
    def importable(self) -> bool:
        """Whether the confirmed import may run: no problems and something to change."""
        return not self.problems and self.changes > 0


def upload_digest(data: bytes) -> str:
    """A fingerprint of an upload, so a confirmed import is of the file that was checked."""
    return sha256(data).hexdigest()


def check_upload(session: Session, *, actor: Actor, file_name: str, data: bytes) -> UploadCheck:
    """The dry run (managers only): read the upload and run the whole import, writing nothing."""
    require_role(actor, MANAGERS, "import programme data")  # before reading a byte of it
    digest = upload_digest(data)
    try:
        summary = import_programme_as(
            session, read_upload(file_name, data), actor=actor, dry_run=True
        )
    except ImportRejected as rejected:
        return UploadCheck(file_name, digest, None, rejected.problems)
    return UploadCheck(file_name, digest, summary)


def import_upload(
    session: Session,
    *,
    actor: Actor,
    file_name: str,
    data: bytes,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """The confirmed import, all or nothing in the caller's transaction; else ImportRejected."""
    require_role(actor, MANAGERS, "import programme data")
    return import_programme_as(
        session, read_upload(file_name, data), actor=actor, on_progress=on_progress
    )


def programme_workbook(session: Session, *, actor: Actor) -> bytes:
    """The whole programme as one exchange workbook (it re-imports with no changes)."""
    require_role(actor, MANAGERS, "download the whole programme")
    return export_workbook_bytes(session)


def programme_file_name(on: date | None = None) -> str:
    """The programme workbook's file name, dated and marked OFFICIAL-SENSITIVE."""
    return export_file_name("safehouse-programme", "xlsx", on)


def template_file_name() -> str:
    """The template workbook's file name, marked like every download."""
    return export_file_name("data-exchange-template", "xlsx")


def template_bytes() -> bytes:
    """The template workbook: every sheet, header and one worked example row."""
    return template_workbook_bytes()


def summary_rows(summary: ImportSummary) -> list[dict[str, Any]]:
    """Counts per file and in total, as rows for a table."""
    return [
        {"file": f.name, "create": f.created, "update": f.updated, "unchanged": f.unchanged}
        for f in [*summary.files, summary.total]
    ]


def problem_rows(problems: list[Problem]) -> list[dict[str, Any]]:
    """Every problem as file, row, column and message, for a table."""
    return [
        {"file": p.file, "row": p.row, "column": p.field or "", "message": p.message}
        for p in problems
    ]
