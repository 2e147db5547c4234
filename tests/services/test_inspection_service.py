"""Planning, editing and evidencing an inspection: importer rules, who may, no lost updates."""

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.inspections import service
from dashboard.inspections.rules import DuplicateRequest, Evidence, InspectionDraft, InvalidInput
from models import AuditEntry, InformationRequest, Inspection, JudgementRecord
from tests import factories as make

MANAGER = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
AMIRA = Actor("amira", "Amira Shah", Role.INSPECTOR)
TOM = Actor("tom", "Tom Okafor", Role.INSPECTOR)
PARTNER = Actor("ho", "Home Office", Role.PARTNER)

PLANNED = InspectionDraft(
    group_code="G1",
    inspection_type="comprehensive",
    mode="on-site",
    trigger="routine",
    lead_inspector="Amira Shah",
    start_on=date(2026, 3, 31),
    end_on=date(2026, 4, 1),
)


@pytest.fixture
def programme(session: Session) -> Session:
    """Group G1 (open since 2024) with I1, an assurance inspection led by Amira Shah that ended
    on Wed 1 Apr 2026, just before Easter."""
    p1 = make.provider(session)
    g1 = make.group(session, "G1", p1)
    make.service(session, "S1", g1, date(2024, 1, 1))
    make.inspection(
        session,
        "I1",
        g1,
        date(2026, 3, 31),
        "assurance",
        end_on=date(2026, 4, 1),
        lead_inspector="Amira Shah",
        draft_sent_on=date(2026, 4, 20),
    )
    session.commit()
    return session


def _counts(session: Session) -> tuple[int, ...]:
    """Rows in every table a form writes, to show a refusal wrote nothing."""
    tables = (Inspection, JudgementRecord, InformationRequest, AuditEntry)
    return tuple(session.exec(select(func.count()).select_from(t)).one() for t in tables)


def _i1(session: Session) -> Inspection:
    return session.exec(select(Inspection).where(Inspection.ref == "I1")).one()


def test_a_manager_plans_an_inspection_numbered_for_its_start_year_and_audited(programme):
    row = service.create_inspection(programme, actor=MANAGER, draft=PLANNED)
    programme.commit()
    assert row.ref == "INS-2026-001"
    assert (row.inspection_type, row.key_questions, row.lead_inspector) == (
        "comprehensive",
        None,
        "Amira Shah",
    )  # a fixed scope is stored as the type's default
    entry = programme.exec(select(AuditEntry).where(AuditEntry.entity_key == row.ref)).one()
    assert (entry.username, entry.action, entry.entity) == ("pm", "create", "inspections")
    assert service.next_inspection_ref(programme, date(2026, 6, 1)) == "INS-2026-002"


def test_a_focused_inspection_keeps_its_chosen_key_questions_in_canonical_order(programme):
    draft = replace(PLANNED, inspection_type="focused", key_questions=("well-led", "safe"))
    row = service.create_inspection(programme, actor=MANAGER, draft=draft)
    assert row.key_questions == "safe;well-led"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"end_on": date(2026, 3, 30)}, "end_on", "before start_on"),
        ({"start_on": None, "end_on": None}, "start_on", "a value is required"),
        ({"inspection_type": "focused"}, "key_questions", "must name at least one"),
        ({"key_questions": ("safe",)}, "key_questions", "fixed for a comprehensive"),
        ({"group_code": "G9"}, "group_code", "unknown inspection group 'G9'"),
        (
            {"pir_requested_on": date(2026, 3, 10), "pir_returned_on": date(2026, 3, 9)},
            "pir_returned_on",
            "before pir_requested_on",
        ),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(programme, change, field, words):
    before = _counts(programme)
    with pytest.raises(InvalidInput) as refused:
        service.create_inspection(programme, actor=MANAGER, draft=replace(PLANNED, **change))
    assert any(words in message for message in refused.value.messages(field)), refused.value
    assert field.replace("_", " ") in str(refused.value)
    programme.rollback()
    assert _counts(programme) == before


def test_an_inspector_plans_only_inspections_they_lead(programme):
    service.create_inspection(programme, actor=AMIRA, draft=PLANNED)
    before = _counts(programme)
    with pytest.raises(PermissionDenied, match="only plan inspections they lead"):
        service.create_inspection(programme, actor=TOM, draft=PLANNED)
    assert _counts(programme) == before


