"""Table rows to and from the exchange format's typed values, with codes in place of ids."""

from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session, SQLModel, select

from dashboard.exchange.cells import cell_text
from dashboard.exchange.formats import FORMAT_BY_NAME, LIST_SEPARATOR, Column, FileFormat, Kind
from models.base import NAME_LENGTH


class KeyIndex:
    """Codes to ids and back for the files others refer to, one query per file at most."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, dict[str, int]] = {}
        self._codes: dict[str, dict[int, str]] = {}

    def _load(self, file: str) -> None:
        if file in self._ids:
            return
        fmt = FORMAT_BY_NAME[file]
        model: Any = fmt.model
        rows = self._session.exec(select(getattr(model, fmt.key[0]), model.id)).all()
        self.set(file, {code: row_id for code, row_id in rows})

    def set(self, file: str, ids: Mapping[str, int]) -> None:
        """Take `ids` (code → id) as the complete index of `file`."""
        self._ids[file] = dict(ids)
        self._codes[file] = {row_id: code for code, row_id in ids.items()}

    def forget(self, file: str) -> None:
        """Drop the index of `file`, so rows added since are seen on next use."""
        self._ids.pop(file, None)
        self._codes.pop(file, None)

    def id_of(self, file: str, code: str) -> int:
        """The id of the row of `file` with this code."""
        self._load(file)
        return self._ids[file][code]

    def code_of(self, file: str, row_id: int) -> str | None:
        """The code of the row of `file` with this id."""
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
        value = getattr(row, column.attribute)
        if column.references and value is not None:
            value = index.code_of(column.references, value)
        elif column.kind is Kind.ENUM_LIST:
            value = split_list(value)
        values[column.name] = value
    return values


def model_fields(fmt: FileFormat, values: Mapping[str, Any], index: KeyIndex) -> dict[str, Any]:
    """Model attributes for typed values: codes resolved to ids, lists joined."""
    fields: dict[str, Any] = {}
    for name, value in values.items():
        column = fmt.column(name)
        if column.references and value is not None:
            value = index.id_of(column.references, value)
        elif column.kind is Kind.ENUM_LIST:
            value = LIST_SEPARATOR.join(value) if value else None
        fields[column.attribute] = value
    return fields


def model_key(fmt: FileFormat, row: SQLModel, index: KeyIndex) -> tuple[Any, ...]:
    """A table row's key in the format's terms."""
    values = model_values(row, (fmt.column(name) for name in fmt.key), index)
    return tuple(values[name] for name in fmt.key)


def key_text(key: tuple[Any, ...]) -> str:
    """A key as the audit trail's entity key, e.g. `INS-001 | safe`."""
    return " | ".join(cell_text(value) for value in key)[:NAME_LENGTH]
