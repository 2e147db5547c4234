"""Good practice, escalations and due-date changes: who may write, what is refused, and flags."""

from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.escalations.queries import open_escalation_count
from dashboard.escalations.rules import is_flagged, next_escalation_ref
from dashboard.escalations.service import add_escalation, resolve_escalation
from dashboard.exchange.problems import ImportRejected
from dashboard.recommendations.service import (
    DueDateInvalid,
    GoodPracticeInvalid,
    add_good_practice,
    update_due_date,
)
from models import AuditEntry, Escalation, GoodPractice, Recommendation
from tests import factories as make

MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)
AMIRA = Actor("inspector", "Amira Shah", Role.INSPECTOR)
TOM = Actor("tom", "Tom Okafor", Role.INSPECTOR)
PARTNER = Actor("partner", "Home Office (read-only)", Role.PARTNER)


@pytest.fixture
def programme(session: Session) -> Session:
    """One provider, group and inspection led by Amira Shah, with a recommendation."""
    provider = make.provider(session, "P1")
    group = make.group(session, "G1", provider)
    inspection = make.inspection(
        session, "I1", group, date(2026, 3, 2), end_on=date(2026, 3, 4), lead_inspector="Amira Shah"
    )
    make.recommendation(session, "R1", inspection, date(2026, 6, 2))
    session.commit()
    return session


def _count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def _audit(session: Session, entity: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.entity == entity)))


# Good practice ---------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [MANAGER, AMIRA], ids=["manager", "lead inspector"])
def test_good_practice_is_logged_with_who_and_an_audit_entry(programme, actor):
    entry = add_good_practice(
        programme,
        actor=actor,
        inspection_ref="I1",
        theme=" staffing and training ",
        text="Peer support for new staff.",
    )
    programme.commit()
    stored = programme.exec(select(GoodPractice)).one()
    assert (stored.id, stored.theme, stored.recorded_by) == (
        entry.id,
        "staffing and training",
        actor.display_name,
    )
    assert stored.recorded_at is not None
    [audit] = _audit(programme, "good_practice")
    assert (audit.username, audit.action) == (actor.username, "create")


@pytest.mark.parametrize(
    ("actor", "message"),
    [(TOM, "only its lead inspector"), (PARTNER, "may not log good practice")],
    ids=["another inspector", "partner"],
)
def test_good_practice_is_refused_to_others_and_nothing_is_written(programme, actor, message):
    with pytest.raises(PermissionDenied, match=message):
        add_good_practice(
            programme,
            actor=actor,
            inspection_ref="I1",
            theme="estates",
            text="Fire drills at night.",
        )
    assert _count(programme, GoodPractice) == 0 and not _audit(programme, "good_practice")


@pytest.mark.parametrize(
    ("inspection_ref", "theme", "text", "field"),
    [
        ("I1", "  ", "Something good.", "theme"),
        ("I1", "estates", "", "text"),
        ("I1", "x" * 101, "Something good.", "theme"),
        ("NOPE", "estates", "Something good.", "inspection"),
    ],
)
def test_bad_good_practice_names_the_field_and_writes_nothing(
    programme, inspection_ref, theme, text, field
):
    with pytest.raises(GoodPracticeInvalid, match=rf"^{field}: "):
        add_good_practice(
            programme, actor=MANAGER, inspection_ref=inspection_ref, theme=theme, text=text
        )
    assert _count(programme, GoodPractice) == 0


# Escalations -----------------------------------------------------------------------------------


def _raise(session: Session, actor: Actor = MANAGER, **changes: object) -> Escalation:
    values: dict = {
        "ref": "ESC-001",
        "inspection_ref": "I1",
        "raised_on": date(2026, 3, 5),
        "concern": "Fire doors were propped open.",
        "escalated_to": ["prime contractor"],
        "early_outcome_letter_on": date(2026, 3, 9),
    }
    values.update(changes)
    return add_escalation(session, actor=actor, **values)


def test_a_manager_raises_an_escalation_through_the_importer_rules(programme):
    _raise(programme, escalated_to=["prime contractor", "home office"])
    programme.commit()
    stored = programme.exec(select(Escalation)).one()
    assert (stored.ref, stored.raised_on, stored.escalated_to, stored.early_outcome_letter_on) == (
        "ESC-001",
        date(2026, 3, 5),
        "prime contractor;home office",
        date(2026, 3, 9),
    )
    [audit] = _audit(programme, "escalations")
    assert (audit.username, audit.action, audit.entity_key) == ("manager", "create", "ESC-001")


