"""concerns.csv in the exchange format: stored typed and linked, refused by file, row and
column with nothing written, and the same rules for the form and the file."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from dashboard.core.config import SEED_DIR
from dashboard.exchange import ImportRejected, import_programme
from dashboard.exchange.template import template_workbook_bytes
from models import Concern, InspectionGroup, Provider
from tests.services.exchange_data import write_files
from tests.services.test_exchange_lossless import LOSSLESS

CONCERNS = LOSSLESS["concerns"]


@pytest.fixture
def imported(session: Session, tmp_path: Path) -> Session:
    import_programme(session, write_files(tmp_path / "in", LOSSLESS), actor="setup")
    session.commit()
    return session


def test_concerns_are_stored_typed_and_linked(imported: Session) -> None:
    rows = {row.ref: row for row in imported.exec(select(Concern)).all()}
    first = rows["CON-2022-001"]
    provider = imported.exec(select(Provider).where(Provider.code == "PRV-A")).one()
    group = imported.exec(select(InspectionGroup).where(InspectionGroup.code == "GRP-A1")).one()

    assert (first.provider_id, first.group_id) == (provider.id, group.id)
    assert first.inspection_id is not None
    assert (first.key_questions, first.status, first.closed_on) == (
        "well-led;safe",
        "closed",
        date(2022, 3, 29),
    )
    assert (rows["CON-2023-001"].group_id, rows["CON-2023-001"].key_questions) == (None, None)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "medium,open,escalated,,\n",
            "medium,closed,escalated,,\n",
            "concerns.csv, row 3, closed_on: is required when status is closed",
        ),
        (
            "medium,open,escalated,,\n",
            "medium,open,escalated,,2023-07-01\n",
            "concerns.csv, row 3, closed_on: is only for a closed concern",
        ),
        (
            "INS-1,2022-03-29",
            "INS-1,2021-12-31",
            "concerns.csv, row 2, closed_on: 2021-12-31 is before received_on 2022-01-03",
        ),
        (
            "PRV-A,GRP-A1,",
            "PRV-B,GRP-A1,",
            "concerns.csv, row 2, group_code: inspection group 'GRP-A1' belongs to provider "
            "'PRV-A', not 'PRV-B'",
        ),
        (
            "whistleblower,PRV-B",
            "journalist,PRV-B",
            "concerns.csv, row 3, source: 'journalist' is not allowed",
        ),
        (
            "2023-06-02,other,PRV-A,,caring",
            "2023-06-02,other,PRV-A,,kindness",
            "concerns.csv, row 4, key_questions: 'kindness' is not allowed",
        ),
        (
            "focused inspection,INS-1",
            "focused inspection,INS-9",
            "concerns.csv, row 2, inspection_ref: unknown inspection 'INS-9'",
        ),
        (
            "2023-06-02,other,PRV-A",
            "2023-06-31,other,PRV-A",
            "concerns.csv, row 4, received_on: '2023-06-31' is not a real date",
        ),
        (
            "Food choice raised by feedback form",
            "Food\x0bchoice",
            "concerns.csv, row 4, summary: contains a control character U+000B",
        ),
    ],
)
def test_bad_concern_cells_are_named_and_nothing_is_written(
    session: Session, tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in CONCERNS
    files = {**LOSSLESS, "concerns": CONCERNS.replace(old, new)}

    with pytest.raises(ImportRejected) as rejected:
        import_programme(session, write_files(tmp_path / "bad", files), actor="pm")

    problems = [str(p) for p in rejected.value.problems]
    assert [p for p in problems if p.startswith(expected)], problems
    assert session.exec(select(func.count()).select_from(Concern)).one() == 0
    assert session.exec(select(Provider)).first() is None


def test_an_inspection_of_another_provider_is_refused(imported: Session, tmp_path: Path) -> None:
    header = CONCERNS.splitlines()[0]
    row = "CON-2024-001,2024-01-02,home office,PRV-B,,,Late return,low,open,,INS-1,"
    before = imported.exec(select(func.count()).select_from(Concern)).one()

    with pytest.raises(ImportRejected) as rejected:
        import_programme(
            imported, write_files(tmp_path / "one", {"concerns": f"{header}\n{row}\n"}), actor="pm"
        )

    assert [str(p) for p in rejected.value.problems] == [
        "concerns.csv, row 2, inspection_ref: inspection 'INS-1' is of provider 'PRV-A', not "
        "'PRV-B'"
    ]
    assert imported.exec(select(func.count()).select_from(Concern)).one() == before


def test_the_demo_and_the_template_hold_concerns_that_import(
    session: Session, tmp_path: Path
) -> None:
    summary = import_programme(session, SEED_DIR, actor="setup")
    assert summary.file("concerns").created == 12
    session.rollback()

    template = tmp_path / "template.xlsx"
    template.write_bytes(template_workbook_bytes())
    assert import_programme(session, template, actor="setup").file("concerns").created == 1
