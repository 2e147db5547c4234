"""Governance rules on hand-worked dates: RAG, carry-forward, what changed, MoU terms."""

from datetime import date

import pytest

from dashboard.core.vocabulary import OwnerOrg
from dashboard.governance.rules import (
    ActionFacts,
    ChangeLine,
    DatedRef,
    MeetingFacts,
    PlannedInspection,
    ProgrammeEvents,
    Rag,
    StatusChange,
    Term,
    action_log,
    carried_forward,
    changes_since,
    days_remaining,
    is_open_on,
    next_meeting,
    planned_past_term_end,
    previous_meeting,
    rag,
    rag_label,
    status_on,
    term_in_force,
    term_warning,
)
from dashboard.governance.rules.meetings import attendees_by_organisation, next_action_ref

GOV = "mou governance"
BOARD = "programme board"


def _action(
    ref: str = "A1",
    *,
    due_on: date = date(2027, 1, 7),
    status: str = "open",
    closed_on: date | None = None,
    raised_on: date = date(2026, 12, 9),
    kind: str = GOV,
    updates: tuple[StatusChange, ...] = (),
) -> ActionFacts:
    return ActionFacts(
        ref=ref,
        meeting_ref=f"M-{raised_on}",
        raised_on=raised_on,
        meeting_kind=kind,
        owner_org="cqc",
        owner_name=None,
        due_on=due_on,
        status=status,
        closed_on=closed_on,
        updates=updates,
    )


# As of Friday 18 December 2026. Working days after it: 21, 22, 23, 24 Dec (4);
# 25 Dec Christmas, 28 Dec Boxing Day (substitute) are bank holidays; 29, 30, 31 Dec (7);
# 1 Jan is a bank holiday; 4 Jan (8), 5 Jan (9), 6 Jan (10), 7 Jan (11).
CHRISTMAS_AS_OF = date(2026, 12, 18)


@pytest.mark.parametrize(
    ("due_on", "expected"),
    [
        (date(2026, 12, 17), Rag.RED),  # a day past due
        (CHRISTMAS_AS_OF, Rag.AMBER),  # due today: 0 working days left
        (date(2027, 1, 4), Rag.AMBER),  # 8 working days, though 17 calendar days away
        (date(2027, 1, 6), Rag.AMBER),  # exactly 10 working days
        (date(2027, 1, 7), Rag.GREEN),  # 11 working days: three bank holidays skipped
    ],
)
def test_rag_counts_working_days_across_christmas_bank_holidays(due_on, expected):
    assert rag(_action(due_on=due_on), CHRISTMAS_AS_OF) is expected


@pytest.mark.parametrize(
    ("due_on", "expected"),
    [
        (date(2026, 4, 17), Rag.AMBER),  # Good Friday and Easter Monday skipped: 10
        (date(2026, 4, 20), Rag.GREEN),  # 11
    ],
)
def test_rag_skips_easter_bank_holidays(due_on, expected):
    assert rag(_action(due_on=due_on, raised_on=date(2026, 3, 1)), date(2026, 4, 1)) is expected


def test_done_is_blue_and_dropped_is_grey_even_when_past_due():
    late = date(2026, 11, 1)
    assert rag(_action(due_on=late, status="done", closed_on=late), CHRISTMAS_AS_OF) is Rag.BLUE
    assert rag(_action(due_on=late, status="dropped", closed_on=late), CHRISTMAS_AS_OF) is Rag.GREY


def test_an_action_closed_after_the_date_was_still_open_then():
    action = _action(due_on=date(2026, 12, 14), status="done", closed_on=date(2027, 1, 5))
    assert status_on(action, CHRISTMAS_AS_OF) == "open"
    assert rag(action, CHRISTMAS_AS_OF) is Rag.RED
    assert rag(action, date(2027, 1, 5)) is Rag.BLUE


def test_status_on_a_date_follows_the_dated_updates():
    action = _action(
        status="in progress", updates=(StatusChange(date(2026, 12, 15), "in progress"),)
    )
    assert status_on(action, date(2026, 12, 14)) == "open"
    assert status_on(action, date(2026, 12, 15)) == "in progress"
    imported = _action(status="in progress")  # no updates: its status is all we know
    assert status_on(imported, date(2026, 12, 10)) == "in progress"