@pytest.mark.parametrize("actor", [AMIRA, PARTNER], ids=["inspector", "partner"])
def test_only_managers_raise_escalations(programme, actor):
    with pytest.raises(PermissionDenied, match="may not raise an escalation"):
        _raise(programme, actor=actor)
    assert _count(programme, Escalation) == 0


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"concern": ""}, "concern"),
        ({"raised_on": None}, "raised_on"),
        ({"inspection_ref": "I9"}, "inspection_ref"),
        ({"escalated_to": ["the press"]}, "escalated_to"),
        ({"ref": ""}, "ref"),
        ({"concern": "x" * 4001}, "concern"),
    ],
)
def test_a_bad_escalation_names_the_field_and_writes_nothing(programme, changes, column):
    with pytest.raises(ImportRejected) as refused:
        _raise(programme, **changes)
    assert column in {problem.field for problem in refused.value.problems}
    assert _count(programme, Escalation) == 0 and not _audit(programme, "escalations")


def test_an_escalation_ref_already_used_is_refused(programme):
    _raise(programme)
    programme.commit()
    with pytest.raises(ImportRejected, match="already exists"):
        _raise(programme, concern="A different concern.")
    assert programme.exec(select(Escalation)).one().concern == "Fire doors were propped open."


def test_resolving_records_the_date_and_note_as_an_audited_edit(programme):
    row = _raise(programme)
    programme.commit()
    resolve_escalation(
        programme,
        actor=MANAGER,
        ref="ESC-001",
        resolved_on=date(2026, 4, 1),
        note="Doors fixed and checked at a visit.",
        expected_version=row.version,
    )
    programme.commit()
    stored = programme.exec(select(Escalation)).one()
    assert (stored.resolved_on, stored.resolution_note) == (
        date(2026, 4, 1),
        "Doors fixed and checked at a visit.",
    )
    assert [a.action for a in _audit(programme, "escalations")] == ["create", "update"]


@pytest.mark.parametrize(
    ("resolved_on", "note", "column"),
    [
        (date(2026, 3, 4), "Fixed.", "resolved_on"),  # before it was raised
        (None, "Fixed.", "resolved_on"),
        (date(2026, 4, 1), "  ", "resolution_note"),
    ],
)
def test_a_bad_resolution_names_the_field_and_writes_nothing(programme, resolved_on, note, column):
    row = _raise(programme)
    programme.commit()
    with pytest.raises(ImportRejected) as refused:
        resolve_escalation(
            programme,
            actor=MANAGER,
            ref="ESC-001",
            resolved_on=resolved_on,
            note=note,
            expected_version=row.version,
        )
    assert [problem.field for problem in refused.value.problems] == [column]
    programme.commit()  # whatever the refused call left in the session would be saved now
    assert programme.exec(select(Escalation)).one().resolved_on is None


def test_resolving_from_a_stale_form_is_refused(programme):
    row = _raise(programme)
    programme.commit()
    opened_at = row.version
    resolve_escalation(
        programme,
        actor=MANAGER,
        ref="ESC-001",
        resolved_on=date(2026, 4, 1),
        note="Fixed.",
        expected_version=opened_at,
    )
    programme.commit()
    with pytest.raises(StaleEdit, match="changed by manager"):
        resolve_escalation(
            programme,
            actor=MANAGER,
            ref="ESC-001",
            resolved_on=date(2026, 4, 2),
            note="Fixed again.",
            expected_version=opened_at,
        )


def test_inspectors_may_not_resolve_escalations(programme):
    row = _raise(programme)
    programme.commit()
    with pytest.raises(PermissionDenied):
        resolve_escalation(
            programme,
            actor=AMIRA,
            ref="ESC-001",
            resolved_on=date(2026, 4, 1),
            note="Fixed.",
            expected_version=row.version,
        )
    assert programme.exec(select(Escalation)).one().resolved_on is None


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 3, 4), (0, 0)),  # not yet raised
        (date(2026, 3, 5), (1, 0)),  # raised today
        (date(2026, 4, 4), (1, 0)),  # 30 days: not yet older than 30
        (date(2026, 4, 5), (1, 1)),  # 31 days: flagged
        (date(2026, 5, 1), (0, 0)),  # resolved on 1 May
    ],
)
def test_open_escalations_are_flagged_after_thirty_days(programme, as_of, expected):
    _raise(programme, raised_on=date(2026, 3, 5))
    row = _raise(programme, ref="ESC-002", raised_on=date(2026, 3, 5))
    resolve_escalation(
        programme,
        actor=MANAGER,
        ref="ESC-002",
        resolved_on=date(2026, 3, 5),
        note="Resolved the same day.",
        expected_version=row.version,
    )
    first = programme.exec(select(Escalation).where(Escalation.ref == "ESC-001")).one()
    resolve_escalation(
        programme,
        actor=MANAGER,
        ref="ESC-001",
        resolved_on=date(2026, 5, 1),
        note="Resolved.",
        expected_version=first.version,
    )
    programme.commit()
    assert open_escalation_count(programme, as_of) == expected


