"""The recommendation lifecycle: every status change for every role, worked out by hand."""

import pytest

from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import RecommendationStatus, Role
from dashboard.recommendations.rules import (
    NEXT_STATUSES,
    TransitionRefused,
    check_transition,
    is_reopening,
)

OPEN, WORKING, EVIDENCE = "open", "in progress", "evidence submitted"
CLOSED, SUPERSEDED = "closed", "superseded"

# (from, to) → allowed for a staff member (inspector, programme manager, admin); all 25 pairs.
TRANSITIONS = [
    (OPEN, OPEN, True),  # a progress note keeps the status
    (OPEN, WORKING, True),
    (OPEN, EVIDENCE, True),  # a provider may send evidence straight away
    (OPEN, CLOSED, True),  # verified at an inspection
    (OPEN, SUPERSEDED, True),
    (WORKING, OPEN, False),  # only closed or superseded ones reopen
    (WORKING, WORKING, True),
    (WORKING, EVIDENCE, True),
    (WORKING, CLOSED, True),
    (WORKING, SUPERSEDED, True),
    (EVIDENCE, OPEN, False),
    (EVIDENCE, WORKING, True),  # the evidence was not enough
    (EVIDENCE, EVIDENCE, True),
    (EVIDENCE, CLOSED, True),
    (EVIDENCE, SUPERSEDED, True),
    (CLOSED, OPEN, True),  # reopening
    (CLOSED, WORKING, False),
    (CLOSED, EVIDENCE, False),
    (CLOSED, CLOSED, False),
    (CLOSED, SUPERSEDED, False),
    (SUPERSEDED, OPEN, True),  # reopening
    (SUPERSEDED, WORKING, False),
    (SUPERSEDED, EVIDENCE, False),
    (SUPERSEDED, CLOSED, False),
    (SUPERSEDED, SUPERSEDED, False),
]
STAFF_ROLES = (Role.INSPECTOR, Role.PROGRAMME_MANAGER, Role.ADMIN)


def actor(role: Role) -> Actor:
    return Actor("someone", "Sam Jones", role)


def test_the_table_covers_every_pair_of_statuses() -> None:
    pairs = {(before, after) for before, after, _ in TRANSITIONS}
    assert pairs == {(a, b) for a in RecommendationStatus for b in RecommendationStatus}


def test_next_statuses_match_the_hand_worked_table() -> None:
    for before, after, allowed in TRANSITIONS:
        assert (after in NEXT_STATUSES[before]) is allowed, (before, after)


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize(("before", "after", "allowed"), TRANSITIONS)
def test_staff_may_make_exactly_the_allowed_changes(role, before, after, allowed) -> None:
    if allowed:
        check_transition(before, after, actor(role))
    else:
        with pytest.raises(TransitionRefused):
            check_transition(before, after, actor(role))


@pytest.mark.parametrize(("before", "after", "_allowed"), TRANSITIONS)
def test_a_partner_may_make_no_change_at_all(before, after, _allowed) -> None:
    with pytest.raises(TransitionRefused, match=r"Sam Jones \(partner\) may not change"):
        check_transition(before, after, actor(Role.PARTNER))


def test_a_refusal_says_where_the_recommendation_may_go() -> None:
    with pytest.raises(TransitionRefused) as refused:
        check_transition(WORKING, OPEN, actor(Role.INSPECTOR))
    assert str(refused.value) == (
        "A recommendation cannot go from in progress to open; from in progress it may go to: "
        "in progress, evidence submitted, closed, superseded."
    )


def test_closing_a_closed_recommendation_asks_to_reopen_it_first() -> None:
    with pytest.raises(TransitionRefused, match="already closed; reopen it"):
        check_transition(CLOSED, CLOSED, actor(Role.PROGRAMME_MANAGER))


@pytest.mark.parametrize(("before", "after"), [("open", "done"), ("pending", "open")])
def test_an_unknown_status_is_refused_by_name(before, after) -> None:
    bad = after if before == "open" else before
    with pytest.raises(TransitionRefused, match=f"'{bad}' is not a status"):
        check_transition(before, after, actor(Role.ADMIN))


@pytest.mark.parametrize(
    ("before", "after", "reopening"),
    [(CLOSED, OPEN, True), (SUPERSEDED, OPEN, True), (OPEN, OPEN, False), (CLOSED, CLOSED, False)],
)
def test_reopening_is_a_finished_recommendation_going_back_to_open(before, after, reopening):
    assert is_reopening(before, after) is reopening
