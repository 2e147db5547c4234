"""Audit trail reads: filters by user, entity and UTC day; changes as text; a safe CSV."""

import csv
import io
from datetime import UTC, date, datetime

from sqlmodel import Session

from dashboard.core.audit import record_change
from dashboard.core.audit_queries import (
    EXPORT_FILE_NAME,
    AuditFilter,
    AuditRow,
    audit_choices,
    audit_count,
    audit_csv,
    audit_rows,
    changes_text,
)


def _entry(session: Session, who: str, entity: str, at: datetime, **changes) -> None:
    entry = record_change(
        session,
        actor=who,
        action="update",
        entity=entity,
        entity_key="K1",
        changes={name: tuple(pair) for name, pair in changes.items()} or None,
    )
    entry.at = at


def _fill(session: Session) -> None:
    _entry(session, "alice", "provider", datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC))
    _entry(session, "alice", "recommendation", datetime(2026, 3, 2, 0, 0, tzinfo=UTC))
    _entry(session, "bob", "provider", datetime(2026, 3, 3, 12, 0, tzinfo=UTC))
    session.flush()


def test_filters_combine_and_days_are_whole_utc_days(session):
    _fill(session)
    march_2 = AuditFilter(start=date(2026, 3, 2), end=date(2026, 3, 2))
    assert [row.entity for row in audit_rows(session, march_2)] == ["recommendation"]
    alice_providers = AuditFilter(username="alice", entity="provider")
    assert [row.when_utc for row in audit_rows(session, alice_providers)] == ["2026-03-01 23:59:59"]
    assert audit_count(session, AuditFilter(end=date(2026, 3, 2))) == 2
    assert [row.who for row in audit_rows(session, AuditFilter(), limit=1)] == ["bob"]
    assert audit_choices(session) == (["alice", "bob"], ["provider", "recommendation"])


def test_changes_read_as_field_before_and_after():
    assert changes_text('{"risk": ["medium", "high"], "text": [null, "New"]}') == (
        "risk: medium → high; text: (empty) → New"
    )
    assert changes_text(None) == ""


def test_csv_parses_back_and_cannot_start_a_formula():
    row = AuditRow(
        "=cmd|' /C calc'!A0",
        "2026-03-01 10:00:00",
        "provider",
        "P01",
        "update",
        "name: <script>alert(1)</script> → @SUM(1)",
    )
    parsed = list(csv.reader(io.StringIO(audit_csv([row]).decode("utf-8"))))
    assert parsed[0] == ["who", "when_utc", "entity", "key", "action", "changes"]
    assert parsed[1][0] == "'=cmd|' /C calc'!A0"
    assert parsed[1][5] == "name: <script>alert(1)</script> → @SUM(1)"
    assert len(parsed) == 2
    assert EXPORT_FILE_NAME == "audit-log-OFFICIAL-SENSITIVE.csv"
