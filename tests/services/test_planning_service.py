"""Planning over a database: suggestions from stored history, the plan, accepting proposals."""

from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.planning.queries import suggestion_for_group
from dashboard.planning.rules import Capacity, Flag
from dashboard.planning.service import ProposalRefused, accept_proposals, plan_for_year
from models import AuditEntry, Escalation, Inspection
from tests import factories as make

D = date.fromisoformat
AS_OF = D("2026-11-02")
MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)


@pytest.fixture
def programme(session: Session) -> Session:
    """Provider P1 (inspector Amira Shah) with three groups, as of 2 November 2026.

    G1: inspected 2025-12-01 (due 2026-12-01), an open safe recommendation.
    G2: inspected 2026-01-20 (due 2027-01-20), an inspection already planned for 2027-01-11.
    G3: inspected 2025-11-20 (due 2026-11-20), nothing open; a service opened 2026-06-01.
    """
    p1 = make.provider(session, "P1")
    p1.allocated_inspector = "Amira Shah"
    g1, g2, g3 = (make.group(session, code, p1) for code in ("G1", "G2", "G3"))
    make.service(session, "S1", g1, D("2020-01-01"))
    make.service(session, "S2", g2, D("2020-01-01"))
    make.service(session, "S3", g3, D("2020-01-01"))
    i1 = make.inspection(session, "I1", g1, D("2025-12-01"), "assurance")
    rec = make.recommendation(session, "R1", i1, D("2026-03-01"))
    rec.key_question = "safe"
    make.inspection(session, "I2", g2, D("2026-01-20"), "assurance")
    make.inspection(session, "I2b", g2, D("2027-01-11"), "assurance", lead_inspector="Tom Okafor")
    make.inspection(session, "I3", g3, D("2025-11-20"), "assurance")
    make.service(session, "S3b", g3, D("2026-06-01"))
    make.mou_term(session, "MOU-3", D("2025-07-01"), D("2027-03-31"))
    session.commit()
    return session


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_suggestions_come_from_the_stored_history(programme: Session) -> None:
    g1 = suggestion_for_group(programme, "G1", AS_OF)
    assert (g1.inspection_type, g1.key_questions) == ("focused", ("safe",))
    g3 = suggestion_for_group(programme, "G3", AS_OF)
    assert g3.inspection_type == "comprehensive" and "S3b" in g3.reason
    g2 = suggestion_for_group(programme, "G2", AS_OF)
    assert g2.inspection_type == "assurance"
    asked = suggestion_for_group(programme, "G2", AS_OF, home_office_request=True)
    assert asked.inspection_type == "comprehensive"


def test_unresolved_escalation_makes_the_suggestion_focused(programme: Session) -> None:
    i2 = programme.exec(select(Inspection).where(Inspection.ref == "I2")).one()
    programme.add(
        Escalation(
            ref="E1", inspection_id=i2.id, raised_on=D("2026-02-01"), concern="Staffing at night."
        )
    )
    programme.flush()
    suggestion = suggestion_for_group(programme, "G2", AS_OF)
    assert (suggestion.inspection_type, suggestion.trigger) == ("focused", "concern")
    # resolved before the as-of date: nothing to follow up
    programme.exec(select(Escalation)).one().resolved_on = D("2026-10-01")
    programme.flush()
    assert suggestion_for_group(programme, "G2", AS_OF).inspection_type == "assurance"


def test_unknown_group_has_no_suggestion(programme: Session) -> None:
    with pytest.raises(LookupError, match="G9"):
        suggestion_for_group(programme, "G9", AS_OF)


