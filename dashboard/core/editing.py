"""Saving an edited record: refused if someone else saved it since it was opened, audited if not."""

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, desc, select

from dashboard.core.audit import Changes, field_changes, record_change
from dashboard.core.refusal import Refused
from models.accounts import AuditEntry


class StaleEdit(Refused):
    """The record changed after this form was opened; the save was refused, nothing written."""


def _who_changed_last(session: Session, entity: str, key: str) -> str:
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_key == key)
        .order_by(desc(AuditEntry.at), desc(AuditEntry.id))
    ).first()
    if entry is None:
        return "changed by someone else since you opened it — reload"
    return f"changed by {entry.username} at {entry.at:%d %b %Y %H:%M} UTC — reload"


def save_edit(
    session: Session,
    row: SQLModel,
    values: Mapping[str, Any],
    *,
    actor: str,
    entity: str,
    key: str,
    expected_version: int,
) -> Changes:
    """Apply changed fields to a row opened at `expected_version`, with an audit entry."""
    if getattr(row, "version") != expected_version:  # noqa: B009 (every editable table has it)
        raise StaleEdit(f"{entity} {key} was {_who_changed_last(session, entity, key)}")
    before = {name: getattr(row, name) for name in values}
    changes = field_changes(before, values)
    if not changes:
        return changes
    for name, value in values.items():
        setattr(row, name, value)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise StaleEdit(f"{entity} {key} was {_who_changed_last(session, entity, key)}") from None
    record_change(
        session, actor=actor, action="update", entity=entity, entity_key=key, changes=changes
    )
    return changes
