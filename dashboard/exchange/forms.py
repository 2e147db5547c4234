"""Forms use the importer's rules: one form row checked, or saved, as a one-row exchange file.

A page collects text cells as a CSV would hold them (ISO dates, `yes`/`no`, `;` lists, codes for
references), and these functions run them through exactly the importer's parsing, validation and
reference checks against the database, so a form and an upload can never disagree.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from dashboard.core.db import SAVED_AT_THE_SAME_MOMENT, SavedAtTheSameMoment
from dashboard.core.editing import StaleEdit, _who_changed_last
from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.exchange.cells import CellError, cell_text, parse_cell
from dashboard.exchange.formats import FORMAT_BY_NAME, FileFormat
from dashboard.exchange.importer import import_programme
from dashboard.exchange.known import load_known
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.exchange.reader import RawRow, RawSource, RawTable
from dashboard.exchange.rows import KeyIndex, key_text, model_fields, model_values
from dashboard.exchange.summary import ImportSummary
from dashboard.exchange.validation import validate

# The spreadsheet row a one-row file's only data row is on (row 1 is the header).
FORM_ROW = 2
# A form row writes any row of its file, whoever leads the inspection, so only programme managers
# and admins may use it; inspectors' own work goes through services that check the lead inspector.
WRITERS = MANAGERS


@dataclass(frozen=True)
class FormRow:
    """A stored row as a form shows it: its cells as exchange text, and its version."""

    cells: dict[str, str]
    version: int


def file_stem(file_name: str) -> str:
    """`services.csv` or `services` → `services`."""
    return file_name.strip().lower().removesuffix(".csv")


def form_source(file_name: str, rows: Sequence[Mapping[str, str]]) -> RawSource:
    """A RawSource holding one file whose header is the first row's keys, cells stripped."""
    stem = file_stem(file_name)
    header = tuple(rows[0]) if rows else ()
    raw_rows = tuple(
        RawRow(FORM_ROW + offset, tuple((row.get(name) or "").strip() for name in header))
        for offset, row in enumerate(rows)
    )
    table = RawTable(stem, f"{stem}.csv", header, raw_rows)
    return RawSource(f"{stem} form", tables=(table,))


def check_form_row(
    session: Session,
    file_name: str,
    cells: Mapping[str, str],
    *,
    new: bool = False,
    made_key: bool = False,
) -> list[Problem]:
    """Every problem the importer would find with this row; with `new`, an existing key too.

    A key the server made (`made_key`: the next free number) that is taken was taken by a save
    at the same moment: that raises `SavedAtTheSameMoment`, so `db.write` numbers it again."""
    problems = check_form_rows(session, file_name, [cells])
    if problems or not new:
        return problems
    fmt = FORMAT_BY_NAME[file_stem(file_name)]
    if _stored(session, fmt, cells) is not None:
        raise_if_made(made_key)
        return [_key_problem(fmt, cells, "already exists; choose another")]
    return []


def raise_if_made(made_key: bool) -> None:
    """A server-made key found taken was taken by a save at the same moment: number it again."""
    if made_key:
        raise SavedAtTheSameMoment(SAVED_AT_THE_SAME_MOMENT)


def check_form_rows(
    session: Session, file_name: str, rows: Sequence[Mapping[str, str]]
) -> list[Problem]:
    """Every problem the importer would find with these rows of one file."""
    problems = validate(form_source(file_name, rows), load_known(session))[1]
    return list(problems)


def save_form_row(
    session: Session,
    file_name: str,
    cells: Mapping[str, str],
    *,
    actor: Actor,
    expected_version: int | None = None,
    new: bool = False,
    made_key: bool = False,
) -> ImportSummary:
    """Create or update one row through the importer (audited); an edit refuses a stale version.

    Raises PermissionDenied, ImportRejected (every problem, nothing written), StaleEdit or (a
    `made_key` taken meanwhile) SavedAtTheSameMoment.
    """
    stem = file_stem(file_name)
    require_role(actor, WRITERS, f"change {stem.replace('_', ' ')}")
    problems = check_form_row(session, stem, cells, new=new, made_key=made_key)
    fmt = FORMAT_BY_NAME.get(stem)
    if fmt is not None and not problems and expected_version is not None:
        problems = _check_version(session, fmt, cells, expected_version)
    if problems:
        raise ImportRejected(problems)
    if not new:
        return save_form_rows(session, stem, [cells], actor=actor)
    return _save_new_row(session, stem, cells, actor=actor, made_key=made_key)


