"""A meeting held with a provider keeps its provider when edited on the Governance page, whose
form has no provider field (the form's row leaves the column out, so it is left as it is)."""

from datetime import date

from sqlmodel import Session, select

from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import MeetingKind, Role
from dashboard.governance import service
from models import Meeting
from tests import factories as make

PM = Actor("pm", "Pat Manager", Role.PROGRAMME_MANAGER)


def test_editing_a_meeting_on_the_form_keeps_the_provider_it_was_held_with(session: Session):
    provider = make.provider(session, "P1")
    session.add(
        Meeting(
            ref="MTG-INFO",
            held_on=date(2026, 6, 10),
            kind=MeetingKind.INFORMATION_SHARING,
            provider_id=provider.id,
        )
    )
    session.commit()
    service.edit_meeting(
        session,
        actor=PM,
        ref="MTG-INFO",
        expected_version=1,
        held_on=date(2026, 6, 11),
        kind=MeetingKind.INFORMATION_SHARING,
        notes="Shared in confidence.",
    )
    session.commit()
    meeting = session.exec(select(Meeting).where(Meeting.ref == "MTG-INFO")).one()
    assert (meeting.held_on, meeting.provider_id) == (date(2026, 6, 11), provider.id)
