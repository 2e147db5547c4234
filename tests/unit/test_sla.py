"""SLA performance per programme-year quarter, worked out by hand from the working-day rules."""

from datetime import date

import pytest

from dashboard.inspections.rules import (
    InspectionDates,
    Milestone,
    ProgrammeQuarter,
    SlaCell,
    programme_quarter,
    sla_performance,
)

Q1_2025 = ProgrammeQuarter(2025, 1)
Q2_2025 = ProgrammeQuarter(2025, 2)
Q3_2025 = ProgrammeQuarter(2025, 3)

# Start Mon 16 Jun 2025, end Tue 17 Jun. Due: announce 2 Jun (10 working days before the start),
# draft report 15 Jul (end + 20), factual accuracy 30 Jul (draft sent 16 Jul + 10),
# final report 27 Aug (end + 50; the summer bank holiday, 25 Aug, is skipped).
SUMMER = InspectionDates(
    start_on=date(2025, 6, 16),
    end_on=date(2025, 6, 17),
    announced_on=date(2025, 6, 2),  # on time, on the due day
    draft_sent_on=date(2025, 7, 16),  # late by a day
    fa_returned_on=date(2025, 7, 25),  # on time
)
# Start Mon 12 Jan 2026: announce due Wed 24 Dec 2025 (New Year's Day, Boxing Day and Christmas
# Day skipped), announced 29 Dec: late, in Q3 (October–December) of 2025/26.
WINTER = InspectionDates(
    start_on=date(2026, 1, 12), end_on=date(2026, 1, 13), announced_on=date(2025, 12, 29)
)


@pytest.mark.parametrize(
    ("day", "expected", "label"),
    [
        (date(2025, 4, 1), ProgrammeQuarter(2025, 1), "2025/26 Q1"),
        (date(2025, 6, 30), ProgrammeQuarter(2025, 1), "2025/26 Q1"),
        (date(2025, 7, 1), ProgrammeQuarter(2025, 2), "2025/26 Q2"),
        (date(2025, 12, 31), ProgrammeQuarter(2025, 3), "2025/26 Q3"),
        (date(2026, 1, 1), ProgrammeQuarter(2025, 4), "2025/26 Q4"),
        (date(2026, 3, 31), ProgrammeQuarter(2025, 4), "2025/26 Q4"),
        (date(2099, 4, 1), ProgrammeQuarter(2099, 1), "2099/00 Q1"),
    ],
)
def test_programme_quarter_starts_in_april(day, expected, label):
    assert programme_quarter(day) == expected
    assert expected.label == label


def _counted(cells: list[SlaCell]) -> dict[tuple[ProgrammeQuarter, Milestone], tuple[int, int]]:
    return {(c.quarter, c.milestone): (c.met, c.counted) for c in cells if c.counted}


def test_done_and_overdue_milestones_count_in_the_quarter_they_were_due():
    cells = sla_performance([SUMMER, WINTER], date(2025, 9, 1))
    assert _counted(cells) == {
        (Q1_2025, Milestone.ANNOUNCE): (1, 1),
        (Q2_2025, Milestone.DRAFT_REPORT): (0, 1),  # sent a day late
        (Q2_2025, Milestone.FACTUAL_ACCURACY): (1, 1),
        (Q2_2025, Milestone.FINAL_REPORT): (0, 1),  # not sent and past 27 Aug: overdue
    }


def test_pending_milestones_are_not_counted_until_done_or_overdue():
    # On 26 Aug the final report is still pending; WINTER's announcement is months away.
    cells = sla_performance([SUMMER, WINTER], date(2025, 8, 26))
    assert (Q2_2025, Milestone.FINAL_REPORT) not in _counted(cells)
    assert Q3_2025 not in {cell.quarter for cell in cells}


def test_a_late_announcement_over_christmas_counts_in_the_december_quarter():
    cells = sla_performance([WINTER], date(2026, 1, 5))
    assert _counted(cells) == {(Q3_2025, Milestone.ANNOUNCE): (0, 1)}


def test_every_reported_milestone_has_a_cell_in_a_counted_quarter_with_its_share():
    cells = sla_performance([SUMMER], date(2025, 9, 1))
    q2 = {cell.milestone: cell for cell in cells if cell.quarter == Q2_2025}
    assert list(q2) == [
        Milestone.ANNOUNCE,
        Milestone.PIR,
        Milestone.DRAFT_REPORT,
        Milestone.FACTUAL_ACCURACY,
        Milestone.FINAL_REPORT,
    ]
    assert q2[Milestone.FACTUAL_ACCURACY].share == 1.0
    assert q2[Milestone.DRAFT_REPORT].share == 0.0
    assert q2[Milestone.PIR].share is None  # nothing was due
    assert [cell.quarter for cell in cells] == [Q1_2025] * 5 + [Q2_2025] * 5


def test_a_pir_returned_after_five_working_days_is_late():
    # Requested Mon 2 Jun 2025, due Mon 9 Jun; returned Tue 10 Jun.
    dates = InspectionDates(
        start_on=date(2025, 6, 16),
        pir_requested_on=date(2025, 6, 2),
        pir_returned_on=date(2025, 6, 10),
    )
    assert _counted(sla_performance([dates], date(2025, 6, 11)))[Q1_2025, Milestone.PIR] == (0, 1)


def test_no_inspections_give_no_quarters():
    assert sla_performance([], date(2025, 9, 1)) == []
