"""Recording a planned inspection as carried out, moving it, or cancelling it: who may, what the
importer's rules refuse, and the audit trail (a move keeps the old dates)."""

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import PermissionDenied
from dashboard.core.refusal import Refused
from dashboard.inspections.rules import InvalidInput
from dashboard.inspections.service import status as service
from models import AuditEntry, Inspection, InspectionGroup
from tests import factories as make
from tests.services.inspection_world import AMIRA, MANAGER, PARTNER, TOM, counts

TODAY = date(2026, 11, 2)


@pytest.fixture
def planned(g1_world: Session) -> Session:
    """G1 also has P1, an assurance inspection planned for Mon 12 Oct 2026 led by Amira Shah,
    never recorded (its date passed by 2 November 2026)."""
    g1 = g1_world.exec(select(InspectionGroup).where(InspectionGroup.code == "G1")).one()
    make.inspection(
        g1_world,
        "P1",
        g1,
        date(2026, 10, 12),
        "assurance",
        lead_inspector="Amira Shah",
        status="planned",
    )
    g1_world.commit()
    return g1_world


def p1(session: Session) -> Inspection:
    return session.exec(select(Inspection).where(Inspection.ref == "P1")).one()


def last_change(session: Session) -> tuple[str, str, dict[str, list[str | None]]]:
    entry = session.exec(
        select(AuditEntry).where(AuditEntry.entity_key == "P1", AuditEntry.action == "update")
    ).one()
    return entry.username, entry.entity, json.loads(entry.changes or "{}")


def test_the_lead_inspector_records_it_carried_out_on_its_real_dates(planned: Session) -> None:
    changes = service.record_carried_out(
        planned,
        actor=AMIRA,
        ref="P1",
        start_on=date(2026, 10, 13),
        end_on=date(2026, 10, 14),
        expected_version=1,
        today=TODAY,
    )
    planned.commit()
    row = p1(planned)
    assert (row.status, row.start_on, row.end_on, row.version) == (
        "carried out",
        date(2026, 10, 13),
        date(2026, 10, 14),
        2,
    )
    assert changes["status"] == ("planned", "carried out")
    username, entity, logged = last_change(planned)
    assert (username, entity) == ("amira", "inspections")
    assert logged["start_on"] == ["2026-10-12", "2026-10-13"]


def test_a_manager_moves_it_and_the_old_dates_stay_in_the_audit_trail(planned: Session) -> None:
    service.move_inspection(
        planned,
        actor=MANAGER,
        ref="P1",
        start_on=date(2026, 12, 7),
        end_on=date(2026, 12, 8),
        expected_version=1,
    )
    planned.commit()
    row = p1(planned)
    assert (row.status, row.start_on, row.end_on) == (
        "planned",
        date(2026, 12, 7),
        date(2026, 12, 8),
    )
    username, _, logged = last_change(planned)
    assert username == "pm"
    assert logged["start_on"] == ["2026-10-12", "2026-12-07"]
    assert logged["end_on"] == [None, "2026-12-08"]


def test_cancelling_keeps_the_reason_and_audits_it(planned: Session) -> None:
    service.cancel_inspection(
        planned, actor=AMIRA, ref="P1", reason="  Service  closed early ", expected_version=1
    )
    planned.commit()
    row = p1(planned)
    assert (row.status, row.cancelled_reason) == ("cancelled", "Service closed early")
    _, _, logged = last_change(planned)
    assert logged["status"] == ["planned", "cancelled"]
    assert logged["cancelled_reason"] == [None, "Service closed early"]


def _record(session: Session, **change: object) -> None:
    args: dict[str, object] = {
        "actor": MANAGER,
        "ref": "P1",
        "start_on": date(2026, 10, 12),
        "end_on": None,
        "expected_version": 1,
        "today": TODAY,
    }
    service.record_carried_out(session, **{**args, **change})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("write", "field", "words"),
    [
        (lambda s: _record(s, start_on=None), "start_on", "a value is required"),
        (lambda s: _record(s, start_on=date(2026, 11, 3)), "start_on", "after today"),
        (lambda s: _record(s, end_on=date(2026, 10, 11)), "end_on", "before start_on"),
        (
            lambda s: service.cancel_inspection(
                s, actor=MANAGER, ref="P1", reason="   ", expected_version=1
            ),
            "cancelled_reason",
            "give the reason",
        ),
        (
            lambda s: service.move_inspection(
                s,
                actor=MANAGER,
                ref="P1",
                start_on=date(2026, 10, 12),
                end_on=None,
                expected_version=1,
            ),
            "start_on",
            "other than the planned ones",
        ),
    ],
    ids=["no-start", "future-start", "end-before-start", "no-reason", "same-dates"],
)
def test_bad_input_is_refused_naming_the_field_and_writes_nothing(
    planned: Session, write, field: str, words: str
) -> None:
    before = counts(planned)
    with pytest.raises(InvalidInput) as refused:
        write(planned)
    assert isinstance(refused.value, Refused)
    assert [p.field for p in refused.value.problems] == [field]
    assert words in str(refused.value)
    planned.rollback()
    assert counts(planned) == before
    assert p1(planned).status == "planned"


def test_only_a_planned_inspection_can_be_recorded_moved_or_cancelled(planned: Session) -> None:
    # I1 was carried out (the factory's default).
    with pytest.raises(InvalidInput, match="I1 is carried out, not planned") as refused:
        service.cancel_inspection(planned, actor=MANAGER, ref="I1", reason="x", expected_version=1)
    assert refused.value.problems[0].field == "status"


@pytest.mark.parametrize(
    ("actor", "words"),
    [(PARTNER, r"Home Office \(partner\) may not cancel"), (TOM, "P1 is led by Amira Shah")],
)
def test_partners_never_and_other_inspectors_may_not_change_it(
    planned: Session, actor, words: str
) -> None:
    before = counts(planned)
    with pytest.raises(PermissionDenied, match=words):
        service.cancel_inspection(planned, actor=actor, ref="P1", reason="x", expected_version=1)
    with pytest.raises(PermissionDenied):
        service.move_inspection(
            planned,
            actor=actor,
            ref="P1",
            start_on=date(2026, 12, 7),
            end_on=None,
            expected_version=1,
        )
    with pytest.raises(PermissionDenied):
        _record(planned, actor=actor)
    assert counts(planned) == before


def test_a_form_opened_before_someone_else_saved_is_refused(planned: Session) -> None:
    service.move_inspection(
        planned,
        actor=MANAGER,
        ref="P1",
        start_on=date(2026, 12, 7),
        end_on=None,
        expected_version=1,
    )
    planned.commit()
    with pytest.raises(StaleEdit, match="changed by pm"):
        service.cancel_inspection(planned, actor=AMIRA, ref="P1", reason="x", expected_version=1)
