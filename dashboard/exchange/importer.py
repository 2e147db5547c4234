"""Import the programme from the exchange format: all or nothing, upserting by code or ref."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from dashboard.core.audit import Changes, audit_values, field_changes, record_changes
from dashboard.core.db import insert_rows
from dashboard.core.gc_pause import collection_paused
from dashboard.exchange.derived import with_derived_values
from dashboard.exchange.formats import FORMAT_BY_NAME, FileFormat
from dashboard.exchange.known import load_known
from dashboard.exchange.problems import ImportRejected
from dashboard.exchange.reader import RawSource, read_source
from dashboard.exchange.records import Record
from dashboard.exchange.rows import (
    KeyIndex,
    key_text,
    model_fields,
    model_key,
    model_values,
    select_rows,
)
from dashboard.exchange.summary import FileSummary, ImportSummary
from dashboard.exchange.validation import shifted, validate
from dashboard.recommendations import queries as recommendation_queries

Progress = Callable[[str, int, int], None]
BATCH_SIZE = 1000


def import_programme(
    session: Session,
    source: Path | RawSource,
    *,
    actor: str,
    dry_run: bool = False,
    shift_days: int = 0,
    on_progress: Progress | None = None,
) -> ImportSummary:
    """Check all, then upsert with audit in the caller's transaction; else ImportRejected."""
    with collection_paused():
        return _import(session, source, actor, dry_run, shift_days, on_progress)


def _import(
    session: Session,
    source: Path | RawSource,
    actor: str,
    dry_run: bool,
    shift_days: int,
    on_progress: Progress | None,
) -> ImportSummary:
    raw = source if isinstance(source, RawSource) else read_source(Path(source))
    parsed, problems = validate(raw, load_known(session))
    if problems:
        raise ImportRejected(problems)
    parsed = shifted(parsed, shift_days)
    index = KeyIndex(session)
    summary = ImportSummary(dry_run=dry_run)
    for name, records in parsed.items():
        upsert = _Upsert(session, FORMAT_BY_NAME[name], index, actor=actor, dry_run=dry_run)
        summary.files.append(upsert.run(records, on_progress))
    if not dry_run and parsed.keys() & {"inspections", "recommendations"}:
        # when recommendations fall due follows the rows just written (due dates, final reports)
        recommendation_queries.refresh_falls_due_on(session)
    return summary


class _Upsert:
    """Create or update the rows of one file against its table, loaded once into a dict by key.

    A column naming another row of the same file (a recommendation's `superseded_by`) is set
    once every row of the file is in, since the row it names may come later in the file.
    """

    def __init__(
        self, session: Session, fmt: FileFormat, index: KeyIndex, *, actor: str, dry_run: bool
    ) -> None:
        self.session, self.fmt, self.index = session, fmt, index
        self.actor, self.dry_run = actor, dry_run
        self.counts = FileSummary(fmt.name)
        self.model: Any = fmt.model
        self.existing = {
            model_key(fmt, row, index): row for row in session.exec(select_rows(self.model)).all()
        }
        self.pending: list[dict[str, Any]] = []
        self.audit_pending: list[dict[str, Any]] = []
        self.own = {column.name for column in fmt.columns if column.references == fmt.name}
        # (key, stored row or None for a new one, values of the columns naming this file's rows)
        self.linked_later: list[tuple[tuple[Any, ...], Any, dict[str, Any]]] = []

    def run(self, records: list[Record], on_progress: Progress | None) -> FileSummary:
        """Apply every record, flushing in batches and reporting progress."""
        total = len(records)
        if on_progress:
            on_progress(self.fmt.name, 0, total)
        for done, record in enumerate(records, start=1):
            self._apply(record)
            if done % BATCH_SIZE == 0 and done < total:
                self._flush()
                if on_progress:
                    on_progress(self.fmt.name, done, total)
        self._flush()
        if not self.dry_run and self.counts.created:
            self.index.forget(self.fmt.name)  # new rows' ids are read back when next needed
        self._link_own_rows()
        if on_progress:
            on_progress(self.fmt.name, total, total)
        return self.counts

    def _apply(self, record: Record) -> None:
        key = record.key(self.fmt)
        row = self.existing.get(key)
        values = with_derived_values(self.fmt.name, record.values, row)
        if row is None:
            self.counts.created += 1
            self._write("create", key, values, field_changes({}, values))
            return
        columns = [self.fmt.column(name) for name in values]
        changes = field_changes(model_values(row, columns, self.index), values)
        if not changes:
            self.counts.unchanged += 1
            return
        self.counts.updated += 1
        self._write("update", key, {name: values[name] for name in changes}, changes, row)

    def _write(
        self,
        action: str,
        key: tuple[Any, ...],
        values: dict[str, Any],
        changes: Changes,
        row: Any = None,
    ) -> None:
        """Queue the new row or change the existing one, with its audit entry; not in a dry run."""
        if self.dry_run:
            return
        later = {name: values[name] for name in self.own if name in values}
        if later:
            values = {name: value for name, value in values.items() if name not in later}
            if row is not None or any(value is not None for value in later.values()):
                self.linked_later.append((key, row, later))
        fields = model_fields(self.fmt, values, self.index)
        if row is None:
            self.pending.append(fields)
        else:
            for attribute, value in fields.items():
                setattr(row, attribute, value)
        self.audit_pending.append(
            audit_values(
                actor=self.actor,
                action=action,
                entity=self.fmt.name,
                entity_key=key_text(key),
                changes=changes,
            )
        )

    def _link_own_rows(self) -> None:
        """Set the columns naming rows of this same file, now that every row is in."""
        if not self.linked_later:
            return
        new_rows: list[dict[str, Any]] = []
        for key, row, values in self.linked_later:
            fields = model_fields(self.fmt, values, self.index)
            if row is None:
                new_rows.append({"row_id": self.index.id_of(self.fmt.name, key[0])} | fields)
            else:
                for attribute, value in fields.items():
                    setattr(row, attribute, value)
        if new_rows:
            table = self.model.__table__
            attributes = [name for name in new_rows[0] if name != "row_id"]
            statement = (
                sa.update(table)
                .where(table.c.id == sa.bindparam("row_id"))
                .values({name: sa.bindparam(f"new_{name}") for name in attributes})
            )
            renamed = [
                {"row_id": fields["row_id"]} | {f"new_{name}": fields[name] for name in attributes}
                for fields in new_rows
            ]
            self.session.connection().execute(statement, renamed)
        self.session.flush()
        self.linked_later = []

    def _flush(self) -> None:
        """Insert the batch of new rows as one executemany, then flush updates and audit entries."""
        if self.dry_run:
            return
        if self.pending:
            insert_rows(self.session, self.model.__table__, self.pending)
            self.pending = []
        self.session.flush()
        record_changes(self.session, self.audit_pending)
        self.audit_pending = []
