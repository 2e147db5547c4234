"""Partners see only the meetings they attend (MoU governance): never CQC's programme boards or
provider engagement meetings, their notes, actions or updates, in any read behind the page, the
pack or "what changed". And a pack for a coming meeting is as of the day it is built."""

from datetime import date

import pytest
from sqlmodel import Session

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import MeetingKind, Role
from dashboard.governance import queries
from dashboard.governance.pack import UnknownMeeting
from dashboard.governance.pack.data import gather
from models import ActionUpdate, Meeting
from tests import factories as make

BUILT_ON = date(2026, 11, 2)  # a Monday
PARTNER = Viewer.of(Role.PARTNER, BUILT_ON)
GOV_REFS = ["MTG-GOV-JUN", "MTG-GOV-SEP", "MTG-GOV-DEC"]


def _meeting(session: Session, ref: str, held_on: date, kind: str, notes: str) -> Meeting:
    meeting = make.meeting(session, ref, held_on)
    meeting.kind, meeting.notes = kind, notes
    session.add(meeting)
    session.flush()
    return meeting


def _world(session: Session) -> None:
    """MoU governance meetings in June, September and (still to come) December; a programme
    board and a provider engagement meeting between, each with an action closed by an update;
    one group with an inspection carried out in October and one booked for late November."""
    group = make.group(session, "G1", make.provider(session, "P1"))
    make.service(session, "S1", group, date(2024, 1, 8))
    make.inspection(session, "INS-DONE", group, date(2025, 10, 6), end_on=date(2025, 10, 7))
    make.inspection(session, "INS-OCT", group, date(2026, 10, 5), end_on=date(2026, 10, 6))
    make.inspection(session, "INS-BOOKED", group, date(2026, 11, 23), status="planned")
    make.mou_term(session, "MOU-3", date(2025, 7, 1), date(2027, 3, 31))
    june = _meeting(session, "MTG-GOV-JUN", date(2026, 6, 10), MeetingKind.MOU_GOVERNANCE, "")
    september = _meeting(
        session, "MTG-GOV-SEP", date(2026, 9, 9), MeetingKind.MOU_GOVERNANCE, "Term reviewed."
    )
    _meeting(session, "MTG-GOV-DEC", date(2026, 12, 9), MeetingKind.MOU_GOVERNANCE, "")
    board = _meeting(
        session, "MTG-PB", date(2026, 10, 15), MeetingKind.PROGRAMME_BOARD, "Staffing gaps."
    )
    engagement = _meeting(
        session, "MTG-ENG", date(2026, 10, 20), MeetingKind.PROVIDER_ENGAGEMENT, "Provider P1."
    )
    make.action(session, "ACT-GOV-JUN", june, date(2026, 12, 1))
    for ref, at in [("ACT-GOV-SEP", september), ("ACT-PB", board), ("ACT-ENG", engagement)]:
        action = make.action(session, ref, at, date(2026, 10, 30))
        action.status, action.closed_on = "done", date(2026, 10, 28)
        session.add(action)
        session.flush()
        assert action.id is not None
        session.add(ActionUpdate(action_id=action.id, on=date(2026, 10, 28), status="done"))
    session.flush()


@pytest.fixture
def world(session: Session) -> Session:
    _world(session)
    return session


def test_a_partner_reads_only_the_mou_governance_meetings(world: Session) -> None:
    assert [m.ref for m in queries.meetings(world, viewer=PARTNER)] == GOV_REFS
    staff = [m.ref for m in queries.meetings(world, viewer=STAFF_VIEWER)]
    assert staff == ["MTG-GOV-JUN", "MTG-GOV-SEP", "MTG-PB", "MTG-ENG", "MTG-GOV-DEC"]
    notes = " ".join(m.notes or "" for m in queries.meetings(world, viewer=PARTNER))
    assert "Staffing gaps." not in notes and "Provider P1." not in notes


def test_a_partner_reads_only_the_actions_and_updates_of_those_meetings(world: Session) -> None:
    partner = queries.actions(world, viewer=PARTNER)
    assert [a.ref for a in partner] == ["ACT-GOV-JUN", "ACT-GOV-SEP"]
    assert {a.meeting_kind for a in partner} == {MeetingKind.MOU_GOVERNANCE}
    assert [a.ref for a in queries.actions(world)] == [
        "ACT-GOV-JUN",
        "ACT-GOV-SEP",
        "ACT-PB",
        "ACT-ENG",
    ]
    assert queries.action_updates(world, "ACT-PB", viewer=PARTNER) == []
    assert [u.status for u in queries.action_updates(world, "ACT-PB")] == ["done"]
    assert [u.status for u in queries.action_updates(world, "ACT-GOV-SEP", viewer=PARTNER)] == [
        "done"
    ]


