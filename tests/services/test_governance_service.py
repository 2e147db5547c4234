"""Writing meetings, actions and updates: audited, role-checked, refused when bad or stale."""

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.exchange.problems import ImportRejected
from dashboard.governance import queries as queries_governance
from dashboard.governance import service
from models import Action, ActionUpdate, AuditEntry, Meeting
from tests import factories as make
from tests.services.exchange_data import dump

PM = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
OTHER_PM = Actor("sam", "Sam Manager", Role.ADMIN)


@pytest.fixture
def governance(session: Session) -> Session:
    """One MoU governance meeting on 10 June 2026 with one open action due 8 July."""
    meeting = make.meeting(session, "MTG-1", date(2026, 6, 10))
    make.action(session, "ACT-1", meeting, date(2026, 7, 8))
    session.commit()
    return session


def _action(session: Session, ref: str = "ACT-1") -> Action:
    session.expire_all()
    return session.exec(select(Action).where(Action.ref == ref)).one()


def _audit(session: Session, entity: str) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).where(AuditEntry.entity == entity)))


def test_a_manager_creates_a_meeting_with_attendees_and_an_audit_entry(governance):
    service.create_meeting(
        governance,
        actor=PM,
        ref="MTG-2",
        held_on=date(2026, 9, 9),
        kind="mou governance",
        attendees="CQC programme manager\nHome Office SCA\n",
        notes="Quarterly review.",
    )
    governance.commit()
    meeting = governance.exec(select(Meeting).where(Meeting.ref == "MTG-2")).one()
    assert (meeting.held_on, meeting.kind) == (date(2026, 9, 9), "mou governance")
    assert meeting.attendees == "CQC programme manager;Home Office SCA"
    [entry] = _audit(governance, "meetings")
    assert (entry.username, entry.action, entry.entity_key) == ("pm", "create", "MTG-2")


def test_a_manager_raises_an_action_at_a_meeting(governance):
    service.create_action(
        governance,
        actor=PM,
        ref="ACT-2",
        meeting_ref="MTG-1",
        text="Share the plan.",
        owner_org="home office",
        owner_name="SCA contract manager",
        due_on=date(2026, 7, 1),
    )
    governance.commit()
    action = _action(governance, "ACT-2")
    assert (action.owner_org, action.status, action.closed_on) == ("home office", "open", None)
    [entry] = _audit(governance, "actions")
    assert json.loads(entry.changes)["due_on"] == [None, "2026-07-01"]


def test_an_update_that_closes_an_action_sets_its_closed_date_and_is_logged(governance):
    opened_at = _action(governance).version
    service.add_action_update(
        governance,
        actor=PM,
        action_ref="ACT-1",
        expected_version=opened_at,
        on=date(2026, 7, 3),
        note="Plan shared with partners.",
        status="done",
    )
    governance.commit()
    action = _action(governance)
    assert (action.status, action.closed_on) == ("done", date(2026, 7, 3))
    assert action.version == opened_at + 1
    [update] = queries_governance.action_updates(governance, "ACT-1")
    assert (update.on, update.by, update.status) == (date(2026, 7, 3), "Pat Manager", "done")
    assert [e.action for e in _audit(governance, "actions")] == ["update"]
    assert [e.entity_key for e in _audit(governance, "action_updates")] == ["ACT-1 | 2026-07-03"]


def test_reopening_an_action_clears_its_closed_date_and_a_note_alone_keeps_the_status(governance):
    service.add_action_update(
        governance, actor=PM, action_ref="ACT-1", expected_version=1, on="2026-07-03", status="done"
    )
    service.add_action_update(
        governance,
        actor=PM,
        action_ref="ACT-1",
        expected_version=2,
        on="2026-07-10",
        status="in progress",
        note="Plan incomplete.",
    )
    service.add_action_update(
        governance,
        actor=PM,
        action_ref="ACT-1",
        expected_version=3,
        on="2026-07-11",
        note="Chased.",
    )
    governance.commit()
    action = _action(governance)
    assert (action.status, action.closed_on, action.version) == ("in progress", None, 3)
    facts = next(a for a in queries_governance.actions(governance) if a.ref == "ACT-1")
    assert [(u.on, u.status) for u in facts.updates] == [
        (date(2026, 7, 3), "done"),
        (date(2026, 7, 10), "in progress"),
    ]


def test_a_manager_edits_an_actions_due_date(governance):
    changed = service.edit_action(
        governance,
        actor=PM,
        ref="ACT-1",
        expected_version=1,
        text="Send the plan.",
        owner_org="cqc",
        owner_name="Pat",
        due_on=date(2026, 7, 22),
    )
    governance.commit()
    assert changed
    assert (_action(governance).due_on, _action(governance).owner_name) == (
        date(2026, 7, 22),
        "Pat",
    )


WRITES = {
    "create a meeting": lambda s, actor: service.create_meeting(
        s, actor=actor, ref="MTG-9", held_on=date(2026, 9, 9), kind="programme board"
    ),
    "edit a meeting": lambda s, actor: service.edit_meeting(
        s,
        actor=actor,
        ref="MTG-1",
        expected_version=1,
        held_on=date(2026, 6, 11),
        kind="mou governance",
    ),
    "add an action": lambda s, actor: service.create_action(
        s,
        actor=actor,
        ref="ACT-9",
        meeting_ref="MTG-1",
        text="T",
        owner_org="cqc",
        owner_name=None,
        due_on=date(2026, 7, 1),
    ),
    "edit an action": lambda s, actor: service.edit_action(
        s,
        actor=actor,
        ref="ACT-1",
        expected_version=1,
        text="T",
        owner_org="cqc",
        owner_name=None,
        due_on=date(2026, 7, 1),
    ),
    "update an action": lambda s, actor: service.add_action_update(
        s, actor=actor, action_ref="ACT-1", expected_version=1, on=date(2026, 7, 1), status="done"
    ),
}


