"""Reference data: moving a service keeps its history; closing sets dates, never deletes."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.exchange import ImportRejected, import_programme, read_upload
from dashboard.exchange.exporter import export_workbook_bytes
from dashboard.exchange.forms import save_form_row, stored_row
from dashboard.reference.queries import (
    reference_frame,
    services_left_open,
)
from dashboard.reference.service import (
    close_group,
    close_provider,
    close_service,
    end_mou_term,
    move_service,
)
from models import AuditEntry, Inspection, InspectionGroup, MouTerm, Recommendation, Service
from tests.factories import inspection_refs_of_group
from tests.services.exchange_data import PROGRAMME, dump, write_files

PM = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
INSPECTOR = Actor("ian", "Ian Inspector", Role.INSPECTOR)


@pytest.fixture
def programme(session: Session, tmp_path: Path) -> Session:
    """The small hand-written programme, imported and committed."""
    import_programme(session, write_files(tmp_path / "p", PROGRAMME), actor="seed")
    session.commit()
    return session


def _service(session: Session, code: str) -> Service:
    return session.exec(select(Service).where(Service.code == code)).one()


def _group_code(session: Session, service: Service) -> str:
    return session.get(InspectionGroup, service.group_id).code


def test_moving_a_service_keeps_its_inspection_history_with_the_group_that_inspected_it(
    programme,
):
    inspections_before = [(i.ref, i.group_id) for i in programme.exec(select(Inspection))]
    history_a1 = inspection_refs_of_group(programme, "GRP-A1")
    assert history_a1 == ["INS-1", "INS-2"]

    summary = move_service(programme, actor=PM, code="SVC-A2", to_group="GRP-A2")
    programme.commit()

    assert summary.file("services").updated == 1
    assert _group_code(programme, _service(programme, "SVC-A2")) == "GRP-A2"
    assert [(i.ref, i.group_id) for i in programme.exec(select(Inspection))] == (inspections_before)
    assert inspection_refs_of_group(programme, "GRP-A1") == history_a1
    assert inspection_refs_of_group(programme, "GRP-A2") == []
    entry = programme.exec(
        select(AuditEntry).where(AuditEntry.entity == "services", AuditEntry.action == "update")
    ).one()
    assert entry.entity_key == "SVC-A2" and '"group_code": ["GRP-A1", "GRP-A2"]' in entry.changes


def test_a_service_with_recommendations_can_move_and_they_stay_with_their_inspection(programme):
    move_service(programme, actor=PM, code="SVC-A1", to_group="GRP-A2")
    programme.commit()
    rec = programme.exec(select(Recommendation).where(Recommendation.ref == "REC-1")).one()
    assert programme.get(Inspection, rec.inspection_id).ref == "INS-1"
    assert rec.service_id == _service(programme, "SVC-A1").id


def test_after_a_move_the_exported_workbook_still_reimports_with_no_changes(programme):
    move_service(programme, actor=PM, code="SVC-A1", to_group="GRP-A2")
    programme.commit()
    workbook = export_workbook_bytes(programme)
    summary = import_programme(programme, read_upload("p.xlsx", workbook), actor="x", dry_run=True)
    assert summary.total.created == summary.total.updated == 0


def test_after_a_move_a_recommendation_newly_linked_across_groups_is_still_refused(programme):
    move_service(programme, actor=PM, code="SVC-A1", to_group="GRP-A2")
    opened = stored_row(programme, "recommendations", {"ref": "REC-3"})  # INS-3 of GRP-B1
    assert (
        save_form_row(programme, "recommendations", opened.cells, actor=PM)
        .file("recommendations")
        .unchanged
        == 1
    )
    relinked = {
        **stored_row(programme, "recommendations", {"ref": "REC-2"}).cells,
        "service_code": "SVC-A1",
    }  # REC-2 is from INS-1 of GRP-A1; SVC-A1 is in GRP-A2
    with pytest.raises(ImportRejected, match="'SVC-A1' is in inspection group 'GRP-A2'"):
        save_form_row(programme, "recommendations", relinked, actor=PM)


def test_a_service_cannot_move_to_another_providers_group(programme):
    before = dump(programme)
    with pytest.raises(ImportRejected, match="'GRP-B1' belongs to provider 'PRV-B'"):
        move_service(programme, actor=PM, code="SVC-A2", to_group="GRP-B1")
    assert dump(programme) == before


def test_closing_a_group_closes_its_open_services_on_that_date_only(programme):
    # GRP-A2's one service closed in 2023 already; GRP-A1 has two open services
    summary = close_group(programme, actor=PM, code="GRP-A1", on=date(2024, 6, 30))
    programme.commit()

    assert summary.file("services").updated == 2
    assert _service(programme, "SVC-A1").closed_on == date(2024, 6, 30)
    assert _service(programme, "SVC-A2").closed_on == date(2024, 6, 30)
    assert _service(programme, "SVC-A3").closed_on == date(2023, 12, 31)
    assert _service(programme, "SVC-B1").closed_on is None
    assert services_left_open(programme, date(2024, 6, 30), group_code="GRP-A1") == []
    assert programme.exec(select(InspectionGroup).where(InspectionGroup.code == "GRP-A1")).one()
    frame = reference_frame(programme, "inspection_groups", date(2024, 7, 1))
    assert dict(zip(frame["code"], frame["open_services"], strict=True)) == {
        "GRP-A1": 0,
        "GRP-A2": 0,
        "GRP-B1": 1,
    }
    assert dict(zip(frame["code"], frame["services"], strict=True)) == {
        "GRP-A1": "SVC-A1; SVC-A2",
        "GRP-A2": "SVC-A3",
        "GRP-B1": "SVC-B1",
    }


def test_closing_a_group_with_no_open_service_is_refused(programme):
    with pytest.raises(ImportRejected, match="'GRP-A2' has no service open on 2024-01-01"):
        close_group(programme, actor=PM, code="GRP-A2", on=date(2024, 1, 1))


def test_closing_before_a_service_opened_is_the_importers_date_order_problem(programme):
    before = dump(programme)
    with pytest.raises(ImportRejected) as refused:
        close_group(programme, actor=PM, code="GRP-A1", on=date(2021, 5, 15))
    problems = refused.value.problems
    assert [(p.row, p.field, p.message) for p in problems] == [
        (3, "closed_on", "service SVC-A2: 2021-05-15 is before opened_on 2021-06-01")
    ]
    assert dump(programme) == before  # all or nothing: SVC-A1 was not closed either


def test_closing_a_provider_closes_all_its_open_services(programme):
    close_provider(programme, actor=PM, code="PRV-B", on=date(2025, 1, 31))
    assert _service(programme, "SVC-B1").closed_on == date(2025, 1, 31)
    assert _service(programme, "SVC-A1").closed_on is None


def test_closing_one_service_and_ending_an_mou_term(programme):
    close_service(programme, actor=PM, code="SVC-A2", on=date(2024, 3, 1))
    end_mou_term(programme, actor=PM, ref="MOU-2", on=date(2025, 3, 31))
    programme.commit()
    assert _service(programme, "SVC-A2").closed_on == date(2024, 3, 1)
    term = programme.exec(select(MouTerm).where(MouTerm.ref == "MOU-2")).one()
    assert term.ends_on == date(2025, 3, 31)


def test_an_unknown_code_or_a_role_without_the_right_is_refused(programme):
    before = dump(programme)
    with pytest.raises(ImportRejected, match="there is no service 'SVC-Z'"):
        close_service(programme, actor=PM, code="SVC-Z", on=date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        close_group(programme, actor=INSPECTOR, code="GRP-A1", on=date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        move_service(programme, actor=INSPECTOR, code="SVC-A2", to_group="GRP-A2")
    assert dump(programme) == before
