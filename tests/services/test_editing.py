"""No lost updates: a save over a newer change is refused and the first change is kept."""

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.core.editing import StaleEdit, save_edit
from dashboard.core.permissions import Actor, PermissionDenied, require_role
from dashboard.core.vocabulary import Role
from models import AuditEntry, Recommendation
from tests import factories as make


@pytest.fixture
def recommendation_ref(engine) -> str:
    with Session(engine) as session:
        p1 = make.provider(session)
        g1 = make.group(session, "G1", p1)
        i1 = make.inspection(session, "I1", g1, date(2025, 3, 3))
        make.recommendation(session, "R1", i1, date(2025, 4, 1))
        session.commit()
    return "R1"


def _open(session: Session, ref: str) -> Recommendation:
    return session.exec(select(Recommendation).where(Recommendation.ref == ref)).one()


def test_second_save_of_a_form_opened_earlier_is_refused_naming_who_changed_it(
    engine, recommendation_ref
):
    with Session(engine) as first, Session(engine) as second:
        mine, theirs = _open(first, recommendation_ref), _open(second, recommendation_ref)
        opened_at = theirs.version
        save_edit(
            first,
            mine,
            {"status": "in progress"},
            actor="alice",
            entity="recommendation",
            key="R1",
            expected_version=mine.version,
        )
        first.commit()
        second.expire_all()
        theirs = _open(second, recommendation_ref)
        with pytest.raises(StaleEdit, match=r"changed by alice at .* UTC — reload"):
            save_edit(
                second,
                theirs,
                {"status": "closed"},
                actor="bob",
                entity="recommendation",
                key="R1",
                expected_version=opened_at,
            )
    with Session(engine) as check:
        assert _open(check, "R1").status == "in progress"


def test_racing_flush_of_a_stale_row_is_refused(engine, recommendation_ref):
    with Session(engine) as first, Session(engine) as second:
        mine, theirs = _open(first, recommendation_ref), _open(second, recommendation_ref)
        save_edit(
            first,
            mine,
            {"status": "in progress"},
            actor="alice",
            entity="recommendation",
            key="R1",
            expected_version=mine.version,
        )
        first.commit()
        # `theirs` still holds version 1 in memory, so only the database can catch this one
        with pytest.raises(StaleEdit, match="alice"):
            save_edit(
                second,
                theirs,
                {"status": "closed"},
                actor="bob",
                entity="recommendation",
                key="R1",
                expected_version=theirs.version,
            )
    with Session(engine) as check:
        assert _open(check, "R1").status == "in progress"


def test_save_records_only_changed_fields_in_the_audit_trail(engine, recommendation_ref):
    with Session(engine) as session:
        row = _open(session, recommendation_ref)
        changes = save_edit(
            session,
            row,
            {"status": "open", "risk": "high"},
            actor="alice",
            entity="recommendation",
            key="R1",
            expected_version=1,
        )
        session.commit()
        entry = session.exec(select(AuditEntry)).one()
    assert changes == {"risk": ("medium", "high")}
    assert (entry.username, entry.action, entry.entity_key) == ("alice", "update", "R1")
    assert '"risk": ["medium", "high"]' in entry.changes


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.PARTNER, False),
        (Role.INSPECTOR, False),
        (Role.PROGRAMME_MANAGER, True),
        (Role.ADMIN, True),
    ],
)
def test_require_role_refuses_roles_not_allowed(role, allowed):
    actor = Actor("u", "Una", role)
    if allowed:
        require_role(actor, {Role.ADMIN, Role.PROGRAMME_MANAGER}, "plan an inspection")
    else:
        with pytest.raises(PermissionDenied, match="may not plan an inspection"):
            require_role(actor, {Role.ADMIN, Role.PROGRAMME_MANAGER}, "plan an inspection")


def test_an_unknown_role_is_no_actor():
    with pytest.raises(PermissionDenied):
        Actor.of("x", "X", "superuser")
