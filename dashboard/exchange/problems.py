"""Problems found in an import, and the refusal that lists them all."""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an import, located by file, spreadsheet row and column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column:
            place.append(self.column)
        return f"{', '.join(place)}: {self.message}"


class ImportRejected(Exception):
    """The import had problems, so nothing was written; `problems` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self._describe())

    def _describe(self) -> str:
        count = len(self.problems)
        heading = f"import rejected, nothing was saved: {count} problem{'s' * (count != 1)}"
        return "\n".join([heading, *(f"- {problem}" for problem in self.problems)])
