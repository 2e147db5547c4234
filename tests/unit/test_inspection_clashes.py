"""Clashes with a booked inspection of the same group, and lead inspector names, day by day."""

from datetime import date

import pytest

from dashboard.inspections.rules import (
    BookedInspection,
    DuplicateInspection,
    InspectionDraft,
    OverlapUnconfirmed,
    clash_problems,
    inspector_problem,
    not_a_working_day,
    overlaps,
)

# Booked: Tue 10 to Thu 12 March 2026.
BOOKED = BookedInspection("INS-2026-004", "assurance", date(2026, 3, 10), date(2026, 3, 12))


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 3, 8), date(2026, 3, 9), False),  # ends the day before
        (date(2026, 3, 8), date(2026, 3, 10), True),  # ends on its first day
        (date(2026, 3, 11), date(2026, 3, 11), True),  # inside
        (date(2026, 3, 12), date(2026, 3, 13), True),  # starts on its last day
        (date(2026, 3, 13), date(2026, 3, 14), False),  # starts the day after
    ],
)
def test_an_inspection_overlaps_when_it_shares_a_day(first, last, expected):
    assert overlaps(first, last, BOOKED) is expected


def test_a_one_day_booking_lasts_its_start_day():
    one_day = BookedInspection("INS-2026-005", "focused", date(2026, 3, 10))
    assert overlaps(date(2026, 3, 10), date(2026, 3, 10), one_day)
    assert not overlaps(date(2026, 3, 11), date(2026, 3, 11), one_day)


def _draft(kind: str, start: date, end: date | None = None) -> InspectionDraft:
    return InspectionDraft(group_code="G01", inspection_type=kind, start_on=start, end_on=end)


@pytest.mark.parametrize(
    ("draft", "confirmed", "refused"),
    [
        (_draft("assurance", date(2026, 3, 10)), False, DuplicateInspection),
        (_draft("assurance", date(2026, 3, 10)), True, DuplicateInspection),
        (_draft("focused", date(2026, 3, 10)), False, OverlapUnconfirmed),
        (_draft("focused", date(2026, 3, 10)), True, None),
        (_draft("assurance", date(2026, 3, 11)), False, OverlapUnconfirmed),  # not the same start
        (_draft("assurance", date(2026, 3, 13)), False, None),
        (InspectionDraft(group_code="G01", inspection_type="assurance"), False, None),
    ],
)
def test_a_repeat_is_refused_and_an_overlap_needs_confirming(draft, confirmed, refused):
    found = clash_problems(draft, [BOOKED], overlap_confirmed=confirmed)
    assert type(found) is refused if refused else found is None


@pytest.mark.parametrize(
    ("name", "new_name", "message"),
    [
        ("Amira Shah", False, None),
        ("", False, None),
        (None, False, None),
        ("Amria Shah", False, "is not a known inspector"),
        ("Amria Shah", True, None),
        ("amira shah", True, "is written 'Amira Shah'"),
        (" Amira   Shah ", False, None),  # spacing tidied, as stored
    ],
)
def test_a_lead_inspector_is_known_or_added_on_purpose(name, new_name, message):
    problem = inspector_problem(name, ["Amira Shah", "Tom Okafor"], new_name=new_name)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and message in problem.message
        assert problem.field == "lead_inspector"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2027, 2, 26), None),  # a Friday
        (date(2027, 2, 27), "a Saturday"),
        (date(2027, 2, 28), "a Sunday"),
        (date(2027, 3, 1), None),
        (date(2026, 12, 25), "a bank holiday"),  # Christmas Day, a Friday
        (date(2026, 12, 28), "a bank holiday"),  # Boxing Day moved to Monday
        (None, None),
    ],
)
def test_a_start_off_a_working_day_is_named(day, words):
    assert not_a_working_day(day) == words