def test_plan_keeps_the_planned_inspection_and_proposes_the_others(programme: Session) -> None:
    plan = plan_for_year(programme, 2026, AS_OF)
    summary = [
        (r.group_code, r.suggested_type, r.proposed_start_on, r.due_by, r.inspector, r.flags)
        for r in plan.rows
    ]
    assert summary == [
        # due Friday 20 November 2026: on its due date
        ("G3", "comprehensive", D("2026-11-20"), D("2026-11-20"), "Amira Shah", ()),
        ("G1", "focused", D("2026-12-01"), D("2026-12-01"), "Amira Shah", ()),
        ("G2", "assurance", D("2027-01-11"), D("2027-01-20"), "Tom Okafor", (Flag.PLANNED,)),
    ]


def test_accepting_proposals_creates_audited_planned_inspections(programme: Session) -> None:
    plan = plan_for_year(programme, 2026, AS_OF)
    created = accept_proposals(programme, actor=MANAGER, proposals=plan.proposals)
    programme.commit()
    assert [
        (i.ref, i.inspection_type, i.start_on, i.lead_inspector, i.trigger, i.key_questions)
        for i in created
    ] == [
        (
            "INS-2026-001",
            "comprehensive",
            D("2026-11-20"),
            "Amira Shah",
            "new service",
            "safe;effective;caring;responsive;well-led",
        ),
        ("INS-2026-002", "focused", D("2026-12-01"), "Amira Shah", "follow-up", "safe"),
    ]
    audit = programme.exec(
        select(AuditEntry.entity_key).where(
            AuditEntry.action == "create", AuditEntry.username == "manager"
        )
    ).all()
    assert sorted(audit) == ["INS-2026-001", "INS-2026-002"]
    # the accepted inspections are now kept as planned, and nothing is proposed again
    again = plan_for_year(programme, 2026, AS_OF)
    assert not again.proposals
    assert {r.inspection_ref for r in again.rows} == {"INS-2026-001", "INS-2026-002", "I2b"}


def test_refs_continue_after_existing_inspection_refs(programme: Session) -> None:
    other = make.group(programme, "GX", make.provider(programme, "PX"))
    make.inspection(programme, "INS-2026-007", other, D("2026-04-10"))
    make.inspection(programme, "PLAN-2026-009", other, D("2026-05-10"))  # an older style
    proposals = plan_for_year(programme, 2026, AS_OF).proposals
    created = accept_proposals(programme, actor=MANAGER, proposals=proposals[:1])
    assert [i.ref for i in created] == ["INS-2026-008"]


@pytest.mark.parametrize("role", [Role.PARTNER, Role.INSPECTOR])
def test_partners_and_inspectors_cannot_accept_proposals(programme: Session, role: Role) -> None:
    proposals = plan_for_year(programme, 2026, AS_OF).proposals
    before = (_count(programme, Inspection), _count(programme, AuditEntry))
    with pytest.raises(PermissionDenied, match="may not accept planned inspections"):
        accept_proposals(programme, actor=Actor("someone", "Some One", role), proposals=proposals)
    assert (_count(programme, Inspection), _count(programme, AuditEntry)) == before


def test_planned_and_not_fitted_rows_are_refused_and_nothing_is_written(
    programme: Session,
) -> None:
    plan = plan_for_year(programme, 2026, AS_OF, Capacity(per_month=0))
    # no capacity: both needs are listed, earliest due first, rather than dropped
    assert [r.group_code for r in plan.with_flag(Flag.NOT_FITTED)] == ["G3", "G1"]
    before = _count(programme, Inspection)
    for refused in (plan.with_flag(Flag.NOT_FITTED)[0], plan.with_flag(Flag.PLANNED)[0]):
        with pytest.raises(ProposalRefused, match="only fitted proposals"):
            accept_proposals(programme, actor=MANAGER, proposals=[refused])
    assert _count(programme, Inspection) == before


def test_a_stale_proposal_accepted_twice_is_refused(programme: Session) -> None:
    proposals = plan_for_year(programme, 2026, AS_OF).proposals
    accept_proposals(programme, actor=MANAGER, proposals=proposals[:1])
    with pytest.raises(ProposalRefused, match="already starts on 2026-11-20"):
        accept_proposals(programme, actor=MANAGER, proposals=proposals[:1])