def test_what_changed_for_a_partner_leaves_out_internal_actions(world: Session) -> None:
    events = queries.programme_events(world, date(2026, 9, 9), BUILT_ON, viewer=PARTNER)
    assert [e.ref for e in events.actions_closed] == ["ACT-GOV-SEP"]
    staff = queries.programme_events(world, date(2026, 9, 9), BUILT_ON, viewer=STAFF_VIEWER)
    assert [e.ref for e in staff.actions_closed] == ["ACT-ENG", "ACT-GOV-SEP", "ACT-PB"]
    assert [e.ref for e in staff.actions_raised] == ["ACT-PB", "ACT-ENG"]
    assert events.actions_raised == ()
    # A partner asking for the board's changes gets nothing; staff reading December's coming
    # meeting on 2 November get what changed since September, the board's actions among them.
    assert queries.meeting_changes(world, "MTG-PB", role=Role.PARTNER, read_on=BUILT_ON) is None
    staff_lines = queries.meeting_changes(world, "MTG-GOV-DEC", role=Role.ADMIN, read_on=BUILT_ON)
    assert staff_lines is not None
    closed = next(line for line in staff_lines if line.what == "actions closed")
    assert closed.refs == ("ACT-ENG", "ACT-GOV-SEP", "ACT-PB")


def test_a_partner_gets_no_pack_for_an_internal_meeting(world: Session) -> None:
    with pytest.raises(UnknownMeeting, match="no meeting partners attend .* 'MTG-PB'"):
        gather(world, "MTG-PB", role=Role.PARTNER, built_on=BUILT_ON)
    assert gather(world, "MTG-PB", role=Role.ADMIN, built_on=BUILT_ON).meeting.ref == "MTG-PB"


def test_a_partners_pack_counts_no_internal_action(world: Session) -> None:
    data = gather(world, "MTG-GOV-DEC", role=Role.PARTNER, built_on=BUILT_ON)
    changes = {row[0]: row for row in data.table("Changes").rows}
    assert changes["actions closed"][1:] == (1, "ACT-GOV-SEP")
    # open, and closed since September's meeting: never the board's or the engagement's
    assert {row[0] for row in data.table("Actions").rows} == {"ACT-GOV-JUN", "ACT-GOV-SEP"}


def test_a_pack_for_a_coming_meeting_is_as_of_the_day_it_is_built(world: Session) -> None:
    data = gather(world, "MTG-GOV-DEC", role=Role.ADMIN, built_on=BUILT_ON)
    assert (data.as_of, data.still_to_come, data.figures.as_of) == (BUILT_ON, True, BUILT_ON)
    assert data.previous is not None and data.previous.ref == "MTG-GOV-SEP"
    since = [row[0] for row in data.table("Inspections since").rows]
    planned = [row[0] for row in data.table("Inspections planned").rows]
    assert (since, planned) == (["INS-OCT"], ["INS-BOOKED"])  # booked: planned, not started
    changes = {row[0]: row for row in data.table("Changes").rows}
    assert changes["inspections started"][1:] == (1, "INS-OCT")
    headline = dict(data.table("Headline").rows)
    # MOU-3 ends 31 March 2027: 149 days after 2 November 2026, not 112 after 9 December.
    assert headline["Days left in MoU term MOU-3"] == 149
    # G1 was inspected on 5 October 2026: in date now, whatever is booked for November.
    assert data.figures.coverage_by_status["in_date"] == 1


def test_a_pack_for_a_meeting_held_is_as_of_its_date(world: Session) -> None:
    data = gather(world, "MTG-GOV-SEP", role=Role.ADMIN, built_on=BUILT_ON)
    assert (data.as_of, data.still_to_come) == (date(2026, 9, 9), False)
    assert [row[0] for row in data.table("Inspections since").rows] == []
    assert [row[0] for row in data.table("Inspections planned").rows] == [
        "INS-OCT",
        "INS-BOOKED",
    ]
    # G1's last inspection (6 October 2025) falls due within 60 days of 9 September 2026.
    assert data.figures.coverage_by_status["due_soon"] == 1


def test_the_overview_counts_a_partner_only_the_actions_of_meetings_they_attend(
    world: Session,
) -> None:
    from sqlmodel import select

    from dashboard.overview.queries import overview_figures
    from models import Action

    board_action = world.exec(select(Action).where(Action.ref == "ACT-PB")).one()
    board_action.status, board_action.closed_on = "open", None  # open and overdue since 30 Oct
    world.add(board_action)
    world.flush()

    staff = overview_figures(world, BUILT_ON, viewer=STAFF_VIEWER)
    partner = overview_figures(world, BUILT_ON, viewer=PARTNER)

    assert (staff.open_actions, staff.overdue_actions) == (2, 1)
    assert (partner.open_actions, partner.overdue_actions) == (1, 0)
