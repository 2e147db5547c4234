"""People creating records at the same moment, each with a ref the server makes: every save
lands with its own number, none sees an error (`db.write` runs a collided save again).

Each save runs in its own thread, transaction and connection, released together by a barrier,
on a SQLite file in WAL mode (as the app runs) and on PostgreSQL.
"""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.editing import StaleEdit
from dashboard.governance import service as governance_service
from dashboard.inspections import service as inspection_service
from models import Action, Inspection
from tests import factories as make
from tests.services.at_once import at_once
from tests.services.inspection_world import MANAGER, PLANNED

PEOPLE = 8


def test_inspections_planned_at_once_each_take_the_next_free_ref(g1_world, engine: Engine):
    def plan(person: int) -> str:
        draft = replace(PLANNED, start_on=date(2026, 6, 1) + timedelta(weeks=person), end_on=None)
        return db.write(
            engine,
            lambda s: (
                inspection_service.create_inspection(
                    s, actor=MANAGER, draft=draft, confirm_overlap=True
                ).ref
            ),
        )

    refs = at_once(PEOPLE, plan)
    assert sorted(refs) == [f"INS-2026-{n:03d}" for n in range(1, PEOPLE + 1)]
    with Session(engine) as session:
        assert len(session.exec(select(Inspection)).all()) == PEOPLE + 1  # and I1


def test_actions_raised_at_once_with_a_blank_ref_each_take_the_meetings_next(
    session: Session, engine: Engine
):
    make.meeting(session, "MTG-2026-12-GOV", date(2026, 12, 3))
    session.commit()

    def raise_action(person: int) -> str:
        return db.write(
            engine,
            lambda s: governance_service.create_action(
                s,
                actor=MANAGER,
                ref="",
                meeting_ref="MTG-2026-12-GOV",
                text=f"Action {person}",
                owner_org="cqc",
                owner_name=None,
                due_on=date(2027, 1, 8),
            ),
        )

    refs = at_once(PEOPLE, raise_action)
    assert sorted(refs, key=lambda ref: int(ref.rsplit("-", 1)[1])) == [
        f"ACT-2026-12-GOV-{n}" for n in range(1, PEOPLE + 1)
    ]
    with Session(engine) as check:
        assert len(check.exec(select(Action)).all()) == PEOPLE


def test_an_edit_of_a_record_changed_meanwhile_is_refused_not_retried_into_a_lost_update(
    g1_world, engine: Engine
):
    created = db.write(
        engine, lambda s: inspection_service.create_inspection(s, actor=MANAGER, draft=PLANNED)
    )
    draft = replace(PLANNED, mode="remote")

    def edit(s: Session) -> None:
        inspection_service.update_inspection(
            s, actor=MANAGER, ref=created.ref, draft=draft, expected_version=created.version
        )

    db.write(engine, edit)
    with pytest.raises(StaleEdit):
        db.write(engine, edit)  # the same form pressed again, from the version it opened
