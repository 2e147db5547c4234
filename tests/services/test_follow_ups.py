"""Recording follow-ups: who may, which status changes, and what is written (or not)."""

import json
from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from dashboard.core.editing import StaleEdit
from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.follow_ups.rules import FollowUpRefused
from dashboard.follow_ups.service import record_follow_up
from dashboard.recommendations.rules import TransitionRefused
from models import AuditEntry, FollowUp, Recommendation
from tests import factories as make

START = date(2026, 1, 12)
LEAD = Actor("amira", "Amira Shah", Role.INSPECTOR)
ALLOCATED = Actor("tom", "Tom Okafor", Role.INSPECTOR)
OTHER = Actor("ruth", "Ruth Pryce", Role.INSPECTOR)
MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)
PARTNER = Actor("partner", "Home Office (read-only)", Role.PARTNER)


@pytest.fixture
def recs(session: Session) -> Session:
    """Two recommendations of an inspection Amira Shah led at a provider allocated to Tom."""
    provider = make.provider(session, "P1")
    provider.allocated_inspector = "Tom Okafor"
    group = make.group(session, "G1", provider)
    inspection = make.inspection(session, "I1", group, START, lead_inspector="Amira Shah")
    make.recommendation(session, "R1", inspection, date(2026, 3, 1))
    make.recommendation(session, "R2", inspection, date(2026, 4, 1), status="in progress")
    session.commit()
    return session


def follow(session: Session, actor: Actor, new_status: str, ref: str = "R1", **kwargs):
    values = {"on": date(2026, 2, 20), "note": "Checked the audit log."} | kwargs
    return record_follow_up(
        session, actor=actor, recommendation_ref=ref, new_status=new_status, **values
    )


def counts(session: Session) -> tuple[int, int]:
    follow_ups = session.exec(select(func.count()).select_from(FollowUp)).one()
    audits = session.exec(select(func.count()).select_from(AuditEntry)).one()
    return follow_ups, audits


def rec(session: Session, ref: str = "R1") -> Recommendation:
    return session.exec(select(Recommendation).where(Recommendation.ref == ref)).one()


@pytest.mark.parametrize("actor", [LEAD, ALLOCATED, MANAGER, Actor("a", "Admin", Role.ADMIN)])
def test_lead_allocated_inspector_and_managers_may_follow_up(recs, actor):
    follow_up = follow(recs, actor, "in progress")
    recs.commit()
    assert follow_up.made_by == actor.display_name
    assert (follow_up.made_on, follow_up.status) == (date(2026, 2, 20), "in progress")
    assert rec(recs).status == "in progress"


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (
            OTHER,
            "Ruth Pryce \\(inspector\\) may not record a follow-up on R1: only the inspector "
            "who led I1",
        ),
        (PARTNER, "partner\\) may not record a follow-up"),
    ],
)
def test_other_inspectors_and_partners_are_refused_and_nothing_is_written(recs, actor, message):
    before = counts(recs)
    with pytest.raises(PermissionDenied, match=message):
        follow(recs, actor, "in progress")
    recs.rollback()
    assert counts(recs) == before
    assert rec(recs).status == "open"


def test_a_refused_transition_writes_nothing(recs):
    before = counts(recs)
    with pytest.raises(TransitionRefused, match="cannot go from in progress to open"):
        follow(recs, LEAD, "open", ref="R2")
    recs.rollback()
    assert counts(recs) == before
    assert (rec(recs, "R2").status, rec(recs, "R2").version) == ("in progress", 1)


def test_closing_records_who_verified_it_and_when(recs):
    follow(recs, LEAD, "closed", on=date(2026, 3, 2), note="Verified at the revisit.")
    recs.commit()
    closed = rec(recs)
    assert (closed.status, closed.closed_on) == ("closed", date(2026, 3, 2))
    assert (closed.verified_by, closed.verified_on) == ("Amira Shah", date(2026, 3, 2))
    audit = recs.exec(select(AuditEntry).where(AuditEntry.entity == "recommendations")).one()
    assert (audit.username, audit.entity_key) == ("amira", "R1")
    assert json.loads(audit.changes)["verified_by"] == [None, "Amira Shah"]
    created = recs.exec(select(AuditEntry).where(AuditEntry.entity == "follow_ups")).one()
    assert created.action == "create"
    assert created.entity_key == "R1 | 2026-03-02 | Amira Shah | Verified at the revisit."


