"""Write functions on planning, inspections, recommendations, escalations and follow-ups."""

from datetime import date

from sqlmodel import Session, select

from dashboard.escalations import service as escalations
from dashboard.follow_ups import service as follow_ups
from dashboard.inspections import service as inspections
from dashboard.inspections.rules import Evidence, InspectionDraft
from dashboard.inspections.service import status as inspection_status
from dashboard.planning import service as planning
from dashboard.recommendations import service as recommendations
from models import EvidenceFile, FollowUp, InformationRequest, Inspection, Provider
from tests.write_functions.world import (
    ACTORS,
    FOLLOW_UP,
    LEADS_OF_I1,
    MANAGERS,
    PDF_FILE,
    PNG_FILE,
    Persona,
    WriteFunction,
    follow_up_with_evidence,
    only_id,
    sent_follow_up_with_evidence,
)


def planned_i1(session: Session) -> None:
    """I1 as a planned inspection (its version becomes 2)."""
    session.exec(select(Inspection).where(Inspection.ref == "I1")).one().status = "planned"
    session.flush()


INSPECTION_WRITES: tuple[WriteFunction, ...] = (
    # Planning and running inspections (I1 is led by Ina Lead).
    WriteFunction(
        planning.accept_proposals,
        lambda s, a: planning.accept_proposals(
            s, actor=a, proposals=planning.plan_for_year(s, 2026, date(2026, 11, 2)).proposals[:1]
        ),
        MANAGERS,
        prepare=lambda s: setattr(  # the planner proposes only with an inspector
            s.exec(select(Provider)).one(), "allocated_inspector", "Ina Lead"
        ),
    ),
    WriteFunction(
        inspections.create_inspection,
        lambda s, a: inspections.create_inspection(
            s,
            actor=a,
            draft=InspectionDraft(
                group_code="G1",
                inspection_type="comprehensive",
                mode="on-site",
                trigger="routine",
                lead_inspector="Ina Lead",
                start_on=date(2026, 3, 2),
                end_on=date(2026, 3, 4),
            ),
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.update_inspection,
        lambda s, a: inspections.update_inspection(
            s,
            actor=a,
            ref="I1",
            expected_version=1,
            draft=InspectionDraft(
                group_code="G1",
                inspection_type="comprehensive",
                lead_inspector="Ina Lead",
                start_on=date(2025, 3, 3),
                end_on=date(2025, 3, 5),
            ),
        ),
        LEADS_OF_I1,
    ),
    # I1 planned (prepare), then recorded as carried out, moved or cancelled.
    WriteFunction(
        inspection_status.record_carried_out,
        lambda s, a: inspection_status.record_carried_out(
            s,
            actor=a,
            ref="I1",
            start_on=date(2025, 3, 3),
            end_on=date(2025, 3, 4),
            expected_version=2,
            today=date(2026, 11, 2),
        ),
        LEADS_OF_I1,
        prepare=planned_i1,
    ),
    WriteFunction(
        inspection_status.move_inspection,
        lambda s, a: inspection_status.move_inspection(
            s, actor=a, ref="I1", start_on=date(2025, 3, 10), end_on=None, expected_version=2
        ),
        LEADS_OF_I1,
        prepare=planned_i1,
    ),
    WriteFunction(
        inspection_status.cancel_inspection,
        lambda s, a: inspection_status.cancel_inspection(
            s, actor=a, ref="I1", reason="Provider closed the service.", expected_version=2
        ),
        LEADS_OF_I1,
        prepare=planned_i1,
    ),
    WriteFunction(
        inspections.record_judgements,
        lambda s, a: inspections.record_judgements(
            s, actor=a, ref="I1", judgements={"safe": "meeting"}, opened_versions={}
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.record_evidence,
        lambda s, a: inspections.record_evidence(
            s,
            actor=a,
            ref="I1",
            evidence=Evidence(survey_responses=4, staff_interviewed=2),
            internal_notes="Rota checked.",
            expected_version=1,
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.add_information_request,
        lambda s, a: inspections.add_information_request(
            s, actor=a, ref="I1", text="Fire risk assessment.", asked_on=date(2025, 3, 5)
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.mark_request_received,
        lambda s, a: inspections.mark_request_received(
            s,
            actor=a,
            request_id=only_id(s, InformationRequest),
            received_on=date(2025, 3, 10),
            expected_version=1,
        ),
        LEADS_OF_I1,
        prepare=lambda s: inspections.add_information_request(
            s,
            actor=ACTORS[Persona.MANAGER],
            ref="I1",
            text="Staff rota.",
            asked_on=date(2025, 3, 5),
        ),
    ),
    WriteFunction(
        recommendations.add_good_practice,
        lambda s, a: recommendations.add_good_practice(
            s, actor=a, inspection_ref="I1", theme="staffing and training", text="Peer support."
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        escalations.add_escalation,
        lambda s, a: escalations.add_escalation(
            s,
            actor=a,
            ref="ESC-900",
            inspection_ref="I1",
            raised_on=date(2025, 3, 4),
            concern="Fire doors propped open.",
            escalated_to=["prime contractor"],
        ),
        MANAGERS,
    ),
    WriteFunction(
        escalations.resolve_escalation,
        lambda s, a: escalations.resolve_escalation(
            s,
            actor=a,
            ref="ESC-901",
            resolved_on=date(2025, 4, 1),
            note="Fixed.",
            expected_version=1,
        ),
        MANAGERS,
        prepare=lambda s: escalations.add_escalation(
            s,
            actor=ACTORS[Persona.MANAGER],
            ref="ESC-901",
            inspection_ref="I1",
            raised_on=date(2025, 3, 4),
            concern="Night admissions without a risk assessment.",
        ),
    ),
    # Recommendations (R1 is from I1): follow-ups, evidence, due dates.
    WriteFunction(
        recommendations.update_due_date,
        lambda s, a: recommendations.update_due_date(
            s,
            actor=a,
            ref="R1",
            due_on=date(2025, 7, 1),
            reason="Works booked.",
            expected_version=1,
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.record_follow_up,
        lambda s, a: follow_ups.record_follow_up(s, actor=a, **FOLLOW_UP),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.record_follow_up_with_evidence,
        lambda s, a: follow_ups.record_follow_up_with_evidence(
            s, actor=a, files=[PDF_FILE], **FOLLOW_UP
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.attach_evidence,
        lambda s, a: follow_ups.attach_evidence(
            s,
            actor=a,
            follow_up_id=only_id(s, FollowUp),
            filename=PNG_FILE[0],
            data=PNG_FILE[1],
        ),
        LEADS_OF_I1,
        prepare=follow_up_with_evidence,
    ),
    # Evidence may be read and downloaded by every logged-in role, partners included.
    WriteFunction(
        follow_ups.evidence_for,
        lambda s, a: follow_ups.evidence_for(s, actor=a, follow_up_id=only_id(s, FollowUp)),
        frozenset(Persona),
        audited=False,
        prepare=sent_follow_up_with_evidence,
    ),
    WriteFunction(
        follow_ups.evidence_for_recommendation,
        lambda s, a: follow_ups.evidence_for_recommendation(s, actor=a, recommendation_ref="R1"),
        frozenset(Persona),
        audited=False,
        prepare=sent_follow_up_with_evidence,
    ),
    WriteFunction(
        follow_ups.evidence_download,
        lambda s, a: follow_ups.evidence_download(s, actor=a, evidence_id=only_id(s, EvidenceFile)),
        frozenset(Persona),
        audited=False,
        prepare=sent_follow_up_with_evidence,
    ),
)