def test_a_partner_may_never_write(programme):
    before = _counts(programme)
    with pytest.raises(PermissionDenied, match="may not plan an inspection"):
        service.create_inspection(programme, actor=PARTNER, draft=PLANNED)
    with pytest.raises(PermissionDenied):
        service.update_inspection(
            programme, actor=PARTNER, ref="I1", draft=PLANNED, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        service.add_information_request(
            programme, actor=PARTNER, ref="I1", text="Rota", asked_on=date(2026, 4, 2)
        )
    with pytest.raises(PermissionDenied):
        service.record_evidence(
            programme,
            actor=PARTNER,
            ref="I1",
            evidence=Evidence(),
            internal_notes=None,
            expected_version=1,
        )
    assert _counts(programme) == before


def _i1_draft(**change) -> InspectionDraft:
    return replace(
        InspectionDraft(
            group_code="G1",
            inspection_type="assurance",
            lead_inspector="Amira Shah",
            start_on=date(2026, 3, 31),
            end_on=date(2026, 4, 1),
            draft_sent_on=date(2026, 4, 20),
        ),
        **change,
    )


def test_the_lead_inspector_records_a_milestone_and_the_edit_is_audited(programme):
    changes = service.update_inspection(
        programme,
        actor=AMIRA,
        ref="I1",
        expected_version=1,
        draft=_i1_draft(final_sent_on=date(2026, 6, 5)),
    )
    programme.commit()
    assert changes == {"final_sent_on": (None, "2026-06-05")}
    row = _i1(programme)
    assert (row.final_sent_on, row.version) == (date(2026, 6, 5), 2)
    entry = programme.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert (entry.username, entry.entity_key) == ("amira", "I1")


def test_an_inspector_may_not_edit_an_inspection_someone_else_leads(programme):
    with pytest.raises(PermissionDenied, match="I1 is led by Amira Shah"):
        service.update_inspection(
            programme,
            actor=TOM,
            ref="I1",
            expected_version=1,
            draft=_i1_draft(lead_inspector="Tom Okafor"),
        )
    with pytest.raises(PermissionDenied, match="another lead"):
        service.update_inspection(
            programme,
            actor=AMIRA,
            ref="I1",
            expected_version=1,
            draft=_i1_draft(lead_inspector="Tom Okafor"),
        )
    programme.rollback()
    assert (_i1(programme).lead_inspector, _i1(programme).version) == ("Amira Shah", 1)


def test_a_bad_edit_names_the_field_and_leaves_the_inspection_as_it_was(programme):
    with pytest.raises(InvalidInput) as refused:
        service.update_inspection(
            programme,
            actor=MANAGER,
            ref="I1",
            expected_version=1,
            draft=_i1_draft(draft_sent_on=date(2026, 3, 1)),
        )
    assert refused.value.messages("draft_sent_on") == ["2026-03-01 is before start_on 2026-03-31"]
    programme.rollback()
    assert (_i1(programme).draft_sent_on, _i1(programme).version) == (date(2026, 4, 20), 1)


def test_a_save_over_a_newer_edit_is_refused_and_the_newer_edit_kept(programme, engine):
    service.update_inspection(
        programme, actor=MANAGER, ref="I1", expected_version=1, draft=_i1_draft(mode="remote")
    )
    programme.commit()
    with Session(engine) as other, pytest.raises(StaleEdit, match="changed by pm"):
        service.update_inspection(
            other, actor=AMIRA, ref="I1", expected_version=1, draft=_i1_draft(mode="on-site")
        )
    programme.expire_all()
    assert _i1(programme).mode == "remote"


def test_judgements_only_for_key_questions_in_scope(programme):
    before = _counts(programme)
    with pytest.raises(InvalidInput) as refused:
        service.record_judgements(
            programme,
            actor=AMIRA,
            ref="I1",
            opened_versions={},
            judgements={"safe": "meeting", "effective": "not meeting"},
        )
    assert "outside the scope of inspection 'I1'" in refused.value.messages("effective")[0]
    programme.rollback()
    assert _counts(programme) == before
    service.record_judgements(
        programme,
        actor=AMIRA,
        ref="I1",
        opened_versions={},
        judgements={"safe": "meeting", "well-led": "not meeting"},
    )
    programme.commit()
    saved = {j.key_question: j.judgement for j in programme.exec(select(JudgementRecord))}
    assert saved == {"safe": "meeting", "well-led": "not meeting"}


def test_a_judgement_changed_since_the_form_opened_is_refused_and_one_cleared_is_removed(
    programme,
):
    service.record_judgements(
        programme, actor=AMIRA, ref="I1", opened_versions={}, judgements={"safe": "meeting"}
    )
    programme.commit()
    with pytest.raises(StaleEdit):  # the form was opened before safe was judged
        service.record_judgements(
            programme,
            actor=MANAGER,
            ref="I1",
            opened_versions={},
            judgements={"safe": "not meeting"},
        )
    programme.rollback()
    service.record_judgements(
        programme, actor=MANAGER, ref="I1", opened_versions={"safe": 1}, judgements={"safe": None}
    )
    programme.commit()
    assert programme.exec(select(JudgementRecord)).all() == []


def test_narrowing_the_scope_below_recorded_judgements_is_refused(programme):
    service.record_judgements(
        programme, actor=AMIRA, ref="I1", opened_versions={}, judgements={"well-led": "meeting"}
    )
    with pytest.raises(InvalidInput) as refused:
        service.update_inspection(
            programme,
            actor=AMIRA,
            ref="I1",
            expected_version=1,
            draft=_i1_draft(inspection_type="focused", key_questions=("safe",)),
        )
    assert "well-led" in refused.value.messages("key_questions")[0]


def test_evidence_is_saved_as_counts_with_language_names(programme):
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
        programme,
        actor=AMIRA,
        ref="I1",
        evidence=evidence,
        internal_notes=" Rota gaps at night. ",
        expected_version=1,
    )
    programme.commit()
    row = _i1(programme)
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
def test_bad_evidence_names_the_field_and_writes_nothing(programme, evidence, field):
    before = _counts(programme)
    with pytest.raises(InvalidInput) as refused:
        service.record_evidence(
            programme,
            actor=MANAGER,
            ref="I1",
            evidence=evidence,
            internal_notes=None,
            expected_version=1,
        )
    assert refused.value.messages(field)
    programme.rollback()
    assert _counts(programme) == before and _i1(programme).version == 1


