"""The overview's counts at their edges: overdue milestones and the MoU term in force."""

from datetime import date

import pytest

from dashboard.governance.rules import Term
from dashboard.inspections.rules import InspectionDates
from dashboard.overview.rules import overdue_milestone_counts, term_remaining

# A one-day inspection on Thursday 1 October 2026, announced, its draft report not yet sent:
# the draft is due 20 working days after the end, on Thursday 29 October 2026.
NO_DRAFT = InspectionDates(date(2026, 10, 1), announced_on=date(2026, 9, 1))


@pytest.mark.parametrize(
    ("as_of", "counts"),
    [
        (date(2026, 10, 28), (0, 0)),
        (date(2026, 10, 29), (0, 0)),  # due today: pending, not overdue
        (date(2026, 10, 30), (1, 1)),  # the day after: one inspection with one overdue
    ],
)
def test_an_inspection_counts_once_one_of_its_milestones_is_overdue(
    as_of: date, counts: tuple[int, int]
) -> None:
    assert overdue_milestone_counts([NO_DRAFT], as_of) == counts


TERM = Term("MOU-3", date(2025, 7, 1), date(2027, 3, 31))


@pytest.mark.parametrize(
    ("as_of", "days_left"),
    [
        (date(2025, 6, 30), None),  # the day before the term starts
        (date(2025, 7, 1), 638),  # its first day
        (date(2025, 7, 2), 637),
        (date(2027, 3, 30), 1),
        (date(2027, 3, 31), 0),  # its last day
        (date(2027, 4, 1), None),  # the day after it ends
    ],
)
def test_the_term_in_force_runs_from_its_first_to_its_last_day(
    as_of: date, days_left: int | None
) -> None:
    remaining = term_remaining([TERM], as_of)
    assert (remaining.days_left if remaining else None) == days_left
