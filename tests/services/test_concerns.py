"""Concerns: who may record, edit and read them, what is refused, and the audit trail."""

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.concerns.queries import concern_rows, open_concerns
from dashboard.concerns.rules import ConcernDraft, ConcernFilter, ConcernRefused
from dashboard.concerns.service import record_concern, update_concern
from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import STAFF_VIEWER, Actor, PermissionDenied, Viewer
from dashboard.core.plain_text import ControlCharacterRefused
from dashboard.core.vocabulary import Role
from models import AuditEntry, Concern
from tests import factories as make

ADMIN = Actor("admin", "Ada Admin", Role.ADMIN)
MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)
AMIRA = Actor("inspector", "Amira Shah", Role.INSPECTOR)
PARTNER = Actor("partner", "Home Office (read-only)", Role.PARTNER)
PARTNER_VIEW = Viewer.of(Role.PARTNER, date(2026, 11, 2), today=date(2026, 11, 2))

DRAFT = ConcernDraft(
    received_on=date(2026, 10, 5),
    source="home office",
    provider_code="P1",
    group_code="G1",
    key_questions=("well-led", "safe"),
    summary="Safeguarding review: night staffing below the agreed level.",
    risk="high",
)


@pytest.fixture
def programme(session: Session) -> Session:
    """Providers P1 (group G1, inspection I1) and P2 (group G2)."""
    p1, p2 = make.provider(session, "P1"), make.provider(session, "P2")
    g1 = make.group(session, "G1", p1)
    make.group(session, "G2", p2)
    make.inspection(session, "I1", g1, date(2026, 10, 20), lead_inspector="Tom Okafor")
    session.commit()
    return session


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Concern)).one()


def _audit(session: Session) -> list[AuditEntry]:
    statement = select(AuditEntry).where(AuditEntry.entity == "concerns").order_by(AuditEntry.id)
    return list(session.exec(statement))


@pytest.mark.parametrize("actor", [ADMIN, MANAGER, AMIRA], ids=["admin", "manager", "inspector"])
def test_staff_record_a_concern_with_a_made_ref_and_an_audit_entry(programme, actor):
    row = record_concern(programme, actor=actor, draft=DRAFT)

    assert row.ref == "CON-2026-001"
    assert row.key_questions == "safe;well-led"  # stored as an inspection's, in the usual order
    assert (row.status, row.group_id is not None, row.closed_on) == ("open", True, None)
    [entry] = _audit(programme)
    assert (entry.username, entry.action, entry.entity_key) == (actor.username, "create", row.ref)
    assert json.loads(entry.changes or "{}")["summary"][1] == DRAFT.summary


def test_refs_are_numbered_within_the_year_received(programme):
    record_concern(programme, actor=MANAGER, draft=DRAFT)
    record_concern(programme, actor=MANAGER, draft=DRAFT, ref="CON-2026-007")
    third = record_concern(programme, actor=MANAGER, draft=DRAFT)
    next_year = record_concern(
        programme, actor=MANAGER, draft=replace(DRAFT, received_on=date(2027, 1, 4))
    )

    assert (third.ref, next_year.ref) == ("CON-2026-008", "CON-2027-001")


def test_partners_never_write(programme):
    with pytest.raises(PermissionDenied, match="may not record a concern"):
        record_concern(programme, actor=PARTNER, draft=DRAFT)
    row = record_concern(programme, actor=MANAGER, draft=DRAFT)
    programme.commit()
    with pytest.raises(PermissionDenied, match="may not edit a concern"):
        update_concern(
            programme, actor=PARTNER, ref=row.ref, draft=DRAFT, expected_version=row.version
        )
    assert (_count(programme), len(_audit(programme))) == (1, 1)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"status": "closed"}, "closed_on", "is required when status is closed"),
        ({"closed_on": date(2026, 10, 9)}, "closed_on", "only for a closed concern"),
        (
            {"status": "closed", "closed_on": date(2026, 10, 4)},
            "closed_on",
            "2026-10-04 is before received_on 2026-10-05",
        ),
        ({"group_code": "G2"}, "group_code", "belongs to provider 'P2', not 'P1'"),
        ({"provider_code": "P9"}, "provider_code", "unknown provider 'P9'"),
        ({"source": "newspaper"}, "source", "'newspaper' is not allowed"),
        ({"risk": ""}, "risk", "a value is required"),
        ({"summary": " "}, "summary", "a value is required"),
        ({"received_on": None}, "received_on", "a value is required"),
        ({"key_questions": ("safe", "kind")}, "key_questions", "'kind' is not allowed"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    programme, change, field, message
):
    with pytest.raises(ConcernRefused) as refused:
        record_concern(programme, actor=MANAGER, draft=replace(DRAFT, **change))

    assert message in " ".join(refused.value.messages(field))
    assert (_count(programme), _audit(programme)) == (0, [])


