"""An update recorded twice by a second click (same record, same day, same words) is refused
with a clear sentence; another day or other words are a new update."""

from datetime import date

import pytest
from sqlmodel import func, select

from dashboard.exchange.problems import ImportRejected
from dashboard.follow_ups.rules import FollowUpRefused
from dashboard.governance import service as governance
from models import Action, ActionUpdate, FollowUp
from tests import factories as make
from tests.services.test_follow_ups import MANAGER, follow
from tests.services.test_governance_service import PM


@pytest.fixture
def recs(session):
    """R1, an open recommendation of an inspection that started on 12 Jan 2026."""
    group = make.group(session, "G1", make.provider(session, "P1"))
    inspection = make.inspection(session, "I1", group, date(2026, 1, 12))
    make.recommendation(session, "R1", inspection, date(2026, 3, 1))
    session.commit()
    return session


@pytest.fixture
def world(session):
    """ACT-1, an open action raised at a meeting on 10 June 2026."""
    make.action(
        session, "ACT-1", make.meeting(session, "MTG-1", date(2026, 6, 10)), date(2026, 7, 8)
    )
    session.commit()
    return session


def _action(session) -> Action:
    session.expire_all()
    return session.exec(select(Action).where(Action.ref == "ACT-1")).one()


def _count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_the_same_follow_up_twice_on_one_day_is_refused(recs):
    follow(recs, MANAGER, "in progress", note="Checked the audit log.")
    recs.commit()
    with pytest.raises(FollowUpRefused) as refused:
        follow(recs, MANAGER, "in progress", note="  checked the audit  log. ")
    assert str(refused.value) == (
        "note: this follow-up was already recorded on R1 for 20 Feb 2026; it is not recorded twice"
    )
    recs.rollback()
    assert _count(recs, FollowUp) == 1
    follow(recs, MANAGER, "in progress", note="Checked the audit log.", on=date(2026, 2, 23))
    follow(recs, MANAGER, "in progress", note="Received the new policy.")
    assert _count(recs, FollowUp) == 3


def _update(session, note: str | None, on: str = "2026-07-03", status: str | None = None):
    return governance.add_action_update(
        session,
        actor=PM,
        action_ref="ACT-1",
        expected_version=_action(session).version,
        on=on,
        note=note,
        status=status,
    )


def test_the_same_action_update_twice_on_one_day_is_refused(world):
    _update(world, "Chased the Home Office.")
    world.commit()
    with pytest.raises(ImportRejected) as refused:
        _update(world, "Chased the Home Office.")
    assert refused.value.messages("note") == [
        "this update was already added to ACT-1 for 2026-07-03; it is not added twice"
    ]
    world.rollback()
    assert _count(world, ActionUpdate) == 1
    _update(world, "Chased the Home Office.", on="2026-07-06")  # another day
    _update(world, "Chased again by phone.")  # other words
    _update(world, "Chased the Home Office.", status="done")  # a status change with it
    assert _count(world, ActionUpdate) == 4