def test_superseding_links_the_replacement(recs):
    follow(recs, MANAGER, "superseded", superseded_by_ref="R2", note="Replaced by R2.")
    recs.commit()
    assert rec(recs).superseded_by_id == rec(recs, "R2").id
    assert rec(recs).status == "superseded"


@pytest.mark.parametrize(
    ("status", "replacement", "message"),
    [
        ("superseded", None, "superseded by: name the recommendation that replaces"),
        ("superseded", "R1", "cannot replace itself"),
        ("superseded", "R9", "there is no recommendation 'R9'"),
        ("in progress", "R2", "give a replacement only when superseding"),
    ],
)
def test_a_bad_replacement_is_refused(recs, status, replacement, message):
    before = counts(recs)
    with pytest.raises(FollowUpRefused, match=message):
        follow(recs, LEAD, status, superseded_by_ref=replacement)
    recs.rollback()
    assert counts(recs) == before


def test_a_replacement_that_is_itself_superseded_is_refused(recs):
    follow(recs, LEAD, "superseded", ref="R2", superseded_by_ref="R1")
    with pytest.raises(FollowUpRefused, match="R2 is itself superseded"):
        follow(recs, LEAD, "superseded", superseded_by_ref="R2", note="Another note.")


def test_reopening_clears_verification_and_is_recorded(recs):
    follow(recs, LEAD, "closed", on=date(2026, 3, 2))
    follow(recs, MANAGER, "open", on=date(2026, 4, 1), note="Concern raised again.")
    recs.commit()
    reopened = rec(recs)
    assert (reopened.status, reopened.closed_on, reopened.verified_by) == ("open", None, None)
    timeline = recs.exec(select(FollowUp.status, FollowUp.made_by).order_by(FollowUp.id)).all()
    assert timeline == [("closed", "Amira Shah"), ("open", "Demo Programme Manager")]


def test_a_superseded_recommendation_reopens_without_its_link(recs):
    follow(recs, LEAD, "superseded", superseded_by_ref="R2")
    follow(recs, LEAD, "open", note="Replacement withdrawn.")
    assert rec(recs).superseded_by_id is None


@pytest.mark.parametrize(
    ("on", "note", "message"),
    [
        (date.today() + timedelta(days=1), "Checked.", "on: .* is in the future"),
        (START - timedelta(days=1), "Checked.", "on: 11 Jan 2026 is before inspection I1 started"),
        (date(2026, 2, 20), "   ", "note: .*a note is required"),
        (date(2026, 2, 20), "x" * 4001, "note: .*4000"),
    ],
)
def test_bad_dates_and_notes_are_refused_by_field(recs, on, note, message):
    before = counts(recs)
    with pytest.raises(FollowUpRefused, match=message):
        follow(recs, LEAD, "in progress", on=on, note=note)
    recs.rollback()
    assert counts(recs) == before


def test_an_unknown_recommendation_is_refused(recs):
    with pytest.raises(FollowUpRefused, match="no recommendation 'R404'"):
        follow(recs, MANAGER, "in progress", ref="R404")


def test_the_same_follow_up_twice_is_refused(recs):
    follow(recs, LEAD, "in progress")
    with pytest.raises(FollowUpRefused, match="already recorded on R1 for 20 Feb 2026"):
        follow(recs, LEAD, "in progress")


def test_a_stale_version_is_refused_and_nothing_is_written(recs):
    follow(recs, MANAGER, "in progress", note="First.")
    recs.commit()
    before = counts(recs)
    with pytest.raises(StaleEdit, match="recommendations R1 was changed by manager"):
        follow(recs, LEAD, "evidence submitted", note="Second.", expected_version=1)
    recs.rollback()
    assert counts(recs) == before
    assert rec(recs).status == "in progress"


def test_the_current_version_is_accepted(recs):
    follow(recs, LEAD, "evidence submitted", expected_version=1)
    recs.commit()
    assert (rec(recs).status, rec(recs).version) == ("evidence submitted", 2)


def test_a_progress_note_keeps_the_status_and_the_version(recs):
    follow(recs, LEAD, "open", note="Chased the provider.")
    recs.commit()
    assert (rec(recs).status, rec(recs).version) == ("open", 1)
    assert counts(recs)[0] == 1