def test_a_control_character_in_the_summary_is_refused(programme):
    with pytest.raises(ControlCharacterRefused, match="summary"):
        record_concern(programme, actor=AMIRA, draft=replace(DRAFT, summary="Night\x0bstaff"))
    assert _count(programme) == 0


def test_an_inspector_closes_a_concern_with_the_change_audited(programme):
    row = record_concern(programme, actor=MANAGER, draft=DRAFT)
    programme.commit()

    changes = update_concern(
        programme,
        actor=AMIRA,
        ref=row.ref,
        draft=replace(
            DRAFT,
            status="closed",
            closed_on=date(2026, 11, 20),
            response="focused inspection",
            inspection_ref="I1",
        ),
        expected_version=1,
    )

    assert set(changes) == {"status", "closed_on", "response", "inspection_id"}
    assert (row.status, row.closed_on, row.version) == ("closed", date(2026, 11, 20), 2)
    update = _audit(programme)[-1]
    assert (update.username, update.action) == ("inspector", "update")
    assert json.loads(update.changes or "{}")["closed_on"] == [None, "2026-11-20"]


def test_an_edit_opened_before_someone_elses_save_is_refused(programme):
    row = record_concern(programme, actor=MANAGER, draft=DRAFT)
    programme.commit()
    update_concern(
        programme, actor=AMIRA, ref=row.ref, draft=replace(DRAFT, risk="low"), expected_version=1
    )
    programme.commit()

    with pytest.raises(StaleEdit, match="changed by inspector"):
        update_concern(
            programme,
            actor=MANAGER,
            ref=row.ref,
            draft=replace(DRAFT, risk="medium"),
            expected_version=1,
        )
    assert row.risk == "low"


def test_an_inspection_of_another_provider_is_refused(programme):
    with pytest.raises(ConcernRefused) as refused:
        record_concern(
            programme,
            actor=MANAGER,
            draft=replace(DRAFT, provider_code="P2", group_code=None, inspection_ref="I1"),
        )
    assert refused.value.messages("inspection_ref") == [
        "inspection 'I1' is of provider 'P1', not 'P2'"
    ]


def test_partners_read_only_home_office_and_prime_contractor_concerns_and_escalated_ones(
    programme,
):
    for source, response in (
        ("home office", None),
        ("prime contractor", "noted"),
        ("whistleblower", "escalated"),
        ("whistleblower", "engagement meeting"),
        ("provider", None),
        ("anti-slavery commissioner", "focused inspection"),
    ):
        record_concern(
            programme, actor=MANAGER, draft=replace(DRAFT, source=source, response=response)
        )

    staff = {row.ref for row in concern_rows(programme, STAFF_VIEWER)}
    partner = [(row.source, row.response) for row in concern_rows(programme, PARTNER_VIEW)]

    assert len(staff) == 6
    assert sorted(partner, key=str) == sorted(
        [("home office", None), ("prime contractor", "noted"), ("whistleblower", "escalated")],
        key=str,
    )


def test_filters_and_open_on_a_date(programme):
    record_concern(programme, actor=MANAGER, draft=replace(DRAFT, risk="low"))
    record_concern(
        programme,
        actor=MANAGER,
        draft=replace(DRAFT, source="provider", status="closed", closed_on=date(2026, 10, 30)),
    )
    record_concern(programme, actor=MANAGER, draft=replace(DRAFT, received_on=date(2026, 11, 3)))

    chosen = ConcernFilter(statuses=("open",), risks=("low",))
    assert [row.ref for row in concern_rows(programme, STAFF_VIEWER, chosen)] == ["CON-2026-001"]
    on_29th = open_concerns(programme, STAFF_VIEWER, date(2026, 10, 29))
    assert [row.ref for row in on_29th] == ["CON-2026-002", "CON-2026-001"]  # high first
    assert [row.ref for row in open_concerns(programme, STAFF_VIEWER, date(2026, 10, 30))] == [
        "CON-2026-001"
    ]
