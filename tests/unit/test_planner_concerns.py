"""Open concerns drive the plan: the next inspection focuses on their key questions, and a
high-risk one comes as early as the planner can fit it."""

from dataclasses import replace

import pytest

from dashboard.core.vocabulary import ALL_KEY_QUESTIONS, InspectionType, KeyQuestion, Trigger
from dashboard.planning.rules import Flag, GroupConcern, PlannedInspection
from dashboard.planning.rules.suggestion import (
    Suggestion,
    concern_key_questions,
    focus_on_concerns,
)
from tests.unit.planner_world import AMIRA, ASSURANCE, TOM, D, brief, group, plan

SAFE, CARING, WELL_LED = KeyQuestion.SAFE, KeyQuestion.CARING, KeyQuestion.WELL_LED
FOLLOW_UP = Suggestion(
    InspectionType.FOCUSED,
    (KeyQuestion.EFFECTIVE,),
    "Focused on effective: 1 open recommendation to follow up.",
    Trigger.FOLLOW_UP,
)
NEW_SERVICE = Suggestion(
    InspectionType.COMPREHENSIVE,
    ALL_KEY_QUESTIONS,
    "Comprehensive: service S9 opened on 1 May 2026 and has not been inspected since.",
    Trigger.NEW_SERVICE,
)


@pytest.mark.parametrize(
    ("concerns", "expected"),
    [
        ((), ()),
        ((GroupConcern("C1", ("caring",)),), ("caring",)),
        # union in canonical order, whatever order the concerns name them
        (
            (GroupConcern("C1", ("well-led", "safe")), GroupConcern("C2", ("caring", "safe"))),
            ("safe", "caring", "well-led"),
        ),
        # a concern naming no key question may touch all five
        ((GroupConcern("C1", ("caring",)), GroupConcern("C2")), tuple(ALL_KEY_QUESTIONS)),
    ],
)
def test_concern_key_questions_are_the_union_and_none_named_means_all_five(
    concerns: tuple[GroupConcern, ...], expected: tuple[str, ...]
) -> None:
    assert concern_key_questions(concerns) == expected


def test_no_open_concern_leaves_the_suggestion_alone() -> None:
    assert focus_on_concerns(ASSURANCE, ()) is ASSURANCE


def test_concern_turns_assurance_into_focused_on_its_key_questions_only() -> None:
    focused = focus_on_concerns(ASSURANCE, (GroupConcern("CON-2026-002", ("caring",)),))
    assert focused == Suggestion(
        InspectionType.FOCUSED,
        (CARING,),
        "Focused on caring: open concern CON-2026-002 to follow up.",
        Trigger.CONCERN,
    )


def test_concern_widens_a_follow_up_focus_with_its_key_questions() -> None:
    concerns = (GroupConcern("CON-2026-009", ("safe",)), GroupConcern("CON-2026-003", ("safe",)))
    focused = focus_on_concerns(FOLLOW_UP, concerns)
    assert focused.inspection_type == InspectionType.FOCUSED
    assert focused.key_questions == (SAFE, KeyQuestion.EFFECTIVE)
    assert focused.trigger == Trigger.CONCERN
    assert focused.reason == (
        "Focused on safe and effective: open concerns CON-2026-003 and CON-2026-009 "
        "and 1 open recommendation to follow up."
    )


def test_comprehensive_due_anyway_stays_comprehensive_and_says_it_covers_the_concern() -> None:
    kept = focus_on_concerns(NEW_SERVICE, (GroupConcern("CON-2026-001", ("safe",), True),))
    assert replace(kept, reason="") == replace(NEW_SERVICE, reason="")
    assert kept.reason.endswith("It also covers open concern CON-2026-001.")


def test_concern_naming_no_key_question_makes_it_comprehensive() -> None:
    comprehensive = focus_on_concerns(ASSURANCE, (GroupConcern("CON-2026-004"),))
    assert comprehensive == Suggestion(
        InspectionType.COMPREHENSIVE,
        ALL_KEY_QUESTIONS,
        "Comprehensive: open concern CON-2026-004 on every key question.",
        Trigger.CONCERN,
    )


