"""Planning the same inspection twice, overlapping another of the group, and naming a lead
inspector nobody knows: refused with a sentence, or saved once confirmed (and audited)."""

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import select

from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import InspectionStatus
from dashboard.inspections import service
from dashboard.inspections.rules import (
    DuplicateInspection,
    InspectionDraft,
    OverlapUnconfirmed,
    UnknownInspector,
)
from models import AuditEntry
from tests.services.inspection_world import MANAGER, counts, i1, i1_draft

# G1's I1 is an assurance inspection from Tue 31 Mar to Wed 1 Apr 2026.
AGAIN = InspectionDraft(
    group_code="G1",
    inspection_type="assurance",
    lead_inspector="Amira Shah",
    start_on=date(2026, 3, 31),
    end_on=date(2026, 4, 1),
)


def _refusal(session, draft: InspectionDraft, **flags) -> Refused:
    before = counts(session)
    with pytest.raises(Refused) as refused:
        service.create_inspection(session, actor=MANAGER, draft=draft, **flags)
    session.rollback()
    assert counts(session) == before
    return refused.value


def test_the_same_inspection_planned_twice_is_refused_naming_the_first(g1_world):
    refusal = _refusal(g1_world, AGAIN)
    assert isinstance(refusal, DuplicateInspection)
    assert refusal.messages("form") == [
        "I1 is the same inspection (assurance, G1, starting 2026-03-31); open I1 to change it "
        "rather than planning it twice"
    ]
    # confirming an overlap does not make a repeat acceptable
    assert isinstance(_refusal(g1_world, AGAIN, confirm_overlap=True), DuplicateInspection)


@pytest.mark.parametrize(
    ("start_on", "end_on"),
    [
        (date(2026, 3, 30), date(2026, 3, 31)),  # ends on I1's first day
        (date(2026, 4, 1), date(2026, 4, 2)),  # starts on I1's last day
        (date(2026, 3, 31), None),  # another type on the same day
    ],
)
def test_an_overlap_with_another_inspection_of_the_group_needs_confirming(
    g1_world, start_on, end_on
):
    draft = replace(AGAIN, inspection_type="focused", key_questions=("safe",), start_on=start_on)
    draft = replace(draft, end_on=end_on)
    refusal = _refusal(g1_world, draft)
    assert isinstance(refusal, OverlapUnconfirmed) and refusal.refs == ("I1",)
    assert "overlap another inspection of G1: I1 (assurance, 2026-03-31 to 2026-04-01)" in str(
        refusal.messages("form")
    )
    row = service.create_inspection(g1_world, actor=MANAGER, draft=draft, confirm_overlap=True)
    assert row.ref == "INS-2026-001"


@pytest.mark.parametrize(
    ("start_on", "end_on"),
    [(date(2026, 3, 27), date(2026, 3, 30)), (date(2026, 4, 2), date(2026, 4, 3))],
)
def test_the_days_either_side_do_not_overlap(g1_world, start_on, end_on):
    draft = replace(AGAIN, start_on=start_on, end_on=end_on)
    assert service.create_inspection(g1_world, actor=MANAGER, draft=draft).ref


def test_a_cancelled_inspection_is_no_clash(g1_world):
    i1(g1_world).status = InspectionStatus.CANCELLED
    g1_world.commit()
    assert service.create_inspection(g1_world, actor=MANAGER, draft=AGAIN).ref == "INS-2026-001"


def test_moving_an_inspection_onto_another_needs_confirming_but_other_edits_do_not(g1_world):
    planned = replace(AGAIN, start_on=date(2026, 5, 4), end_on=date(2026, 5, 5))
    ref = service.create_inspection(g1_world, actor=MANAGER, draft=planned).ref
    g1_world.commit()
    moved = replace(planned, inspection_type="focused", key_questions=("safe",))
    moved = replace(moved, start_on=date(2026, 4, 1), end_on=date(2026, 4, 2))
    with pytest.raises(OverlapUnconfirmed):
        service.update_inspection(g1_world, actor=MANAGER, ref=ref, draft=moved, expected_version=1)
    g1_world.rollback()
    service.update_inspection(
        g1_world, actor=MANAGER, ref=ref, draft=moved, expected_version=1, confirm_overlap=True
    )
    g1_world.commit()
    # I1 now overlaps it too; recording I1's final report is not an overlap to confirm again
    service.update_inspection(
        g1_world,
        actor=MANAGER,
        ref="I1",
        draft=i1_draft(final_sent_on=date(2026, 6, 1)),
        expected_version=1,
    )


def test_a_lead_inspector_nobody_knows_is_refused_unless_added_on_purpose(g1_world):
    typo = replace(AGAIN, start_on=date(2026, 6, 1), end_on=None, lead_inspector="Amria Shah")
    refusal = _refusal(g1_world, typo)
    assert isinstance(refusal, UnknownInspector)
    assert refusal.messages("lead_inspector") == [
        "'Amria Shah' is not a known inspector; choose one from the list, or tick "
        "'Add a new inspector name' to add it"
    ]
    row = service.create_inspection(g1_world, actor=MANAGER, draft=typo, new_inspector=True)
    g1_world.commit()
    added = g1_world.exec(select(AuditEntry).where(AuditEntry.entity == "inspectors")).one()
    assert (added.username, added.action, added.entity_key) == ("pm", "create", "Amria Shah")
    assert row.ref in added.changes
    # now known: the next inspection may name it without the step
    again = replace(typo, start_on=date(2026, 7, 1))
    service.create_inspection(g1_world, actor=MANAGER, draft=again)
    g1_world.commit()
    assert (
        len(g1_world.exec(select(AuditEntry).where(AuditEntry.entity == "inspectors")).all()) == 1
    )


def test_a_known_name_in_another_case_is_refused_even_as_a_new_name(g1_world):
    shouting = replace(AGAIN, start_on=date(2026, 6, 1), end_on=None, lead_inspector="amira  SHAH")
    refusal = _refusal(g1_world, shouting, new_inspector=True)
    assert refusal.messages("lead_inspector") == [
        "'amira SHAH' is written 'Amira Shah'; choose 'Amira Shah'"
    ]


def test_an_edit_keeping_an_unknown_lead_is_not_refused(g1_world):
    i1(g1_world).lead_inspector = "Someone Imported"
    g1_world.commit()
    draft = i1_draft(lead_inspector="Someone Imported", final_sent_on=date(2026, 6, 1))
    service.update_inspection(g1_world, actor=MANAGER, ref="I1", draft=draft, expected_version=2)
