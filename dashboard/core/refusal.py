"""One way to refuse: every refused write or input derives from `Refused`, carrying a sentence
for the person and, where it concerns a field, the problems naming each field.

Pages and the command line catch `Refused` only: anything else is a bug and should surface as
one, never as a friendly message.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with input: where (file, spreadsheet row, field or column) and what.

    An import's problems name the file and row; a form's only the field.
    """

    file: str | None
    row: int | None
    field: str | None
    message: str

    @classmethod
    def about(cls, field: str, message: str) -> "Problem":
        """A problem with one field of a form."""
        return cls(None, None, field, message)

    def __str__(self) -> str:
        if self.file is None:
            where = (self.field or "").replace("_", " ")
            return f"{where}: {self.message}" if where else self.message
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.field:
            place.append(self.field)
        return f"{', '.join(place)}: {self.message}"


class Refused(Exception):
    """A write or input refused with a sentence naming what is wrong; nothing was written."""

    def __init__(self, message: str = "", problems: Sequence[Problem] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message or "; ".join(str(problem) for problem in self.problems))

    def messages(self, field: str) -> list[str]:
        """The messages about one field."""
        return [problem.message for problem in self.problems if problem.field == field]
