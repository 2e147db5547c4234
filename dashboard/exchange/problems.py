"""Problems found in an import, and the refusal that lists them all."""

from collections.abc import Sequence

from dashboard.core.refusal import Problem, Refused

__all__ = ["ImportRejected", "Problem"]


class ImportRejected(Refused):
    """The import had problems, so nothing was written; `problems` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        count = len(problems)
        heading = f"import rejected, nothing was saved: {count} problem{'s' * (count != 1)}"
        lines = [heading, *(f"- {problem}" for problem in problems)]
        super().__init__("\n".join(lines), problems)