def test_rag_label_says_the_meaning_in_words():
    assert rag_label(Rag.RED) == "red · overdue"
    assert rag_label(Rag.AMBER) == "amber · due soon"
    assert rag_label(Rag.GREY) == "grey · dropped"


MEETINGS = [
    MeetingFacts("GOV-1", date(2026, 6, 10), GOV),
    MeetingFacts("PB-1", date(2026, 8, 20), BOARD),
    MeetingFacts("GOV-2", date(2026, 9, 9), GOV),
    MeetingFacts("GOV-3", date(2026, 12, 9), GOV),
]


def test_previous_and_next_meeting_are_of_the_same_kind():
    assert previous_meeting(MEETINGS[2], MEETINGS).ref == "GOV-1"
    assert next_meeting(MEETINGS[2], MEETINGS).ref == "GOV-3"
    assert previous_meeting(MEETINGS[0], MEETINGS) is None
    assert next_meeting(MEETINGS[1], MEETINGS) is None


def test_open_actions_from_earlier_meetings_of_the_kind_are_carried_forward():
    gov_2 = MEETINGS[2]
    actions = [
        _action("still-open", raised_on=date(2026, 6, 10), due_on=date(2026, 7, 1)),
        _action("in-progress", raised_on=date(2026, 6, 10), status="in progress"),
        _action(
            "done-before", raised_on=date(2026, 6, 10), status="done", closed_on=date(2026, 9, 8)
        ),
        _action(
            "done-after", raised_on=date(2026, 6, 10), status="done", closed_on=date(2026, 9, 10)
        ),
        _action(
            "closed-on-the-day",
            raised_on=date(2026, 6, 10),
            status="dropped",
            closed_on=date(2026, 9, 9),
        ),
        _action("other-kind", raised_on=date(2026, 8, 20), kind=BOARD),
        _action("raised-here", raised_on=date(2026, 9, 9)),
        _action("raised-later", raised_on=date(2026, 12, 9)),
    ]
    carried = carried_forward(gov_2, actions)
    # ordered by due date: still-open (1 Jul) first, then the two due 7 January
    assert [a.ref for a in carried] == ["still-open", "done-after", "in-progress"]


def test_changes_since_the_last_meeting_count_events_after_it_up_to_this_one():
    since, until = date(2026, 6, 10), date(2026, 9, 9)
    events = ProgrammeEvents(
        inspections_started=(
            DatedRef("I-on-last-day", since),
            DatedRef("I2", date(2026, 7, 1)),
            DatedRef("I1", date(2026, 6, 11)),
        ),
        inspections_finished=(DatedRef("I1", date(2026, 6, 12)),),
        recommendations_closed=(DatedRef("R1", until), DatedRef("R2", date(2026, 9, 10))),
        escalations_raised=(DatedRef("E1", date(2026, 8, 1)),),
        actions_raised=(DatedRef("A-here", until),),
    )
    before = {"G1": "in_date", "G2": "due_soon", "G3": "due_soon"}
    after = {"G1": "due_soon", "G2": "overdue", "G3": "due_soon", "G4": "in_date"}
    lines = {line.what: line for line in changes_since(events, since, until, before, after)}
    assert lines["inspections started"] == ChangeLine("inspections started", 2, ("I1", "I2"))
    assert lines["inspections finished"].refs == ("I1",)
    assert lines["recommendations opened"] == ChangeLine("recommendations opened", 0, ())
    assert lines["recommendations closed"].refs == ("R1",)
    assert lines["escalations raised"].count == 1
    assert lines["escalations resolved"].count == 0
    assert lines["actions raised"].refs == ("A-here",)
    assert lines["coverage status changes"].refs == (
        "G1: in date → due soon",
        "G2: due soon → overdue",
        "G4: not active → in date",
    )
    assert list(lines)[-1] == "coverage status changes"


TERMS = [
    Term("MOU-2", date(2023, 4, 1), date(2025, 6, 30)),
    Term("MOU-3", date(2025, 7, 1), date(2027, 3, 31)),
]


