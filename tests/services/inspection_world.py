"""The small programme the inspection service tests work on, and the people acting on it."""

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.inspections.rules import InspectionDraft
from models import AuditEntry, InformationRequest, Inspection, JudgementRecord
from tests import factories as make

MANAGER = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
AMIRA = Actor("amira", "Amira Shah", Role.INSPECTOR)
TOM = Actor("tom", "Tom Okafor", Role.INSPECTOR)
PARTNER = Actor("ho", "Home Office", Role.PARTNER)

# Planned for G2: G1's I1 runs on the same days, which a new inspection of G1 must confirm.
PLANNED = InspectionDraft(
    group_code="G2",
    inspection_type="comprehensive",
    mode="on-site",
    trigger="routine",
    lead_inspector="Amira Shah",
    start_on=date(2026, 3, 31),
    end_on=date(2026, 4, 1),
)


@pytest.fixture
def g1_world(session: Session) -> Session:
    """Group G1 (open since 2024) with I1, an assurance inspection led by Amira Shah that ended
    on Wed 1 Apr 2026, just before Easter; group G2 (open since 2024) not yet inspected."""
    p1 = make.provider(session)
    g1 = make.group(session, "G1", p1)
    make.service(session, "S1", g1, date(2024, 1, 1))
    make.service(session, "S2", make.group(session, "G2", p1), date(2024, 1, 1))
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


def counts(session: Session) -> tuple[int, ...]:
    """Rows in every table a form writes, to show a refusal wrote nothing."""
    tables = (Inspection, JudgementRecord, InformationRequest, AuditEntry)
    return tuple(session.exec(select(func.count()).select_from(t)).one() for t in tables)


def i1(session: Session) -> Inspection:
    return session.exec(select(Inspection).where(Inspection.ref == "I1")).one()


def i1_draft(**change) -> InspectionDraft:
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
