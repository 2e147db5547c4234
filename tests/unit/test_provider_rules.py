"""Providers: the attention ranking and co-operation (PIR and factual-accuracy replies on time).

Due dates are worked by hand from DOMAIN.md: PIR = requested + 5 working days, factual accuracy
= draft sent + 10 working days, England and Wales bank holidays skipped."""

from datetime import date

import pytest

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import InspectionStatus, Role
from dashboard.inspections.rules import InspectionDates, Milestone, MilestoneState
from dashboard.providers.rules import (
    Cooperation,
    ProviderStanding,
    cooperation,
    ranked,
    replies_due,
    sees_lead_contact,
)

D = date.fromisoformat
PIR, FA = Milestone.PIR, Milestone.FACTUAL_ACCURACY


def _standing(code: str, groups: int, recs: int, concerns: int = 0) -> ProviderStanding:
    return ProviderStanding(code, f"Provider {code}", None, groups, recs, concerns)


def test_providers_rank_by_groups_overdue_then_recommendations_overdue_then_code():
    standings = [
        _standing("P1", 0, 9),
        _standing("P2", 1, 0),
        _standing("P3", 1, 4),
        _standing("P4", 0, 0),
        _standing("P0", 0, 9),
    ]
    assert [s.code for s in ranked(standings)] == ["P3", "P2", "P0", "P1", "P4"]


def test_high_risk_concerns_open_rank_after_the_two_overdue_counts_before_the_code():
    standings = [
        _standing("P1", 0, 2, concerns=0),
        _standing("P2", 0, 2, concerns=3),
        _standing("P3", 0, 1, concerns=9),  # fewer overdue recommendations: concerns come after
        _standing("P0", 0, 2, concerns=3),
    ]
    assert [s.code for s in ranked(standings)] == ["P0", "P2", "P1", "P3"]


def test_ranking_nothing_gives_nothing():
    assert ranked([]) == []


def test_lead_contacts_are_for_staff_not_partners():
    assert sees_lead_contact(STAFF_VIEWER)
    assert sees_lead_contact(Viewer.of(Role.INSPECTOR, D("2026-11-02")))
    assert not sees_lead_contact(Viewer.of(Role.PARTNER, D("2026-11-02"), D("2026-11-02")))


def _pir(requested: str, returned: str | None) -> InspectionDates:
    return InspectionDates(
        start_on=D("2026-03-02"),
        pir_requested_on=D(requested),
        pir_returned_on=D(returned) if returned else None,
    )


def _fa(draft: str, returned: str | None) -> InspectionDates:
    return InspectionDates(
        start_on=D("2023-03-06"),
        end_on=D("2023-03-08"),
        draft_sent_on=D(draft),
        fa_returned_on=D(returned) if returned else None,
    )


