"""Planning and editing an inspection: importer rules, who may, no lost updates."""

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import PermissionDenied
from dashboard.core.vocabulary import KeyQuestion
from dashboard.inspections import service
from dashboard.inspections.rules import Evidence, InvalidInput
from models import AuditEntry
from tests.services.inspection_world import (
    AMIRA,
    MANAGER,
    PARTNER,
    PLANNED,
    TOM,
    counts,
    i1,
    i1_draft,
)


def test_a_manager_plans_an_inspection_numbered_for_its_start_year_and_audited(
    g1_world,
):
    row = service.create_inspection(g1_world, actor=MANAGER, draft=PLANNED)
    g1_world.commit()
    assert row.ref == "INS-2026-001"
    assert (row.inspection_type, row.key_questions, row.lead_inspector) == (
        "comprehensive",
        None,
        "Amira Shah",
    )  # a fixed scope is stored as the type's default
    entry = g1_world.exec(select(AuditEntry).where(AuditEntry.entity_key == row.ref)).one()
    assert (entry.username, entry.action, entry.entity) == ("pm", "create", "inspections")
    assert service.next_inspection_ref(g1_world, date(2026, 6, 1)) == "INS-2026-002"


def test_a_focused_inspection_keeps_its_chosen_key_questions_in_canonical_order(
    g1_world,
):
    draft = replace(PLANNED, inspection_type="focused", key_questions=("well-led", "safe"))
    row = service.create_inspection(g1_world, actor=MANAGER, draft=draft)
    assert row.key_questions == "safe;well-led"


@pytest.mark.parametrize(
    ("kind", "named", "stored"),
    [
        ("assurance", ("caring", "well-led", "safe"), "safe;caring;well-led"),  # widened
        ("assurance", ("well-led", "safe"), None),  # its own scope is stored empty
        ("comprehensive", tuple(KeyQuestion), None),
    ],
)
def test_a_form_accepts_every_scope_an_upload_accepts(g1_world, kind, named, stored):
    draft = replace(PLANNED, inspection_type=kind, key_questions=named)
    row = service.create_inspection(g1_world, actor=MANAGER, draft=draft)
    assert row.key_questions == stored


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"end_on": date(2026, 3, 30)}, "end_on", "before start_on"),
        ({"start_on": None, "end_on": None}, "start_on", "a value is required"),
        ({"inspection_type": "focused"}, "key_questions", "must name at least one"),
        ({"key_questions": ("safe",)}, "key_questions", "covers all five key questions"),
        (
            {"inspection_type": "assurance", "key_questions": ("caring",)},
            "key_questions",
            "safe and well-led at least",
        ),
        ({"group_code": "G9"}, "group_code", "unknown inspection group 'G9'"),
        (
            {"pir_requested_on": date(2026, 3, 10), "pir_returned_on": date(2026, 3, 9)},
            "pir_returned_on",
            "before pir_requested_on",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(g1_world, change, field, words):
    before = counts(g1_world)
    with pytest.raises(InvalidInput) as refused:
        service.create_inspection(g1_world, actor=MANAGER, draft=replace(PLANNED, **change))
    assert any(words in message for message in refused.value.messages(field)), refused.value
    assert field.replace("_", " ") in str(refused.value)
    g1_world.rollback()
    assert counts(g1_world) == before


def test_an_inspector_plans_only_inspections_they_lead(g1_world):
    service.create_inspection(g1_world, actor=AMIRA, draft=PLANNED)
    before = counts(g1_world)
    with pytest.raises(PermissionDenied, match="only plan inspections they lead"):
        service.create_inspection(g1_world, actor=TOM, draft=PLANNED)
    assert counts(g1_world) == before


def test_a_partner_may_never_write(g1_world):
    before = counts(g1_world)
    with pytest.raises(PermissionDenied, match="may not plan an inspection"):
        service.create_inspection(g1_world, actor=PARTNER, draft=PLANNED)
    with pytest.raises(PermissionDenied):
        service.update_inspection(
            g1_world, actor=PARTNER, ref="I1", draft=PLANNED, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        service.add_information_request(
            g1_world, actor=PARTNER, ref="I1", text="Rota", asked_on=date(2026, 4, 2)
        )
    with pytest.raises(PermissionDenied):
        service.record_evidence(
            g1_world,
            actor=PARTNER,
            ref="I1",
            evidence=Evidence(),
            internal_notes=None,
            expected_version=1,
        )
    assert counts(g1_world) == before


def test_the_lead_inspector_records_a_milestone_and_the_edit_is_audited(g1_world):
    changes = service.update_inspection(
        g1_world,
        actor=AMIRA,
        ref="I1",
        expected_version=1,
        draft=i1_draft(final_sent_on=date(2026, 6, 5)),
    )
    g1_world.commit()
    assert changes == {"final_sent_on": (None, "2026-06-05")}
    row = i1(g1_world)
    assert (row.final_sent_on, row.version) == (date(2026, 6, 5), 2)
    entry = g1_world.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert (entry.username, entry.entity_key) == ("amira", "I1")


def test_an_inspector_may_not_edit_an_inspection_someone_else_leads(g1_world):
    with pytest.raises(PermissionDenied, match="I1 is led by Amira Shah"):
        service.update_inspection(
            g1_world,
            actor=TOM,
            ref="I1",
            expected_version=1,
            draft=i1_draft(lead_inspector="Tom Okafor"),
        )
    with pytest.raises(PermissionDenied, match="another lead"):
        service.update_inspection(
            g1_world,
            actor=AMIRA,
            ref="I1",
            expected_version=1,
            draft=i1_draft(lead_inspector="Tom Okafor"),
        )
    g1_world.rollback()
    assert (i1(g1_world).lead_inspector, i1(g1_world).version) == (
        "Amira Shah",
        1,
    )


def test_a_bad_edit_names_the_field_and_leaves_the_inspection_as_it_was(g1_world):
    with pytest.raises(InvalidInput) as refused:
        service.update_inspection(
            g1_world,
            actor=MANAGER,
            ref="I1",
            expected_version=1,
            draft=i1_draft(draft_sent_on=date(2026, 3, 1)),
        )
    assert refused.value.messages("draft_sent_on") == ["2026-03-01 is before start_on 2026-03-31"]
    g1_world.rollback()
    assert (i1(g1_world).draft_sent_on, i1(g1_world).version) == (
        date(2026, 4, 20),
        1,
    )


def test_a_save_over_a_newer_edit_is_refused_and_the_newer_edit_kept(g1_world, engine):
    service.update_inspection(
        g1_world,
        actor=MANAGER,
        ref="I1",
        expected_version=1,
        draft=i1_draft(mode="remote"),
    )
    g1_world.commit()
    with Session(engine) as other, pytest.raises(StaleEdit, match="changed by pm"):
        service.update_inspection(
            other, actor=AMIRA, ref="I1", expected_version=1, draft=i1_draft(mode="on-site")
        )
    g1_world.expire_all()
    assert i1(g1_world).mode == "remote"