@pytest.mark.parametrize(
    ("day", "ref", "left", "warning"),
    [
        (date(2025, 6, 30), "MOU-2", 0, True),  # last day of a term
        (date(2025, 7, 1), "MOU-3", 638, False),
        (date(2026, 12, 30), "MOU-3", 91, False),  # 91 days before the end: no warning yet
        (date(2026, 12, 31), "MOU-3", 90, True),  # the warning starts 90 days before
        (date(2027, 3, 31), "MOU-3", 0, True),
    ],
)
def test_term_in_force_days_remaining_and_the_90_day_warning(day, ref, left, warning):
    term = term_in_force(TERMS, day)
    assert term is not None and term.ref == ref
    assert days_remaining(term, day) == left
    assert term_warning(term, day) is warning


def test_no_term_in_force_after_the_last_one_ends():
    assert term_in_force(TERMS, date(2027, 4, 1)) is None


def test_planned_inspections_past_the_term_end_are_flagged():
    planned = [
        PlannedInspection("done", "G1", date(2026, 11, 1)),
        PlannedInspection("last-day", "G2", date(2027, 3, 31)),
        PlannedInspection("after", "G3", date(2027, 4, 1)),
    ]
    day = date(2026, 11, 2)
    assert [p.ref for p in planned_past_term_end(planned, TERMS[1], day)] == ["after"]
    assert [p.ref for p in planned_past_term_end(planned, None, day)] == ["last-day", "after"]


def test_attendees_are_grouped_by_organisation():
    grouped = attendees_by_organisation(
        "CQC programme manager;Home Office SCA; The Salvation Army;Larkhaven Trust lead contact"
    )
    assert grouped == {
        OwnerOrg.CQC: ["CQC programme manager"],
        OwnerOrg.HOME_OFFICE: ["Home Office SCA"],
        OwnerOrg.PRIME_CONTRACTOR: ["The Salvation Army"],
        OwnerOrg.PROVIDER: ["Larkhaven Trust lead contact"],
    }
    assert attendees_by_organisation(None) == {}


def test_next_action_ref_numbers_after_those_taken():
    assert next_action_ref("MTG-2026-12-GOV", ["ACT-2026-12-GOV-1"]) == "ACT-2026-12-GOV-2"
    assert next_action_ref("BOARD", []) == "ACT-BOARD-1"


def test_action_log_is_worst_first_and_filtered_as_of_the_date():
    actions = [
        _action("green", due_on=date(2027, 1, 7)),
        _action("red", due_on=date(2026, 12, 1)),
        _action("blue", status="done", closed_on=date(2026, 12, 10)),
        _action("amber", due_on=date(2027, 1, 6)),
        _action("not-yet-raised", raised_on=date(2026, 12, 19)),
    ]
    log = action_log(actions, CHRISTMAS_AS_OF)
    assert [(row.action.ref, row.rag) for row in log] == [
        ("red", Rag.RED),
        ("amber", Rag.AMBER),
        ("green", Rag.GREEN),
        ("blue", Rag.BLUE),
    ]
    assert [row.action.ref for row in action_log(actions, CHRISTMAS_AS_OF, statuses=["done"])] == [
        "blue"
    ]
    assert action_log(actions, CHRISTMAS_AS_OF, owner_orgs=["home office"]) == []


def test_the_action_log_view_holds_the_filtered_rows_and_their_rag_counts():
    from dashboard.governance.view import action_log_view

    actions = [
        _action("green", due_on=date(2027, 1, 7)),
        _action("red", due_on=date(2026, 12, 1)),
        _action("red-too", due_on=date(2026, 12, 2)),
        _action("blue", status="done", closed_on=date(2026, 12, 10)),
    ]
    shown = action_log_view(actions, CHRISTMAS_AS_OF, statuses=["open"])
    assert [row.action.ref for row in shown.rows] == ["red", "red-too", "green"]
    counts = dict(zip(shown.rag_counts["rag"], shown.rag_counts["actions"], strict=True))
    assert (counts["red"], counts["green"], counts["blue"], counts["amber"]) == (2, 1, 0, 0)


# Boundaries, each on the day before, the day itself and the day after (docs/mutation.md).