# (dates, as of, expected (reply, due, returned, state)); None: nothing counted yet.
@pytest.mark.parametrize(
    ("dates", "as_of", "expected"),
    [
        # PIR asked Friday 19 Dec 2025: Christmas Day, Boxing Day and the weekend skipped:
        # 22, 23, 24, 29, 30 December -> due Tuesday 30 December.
        (_pir("2025-12-19", "2025-12-30"), "2026-02-01", (PIR, "2025-12-30", "2025-12-30", "on")),
        (_pir("2025-12-19", "2025-12-31"), "2026-02-01", (PIR, "2025-12-30", "2025-12-31", "late")),
        # Asked Tuesday 30 Dec 2025: 31 Dec, New Year's Day skipped, 2, 5, 6, 7 Jan 2026.
        (_pir("2025-12-30", "2026-01-07"), "2026-02-01", (PIR, "2026-01-07", "2026-01-07", "on")),
        (_pir("2025-12-30", "2026-01-08"), "2026-02-01", (PIR, "2026-01-07", "2026-01-08", "late")),
        # Not returned: pending up to the due date (left out), late the day after.
        (_pir("2025-12-30", None), "2026-01-07", None),
        (_pir("2025-12-30", None), "2026-01-08", (PIR, "2026-01-07", None, "overdue")),
        # Returned on the as-of date itself: counted, with its date.
        (_pir("2025-12-30", "2026-01-07"), "2026-01-07", (PIR, "2026-01-07", "2026-01-07", "on")),
        (_pir("2025-12-30", "2026-01-08"), "2026-01-08", (PIR, "2026-01-07", "2026-01-08", "late")),
        # Returned after the as-of date: as of that date it was not returned yet.
        (_pir("2025-12-30", "2026-01-06"), "2026-01-05", None),
        (_pir("2025-12-30", "2026-01-09"), "2026-01-08", (PIR, "2026-01-07", None, "overdue")),
        # Draft sent Friday 28 Apr 2023: early May bank holiday (1 May) and the coronation
        # (8 May) skipped: 2, 3, 4, 5, 9, 10, 11, 12, 15, 16 May -> due 16 May 2023.
        (_fa("2023-04-28", "2023-05-16"), "2023-06-30", (FA, "2023-05-16", "2023-05-16", "on")),
        (_fa("2023-04-28", "2023-05-17"), "2023-06-30", (FA, "2023-05-16", "2023-05-17", "late")),
        (_fa("2023-04-28", None), "2023-05-16", None),
        (_fa("2023-04-28", None), "2023-05-17", (FA, "2023-05-16", None, "overdue")),
    ],
)
def test_a_reply_is_on_time_late_or_not_counted_yet(dates, as_of, expected):
    found = replies_due("INS-1", dates, D(as_of))
    if expected is None:
        assert found == []
        return
    reply, due, returned, state = expected
    states = {"on": MilestoneState.ON_TIME, "late": MilestoneState.LATE}
    assert [(r.reply, r.due_on, r.returned_on, r.state) for r in found] == [
        (
            reply,
            D(due),
            D(returned) if returned else None,
            states.get(state, MilestoneState.OVERDUE),
        )
    ]


def test_no_request_or_draft_recorded_means_no_reply_owed():
    assert replies_due("INS-1", InspectionDates(start_on=D("2024-01-10")), D("2025-01-01")) == []


def test_a_cancelled_inspection_owes_no_reply():
    dates = InspectionDates(
        start_on=D("2024-01-10"),
        pir_requested_on=D("2023-12-01"),
        status=InspectionStatus.CANCELLED,
    )
    assert replies_due("INS-1", dates, D("2025-01-01")) == []


def test_a_withheld_draft_owes_no_factual_accuracy_reply_to_the_reader():
    dates = InspectionDates(
        start_on=D("2023-03-06"),
        pir_requested_on=D("2023-02-01"),
        pir_returned_on=D("2023-02-20"),
        draft_sent_on=D("2023-04-28"),
        report_withheld=True,
    )
    assert [r.reply for r in replies_due("INS-1", dates, D("2023-06-30"))] == [PIR]


def test_cooperation_counts_the_share_on_time_and_lists_the_late_ones():
    both = InspectionDates(
        start_on=D("2023-03-06"),
        end_on=D("2023-03-08"),
        pir_requested_on=D("2023-02-01"),  # due 8 Feb 2023
        pir_returned_on=D("2023-02-08"),
        draft_sent_on=D("2023-04-28"),  # due 16 May 2023
        fa_returned_on=D("2023-05-19"),
    )
    late_pir = _pir("2025-12-19", "2026-01-05")  # due 30 Dec 2025
    seen = cooperation([("INS-2", late_pir), ("INS-1", both)], D("2026-02-01"))
    assert (seen.on_time, len(seen.replies), seen.share_on_time) == (1, 3, pytest.approx(1 / 3))
    assert [(r.inspection_ref, r.reply) for r in seen.late] == [("INS-1", FA), ("INS-2", PIR)]
    assert seen.of(PIR).share_on_time == 0.5
    assert seen.of(FA).share_on_time == 0.0


def test_cooperation_with_no_inspections_has_no_share():
    seen = cooperation([], D("2026-02-01"))
    assert seen == Cooperation(())
    assert (seen.on_time, seen.late, seen.share_on_time) == (0, (), None)
