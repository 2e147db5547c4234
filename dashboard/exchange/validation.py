"""Turn raw rows into typed records, collecting every problem rather than stopping at the first."""

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from dashboard.exchange.cells import CellError, parse_cell
from dashboard.exchange.formats import FORMAT_BY_NAME, FORMATS, FileFormat
from dashboard.exchange.known import Known
from dashboard.exchange.problems import Problem
from dashboard.exchange.reader import RawRow, RawSource, RawTable
from dashboard.exchange.records import Parsed, Record
from dashboard.exchange.references import check_references
from dashboard.exchange.row_rules import ROW_RULES


def validate(source: RawSource, known: Known) -> tuple[Parsed, list[Problem]]:
    """Typed records per file (in dependency order) and every problem found, in file/row order."""
    problems = list(source.problems)
    tables = _recognised_tables(source, problems)
    parsed: Parsed = {}
    for fmt in FORMATS:
        if fmt.name in tables:
            parsed[fmt.name] = _parse_table(fmt, tables[fmt.name], problems)
            _check_keys(fmt, parsed[fmt.name], problems)
            _check_rows(fmt, parsed[fmt.name], problems)
    check_references(parsed, known, problems)
    return parsed, sorted(problems, key=_problem_order)


def shifted(parsed: Parsed, days: int) -> Parsed:
    """The same records with every date moved by `days` days."""
    if not days:
        return parsed
    delta = timedelta(days=days)
    return {
        name: [
            replace(
                record,
                values={
                    column: value + delta if isinstance(value, date) else value
                    for column, value in record.values.items()
                },
            )
            for record in records
        ]
        for name, records in parsed.items()
    }


def _recognised_tables(source: RawSource, problems: list[Problem]) -> dict[str, RawTable]:
    """Tables named after a file of the format; any other name, or a name twice, is a problem."""
    tables: dict[str, RawTable] = {}
    for table in source.tables:
        name = table.name.strip().lower()
        if name not in FORMAT_BY_NAME:
            csv_file = table.label.lower().endswith(".csv")
            expected = ", ".join(fmt.file_name if csv_file else fmt.name for fmt in FORMATS)
            kind = "file" if csv_file else "sheet"
            message = f"is not a {kind} of the data exchange format; expected one of: {expected}"
            problems.append(Problem(table.label, None, None, message))
        elif name in tables:
            message = f"appears more than once (also as {tables[name].label})"
            problems.append(Problem(table.label, None, None, message))
        else:
            tables[name] = table
    return tables


def _parse_table(fmt: FileFormat, table: RawTable, problems: list[Problem]) -> list[Record]:
    """Check the header, then type every cell of every row."""
    file = fmt.file_name
    positions: dict[str, int] = {}
    for index, name in enumerate(table.header):
        if not name:
            continue
        if name not in fmt.column_names:
            columns = ", ".join(fmt.column_names)
            problems.append(Problem(file, 1, name, f"unknown column; {file} has: {columns}"))
        elif name in positions:
            problems.append(Problem(file, 1, name, "column appears more than once"))
        else:
            positions[name] = index
    for column in fmt.columns:
        if column.required and column.name not in positions:
            problems.append(Problem(file, 1, column.name, "required column is missing"))
    present = [
        (fmt.column(name), name, index, fmt.max_length(fmt.column(name)))
        for name, index in positions.items()
    ]
    headed = len(table.header)
    unheaded = any(not name for name in table.header)
    records: list[Record] = []
    for raw in table.rows:
        record = Record(raw.number, {})
        cells, width = raw.cells, len(raw.cells)
        for column, name, index, limit in present:
            text = cells[index] if index < width else ""
            if not text and column.required:
                problems.append(Problem(file, raw.number, name, "a value is required"))
                record.invalid.add(name)
                continue
            try:
                record.values[name] = parse_cell(column, text, limit)
            except CellError as error:
                problems.append(Problem(file, raw.number, name, str(error)))
                record.invalid.add(name)
        if width > headed or unheaded:  # else every cell has a header: nothing to look for
            problems.extend(_cells_without_header(file, table.header, raw))
        records.append(record)
    return records


def _cells_without_header(file: str, header: tuple[str, ...], raw: RawRow) -> list[Problem]:
    """A problem for each filled cell of the row whose column has no header."""
    return [
        Problem(
            file, raw.number, None, f"{text!r} is in column {_letter(index)}, which has no header"
        )
        for index, text in enumerate(raw.cells)
        if text and (index >= len(header) or not header[index])
    ]


def _letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _check_keys(fmt: FileFormat, records: list[Record], problems: list[Problem]) -> None:
    """A key may appear once per file; both rows are named."""
    required = [name for name in fmt.key if fmt.column(name).required]
    first_row: dict[tuple[Any, ...], int] = {}
    for record in records:
        if any(record.values.get(name) is None for name in required):
            continue
        key = record.key(fmt)
        first = first_row.setdefault(key, record.row)
        if first == record.row:
            continue
        if len(fmt.key) == 1:
            message = f"{key[0]!r} is on rows {first} and {record.row}; each {fmt.key[0]} is unique"
        else:
            shown = " and ".join(
                f"{name} {value!r}"
                for name, value in zip(fmt.key, key, strict=True)
                if value is not None
            )
            message = f"rows {first} and {record.row} both have {shown}; only one is allowed"
        problems.append(Problem(fmt.file_name, record.row, fmt.key[-1], message))


def _check_rows(fmt: FileFormat, records: list[Record], problems: list[Problem]) -> None:
    """Rules within one row: dates in the order events happen, fields that go together."""
    for record in records:
        for earlier, later in fmt.date_order:
            first, then = record.values.get(earlier), record.values.get(later)
            if first is not None and then is not None and then < first:
                message = f"{then.isoformat()} is before {earlier} {first.isoformat()}"
                problems.append(Problem(fmt.file_name, record.row, later, message))
        for column, value, other in fmt.only_when:
            problems.extend(_check_only_when(fmt, record, column, value, other))
        for rule in ROW_RULES.get(fmt.name, ()):
            for field, message in rule(record.values):
                problems.append(Problem(fmt.file_name, record.row, field, message))
        for column, other in fmt.not_same:
            given = record.values.get(column)
            if given is not None and given == record.values.get(other):
                message = f"names this row's own {column} {given!r}"
                problems.append(Problem(fmt.file_name, record.row, other, message))


def _check_only_when(
    fmt: FileFormat, record: Record, column: str, value: str, other: str
) -> list[Problem]:
    """`other` is given exactly when the row's `column` is `value` (a row silent on it: either)."""
    given, filled = record.values.get(column), record.values.get(other) is not None
    if given == value and not filled:
        return [Problem(fmt.file_name, record.row, other, f"is required when {column} is {value}")]
    if given is not None and given != value and filled:
        message = f"is only for a row whose {column} is {value} (this one is {given})"
        return [Problem(fmt.file_name, record.row, other, message)]
    return []


def _problem_order(problem: Problem) -> tuple[int, int, int]:
    """Problems sorted by file (in dependency order), then row, then column."""
    stem = (problem.file or "").removesuffix(".csv")
    fmt = FORMAT_BY_NAME.get(stem)
    if fmt is None or problem.file != fmt.file_name:
        return (-1, 0, 0)
    names = fmt.column_names
    column = names.index(problem.field) if problem.field in names else len(names)
    return (FORMATS.index(fmt), problem.row or 0, column)