def _save_new_row(
    session: Session, stem: str, cells: Mapping[str, str], *, actor: Actor, made_key: bool
) -> ImportSummary:
    """Create the row; if a save at the same moment stored its key after our check, the import
    would update that row instead: refuse (rolled back with the transaction), never overwrite."""
    try:
        summary = save_form_rows(session, stem, [cells], actor=actor)
    except StaleEdit:
        summary = None
    if summary is None or summary.total.created == 0:
        raise_if_made(made_key)
        fmt = FORMAT_BY_NAME[stem]
        raise ImportRejected([_key_problem(fmt, cells, "already exists; choose another")])
    return summary


def save_form_rows(
    session: Session, file_name: str, rows: Sequence[Mapping[str, str]], *, actor: Actor
) -> ImportSummary:
    """Create or update rows of one file through the importer, all or nothing, audited."""
    stem = file_stem(file_name)
    require_role(actor, WRITERS, f"change {stem.replace('_', ' ')}")
    try:
        return import_programme(session, form_source(stem, rows), actor=actor.username)
    except StaleDataError:
        # someone saved the same row between our read and our write
        session.rollback()
        raise StaleEdit(f"{stem.replace('_', ' ')}: a row was changed meanwhile — reload") from None


def stored_row(session: Session, file_name: str, key: Mapping[str, str]) -> FormRow | None:
    """The stored row with this key (key columns as text), as form cells and its version."""
    fmt = FORMAT_BY_NAME[file_stem(file_name)]
    row = _stored(session, fmt, key)
    if row is None:
        return None
    values = model_values(row, fmt.columns, KeyIndex(session))
    cells = {name: cell_text(value) for name, value in values.items()}
    return FormRow(cells, getattr(row, "version"))  # noqa: B009 (every exchange table has it)


def _check_version(
    session: Session, fmt: FileFormat, cells: Mapping[str, str], expected_version: int
) -> list[Problem]:
    """An edit must find its row at the version the form was opened at (else StaleEdit)."""
    row = _stored(session, fmt, cells)
    if row is None:
        return [_key_problem(fmt, cells, "no longer exists, so it cannot be edited")]
    if getattr(row, "version") != expected_version:  # noqa: B009
        key = key_text(_typed_key(fmt, cells))
        raise StaleEdit(f"{fmt.label} {key} was {_who_changed_last(session, fmt.name, key)}")
    return []


def _typed_key(fmt: FileFormat, cells: Mapping[str, str]) -> tuple[Any, ...]:
    """The row's key as the importer types it (dates as dates, enums in lower case)."""
    return tuple(parse_cell(fmt.column(name), (cells.get(name) or "").strip()) for name in fmt.key)


def _stored(session: Session, fmt: FileFormat, cells: Mapping[str, str]) -> SQLModel | None:
    """The table row whose key the cells name, if any (the cells are already valid)."""
    model: Any = fmt.model
    index = KeyIndex(session)
    try:
        key = dict(zip(fmt.key, _typed_key(fmt, cells), strict=True))
        fields = model_fields(fmt, key, index)
    except (CellError, KeyError):  # a key that cannot be typed or resolved matches nothing
        return None
    conditions = [
        getattr(model, attribute).is_(None) if value is None else getattr(model, attribute) == value
        for attribute, value in fields.items()
    ]
    return session.exec(select(model).where(*conditions)).first()


def _key_problem(fmt: FileFormat, cells: Mapping[str, str], what: str) -> Problem:
    """A problem on the key column naming the key, e.g. `provider 'P01' already exists`."""
    shown = " | ".join((cells.get(name) or "").strip() for name in fmt.key)
    return Problem(fmt.file_name, FORM_ROW, fmt.key[-1], f"{fmt.label} {shown!r} {what}")
