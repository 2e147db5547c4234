"""Read an exchange source (CSV folder, .csv, .xlsx workbook or .zip) into raw rows of text."""

import csv
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from openpyxl import load_workbook

from dashboard.core.csv_file import unguard_formula
from dashboard.exchange.problems import Problem

SUPPORTED = "a folder of CSV files, a .csv file, an .xlsx workbook or a .zip of CSV files"
# Archives (.zip, and .xlsx, which is one) are checked from their directory before a byte is
# unpacked: a 1.5 MB zip can hold a 1.5 GB file. The declared sizes bind: zipfile reads no
# more than a member declares. A whole programme at 100x the demo unpacks to ~150 MB.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 500
MAX_RATIO = 200  # unpacked / packed, for members over RATIO_FLOOR (CSV packs ~5-20x)
RATIO_FLOOR = 1024 * 1024


@dataclass(frozen=True)
class RawRow:
    """One non-blank row: its spreadsheet row number (header is row 1) and stripped cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class RawTable:
    """One file or sheet as read: its name without `.csv`, its header and its rows."""

    name: str
    label: str
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]


@dataclass(frozen=True)
class RawSource:
    """Everything read from one source, with any problem met while reading it."""

    origin: str
    tables: tuple[RawTable, ...]
    problems: tuple[Problem, ...] = ()


def _table(
    name: str,
    label: str,
    lines: Iterable[Iterable[Any]],
    cell_text: Callable[[Any], str] | None = None,
) -> RawTable:
    """A table from rows of cell values (as text by `cell_text`, by default any workbook
    value's); blank rows are skipped but still numbered."""
    header: tuple[str, ...] = ()
    rows: list[RawRow] = []
    for number, line in enumerate(lines, start=1):
        cells = tuple(map(cell_text or _cell_text, line))
        if number == 1:
            header = _trim(cells)
        elif any(cells):
            rows.append(RawRow(number, _trim(cells)))
    return RawTable(name, label, header, tuple(rows))


def _trim(cells: tuple[str, ...]) -> tuple[str, ...]:
    """Cells without the empty ones trailing at the end of a row."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _cell_text(value: Any) -> str:
    """A cell as stripped text: workbook dates become ISO dates, whole numbers lose `.0`."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_cell(text: str) -> str:
    """A CSV cell stripped, without the `'` the one CSV writer puts before a formula-like text."""
    return unguard_formula(text.strip())


def _csv(file_name: str, data: bytes) -> tuple[RawTable | None, Problem | None]:
    """One CSV file (UTF-8, with or without a byte order mark)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        message = "is not UTF-8 text; save the file as 'CSV UTF-8'"
        return None, Problem(file_name, row, None, message)
    try:
        lines = csv.reader(io.StringIO(text, newline=""))
        # CSV cells are text already: only stripped (the importer reads millions of them)
        return _table(PurePosixPath(file_name).stem, file_name, lines, _csv_cell), None
    except csv.Error as error:
        return None, Problem(file_name, None, None, f"cannot be read as CSV: {error}")


def _csv_files(origin: str, files: Iterable[tuple[str, bytes]]) -> RawSource:
    """A source made of CSV files given as (file name, content) pairs."""
    tables: list[RawTable] = []
    problems: list[Problem] = []
    for file_name, data in files:
        table, problem = _csv(file_name, data)
        if table is not None:
            tables.append(table)
        if problem is not None:
            problems.append(problem)
    return RawSource(origin, tables=tuple(tables), problems=tuple(problems))


def archive_problem(origin: str, archive: zipfile.ZipFile) -> Problem | None:
    """Why an archive is refused before unpacking (too big, too many members, a bomb), if so."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return Problem(origin, None, None, f"holds {len(members)} files; at most {MAX_MEMBERS}")
    unpacked = sum(info.file_size for info in members)
    if unpacked > MAX_UNPACKED_BYTES:
        message = (
            f"would unpack to {-(-unpacked // 2**20)} MB; at most {MAX_UNPACKED_BYTES // 2**20} MB "
            "can be imported at once: split it"
        )
        return Problem(origin, None, None, message)
    for info in members:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            message = f"{info.filename} is compressed more than {MAX_RATIO} to 1: refused as unsafe"
            return Problem(origin, None, None, message)
    return None


def _checked_archive(origin: str, data: bytes, kind: str) -> zipfile.ZipFile | Problem:
    """The archive, or the problem that refuses it unread."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return Problem(origin, None, None, f"cannot be read as {kind}")
    problem = archive_problem(origin, archive)
    if problem is not None:
        archive.close()
        return problem
    return archive


def _workbook(origin: str, data: bytes) -> RawSource:
    """An .xlsx workbook, one sheet per file, read in read-only mode."""
    checked = _checked_archive(origin, data, "an .xlsx workbook")
    if isinstance(checked, Problem):
        return RawSource(origin, tables=(), problems=(checked,))
    checked.close()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        problem = Problem(origin, None, None, f"cannot be read as an .xlsx workbook ({error})")
        return RawSource(origin, tables=(), problems=(problem,))
    try:
        tables = tuple(
            _table(
                _sheet_name(sheet.title),
                f"sheet {sheet.title!r}",
                sheet.iter_rows(values_only=True),
            )
            for sheet in workbook.worksheets
        )
    finally:
        workbook.close()
    return RawSource(origin, tables=tables)


def _sheet_name(title: str) -> str:
    """The file a sheet stands for; a sheet called `services.csv` is taken as `services`."""
    title = title.strip()
    return title[:-4] if title.lower().endswith(".csv") else title


def _zip(origin: str, data: bytes) -> RawSource:
    """A .zip archive of CSV files; other members and folders are ignored."""
    archive = _checked_archive(origin, data, "a .zip archive")
    if isinstance(archive, Problem):
        return RawSource(origin, tables=(), problems=(archive,))
    with archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir()
            and _is_csv(PurePosixPath(info.filename))
            and "__MACOSX" not in PurePosixPath(info.filename).parts
        ]
        files = [(PurePosixPath(info.filename).name, archive.read(info)) for info in members]
    return _csv_files(origin, files)


def _is_csv(path: PurePosixPath) -> bool:
    return path.suffix.lower() == ".csv" and not path.name.startswith(".")


def read_upload(filename: str, data: bytes) -> RawSource:
    """Read an uploaded .xlsx workbook, .zip of CSV files or single .csv from memory."""
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix == ".xlsx":
        return _workbook(filename, data)
    if suffix == ".zip":
        return _zip(filename, data)
    if suffix == ".csv":
        return _csv_files(filename, [(PurePosixPath(filename).name, data)])
    problem = Problem(filename, None, None, f"is not a supported source; use {SUPPORTED}")
    return RawSource(filename, tables=(), problems=(problem,))


def read_source(path: Path) -> RawSource:
    """Read a folder of CSV files (other files ignored), a .csv, an .xlsx or a .zip from disk."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and _is_csv(PurePosixPath(p.name)))
        return _csv_files(str(path), [(p.name, p.read_bytes()) for p in files])
    if not path.is_file():
        problem = Problem(str(path), None, None, "does not exist")
        return RawSource(str(path), tables=(), problems=(problem,))
    return read_upload(path.name, path.read_bytes())
