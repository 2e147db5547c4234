"""Table rows to and from the exchange format's typed values, with codes in place of ids."""

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import defer
from sqlmodel import Session, SQLModel, select

from dashboard.exchange.cells import as_utc, cell_text
from dashboard.exchange.formats import FORMAT_BY_NAME, LIST_SEPARATOR, Column, FileFormat, Kind
from models.base import NAME_LENGTH


def select_rows(model: Any) -> Any:
    """Every row of a table, without loading file contents (evidence stays in the database)."""
    binary = [
        getattr(model, column.key)
        for column in model.__table__.columns
        if isinstance(column.type, sa.LargeBinary)
    ]
    return select(model).options(*(defer(attribute) for attribute in binary))


class KeyIndex:
    """Keys to ids and back for the files others refer to, one query per file at most.

    A file keyed by one column (a code or ref) is indexed by that text; a file keyed by several
    (follow-ups) by the tuple of their typed values.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, dict[Any, int]] = {}
        self._codes: dict[str, dict[int, Any]] = {}

    def _load(self, file: str) -> None:
        if file in self._ids:
            return
        fmt = FORMAT_BY_NAME[file]
        model: Any = fmt.model
        if len(fmt.key) == 1:
            rows = self._session.exec(select(getattr(model, fmt.key[0]), model.id)).all()
            self.set(file, {code: row_id for code, row_id in rows})
        else:
            stored = self._session.exec(select_rows(model)).all()
            self.set(file, {model_key(fmt, row, self): row.id for row in stored})

    def keys(self, file: str) -> set[Any]:
        """Every key of `file` in the database."""
        self._load(file)
        return set(self._ids[file])

    def set(self, file: str, ids: Mapping[Any, int]) -> None:
        """Take `ids` (code → id) as the complete index of `file`."""
        self._ids[file] = dict(ids)
        self._codes[file] = {row_id: code for code, row_id in ids.items()}

    def forget(self, file: str) -> None:
        """Drop the index of `file`, so rows added since are seen on next use."""
        self._ids.pop(file, None)
        self._codes.pop(file, None)

    def id_of(self, file: str, code: Any) -> int:
        """The id of the row of `file` with this code (or key tuple)."""
        self._load(file)
        return self._ids[file][code]

    def code_of(self, file: str, row_id: int) -> Any:
        """The code (or key tuple) of the row of `file` with this id."""
        self._load(file)
        return self._codes[file].get(row_id)


def split_list(text: str | None) -> tuple[str, ...] | None:
    """A stored `;` list as a tuple, None when empty."""
    items = tuple(item.strip() for item in (text or "").split(LIST_SEPARATOR) if item.strip())
    return items or None


def model_values(row: SQLModel, columns: Iterable[Column], index: KeyIndex) -> dict[str, Any]:
    """A table row's typed values for `columns`, as the format writes them (codes, tuples)."""
    values: dict[str, Any] = {}
    for column in columns:
        if column.part_of:
            file, field, position = column.part_of
            linked = getattr(row, field)
            key = index.code_of(file, linked) if linked is not None else None
            values[column.name] = key[position] if key else None
            continue
        value = getattr(row, column.attribute)
        if column.references and value is not None:
            value = index.code_of(column.references, value)
        elif column.kind is Kind.ENUM_LIST:
            value = split_list(value)
        elif column.kind is Kind.TIMESTAMP and value is not None:
            value = as_utc(value)
        values[column.name] = value
    return values


def model_fields(fmt: FileFormat, values: Mapping[str, Any], index: KeyIndex) -> dict[str, Any]:
    """Model attributes for typed values: codes resolved to ids, lists joined."""
    fields: dict[str, Any] = {}
    parts: dict[tuple[str, str], dict[int, Any]] = {}
    for name, value in values.items():
        column = fmt.column(name)
        if column.part_of:
            file, field, position = column.part_of
            parts.setdefault((file, field), {})[position] = value
            continue
        if column.references and value is not None:
            value = index.id_of(column.references, value)
        elif column.kind is Kind.ENUM_LIST:
            value = LIST_SEPARATOR.join(value) if value else None
        fields[column.attribute] = value
    for (file, field), given in parts.items():
        positions = range(len(FORMAT_BY_NAME[file].key))  # a column left out is empty
        fields[field] = index.id_of(file, tuple(given.get(position) for position in positions))
    return fields


def model_key(fmt: FileFormat, row: SQLModel, index: KeyIndex) -> tuple[Any, ...]:
    """A table row's key in the format's terms."""
    values = model_values(row, (fmt.column(name) for name in fmt.key), index)
    return tuple(values[name] for name in fmt.key)


def key_text(key: tuple[Any, ...]) -> str:
    """A key as the audit trail's entity key, e.g. `INS-001 | safe`."""
    return " | ".join(cell_text(value) for value in key)[:NAME_LENGTH]
