"""Typed records: the rows of an import after every cell has been checked."""

from dataclasses import dataclass, field
from typing import Any

from dashboard.exchange.formats import FileFormat


@dataclass
class Record:
    """One row of a file: typed values for the columns it has, and the columns that failed."""

    row: int
    values: dict[str, Any]
    invalid: set[str] = field(default_factory=set)

    def key(self, fmt: FileFormat) -> tuple[Any, ...]:
        """The row's key, in the order of the format's key columns."""
        return tuple(self.values.get(name) for name in fmt.key)


# Records per file name, in the format's dependency order.
Parsed = dict[str, list[Record]]
