"""The audit trail: who changed what and when, written in the same transaction as the change."""

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from dashboard.core.db import insert_rows
from models.accounts import AuditEntry
from models.base import utc_now

Changes = dict[str, tuple[Any, Any]]
_JSON = json.JSONEncoder(sort_keys=True)  # one encoder: json.dumps builds one per call


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return value


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """The fields whose value differs, as {field: (before, after)}; a new row has before {}."""
    return {
        name: (_plain(before.get(name)), _plain(value))
        for name, value in after.items()
        if name not in before or before[name] != value
    }


def audit_values(
    *, actor: str, action: str, entity: str, entity_key: str | None, changes: Changes | None
) -> dict[str, Any]:
    """The columns of one audit entry, stamped now."""
    return {
        "at": utc_now(),
        "username": actor,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "changes": _JSON.encode(changes) if changes else None,
    }


def record_change(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_key: str | None,
    changes: Changes | None = None,
) -> AuditEntry:
    """Add an audit entry to the session; it commits or rolls back with the change itself."""
    entry = AuditEntry(
        **audit_values(
            actor=actor, action=action, entity=entity, entity_key=entity_key, changes=changes
        )
    )
    session.add(entry)
    return entry


def record_changes(session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert many audit entries (from `audit_values`) in one statement, for bulk imports."""
    if entries:
        insert_rows(session, AuditEntry.__table__, entries)  # type: ignore[attr-defined]
