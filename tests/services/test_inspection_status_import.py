"""Inspection status in the exchange format: a blank follows end_on; a cancellation has a reason."""

from pathlib import Path

import pytest
from sqlmodel import Session, select

from dashboard.exchange import ImportRejected, import_programme
from models import Inspection
from tests.services.exchange_data import PROGRAMME, write_files

HEADER = "ref,group_code,inspection_type,start_on,end_on,status,cancelled_reason\n"


def _import(session: Session, tmp_path: Path, rows: str, name: str = "more") -> None:
    """The small programme, then an inspections.csv holding `rows` under HEADER."""
    import_programme(session, write_files(tmp_path / "base", PROGRAMME), actor="pm")
    import_programme(
        session, write_files(tmp_path / name, {"inspections": HEADER + rows}), actor="pm"
    )
    session.commit()


def _status(session: Session, ref: str) -> tuple[str, str | None]:
    row = session.exec(select(Inspection).where(Inspection.ref == ref)).one()
    return row.status, row.cancelled_reason


def test_the_small_programme_derives_status_from_end_on(session: Session, tmp_path: Path) -> None:
    import_programme(session, write_files(tmp_path / "base", PROGRAMME), actor="pm")

    # INS-1 and INS-3 have an end date; INS-2 has none and no status column says otherwise.
    assert _status(session, "INS-1") == ("carried out", None)
    assert _status(session, "INS-2") == ("planned", None)
    assert _status(session, "INS-3") == ("carried out", None)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("INS-9,GRP-A1,focused,2024-03-05,,,", ("planned", None)),
        ("INS-9,GRP-A1,comprehensive,2024-03-05,2024-03-06,,", ("carried out", None)),
        ("INS-9,GRP-A1,comprehensive,2024-03-05,,carried out,", ("carried out", None)),
        ("INS-9,GRP-A1,comprehensive,2024-03-05,2024-03-06,planned,", ("planned", None)),
        (
            "INS-9,GRP-A1,comprehensive,2024-03-05,,cancelled,Service closed early",
            ("cancelled", "Service closed early"),
        ),
    ],
)
def test_status_as_given_or_derived(
    session: Session, tmp_path: Path, row: str, expected: tuple[str, str | None]
) -> None:
    if row.split(",")[2] == "focused":
        row = row.replace("focused", "assurance")  # focused needs named key questions
    _import(session, tmp_path, row + "\n")

    assert _status(session, "INS-9") == expected


def test_a_row_without_a_status_column_keeps_the_stored_status(
    session: Session, tmp_path: Path
) -> None:
    _import(session, tmp_path, "INS-1,GRP-A1,comprehensive,2022-01-18,,cancelled,Postponed\n")
    rows = "ref,group_code,inspection_type,start_on\nINS-1,GRP-A1,comprehensive,2022-01-18\n"
    update = {"inspections": rows}
    import_programme(session, write_files(tmp_path / "again", update), actor="pm")

    assert _status(session, "INS-1") == ("cancelled", "Postponed")


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("cancelled,", "cancelled_reason", "is required when status is cancelled"),
        ("planned,Too soon", "cancelled_reason", "is only for a row whose status is cancelled"),
        ("postponed,", "status", "postponed"),
    ],
)
def test_status_problems_name_the_row_and_field_and_write_nothing(
    session: Session, tmp_path: Path, row: str, field: str, message: str
) -> None:
    import_programme(session, write_files(tmp_path / "base", PROGRAMME), actor="pm")
    session.commit()
    rows = HEADER + f"INS-9,GRP-A1,comprehensive,2024-03-05,,{row}\n"

    with pytest.raises(ImportRejected) as rejected:
        import_programme(session, write_files(tmp_path / "bad", {"inspections": rows}), actor="pm")

    [problem] = rejected.value.problems
    assert (problem.file, problem.row, problem.field) == ("inspections.csv", 2, field)
    assert message in problem.message
    assert session.exec(select(Inspection).where(Inspection.ref == "INS-9")).first() is None