def test_no_factual_accuracy_outcome_before_the_draft_is_sent(programme):
    service.create_inspection(programme, actor=MANAGER, draft=PLANNED)
    with pytest.raises(InvalidInput) as refused:
        service.record_evidence(
            programme,
            actor=MANAGER,
            ref="INS-2026-001",
            evidence=Evidence(fa_outcome="no comments"),
            internal_notes=None,
            expected_version=1,
        )
    assert "draft report has not been sent" in refused.value.messages("fa_outcome")[0]


def test_an_information_request_is_due_seven_working_days_after_the_end_skipping_easter(
    programme,
):
    # End Wed 1 Apr 2026; Good Friday 3 Apr and Easter Monday 6 Apr are not working days.
    request = service.add_information_request(
        programme, actor=AMIRA, ref="I1", text="Staff rota for March", asked_on=date(2026, 4, 1)
    )
    programme.commit()
    assert request.due_on == date(2026, 4, 14)
    assert request.asked_by == "Amira Shah"
    service.mark_request_received(
        programme,
        actor=AMIRA,
        request_id=request.id,
        received_on=date(2026, 4, 9),
        expected_version=1,
    )
    programme.commit()
    assert programme.get(InformationRequest, request.id).received_on == date(2026, 4, 9)


def test_a_request_asked_after_the_end_is_due_seven_working_days_after_asking(programme):
    # Asked Mon 20 Apr 2026, after the end (1 Apr): due Wed 29 Apr.
    request = service.add_information_request(
        programme, actor=AMIRA, ref="I1", text="Late policy check", asked_on=date(2026, 4, 20)
    )
    assert request.due_on == date(2026, 4, 29)


def test_the_same_request_twice_on_one_inspection_is_refused(programme):
    service.add_information_request(
        programme, actor=AMIRA, ref="I1", text="Staff rota for March", asked_on=date(2026, 4, 1)
    )
    programme.commit()
    before = _counts(programme)
    with pytest.raises(DuplicateRequest) as refused:
        service.add_information_request(
            programme,
            actor=MANAGER,
            ref="I1",
            text="  staff rota  FOR march ",
            asked_on=date(2026, 4, 2),
        )
    assert "already asked on 2026-04-01" in refused.value.messages("text")[0]
    assert _counts(programme) == before


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
def test_a_bad_information_request_names_the_field(programme, kwargs, field):
    with pytest.raises(InvalidInput) as refused:
        service.add_information_request(programme, actor=AMIRA, ref="I1", **kwargs)
    assert refused.value.messages(field)
    assert _counts(programme)[2] == 0


def test_an_answer_before_the_request_is_refused(programme):
    request = service.add_information_request(
        programme, actor=AMIRA, ref="I1", text="Training records", asked_on=date(2026, 4, 2)
    )
    with pytest.raises(InvalidInput) as refused:
        service.mark_request_received(
            programme,
            actor=AMIRA,
            request_id=request.id,
            received_on=date(2026, 4, 1),
            expected_version=1,
        )
    assert refused.value.messages("received_on") == ["2026-04-01 is before asked on 2026-04-02"]
    with pytest.raises(PermissionDenied):
        service.mark_request_received(
            programme,
            actor=TOM,
            request_id=request.id,
            received_on=date(2026, 4, 3),
            expected_version=1,
        )
