"""Judgements, the evidence base and information requests on an inspection: importer rules,
who may, no lost updates."""

from datetime import date

import pytest
from sqlmodel import select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import PermissionDenied
from dashboard.inspections import service
from dashboard.inspections.rules import DuplicateRequest, Evidence, InvalidInput
from models import InformationRequest, JudgementRecord
from tests.services.inspection_world import (
    AMIRA,
    MANAGER,
    PLANNED,
    TOM,
    counts,
    i1,
    i1_draft,
)


def test_judgements_only_for_key_questions_in_scope(g1_world):
    before = counts(g1_world)
    with pytest.raises(InvalidInput) as refused:
        service.record_judgements(
            g1_world,
            actor=AMIRA,
            ref="I1",
            opened_versions={},
            judgements={"safe": "meeting", "effective": "not meeting"},
        )
    assert "outside the scope of inspection 'I1'" in refused.value.messages("effective")[0]
    g1_world.rollback()
    assert counts(g1_world) == before
    service.record_judgements(
        g1_world,
        actor=AMIRA,
        ref="I1",
        opened_versions={},
        judgements={"safe": "meeting", "well-led": "not meeting"},
    )
    g1_world.commit()
    saved = {j.key_question: j.judgement for j in g1_world.exec(select(JudgementRecord))}
    assert saved == {"safe": "meeting", "well-led": "not meeting"}


def test_a_judgement_changed_since_the_form_opened_is_refused_and_one_cleared_is_removed(
    g1_world,
):
    service.record_judgements(
        g1_world,
        actor=AMIRA,
        ref="I1",
        opened_versions={},
        judgements={"safe": "meeting"},
    )
    g1_world.commit()
    with pytest.raises(StaleEdit):  # the form was opened before safe was judged
        service.record_judgements(
            g1_world,
            actor=MANAGER,
            ref="I1",
            opened_versions={},
            judgements={"safe": "not meeting"},
        )
    g1_world.rollback()
    service.record_judgements(
        g1_world,
        actor=MANAGER,
        ref="I1",
        opened_versions={"safe": 1},
        judgements={"safe": None},
    )
    g1_world.commit()
    assert g1_world.exec(select(JudgementRecord)).all() == []


def test_narrowing_the_scope_below_recorded_judgements_is_refused(g1_world):
    service.record_judgements(
        g1_world,
        actor=AMIRA,
        ref="I1",
        opened_versions={},
        judgements={"well-led": "meeting"},
    )
    with pytest.raises(InvalidInput) as refused:
        service.update_inspection(
            g1_world,
            actor=AMIRA,
            ref="I1",
            expected_version=1,
            draft=i1_draft(inspection_type="focused", key_questions=("safe",)),
        )
    assert "well-led" in refused.value.messages("key_questions")[0]


def test_evidence_is_saved_as_counts_with_language_names(g1_world):
    evidence = Evidence(
        survey_responses=6,
        survey_languages=("Albanian", " tigrinya ", "Albanian", "Kurdish (Sorani)"),
        survivors_spoken_with=4,
        staff_interviewed=5,
        cases_reviewed=8,
        fa_outcome="partly accepted",
        quality_panel_review=True,
    )
    service.record_evidence(
        g1_world,
        actor=AMIRA,
        ref="I1",
        evidence=evidence,
        internal_notes=" Rota gaps at night. ",
        expected_version=1,
    )
    g1_world.commit()
    row = i1(g1_world)
    assert row.survey_languages == "Albanian;tigrinya;Kurdish (Sorani)"
    assert (row.survey_responses, row.cases_reviewed, row.fa_outcome) == (6, 8, "partly accepted")
    assert (row.quality_panel_review, row.internal_notes) == (True, "Rota gaps at night.")


@pytest.mark.parametrize(
    ("evidence", "field"),
    [
        (Evidence(staff_interviewed=-1), "staff_interviewed"),
        (Evidence(survey_languages=("Farsi",)), "survey_languages"),
        (Evidence(survey_responses=2, survey_languages=("Jane Doe 1985",)), "survey_languages"),
        (Evidence(fa_outcome="rejected"), "fa_outcome"),
        (Evidence(fa_outcome="not accepted", quality_panel_review=True), "quality_panel_review"),
    ],
)
def test_bad_evidence_names_the_field_and_writes_nothing(g1_world, evidence, field):
    before = counts(g1_world)
    with pytest.raises(InvalidInput) as refused:
        service.record_evidence(
            g1_world,
            actor=MANAGER,
            ref="I1",
            evidence=evidence,
            internal_notes=None,
            expected_version=1,
        )
    assert refused.value.messages(field)
    g1_world.rollback()
    assert counts(g1_world) == before and i1(g1_world).version == 1


