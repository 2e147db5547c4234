"""A form row goes through exactly the importer's rules: checked, created, edited, refused."""

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.exchange import ImportRejected, Problem, import_programme, read_upload
from dashboard.exchange.forms import (
    FORM_ROW,
    check_form_row,
    save_form_row,
    save_form_rows,
    stored_row,
)
from models import AuditEntry, JudgementRecord, Provider, Service
from tests.services.exchange_data import PROGRAMME, dump, write_files

PM = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
INSPECTOR = Actor("ian", "Ian Inspector", Role.INSPECTOR)
PARTNER = Actor("ho", "Home Office", Role.PARTNER)

NEW_SERVICE = {
    "code": "SVC-A9",
    "name": "Amber Annexe",
    "provider_code": "PRV-A",
    "group_code": "GRP-A1",
    "service_type": "safehouse",
    "region": "North East",
    "opened_on": "2024-02-01",
    "closed_on": "",
    "bed_spaces": "4",
    "accommodates_children": "no",
}


@pytest.fixture
def programme(session: Session, tmp_path: Path) -> Session:
    """The small hand-written programme, imported and committed."""
    import_programme(session, write_files(tmp_path / "p", PROGRAMME), actor="seed")
    session.commit()
    return session


def _csv_problems(session: Session, file: str, cells: dict[str, str]) -> list[Problem]:
    """The problems the importer reports for the same row uploaded as a one-row CSV file."""
    text = ",".join(cells) + "\n" + ",".join(cells.values()) + "\n"
    with pytest.raises(ImportRejected) as refused:
        import_programme(
            session, read_upload(f"{file}.csv", text.encode()), actor="x", dry_run=True
        )
    return refused.value.problems


def test_a_good_service_row_has_no_problems_and_is_created_with_an_audit_entry(programme):
    assert check_form_row(programme, "services", NEW_SERVICE, new=True) == []

    summary = save_form_row(programme, "services", NEW_SERVICE, actor=PM, new=True)
    programme.commit()

    assert summary.file("services").created == 1
    saved = programme.exec(select(Service).where(Service.code == "SVC-A9")).one()
    assert (saved.bed_spaces, saved.accommodates_children, saved.closed_on) == (4, False, None)
    entry = programme.exec(select(AuditEntry).where(AuditEntry.entity_key == "SVC-A9")).one()
    assert (entry.username, entry.action, entry.entity) == ("pm", "create", "services")
    assert json.loads(entry.changes)["bed_spaces"] == [None, 4]


@pytest.mark.parametrize(
    ("column", "text", "message"),
    [
        ("opened_on", "2024-13-01", "'2024-13-01' is not a real date (use YYYY-MM-DD)"),
        ("opened_on", "", "a value is required"),
        ("bed_spaces", "-1", "'-1' must be 0 or more"),
        ("service_type", "hostel", "'hostel' is not allowed; use one of: safehouse, outreach"),
        (
            "group_code",
            "GRP-ZZ",
            "unknown inspection group 'GRP-ZZ': not in inspection_groups.csv or the database",
        ),
        (
            "group_code",
            "GRP-B1",
            "inspection group 'GRP-B1' belongs to provider 'PRV-B', not 'PRV-A'",
        ),
        ("closed_on", "2020-01-01", "2020-01-01 is before opened_on 2024-02-01"),
    ],
)
def test_a_bad_cell_gets_the_importers_message_on_its_column_and_nothing_is_saved(
    programme, column, text, message
):
    cells = {**NEW_SERVICE, column: text}
    before = dump(programme)

    problems = check_form_row(programme, "services", cells)

    assert problems == [Problem("services.csv", FORM_ROW, column, message)]
    assert problems == _csv_problems(programme, "services", cells)
    with pytest.raises(ImportRejected) as refused:
        save_form_row(programme, "services", cells, actor=PM)
    assert refused.value.problems == problems
    assert dump(programme) == before


def test_cells_are_stripped_and_enumerations_read_as_the_importer_reads_them(programme):
    cells = {**NEW_SERVICE, "name": "  Amber Annexe  ", "service_type": "Safehouse"}
    save_form_row(programme, "services.csv", cells, actor=PM)
    saved = programme.exec(select(Service).where(Service.code == "SVC-A9")).one()
    assert (saved.name, saved.service_type) == ("Amber Annexe", "safehouse")


def test_an_unknown_column_or_file_is_the_importers_problem(programme):
    problems = check_form_row(programme, "providers", {"code": "P9", "name": "N", "colour": "red"})
    assert [(p.field, p.message.split(";")[0]) for p in problems] == [("colour", "unknown column")]
    unknown_file = check_form_row(programme, "sites", {"code": "X"})
    assert len(unknown_file) == 1 and "is not a file of the data exchange format" in str(
        unknown_file[0]
    )