@pytest.mark.parametrize("role", [Role.PARTNER, Role.INSPECTOR])
@pytest.mark.parametrize("doing", list(WRITES))
def test_partners_and_inspectors_may_not_write_governance_records(governance, role, doing):
    before = dump(governance)
    with pytest.raises(PermissionDenied, match=f"may not {doing}"):
        WRITES[doing](governance, Actor("x", "Someone", role))
    assert dump(governance) == before


@pytest.mark.parametrize(
    ("write", "column", "message"),
    [
        (
            lambda s: service.create_meeting(
                s, actor=PM, ref="MTG-2", held_on="2026-13-01", kind="mou governance"
            ),
            "held_on",
            "'2026-13-01' is not a real date (use YYYY-MM-DD)",
        ),
        (
            lambda s: service.create_meeting(
                s, actor=PM, ref="MTG-2", held_on=date(2026, 9, 9), kind="tea party"
            ),
            "kind",
            "'tea party' is not allowed",
        ),
        (
            lambda s: service.create_meeting(
                s, actor=PM, ref="MTG-1", held_on=date(2026, 9, 9), kind="mou governance"
            ),
            "ref",
            "meeting 'MTG-1' already exists; choose another",
        ),
        (
            lambda s: service.create_action(
                s,
                actor=PM,
                ref="ACT-2",
                meeting_ref="MTG-404",
                text="T",
                owner_org="cqc",
                owner_name=None,
                due_on=date(2026, 7, 1),
            ),
            "meeting_ref",
            "unknown meeting 'MTG-404'",
        ),
        (
            lambda s: service.create_action(
                s,
                actor=PM,
                ref="ACT-2",
                meeting_ref="MTG-1",
                text="",
                owner_org="cqc",
                owner_name=None,
                due_on=date(2026, 7, 1),
            ),
            "text",
            "a value is required",
        ),
        (
            lambda s: service.create_action(
                s,
                actor=PM,
                ref="ACT-2",
                meeting_ref="MTG-1",
                text="T",
                owner_org="the council",
                owner_name=None,
                due_on=date(2026, 7, 1),
            ),
            "owner_org",
            "'the council' is not allowed",
        ),
        (
            lambda s: service.add_action_update(
                s, actor=PM, action_ref="ACT-1", expected_version=1, on="", status="done"
            ),
            "on",
            "a value is required",
        ),
        (
            lambda s: service.add_action_update(
                s, actor=PM, action_ref="ACT-1", expected_version=1, on="2026-06-09", status="done"
            ),
            "on",
            "2026-06-09 is before the meeting it was raised at (2026-06-10)",
        ),
        (
            lambda s: service.add_action_update(
                s,
                actor=PM,
                action_ref="ACT-1",
                expected_version=1,
                on="2026-07-01",
                status="finished",
            ),
            "status",
            "'finished' is not allowed",
        ),
        (
            lambda s: service.add_action_update(
                s, actor=PM, action_ref="ACT-1", expected_version=1, on="2026-07-01", note=" "
            ),
            "note",
            "give a note or a new status",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    governance, write, column, message
):
    before = dump(governance)
    with pytest.raises(ImportRejected) as refused:
        write(governance)
    assert [problem.field for problem in refused.value.problems] == [column]
    assert message in refused.value.problems[0].message
    assert dump(governance) == before


def test_an_edit_opened_before_another_managers_save_is_refused_as_stale(governance):
    service.edit_meeting(
        governance,
        actor=OTHER_PM,
        ref="MTG-1",
        expected_version=1,
        held_on=date(2026, 6, 10),
        kind="mou governance",
        notes="Moved room.",
    )
    governance.commit()
    with pytest.raises(StaleEdit, match="changed by sam at .* — reload"):
        service.edit_meeting(
            governance,
            actor=PM,
            ref="MTG-1",
            expected_version=1,
            held_on=date(2026, 6, 12),
            kind="mou governance",
        )
    governance.rollback()
    meeting = governance.exec(select(Meeting).where(Meeting.ref == "MTG-1")).one()
    assert (meeting.held_on, meeting.notes) == (date(2026, 6, 10), "Moved room.")


def test_an_update_to_an_action_changed_since_the_form_opened_is_refused(governance):
    service.add_action_update(
        governance,
        actor=OTHER_PM,
        action_ref="ACT-1",
        expected_version=1,
        on=date(2026, 7, 1),
        status="in progress",
    )
    governance.commit()
    with pytest.raises(StaleEdit, match="changed by sam"):
        service.add_action_update(
            governance,
            actor=PM,
            action_ref="ACT-1",
            expected_version=1,
            on=date(2026, 7, 2),
            status="dropped",
        )
    governance.rollback()
    assert _action(governance).status == "in progress"
    assert len(governance.exec(select(ActionUpdate)).all()) == 1
