"""The one CSV writer: every CSV the project writes goes through `write_csv`.

A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula
(CSV injection), so such a text cell is written with a leading `'`, as OWASP advises. Two kinds
of cell are kept exactly as they are, because a spreadsheet reads them as values and never runs
them: numbers (`-5`, `+1.5e3`, whether given as numbers or as text) and anything starting with a
digit, such as an ISO date (`2026-11-02`) or a timestamp.

The guard is reversible, so the exchange format stays lossless: a text that already starts with
quotes before a formula-like character gets one more, and `unguard_formula` (which the importer
applies to CSV cells) takes exactly one off.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

# A spreadsheet reads a text cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _needs_guard(text: str) -> bool:
    """Whether the text, after any quotes it starts with, would run as a formula."""
    bare = text.lstrip(GUARD)
    return bare.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(bare)


def guard_formula(text: str) -> str:
    """The text as a CSV cell a spreadsheet shows as typed: `=1+2` → `'=1+2`; `-5` stays."""
    return GUARD + text if _needs_guard(text) else text


def unguard_formula(text: str) -> str:
    """The text `guard_formula` was given: one leading `'` off a guarded cell, else as it is."""
    return text[1:] if text.startswith(GUARD) and _needs_guard(text) else text


def _cell(value: Any) -> Any:
    return guard_formula(value) if isinstance(value, str) else value


def write_csv(
    handle: TextIO,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    *,
    lineterminator: str = "\r\n",
) -> None:
    """Write a header and rows as CSV, every text cell guarded; None is an empty cell."""
    writer = csv.writer(handle, lineterminator=lineterminator)
    writer.writerow([_cell(name) for name in header])
    writer.writerows([_cell(value) for value in row] for row in rows)


def csv_text(
    header: Sequence[str], rows: Iterable[Iterable[Any]], *, lineterminator: str = "\r\n"
) -> str:
    """The header and rows as CSV text (see `write_csv`)."""
    buffer = io.StringIO()
    write_csv(buffer, header, rows, lineterminator=lineterminator)
    return buffer.getvalue()
