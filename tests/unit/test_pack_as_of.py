"""A pack for a meeting still to come is as of the day it is built, never of the meeting's date;
one for a meeting held, as of the meeting's date. The page offers the next meeting first."""

from datetime import date

import pytest

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import MeetingKind, Role
from dashboard.governance.pack.data import as_of_line
from dashboard.governance.rules import (
    ActionFacts,
    MeetingFacts,
    carried_forward,
    figures_day,
    is_still_to_come,
    previous_meeting_held,
)
from dashboard.governance.view import latest_held, newest_first, next_meeting_on

GOV = MeetingKind.MOU_GOVERNANCE
BOARD = MeetingKind.PROGRAMME_BOARD
SEPTEMBER = MeetingFacts("MTG-SEP", date(2026, 9, 9), GOV)
NOVEMBER_BOARD = MeetingFacts("MTG-NOV-PB", date(2026, 11, 19), BOARD)
DECEMBER = MeetingFacts("MTG-DEC", date(2026, 12, 9), GOV)
MARCH = MeetingFacts("MTG-MAR", date(2027, 3, 10), GOV)
MEETINGS = [SEPTEMBER, NOVEMBER_BOARD, DECEMBER, MARCH]


@pytest.mark.parametrize(
    ("held_on", "built_on", "as_of", "to_come"),
    [
        # Five weeks ahead: the figures are the build day's, not the meeting's.
        (date(2026, 12, 9), date(2026, 11, 3), date(2026, 11, 3), True),
        # Built on the meeting's own day: that day either way, and it counts as held.
        (date(2026, 12, 9), date(2026, 12, 9), date(2026, 12, 9), False),
        # Held in September, built in November: the meeting's date.
        (date(2026, 9, 9), date(2026, 11, 2), date(2026, 9, 9), False),
        # Built on Friday 28 August 2026, the Monday a bank holiday: just that day, not moved.
        (date(2026, 9, 9), date(2026, 8, 28), date(2026, 8, 28), True),
        # Built on Christmas Eve for January's meeting: Christmas Eve.
        (date(2027, 1, 13), date(2026, 12, 24), date(2026, 12, 24), True),
    ],
    ids=["future", "on-the-day", "past", "friday-before-bank-holiday", "christmas-eve"],
)
def test_a_pack_is_as_of_the_meeting_once_held_else_the_day_it_is_built(
    held_on: date, built_on: date, as_of: date, to_come: bool
) -> None:
    assert figures_day(held_on, built_on) == as_of
    assert is_still_to_come(held_on, built_on) is to_come


def test_the_cover_of_a_pack_for_a_coming_meeting_names_both_dates() -> None:
    assert as_of_line(DECEMBER, date(2026, 11, 3)) == (
        "Figures as of 03 November 2026 for the meeting on 09 December 2026"
    )
    assert as_of_line(DECEMBER, date(2026, 12, 9)) == (
        "Held on 09 December 2026; figures as of that date"
    )


def test_since_the_last_meeting_never_starts_at_one_still_to_come() -> None:
    # March's pack built on 3 November: December is still to come, so "since" is September.
    assert previous_meeting_held(MARCH, MEETINGS, date(2026, 11, 3)) == SEPTEMBER
    assert previous_meeting_held(MARCH, MEETINGS, date(2027, 3, 10)) == DECEMBER
    assert previous_meeting_held(SEPTEMBER, MEETINGS, date(2026, 11, 3)) is None


def _action(ref: str, raised_on: date, *, closed_on: date | None = None) -> ActionFacts:
    status = "done" if closed_on else "open"
    return ActionFacts(
        ref, "MTG-SEP", raised_on, GOV, "cqc", None, date(2026, 12, 1), status, closed_on
    )


def test_a_coming_meeting_carries_forward_what_is_open_on_the_day_it_is_read() -> None:
    actions = [
        _action("open", date(2026, 9, 9)),
        _action("closed-before-the-build", date(2026, 9, 9), closed_on=date(2026, 10, 30)),
        _action("closed-after-the-build", date(2026, 9, 9), closed_on=date(2026, 11, 20)),
    ]
    carried = carried_forward(DECEMBER, actions, date(2026, 11, 3))
    assert [a.ref for a in carried] == ["closed-after-the-build", "open"]
    assert [a.ref for a in carried_forward(DECEMBER, actions)] == ["open"]


@pytest.mark.parametrize(
    ("as_of", "offered"),
    [
        (date(2026, 11, 2), "MTG-NOV-PB"),  # the next meeting, of any kind
        (date(2026, 11, 19), "MTG-NOV-PB"),  # a meeting that day is the next
        (date(2026, 11, 20), "MTG-DEC"),
        (date(2027, 6, 1), "MTG-MAR"),  # none to come: the latest held
        (date(2026, 1, 1), "MTG-SEP"),
    ],
)
def test_the_page_offers_the_next_meeting_first(as_of: date, offered: str) -> None:
    chosen = next_meeting_on(MEETINGS, as_of)
    assert chosen is not None and chosen.ref == offered


def test_meetings_are_listed_newest_first_and_actions_raised_at_the_latest_held() -> None:
    newest = ["MTG-MAR", "MTG-DEC", "MTG-NOV-PB", "MTG-SEP"]
    assert [m.ref for m in newest_first(MEETINGS)] == newest
    held = latest_held(MEETINGS, date(2026, 12, 1))
    assert held is not None and held.ref == "MTG-NOV-PB"
    assert latest_held(MEETINGS, date(2026, 1, 1)) is None
    assert next_meeting_on([], date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("viewer", "kinds"),
    [
        (Viewer.of(Role.PARTNER, date(2026, 11, 2)), {GOV}),
        (STAFF_VIEWER, set(MeetingKind)),
        (Viewer.of(Role.INSPECTOR, date(2026, 11, 2)), set(MeetingKind)),
    ],
    ids=["partner", "staff", "inspector"],
)
def test_partners_see_only_the_meetings_they_attend(viewer: Viewer, kinds: set[str]) -> None:
    assert {kind for kind in MeetingKind if viewer.sees_meeting(kind)} == kinds
