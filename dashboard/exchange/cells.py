"""Typed values from the text of one cell, and back to the text the format writes."""

import re
from datetime import UTC, date, datetime
from typing import Any

from dashboard.core.plain_text import control_character_message
from dashboard.exchange.formats import LIST_SEPARATOR, Column, Kind

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE_NUMBER = re.compile(r"[+-]?\d+")
_YES_NO = {"yes": True, "no": False}
# What an INTEGER column holds on PostgreSQL (SQLite holds more, but a file must suit both).
INT_MAX = 2**31 - 1
_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})", re.IGNORECASE
)
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
TIMESTAMP_EXAMPLE = "2026-03-02T14:05:00+00:00"


class CellError(ValueError):
    """A cell's text is not a valid value for its column; the message says why."""


def _allowed(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _date(text: str) -> date:
    if not _ISO_DATE.fullmatch(text):
        raise CellError(f"{text!r} is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(f"{text!r} is not a real date (use YYYY-MM-DD)") from None


def as_utc(value: datetime) -> datetime:
    """The instant in UTC; a stored timestamp without an offset (SQLite) is already UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _timestamp(text: str) -> datetime:
    if not _TIMESTAMP.fullmatch(text):
        raise CellError(
            f"{text!r} is not a date and time with its UTC offset (use e.g. {TIMESTAMP_EXAMPLE})"
        )
    try:
        return as_utc(datetime.fromisoformat(text.upper()))
    except ValueError:
        raise CellError(f"{text!r} is not a real date and time") from None


def _sha256(text: str) -> str:
    if not _SHA256.fullmatch(text):
        raise CellError(f"{text!r} is not a SHA-256 checksum (64 hexadecimal digits)")
    return text.lower()


def _int(text: str, minimum: int | None, maximum: int | None) -> int:
    if not _WHOLE_NUMBER.fullmatch(text):
        raise CellError(f"{text!r} is not a whole number")
    value = int(text)
    if minimum is not None and value < minimum:
        raise CellError(f"{text!r} must be {minimum} or more")
    if value > (INT_MAX if maximum is None else maximum):
        raise CellError(f"{text!r} must be at most {INT_MAX if maximum is None else maximum:,}")
    return value


def _choice(text: str, values: tuple[str, ...]) -> str:
    value = text.lower()
    if value not in values:
        raise CellError(f"{text!r} is not allowed; use one of: {_allowed(values)}")
    return value


def _choices(text: str, values: tuple[str, ...]) -> tuple[str, ...] | None:
    chosen: list[str] = []
    for item in text.split(LIST_SEPARATOR):
        value = item.strip().lower()
        if not value:
            continue
        if value not in values:
            raise CellError(
                f"{item.strip()!r} is not allowed; use one or more of: {_allowed(values)}"
                f", separated by '{LIST_SEPARATOR}'"
            )
        if value not in chosen:
            chosen.append(value)
    return tuple(chosen) or None


def parse_cell(column: Column, text: str, max_length: int | None = None) -> Any:
    """The typed value of a cell (None when empty); raises CellError when it is not valid."""
    if not text:
        return None
    match column.kind:
        case Kind.DATE:
            return _date(text)
        case Kind.TIMESTAMP:
            return _timestamp(text)
        case Kind.SHA256:
            return _sha256(text)
        case Kind.INT:
            return _int(text, column.minimum, column.maximum)
        case Kind.YES_NO:
            if text.lower() not in _YES_NO:
                raise CellError(f"{text!r} is not allowed; use one of: yes, no")
            return _YES_NO[text.lower()]
        case Kind.ENUM:
            return _choice(text, column.values)
        case Kind.ENUM_LIST:
            return _choices(text, column.values)
    if max_length is not None and len(text) > max_length:
        raise CellError(f"is {len(text)} characters long; at most {max_length} fit")
    refused = control_character_message(text)
    if refused is not None:
        raise CellError(refused)
    return text


def cell_text(value: Any) -> str:
    """The text the format writes for a typed value: ISO dates, timestamps in UTC with their
    offset, yes/no, `;` lists, empty None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)
