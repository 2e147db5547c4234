"""Concern rules, with hand-worked dates: open on a date, days open, closure and refs."""

from datetime import date

import pytest

from dashboard.concerns.rules import (
    REPORT_COLUMNS,
    ConcernFacts,
    closure_problems,
    concern_row_problems,
    concerns_report,
    days_open,
    is_open_on,
    next_concern_ref,
    open_on,
    partner_may_read,
    status_on,
)

D = date.fromisoformat


def _concern(ref: str, received: str, risk: str = "medium", closed: str | None = None):
    return ConcernFacts(
        ref=ref,
        received_on=D(received),
        source="home office",
        provider_code="P01",
        group_code=None,
        key_questions=(),
        summary="Late return.",
        risk=risk,
        status="closed" if closed else "open",
        response=None,
        inspection_ref=None,
        closed_on=D(closed) if closed else None,
    )


@pytest.mark.parametrize(
    ("received", "closed", "as_of", "expected"),
    [
        ("2026-10-05", None, "2026-10-04", False),  # not received yet
        ("2026-10-05", None, "2026-10-05", True),  # received that day
        ("2026-10-05", None, "2027-10-05", True),  # open until closed
        ("2026-10-05", "2026-10-30", "2026-10-29", True),  # the day before it closed
        ("2026-10-05", "2026-10-30", "2026-10-30", False),  # closed by the date
        ("2026-10-05", "2026-10-30", "2026-10-31", False),
        ("2026-10-05", "2026-10-05", "2026-10-05", False),  # closed the day it came in
    ],
)
def test_open_on_a_date_means_received_by_it_and_not_closed_by_it(
    received, closed, as_of, expected
):
    assert is_open_on(D(received), D(closed) if closed else None, D(as_of)) is expected


@pytest.mark.parametrize(
    ("received", "as_of", "days"),
    [
        ("2026-11-02", "2026-11-02", 0),
        ("2026-11-01", "2026-11-02", 1),
        ("2026-12-30", "2027-01-02", 3),  # across a year end
        ("2028-02-28", "2028-03-01", 2),  # 2028 has a 29 February
        ("2027-02-28", "2027-03-01", 1),  # 2027 has not
        ("2023-12-31", "2024-03-01", 61),  # 31 days of January and 29 of February, then 1
        ("2025-04-01", "2026-04-01", 365),
        ("2027-04-01", "2028-04-01", 366),  # a year holding a leap day
    ],
)
def test_days_open_counts_calendar_days_since_received(received, as_of, days):
    assert days_open(D(received), D(as_of)) == days


@pytest.mark.parametrize(
    ("status", "received", "closed", "expected"),
    [
        ("closed", "2026-10-05", None, [("closed_on", "is required when status is closed")]),
        (
            "open",
            "2026-10-05",
            "2026-10-06",
            [("closed_on", "is only for a closed concern (this one is open)")],
        ),
        ("open", "2026-10-05", None, []),
        (
            "closed",
            "2026-10-05",
            "2026-10-04",
            [("closed_on", "2026-10-04 is before received_on 2026-10-05")],
        ),
        ("closed", "2026-10-05", "2026-10-05", []),  # closed the day it came in
        ("closed", "2026-10-05", "2026-10-06", []),
        # an unreadable status is a problem of its own; the dates are still checked
        (
            None,
            "2026-10-05",
            "2026-10-04",
            [("closed_on", "2026-10-04 is before received_on 2026-10-05")],
        ),
        (None, None, "2026-10-04", []),  # no readable received_on: nothing to compare
        (None, "2026-10-05", None, []),
    ],
)
def test_closed_on_is_required_when_closed_refused_when_open_and_not_before_received(
    status, received, closed, expected
):
    problems = closure_problems(
        status, D(received) if received else None, D(closed) if closed else None
    )
    assert problems == expected


def test_the_importer_row_rule_reads_the_row_cells():
    row = {"status": "closed", "received_on": D("2026-10-05")}  # closed_on column left out
    assert concern_row_problems(row) == [("closed_on", "is required when status is closed")]
    assert concern_row_problems({"status": "open", "received_on": D("2026-10-05")}) == []


@pytest.mark.parametrize(
    ("source", "response", "partner"),
    [
        ("home office", None, True),
        ("prime contractor", "noted", True),
        ("whistleblower", "escalated", True),
        ("whistleblower", "focused inspection", False),
        ("provider", None, False),
        ("anti-slavery commissioner", "engagement meeting", False),
        ("other", "escalated", True),
    ],
)
def test_partners_read_home_office_and_prime_contractor_concerns_and_escalated_ones(
    source, response, partner
):
    assert partner_may_read(source, response) is partner


@pytest.mark.parametrize(
    ("refs", "year", "expected"),
    [
        ([], 2026, "CON-2026-001"),
        (["CON-2026-009", "CON-2025-011", "ESC-001", "CON-2026-x"], 2026, "CON-2026-010"),
        (["CON-2026-009"], 2027, "CON-2027-001"),
        (["CON-2026-999"], 2026, "CON-2026-1000"),
    ],
)
def test_next_ref_follows_the_years_highest(refs, year, expected):
    assert next_concern_ref(refs, year) == expected


def test_open_concerns_come_highest_risk_first_then_oldest():
    concerns = [
        _concern("C1", "2026-10-01", "low"),
        _concern("C2", "2026-09-01", "medium"),
        _concern("C3", "2026-10-20", "high"),
        _concern("C4", "2026-08-01", "high"),
        _concern("C5", "2026-07-01", "high", closed="2026-11-02"),  # closed by the date
        _concern("C6", "2026-11-03", "high"),  # not received yet
        _concern("C7", "2026-08-01", "high", closed="2026-11-03"),  # closed after the date
    ]

    assert [c.ref for c in open_on(concerns, D("2026-11-02"))] == ["C4", "C7", "C3", "C2", "C1"]


def test_status_on_a_date_is_closed_from_the_day_it_closed():
    concern = _concern("C1", "2026-10-01", closed="2026-10-20")
    assert (status_on(concern, D("2026-10-19")), status_on(concern, D("2026-10-20"))) == (
        "open",
        "closed",
    )


def test_the_report_has_exactly_its_columns_and_days_open_on_the_date():
    concerns = [
        _concern("C1", "2023-12-31", "low"),
        _concern("C2", "2024-02-28", "high", closed="2024-03-02"),
        _concern("C3", "2024-01-15", "medium", closed="2024-02-01"),
    ]

    report = concerns_report(concerns, D("2024-03-01"))

    assert (
        report.columns
        == (
            "concern_ref",
            "received_on",
            "source",
            "provider_code",
            "group_code",
            "risk",
            "status",
            "days_open",
        )
        == REPORT_COLUMNS
    )
    assert [tuple(row) for row in report.rows] == [
        ("C2", D("2024-02-28"), "home office", "P01", None, "high", "open", "2"),
        ("C1", D("2023-12-31"), "home office", "P01", None, "low", "open", "61"),
    ]