def test_plan_row_of_a_group_with_an_open_concern_is_focused_and_flagged() -> None:
    concerned = replace(
        group("G1", "2026-03-29"), concerns=(GroupConcern("CON-2026-002", ("caring", "safe")),)
    )
    result = plan(
        [concerned, group("G2", "2026-03-29", inspector="Tom Okafor")], as_of="2026-11-02"
    )
    rows = {row.group_code: row for row in result.rows}
    assert (rows["G1"].suggested_type, rows["G1"].key_questions) == ("focused", (SAFE, CARING))
    assert rows["G1"].flags == (Flag.CONCERN,)
    assert rows["G1"].trigger == Trigger.CONCERN
    assert rows["G1"].is_proposal
    # the group without a concern keeps its suggestion and has no flag
    assert (rows["G2"].suggested_type, rows["G2"].flags) == ("assurance", ())


def test_group_that_does_not_fit_still_shows_its_concern() -> None:
    concerned = replace(group("G2", "2026-03-15"), concerns=(GroupConcern("C1", ("safe",)),))
    result = plan([group("G1", "2026-03-15"), concerned], as_of="2027-03-01", per_month=1)
    assert brief(result.rows)[-1] == ("G2", "", "2027-03-15", "", (Flag.NOT_FITTED, Flag.CONCERN))
    assert brief(result.rows)[0][3] == AMIRA


HIGH_RISK = (GroupConcern("CON-2027-001", ("safe",), high_risk=True),)


def test_high_risk_concern_moves_a_group_ahead_of_one_due_earlier() -> None:
    # As of Monday 4 January 2027 the first start allowing notice is Monday 18 January.
    # G1 is due Friday 29 January 2027, G2 Monday 15 March 2027; each inspector starts one a month.
    due_earlier = group("G1", "2026-01-29")
    due_later = group("G2", "2026-03-15")
    without = plan([due_earlier, due_later], as_of="2027-01-04", per_month=1)
    assert brief(without.rows) == [
        ("G1", "2027-01-29", "2027-01-29", AMIRA, ()),
        ("G2", "2027-03-15", "2027-03-15", AMIRA, ()),
    ]
    # a high-risk concern on G2: placed first, on the first day notice allows, with its own
    # inspector; G1 then finds Amira's January full and goes to Tom on its due date
    concerned = replace(due_later, concerns=HIGH_RISK)
    result = plan(
        [due_earlier, concerned], as_of="2027-01-04", per_month=1, by_inspector=((TOM, 1),)
    )
    assert brief(result.rows) == [
        ("G2", "2027-01-18", "2027-03-15", AMIRA, (Flag.CONCERN,)),
        ("G1", "2027-01-29", "2027-01-29", TOM, ()),
    ]


def test_medium_risk_concern_focuses_but_keeps_the_due_date_order() -> None:
    concerned = replace(group("G2", "2026-03-15"), concerns=(GroupConcern("C1", ("safe",)),))
    result = plan([group("G1", "2026-01-29"), concerned], as_of="2027-01-04", per_month=1)
    assert brief(result.rows) == [
        ("G1", "2027-01-29", "2027-01-29", AMIRA, ()),
        ("G2", "2027-03-15", "2027-03-15", AMIRA, (Flag.CONCERN,)),
    ]


def test_high_risk_concern_takes_the_earliest_day_any_inspector_has() -> None:
    # Amira's January is full with a planned inspection; Tom can start on 18 January, which
    # is sooner than Amira's first free month (February).
    booked = PlannedInspection("I9", "G9", D("2027-01-20"), "assurance", (), AMIRA, "planned")
    concerned = replace(group("G2", "2026-03-15"), concerns=HIGH_RISK)
    result = plan(
        [concerned, group("G9", "2026-01-20")],
        as_of="2027-01-04",
        planned=(booked,),
        per_month=1,
        by_inspector=((TOM, 1),),
    )
    proposal = next(row for row in result.rows if row.group_code == "G2")
    assert (proposal.proposed_start_on, proposal.inspector) == (D("2027-01-18"), TOM)


def test_high_risk_concern_proposes_an_inspection_even_when_none_is_due_this_year() -> None:
    # G3 was inspected on 1 June 2026, so it is next due on 1 June 2027, after the year ends.
    calm = plan([group("G3", "2020-01-01")], as_of="2026-11-02", starts=(("G3", "2026-06-01"),))
    assert calm.rows == ()
    concerned = replace(group("G3", "2020-01-01"), concerns=HIGH_RISK)
    result = plan([concerned], as_of="2026-11-02", starts=(("G3", "2026-06-01"),))
    # 2 November 2026 plus 10 working days' notice is Monday 16 November
    assert brief(result.rows) == [("G3", "2026-11-16", "2027-06-01", AMIRA, (Flag.CONCERN,))]
    assert result.rows[0].suggested_type == "focused"
