"""National recommendations: raised by managers, moved by dated updates, audited; partners and
inspectors never write; a stale form or a repeated update is refused with nothing written."""

from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.plain_text import ControlCharacterRefused
from dashboard.core.vocabulary import Role
from dashboard.exchange.problems import ImportRejected
from dashboard.governance.rules import Rag
from dashboard.national import queries, service
from dashboard.national.rules import register
from models import AuditEntry, NationalRecommendation, NationalRecommendationUpdate

PM = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)
PARTNER = Actor("ho", "Hana Office", Role.PARTNER)
INSPECTOR = Actor("tom", "Tom Okafor", Role.INSPECTOR)


def _raise(session: Session, actor: Actor = PM, ref: str = "NR-2025-01") -> None:
    service.save_national_recommendation(
        session,
        actor=actor,
        ref=ref,
        programme_year=2025,
        owner_org="home office",
        text="Reduce decision waiting times.",
        due_on=date(2027, 3, 31),
    )


def _counts(session: Session) -> tuple[int, ...]:
    tables = (NationalRecommendation, NationalRecommendationUpdate, AuditEntry)
    return tuple(session.exec(select(func.count()).select_from(t)).one() for t in tables)


def test_a_manager_raises_one_open_and_audited(session: Session):
    _raise(session)
    session.commit()
    [facts] = queries.national_recommendations(session)
    assert (facts.ref, facts.programme_year, facts.status, facts.closed_on) == (
        "NR-2025-01",
        2025,
        "open",
        None,
    )
    entry = session.exec(select(AuditEntry)).one()
    assert (entry.username, entry.entity, entry.entity_key) == (
        "pm",
        "national_recommendations",
        "NR-2025-01",
    )


@pytest.mark.parametrize("actor", [PARTNER, INSPECTOR])
def test_partners_and_inspectors_never_write(session: Session, actor: Actor):
    with pytest.raises(PermissionDenied):
        _raise(session, actor)
    assert _counts(session) == (0, 0, 0)


def test_an_update_to_done_closes_it_on_the_updates_date_and_turns_it_blue(session: Session):
    _raise(session)
    session.commit()
    service.add_national_update(
        session,
        actor=PM,
        ref="NR-2025-01",
        expected_version=1,
        on=date(2027, 2, 1),
        note="Decisions now within target.",
        status="done",
    )
    session.commit()
    [facts] = queries.national_recommendations(session)
    assert (facts.status, facts.closed_on) == ("done", date(2027, 2, 1))
    [before, after] = [register([facts], day)[0] for day in (date(2027, 1, 29), date(2027, 2, 1))]
    assert (before.status, after.status, after.rag) == ("open", "done", Rag.BLUE)
    assert register([facts], date(2027, 2, 1), open_only=True) == []


def test_a_stale_form_and_the_same_update_twice_are_refused_with_nothing_written(
    session: Session,
):
    _raise(session)
    session.commit()
    note = {"ref": "NR-2025-01", "on": date(2027, 1, 4), "note": "Met the Home Office."}
    service.add_national_update(session, actor=PM, expected_version=1, **note)
    session.commit()
    written = _counts(session)
    with pytest.raises(ImportRejected, match="already exists"):
        service.add_national_update(session, actor=PM, expected_version=1, **note)
    session.rollback()
    service.add_national_update(
        session,
        actor=PM,
        ref="NR-2025-01",
        expected_version=1,
        on=date(2027, 1, 5),
        status="in progress",
    )
    session.commit()
    with pytest.raises(StaleEdit):
        service.add_national_update(
            session,
            actor=PM,
            ref="NR-2025-01",
            expected_version=1,
            on=date(2027, 1, 6),
            status="dropped",
        )
    session.rollback()
    assert _counts(session)[:2] == (written[0], written[1] + 1)


def test_a_bad_programme_year_names_the_field(session: Session):
    with pytest.raises(ImportRejected, match="programme_year"):
        service.save_national_recommendation(
            session,
            actor=PM,
            ref="NR-1",
            programme_year=1999,
            owner_org="cqc",
            text="x",
            due_on=date(2027, 1, 1),
        )
    assert _counts(session) == (0, 0, 0)


@pytest.mark.parametrize("text", ["Soft\vbreak", "NUL\x00here", "escape\x1b[31m"])
def test_control_characters_in_the_text_are_refused_naming_it(session: Session, text: str):
    with pytest.raises(ControlCharacterRefused, match="text"):
        service.save_national_recommendation(
            session,
            actor=PM,
            ref="NR-9",
            programme_year=2025,
            owner_org="cqc",
            text=text,
            due_on=date(2027, 1, 1),
        )
    assert _counts(session) == (0, 0, 0)