def test_a_new_row_may_not_reuse_an_existing_code(programme):
    cells = {"code": "PRV-A", "name": "Renamed by mistake"}
    assert check_form_row(programme, "providers", cells) == []  # as an upsert it is fine
    problems = check_form_row(programme, "providers", cells, new=True)
    assert problems == [
        Problem(
            "providers.csv", FORM_ROW, "code", "provider 'PRV-A' already exists; choose another"
        )
    ]
    with pytest.raises(ImportRejected):
        save_form_row(programme, "providers", cells, actor=PM, new=True)
    assert programme.exec(select(Provider).where(Provider.code == "PRV-A")).one().name == (
        "Amber Support"
    )


def test_an_edit_at_the_current_version_saves_and_bumps_the_version(programme):
    opened = stored_row(programme, "providers", {"code": "PRV-B"})
    assert opened is not None and opened.cells["allocated_inspector"] == "Jo Inspector"
    cells = {**opened.cells, "allocated_inspector": "Amira Shah"}

    summary = save_form_row(
        programme, "providers", cells, actor=PM, expected_version=opened.version
    )
    programme.commit()

    assert summary.file("providers").updated == 1
    reopened = stored_row(programme, "providers", {"code": "PRV-B"})
    assert reopened.cells["allocated_inspector"] == "Amira Shah"
    assert reopened.version == opened.version + 1


def test_an_edit_opened_before_someone_elses_save_is_refused_as_stale(programme):
    opened = stored_row(programme, "providers", {"code": "PRV-B"})
    save_form_row(
        programme,
        "providers",
        {**opened.cells, "name": "Birch Care Ltd"},
        actor=PM,
        expected_version=opened.version,
    )
    programme.commit()

    with pytest.raises(StaleEdit, match=r"provider PRV-B was changed by pm at .* — reload"):
        save_form_row(
            programme,
            "providers",
            {**opened.cells, "name": "Birch"},
            actor=PM,
            expected_version=opened.version,
        )
    assert programme.exec(select(Provider).where(Provider.code == "PRV-B")).one().name == (
        "Birch Care Ltd"
    )


def test_editing_a_row_that_does_not_exist_is_refused(programme):
    with pytest.raises(ImportRejected, match="'PRV-Q' no longer exists"):
        save_form_row(
            programme, "providers", {"code": "PRV-Q", "name": "Q"}, actor=PM, expected_version=1
        )
    assert stored_row(programme, "providers", {"code": "PRV-Q"}) is None


def test_an_unchanged_row_saves_nothing(programme):
    opened = stored_row(programme, "services", {"code": "SVC-A1"})
    audit_before = len(programme.exec(select(AuditEntry)).all())
    summary = save_form_row(
        programme, "services", opened.cells, actor=PM, expected_version=opened.version
    )
    assert summary.file("services").unchanged == 1
    assert len(programme.exec(select(AuditEntry)).all()) == audit_before


def test_a_composite_key_row_is_found_and_edited(programme):
    key = {"inspection_ref": "INS-1", "key_question": "safe"}
    opened = stored_row(programme, "judgements", key)
    assert opened.cells == {**key, "judgement": "not meeting"}
    save_form_row(
        programme,
        "judgements",
        {**key, "judgement": "meeting"},
        actor=PM,
        expected_version=opened.version,
    )
    judgements = programme.exec(select(JudgementRecord)).all()
    assert sorted(j.judgement for j in judgements).count("not meeting") == 1


def test_roles_the_file_does_not_allow_are_refused_before_anything_is_checked(programme):
    before = dump(programme)
    with pytest.raises(PermissionDenied, match="Home Office .partner. may not change services"):
        save_form_row(programme, "services", NEW_SERVICE, actor=PARTNER)
    with pytest.raises(PermissionDenied, match="may not change providers"):
        save_form_row(programme, "providers", {"code": "P9", "name": "N"}, actor=INSPECTOR)
    assert dump(programme) == before


def test_an_inspector_may_not_write_inspection_files_through_a_form_row(programme):
    # A form row writes whichever inspection it names; inspectors use the inspection services,
    # which check they lead it.
    before = dump(programme)
    key = {"inspection_ref": "INS-1", "key_question": "safe"}
    with pytest.raises(PermissionDenied, match="may not change judgements"):
        save_form_row(programme, "judgements", {**key, "judgement": "meeting"}, actor=INSPECTOR)
    with pytest.raises(PermissionDenied, match="may not change escalations"):
        save_form_rows(programme, "escalations", [{"ref": "ESC-9"}], actor=INSPECTOR)
    assert dump(programme) == before


def test_several_rows_save_all_or_nothing(programme):
    good = {**NEW_SERVICE}
    bad = {**NEW_SERVICE, "code": "SVC-A8", "opened_on": "soon"}
    before = dump(programme)
    with pytest.raises(ImportRejected) as refused:
        save_form_rows(programme, "services", [good, bad], actor=PM)
    assert [(p.row, p.field) for p in refused.value.problems] == [(FORM_ROW + 1, "opened_on")]
    assert dump(programme) == before
    summary = save_form_rows(
        programme, "services", [good, {**bad, "opened_on": "2024-03-01"}], actor=PM
    )
    assert summary.file("services").created == 2
