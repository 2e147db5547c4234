"""One definition of "Reports overdue": draft and final reports past their working-day due date,
counted alike by the Overview and the Inspections page."""

from dataclasses import replace
from datetime import date

import pytest

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.inspections.rules import InspectionDates, overdue_reports, reports_overdue

# A one-day inspection on Thursday 1 October 2026, announced and its PIR never requested:
# the draft is due 20 working days after the end (Thu 29 Oct 2026), the final 50 (Thu 10 Dec).
ONE_DAY = InspectionDates(date(2026, 10, 1), announced_on=date(2026, 9, 1))


@pytest.mark.parametrize(
    ("dates", "as_of", "count"),
    [
        (ONE_DAY, date(2026, 10, 29), 0),  # the draft is due today: not overdue yet
        (ONE_DAY, date(2026, 10, 30), 1),  # the day after: the draft is overdue
        (ONE_DAY, date(2026, 12, 10), 1),  # the final is due today
        (ONE_DAY, date(2026, 12, 11), 2),  # both reports overdue: each counts
        (replace(ONE_DAY, draft_sent_on=date(2026, 10, 28)), date(2026, 12, 11), 1),
        (replace(ONE_DAY, draft_sent_on=date(2026, 12, 12)), date(2026, 12, 11), 2),  # sent later
        (replace(ONE_DAY, status="cancelled"), date(2026, 12, 11), 0),
        # an overdue announcement is a milestone, not a report
        (InspectionDates(date(2026, 10, 1)), date(2026, 10, 29), 0),
    ],
)
def test_reports_overdue_counts_draft_and_final_reports_past_their_due_date(
    dates: InspectionDates, as_of: date, count: int
) -> None:
    assert reports_overdue([dates], as_of) == count
    assert len(overdue_reports(dates, as_of)) == count


def test_a_partner_does_not_count_a_draft_withheld_from_them() -> None:
    # The draft is overdue on 30 Oct; the final report is not sent, so a partner sees no draft.
    partner = Viewer.of("partner", date(2026, 10, 30), today=date(2026, 10, 30))
    assert reports_overdue([ONE_DAY], date(2026, 10, 30), STAFF_VIEWER) == 1
    assert reports_overdue([ONE_DAY], date(2026, 10, 30), partner) == 0
    # once the final report was sent to them, the draft is theirs to see (sent, so not late)
    sent = replace(ONE_DAY, draft_sent_on=date(2026, 11, 2), final_sent_on=date(2026, 11, 20))
    later = Viewer.of("partner", date(2026, 11, 20), today=date(2026, 11, 20))
    assert reports_overdue([sent], date(2026, 11, 20), later) == 0
