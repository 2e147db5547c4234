"""The columns of the exchange format: their kinds, and the small constructors the files use."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sqlmodel import SQLModel

LIST_SEPARATOR = ";"


class Kind(StrEnum):
    """How a column's cells are written and parsed."""

    TEXT = "text"
    DATE = "date"
    INT = "int"
    YES_NO = "yes-no"
    # An instant: ISO 8601 date and time with its UTC offset, written in UTC.
    TIMESTAMP = "timestamp"
    # A SHA-256 checksum: 64 hexadecimal digits, written in lower case.
    SHA256 = "sha-256"
    ENUM = "enum"
    ENUM_LIST = "list-of-enum"


@dataclass(frozen=True)
class Column:
    """One column of a file: its kind, whether required, and what it maps to in the table."""

    name: str
    kind: Kind = Kind.TEXT
    required: bool = False
    values: tuple[str, ...] = ()
    field: str = ""
    references: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    # Part of a composite reference to a row of another file, a file whose key has several
    # columns: (that file, the model field holding the row's id, position in that file's key).
    part_of: tuple[str, str, int] | None = None

    @cached_property
    def attribute(self) -> str:
        """The model attribute this column is stored in."""
        return self.field or self.name


@dataclass(frozen=True)
class FileFormat:
    """One file of the exchange format and the table it fills."""

    name: str
    label: str
    model: type[SQLModel]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (earlier, later) date columns: `later` may not be before `earlier` when both are given.
    date_order: tuple[tuple[str, str], ...] = ()
    # (column, value, other): `other` is required when the row's `column` is `value`, and must be
    # empty when the row gives `column` another value (e.g. a reason only for a cancellation).
    only_when: tuple[tuple[str, str, str], ...] = ()
    # (column, other): the two may not hold the same value (e.g. a row naming itself).
    not_same: tuple[tuple[str, str], ...] = ()

    @property
    def file_name(self) -> str:
        """The CSV file name, e.g. `services.csv`."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in the order files write them."""
        return tuple(column.name for column in self.columns)

    @cached_property
    def _column_by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    def column(self, name: str) -> Column:
        """The column called `name`."""
        return self._column_by_name[name]

    def max_length(self, column: Column) -> int | None:
        """The longest text the table can store for a text column, if limited."""
        if column.kind is not Kind.TEXT or column.references or column.part_of:
            return None
        table_column = self.model.__table__.c[column.attribute]  # type: ignore[attr-defined]
        length = getattr(table_column.type, "length", None)
        return length if isinstance(length, int) else None


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def text(name: str, *, required: bool = False, field: str = "") -> Column:
    """A free-text column."""
    return Column(name, Kind.TEXT, required, field=field)


def on(name: str, *, required: bool = False, field: str = "") -> Column:
    """An ISO date column."""
    return Column(name, Kind.DATE, required, field=field)


def choice(name: str, enum: type[StrEnum], *, required: bool = False) -> Column:
    """A column holding one value of an enumeration."""
    return Column(name, Kind.ENUM, required, _values(enum))


def choices(name: str, enum: type[StrEnum]) -> Column:
    """A column holding a `;`-separated list of values of an enumeration."""
    return Column(name, Kind.ENUM_LIST, values=_values(enum))


def reference(name: str, file: str, field: str, *, required: bool = True) -> Column:
    """A column naming the key of a row in another file."""
    return Column(name, Kind.TEXT, required, field=field, references=file)


# The most of anything an inspection counts (responses, interviews, cases): far above any real
# inspection, far below what an INTEGER column holds.
MAX_COUNT = 100_000


def count(name: str) -> Column:
    """An optional whole number, 0 to MAX_COUNT."""
    return Column(name, Kind.INT, minimum=0, maximum=MAX_COUNT)


def at(name: str, *, required: bool = False) -> Column:
    """A timestamp column (date, time and UTC offset)."""
    return Column(name, Kind.TIMESTAMP, required)


def key_part(
    name: str, kind: Kind, file: str, field: str, position: int, *, required: bool
) -> Column:
    """One column of a composite reference: the `position`th key column of a row of `file`."""
    return Column(name, kind, required, part_of=(file, field, position))
