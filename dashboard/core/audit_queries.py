"""Reads of the audit trail for the audit log page: filtered entries, the filters' choices, and
the entries as plain text and as a CSV download."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, desc, func, select

from dashboard.core.csv_file import csv_text
from models.accounts import AuditEntry

EXPORT_FILE_NAME = "audit-log-OFFICIAL-SENSITIVE.csv"
COLUMNS = ("who", "when_utc", "entity", "key", "action", "changes")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass(frozen=True)
class AuditFilter:
    """What the page asks for: one user, one entity, a range of UTC days (all optional)."""

    username: str | None = None
    entity: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the page shows it; `changes` is plain text, never markup."""

    who: str
    when_utc: str
    entity: str
    key: str
    action: str
    changes: str


def _shown(value: Any) -> str:
    """A before/after value as text: empty values as '(empty)'."""
    if value is None or value == "":
        return "(empty)"
    return str(value)


def changes_text(changes: str | None) -> str:
    """The stored {"field": [before, after]} JSON as 'field: before → after; ...'."""
    if not changes:
        return ""
    try:
        parsed = json.loads(changes)
    except ValueError:
        return changes
    if not isinstance(parsed, dict):
        return str(parsed)
    parts = []
    for name, pair in parsed.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        parts.append(f"{name}: {_shown(before)} → {_shown(after)}")
    return "; ".join(parts)


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _conditions(wanted: AuditFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if wanted.username:
        conditions.append(col(AuditEntry.username) == wanted.username)
    if wanted.entity:
        conditions.append(col(AuditEntry.entity) == wanted.entity)
    if wanted.start:
        conditions.append(col(AuditEntry.at) >= _utc_midnight(wanted.start))
    if wanted.end:
        conditions.append(col(AuditEntry.at) < _utc_midnight(wanted.end + timedelta(days=1)))
    return conditions


def _row(entry: AuditEntry) -> AuditRow:
    at = entry.at if entry.at.tzinfo is None else entry.at.astimezone(UTC)
    return AuditRow(
        who=entry.username,
        when_utc=at.strftime(TIME_FORMAT),
        entity=entry.entity,
        key=entry.entity_key or "",
        action=entry.action,
        changes=changes_text(entry.changes),
    )


def audit_rows(
    session: Session, wanted: AuditFilter, *, limit: int | None = None
) -> list[AuditRow]:
    """Matching entries, newest first, at most `limit` of them."""
    statement = (
        select(AuditEntry)
        .where(*_conditions(wanted))
        .order_by(desc(AuditEntry.at), desc(AuditEntry.id))
        .limit(limit)
    )
    return [_row(entry) for entry in session.exec(statement)]


def audit_count(session: Session, wanted: AuditFilter) -> int:
    """How many entries match."""
    statement = select(func.count()).select_from(AuditEntry).where(*_conditions(wanted))
    return int(session.exec(statement).one())


def audit_choices(session: Session) -> tuple[list[str], list[str]]:
    """The users and the entities that appear in the trail, for the filters."""
    users = session.exec(select(AuditEntry.username).distinct().order_by(AuditEntry.username))
    entities = session.exec(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity))
    return list(users), list(entities)


def audit_csv(rows: Iterable[AuditRow]) -> bytes:
    """The entries as UTF-8 CSV with a header row (the file name carries the marking)."""
    cells = ([str(getattr(row, name)) for name in COLUMNS] for row in rows)
    return csv_text(COLUMNS, cells).encode("utf-8")


def audit_table(rows: Sequence[AuditRow]) -> dict[str, list[str]]:
    """The entries as columns for a table widget, headed as the page shows them."""
    headings = {
        "who": "Who",
        "when_utc": "When (UTC)",
        "entity": "Entity",
        "key": "Key",
        "action": "Action",
        "changes": "Changed fields (before → after)",
    }
    return {heading: [getattr(row, name) for row in rows] for name, heading in headings.items()}