def test_the_flag_threshold_is_configurable(programme, monkeypatch):
    _raise(programme, raised_on=date(2026, 3, 5))
    programme.commit()
    assert open_escalation_count(programme, date(2026, 3, 16), days=10) == (1, 1)
    monkeypatch.setenv("OVERSIGHT_ESCALATION_FLAG_DAYS", "10")
    assert open_escalation_count(programme, date(2026, 3, 16)) == (1, 1)
    assert open_escalation_count(programme, date(2026, 3, 15)) == (1, 0)


@pytest.mark.parametrize(
    ("raised_on", "resolved_on", "as_of", "days", "flagged"),
    [
        (date(2026, 1, 1), None, date(2026, 1, 31), 30, False),
        (date(2026, 1, 1), None, date(2026, 2, 1), 30, True),
        (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), 30, False),
        (date(2026, 1, 1), date(2026, 3, 1), date(2026, 2, 15), 30, True),  # resolved later
        (date(2026, 1, 1), None, date(2026, 1, 9), 7, True),
    ],
)
def test_is_flagged(raised_on, resolved_on, as_of, days, flagged):
    assert is_flagged(raised_on, resolved_on, as_of, days) is flagged


def test_next_escalation_ref_follows_the_highest_number():
    assert next_escalation_ref(["ESC-001", "ESC-010", "OTHER-99"]) == "ESC-011"
    assert next_escalation_ref([]) == "ESC-001"


# Due dates -------------------------------------------------------------------------------------


def _r1(session: Session) -> Recommendation:
    return session.exec(select(Recommendation).where(Recommendation.ref == "R1")).one()


def test_changing_a_due_date_records_the_reason_and_an_audit_entry(programme):
    update_due_date(
        programme,
        actor=AMIRA,
        ref="R1",
        due_on=date(2026, 7, 1),
        reason="Building works delayed by the landlord.",
        expected_version=1,
    )
    programme.commit()
    row = _r1(programme)
    assert (row.due_on, row.due_on_reason) == (
        date(2026, 7, 1),
        "Building works delayed by the landlord.",
    )
    [audit] = _audit(programme, "recommendations")
    assert '"due_on": ["2026-06-02", "2026-07-01"]' in audit.changes


@pytest.mark.parametrize(
    ("due_on", "reason", "field"),
    [
        (date(2026, 7, 1), " ", "reason"),
        (date(2026, 3, 3), "Earlier.", "due date"),  # before the inspection ended
        (None, "No date.", "due date"),
    ],
)
def test_a_bad_due_date_change_names_the_field(programme, due_on, reason, field):
    with pytest.raises(DueDateInvalid, match=rf"^{field}: "):
        update_due_date(
            programme, actor=MANAGER, ref="R1", due_on=due_on, reason=reason, expected_version=1
        )
    programme.commit()  # whatever the refused call left in the session would be saved now
    assert _r1(programme).due_on == date(2026, 6, 2)


@pytest.mark.parametrize("actor", [TOM, PARTNER], ids=["another inspector", "partner"])
def test_due_dates_are_changed_only_by_those_who_may_follow_up(programme, actor):
    with pytest.raises(PermissionDenied):
        update_due_date(
            programme,
            actor=actor,
            ref="R1",
            due_on=date(2026, 7, 1),
            reason="Later.",
            expected_version=1,
        )
    assert _r1(programme).due_on == date(2026, 6, 2)


def test_a_due_date_change_from_a_stale_form_is_refused(programme):
    update_due_date(
        programme,
        actor=MANAGER,
        ref="R1",
        due_on=date(2026, 7, 1),
        reason="Later.",
        expected_version=1,
    )
    programme.commit()
    with pytest.raises(StaleEdit):
        update_due_date(
            programme,
            actor=AMIRA,
            ref="R1",
            due_on=date(2026, 8, 1),
            reason="Even later.",
            expected_version=1,
        )
    programme.commit()  # whatever the refused call left in the session would be saved now
    assert _r1(programme).due_on == date(2026, 7, 1)