def test_no_factual_accuracy_outcome_before_the_draft_is_sent(g1_world):
    service.create_inspection(g1_world, actor=MANAGER, draft=PLANNED)
    with pytest.raises(InvalidInput) as refused:
        service.record_evidence(
            g1_world,
            actor=MANAGER,
            ref="INS-2026-001",
            evidence=Evidence(fa_outcome="no comments"),
            internal_notes=None,
            expected_version=1,
        )
    assert "draft report has not been sent" in refused.value.messages("fa_outcome")[0]


def test_an_information_request_is_due_seven_working_days_after_the_end_skipping_easter(
    g1_world,
):
    # End Wed 1 Apr 2026; Good Friday 3 Apr and Easter Monday 6 Apr are not working days.
    request = service.add_information_request(
        g1_world,
        actor=AMIRA,
        ref="I1",
        text="Staff rota for March",
        asked_on=date(2026, 4, 1),
    )
    g1_world.commit()
    assert request.due_on == date(2026, 4, 14)
    assert request.asked_by == "Amira Shah"
    service.mark_request_received(
        g1_world,
        actor=AMIRA,
        request_id=request.id,
        received_on=date(2026, 4, 9),
        expected_version=1,
    )
    g1_world.commit()
    assert g1_world.get(InformationRequest, request.id).received_on == date(2026, 4, 9)


def test_a_request_asked_after_the_end_is_due_seven_working_days_after_asking(g1_world):
    # Asked Mon 20 Apr 2026, after the end (1 Apr): due Wed 29 Apr.
    request = service.add_information_request(
        g1_world,
        actor=AMIRA,
        ref="I1",
        text="Late policy check",
        asked_on=date(2026, 4, 20),
    )
    assert request.due_on == date(2026, 4, 29)


def test_the_same_request_twice_on_one_inspection_is_refused(g1_world):
    service.add_information_request(
        g1_world,
        actor=AMIRA,
        ref="I1",
        text="Staff rota for March",
        asked_on=date(2026, 4, 1),
    )
    g1_world.commit()
    before = counts(g1_world)
    with pytest.raises(DuplicateRequest) as refused:
        service.add_information_request(
            g1_world,
            actor=MANAGER,
            ref="I1",
            text="  staff rota  FOR march ",
            asked_on=date(2026, 4, 2),
        )
    assert "already asked on 2026-04-01" in refused.value.messages("text")[0]
    assert counts(g1_world) == before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  ", "asked_on": date(2026, 4, 1)}, "text"),
        ({"text": "Policies", "asked_on": None}, "asked_on"),
        (
            {"text": "Policies", "asked_on": date(2026, 4, 20), "due_on": date(2026, 4, 10)},
            "due_on",
        ),
    ],
)
def test_a_bad_information_request_names_the_field(g1_world, kwargs, field):
    with pytest.raises(InvalidInput) as refused:
        service.add_information_request(g1_world, actor=AMIRA, ref="I1", **kwargs)
    assert refused.value.messages(field)
    assert counts(g1_world)[2] == 0


def test_an_answer_before_the_request_is_refused(g1_world):
    request = service.add_information_request(
        g1_world,
        actor=AMIRA,
        ref="I1",
        text="Training records",
        asked_on=date(2026, 4, 2),
    )
    with pytest.raises(InvalidInput) as refused:
        service.mark_request_received(
            g1_world,
            actor=AMIRA,
            request_id=request.id,
            received_on=date(2026, 4, 1),
            expected_version=1,
        )
    assert refused.value.messages("received_on") == ["2026-04-01 is before asked on 2026-04-02"]
    with pytest.raises(PermissionDenied):
        service.mark_request_received(
            g1_world,
            actor=TOM,
            request_id=request.id,
            received_on=date(2026, 4, 3),
            expected_version=1,
        )


@pytest.mark.parametrize(
    ("languages", "notes", "field"),
    [
        # eleven names of 37 letters: 417 characters joined, over the column's 400
        (tuple("a" * 36 + chr(ord("a") + n) for n in range(11)), None, "survey_languages"),
        ((), "n" * 4001, "internal_notes"),
    ],
)
def test_evidence_too_long_to_store_is_refused_by_the_importers_rule(
    g1_world, languages, notes, field
):
    evidence = Evidence(survey_responses=20, survey_languages=languages)
    with pytest.raises(InvalidInput) as refused:
        service.record_evidence(
            g1_world,
            actor=MANAGER,
            ref="I1",
            evidence=evidence,
            internal_notes=notes,
            expected_version=1,
        )
    assert "fit" in refused.value.messages(field)[0]
    g1_world.rollback()
    assert i1(g1_world).version == 1