@pytest.mark.parametrize(
    ("raised_on", "listed"),
    [
        (date(2026, 12, 17), True),
        (CHRISTMAS_AS_OF, True),  # raised on the as-of day: raised by it
        (date(2026, 12, 19), False),  # raised after it
    ],
)
def test_the_action_log_lists_actions_raised_by_the_as_of_date(raised_on, listed):
    log = action_log([_action(raised_on=raised_on)], CHRISTMAS_AS_OF)
    assert [row.action.ref for row in log] == (["A1"] if listed else [])


@pytest.mark.parametrize(
    ("raised_on", "open_then"),
    [
        (date(2026, 12, 17), True),
        (CHRISTMAS_AS_OF, True),  # raised that day: open on it
        (date(2026, 12, 19), False),  # not raised yet
    ],
)
def test_an_action_is_open_on_a_day_from_the_day_it_is_raised(raised_on, open_then):
    assert is_open_on(_action(raised_on=raised_on), CHRISTMAS_AS_OF) is open_then


@pytest.mark.parametrize(
    ("closed_on", "status", "tag"),
    [
        (date(2026, 12, 17), "done", Rag.BLUE),
        (CHRISTMAS_AS_OF, "done", Rag.BLUE),  # closed on the as-of day: done on it
        (date(2026, 12, 19), "open", Rag.AMBER),  # closed the day after: still open then
    ],
)
def test_an_action_is_done_from_its_closed_date(closed_on, status, tag):
    action = _action(due_on=date(2026, 12, 22), status="done", closed_on=closed_on)
    assert (status_on(action, CHRISTMAS_AS_OF), rag(action, CHRISTMAS_AS_OF)) == (status, tag)


@pytest.mark.parametrize(
    ("updated_on", "status"),
    [
        (date(2026, 12, 17), "in progress"),
        (CHRISTMAS_AS_OF, "in progress"),  # an update dated the as-of day applies on it
        (date(2026, 12, 19), "open"),  # a later update does not
    ],
)
def test_an_update_sets_the_status_from_its_own_date(updated_on, status):
    for current in ("in progress", "done"):  # still open, and since closed for good
        closed_on = date(2027, 1, 4) if current == "done" else None
        action = _action(
            status=current,
            closed_on=closed_on,
            updates=(StatusChange(updated_on, "in progress"),),
        )
        assert status_on(action, CHRISTMAS_AS_OF) == status


@pytest.mark.parametrize(
    ("meeting_ref", "refs"),
    [
        (None, ["A1", "A2"]),  # no meeting chosen: every meeting's actions
        ("M-2026-12-09", ["A1"]),
        ("M-2026-12-10", ["A2"]),
    ],
)
def test_the_action_log_filtered_by_meeting_lists_that_meeting_s_actions_only(meeting_ref, refs):
    actions = [_action("A1"), _action("A2", raised_on=date(2026, 12, 10))]
    log = action_log(actions, CHRISTMAS_AS_OF, meeting_ref=meeting_ref)
    assert sorted(row.action.ref for row in log) == refs


@pytest.mark.parametrize(
    ("updated_on", "status"),
    [
        (date(2026, 12, 17), "in progress"),
        (CHRISTMAS_AS_OF, "in progress"),  # every update dated by the day: its status now
        (date(2026, 12, 19), "open"),  # an update still to come: open until then
    ],
)
def test_the_current_status_holds_once_every_update_is_dated_by_the_day(updated_on, status):
    # marked done in an update, since reopened and in progress (no update says when)
    action = _action(status="in progress", updates=(StatusChange(updated_on, "done"),))
    assert status_on(action, CHRISTMAS_AS_OF) == status


@pytest.mark.parametrize(
    ("start_on", "listed"),
    [
        (date(2026, 11, 1), False),
        (date(2026, 11, 2), False),  # starting on the day: not planned after it
        (date(2026, 11, 3), True),
    ],
)
def test_only_inspections_planned_after_the_day_are_checked_against_the_term(start_on, listed):
    planned = [PlannedInspection("I1", "G1", start_on)]
    found = planned_past_term_end(planned, None, date(2026, 11, 2))
    assert [p.ref for p in found] == (["I1"] if listed else [])
