"""A recommendation's clock starts when the provider receives it with the final report: it falls
due its risk's working days after `final_sent_on`, unless it was given a date."""

from datetime import date

import pytest

from dashboard.core.vocabulary import Risk
from dashboard.recommendations.rules import (
    DEFAULT_DUE_WORKING_DAYS,
    TimescaleInvalid,
    checked_timescales,
    default_due_on,
    falls_due_on,
)

D = date.fromisoformat


def test_default_timescales_by_risk() -> None:
    assert dict(DEFAULT_DUE_WORKING_DAYS) == {Risk.HIGH: 20, Risk.MEDIUM: 60, Risk.LOW: 120}


@pytest.mark.parametrize(
    ("risk", "final_sent_on", "expected"),
    [
        # Fri 19 Dec 2025: Dec 22-24 (3), Dec 29-31 (6), Jan 2 (7), Jan 5-9 (12), Jan 12-16 (17),
        # Jan 19-21 (20); Christmas, Boxing Day and New Year's Day skipped over the year end
        (Risk.HIGH, "2025-12-19", "2026-01-21"),
        # Fri 14 Apr 2023: Apr 17-28 (10), May 2-5 (14, May Day), May 9-12 (18, the coronation
        # on Mon 8 May), May 15-16 (20)
        (Risk.HIGH, "2023-04-14", "2023-05-16"),
        # Fri 23 Feb 2024 in a leap year: Feb 26-29 (4, the leap day counts), Mar 1 (5),
        # three full weeks to Fri 22 Mar (20)
        (Risk.HIGH, "2024-02-23", "2024-03-22"),
        # Wed 4 Mar 2026 + 60, skipping Good Friday, Easter Monday and both May bank holidays
        (Risk.MEDIUM, "2026-03-04", "2026-06-02"),
        (Risk.LOW, "2025-12-17", "2026-06-12"),  # 120: Christmas to Easter and May
        ("high", "2025-12-19", "2026-01-21"),  # the exchange-format spelling works too
    ],
)
def test_recommendation_falls_due_working_days_after_the_final_report(
    risk: Risk, final_sent_on: str, expected: str
) -> None:
    assert default_due_on(risk, D(final_sent_on)) == D(expected)
    assert falls_due_on(None, risk, D(final_sent_on)) == D(expected)


def test_a_day_before_the_leap_day_falls_due_on_it_with_four_working_days() -> None:
    # Fri 23 Feb 2024: Mon 26, Tue 27, Wed 28, Thu 29 Feb
    timescales = {Risk.HIGH: 4, Risk.MEDIUM: 60, Risk.LOW: 120}
    assert default_due_on(Risk.HIGH, D("2024-02-23"), timescales) == D("2024-02-29")


def test_no_final_report_yet_means_no_due_date() -> None:
    assert default_due_on(Risk.HIGH, None) is None
    assert falls_due_on(None, Risk.HIGH, None) is None


@pytest.mark.parametrize("final_sent_on", [None, "2025-12-19", "2026-06-01"])
def test_an_explicit_due_date_always_wins(final_sent_on: str | None) -> None:
    sent = D(final_sent_on) if final_sent_on else None
    assert falls_due_on(D("2026-01-05"), Risk.HIGH, sent) == D("2026-01-05")


def test_changed_timescales_move_the_default() -> None:
    # Wed 17 Dec 2025 + 5: Thu 18, Fri 19, Mon 22, Tue 23, Wed 24 Dec
    timescales = {Risk.HIGH: 5, Risk.MEDIUM: 10, Risk.LOW: 15}
    assert default_due_on(Risk.HIGH, D("2025-12-17"), timescales) == D("2025-12-24")
    # medium 10: Dec 18-19 (2), 22-24 (5), 29-31 (8), Jan 2 (9), Mon 5 Jan (10)
    assert falls_due_on(None, Risk.MEDIUM, D("2025-12-17"), timescales) == D("2026-01-05")
    assert falls_due_on(D("2026-03-01"), Risk.LOW, D("2025-12-17"), timescales) == D("2026-03-01")


def test_timescales_are_positive_whole_numbers() -> None:
    entered = {"high": "10", "medium": " 30 ", "low": 90}
    assert checked_timescales(entered) == {Risk.HIGH: 10, Risk.MEDIUM: 30, Risk.LOW: 90}
    assert checked_timescales({"high": 1, "medium": 1, "low": 1})[Risk.HIGH] == 1


@pytest.mark.parametrize("bad", ["0", "-3", "2.5", "", "ten", None, True, 0, -1])
def test_a_timescale_that_is_not_a_positive_whole_number_is_refused(bad: object) -> None:
    with pytest.raises(TimescaleInvalid) as refused:
        checked_timescales({"high": bad, "medium": "60", "low": "120"})
    assert [p.field for p in refused.value.problems] == ["high"]
    assert "whole number of working days of 1 or more" in str(refused.value)


@pytest.mark.parametrize(
    ("value", "accepted"), [("1000", True), ("1001", False), ("9" * 20, False)]
)
def test_a_timescale_is_at_most_1000_working_days(value: str, accepted: bool) -> None:
    entered = {"high": "20", "medium": "60", "low": value}
    if accepted:
        assert checked_timescales(entered)[Risk.LOW] == 1000
        return
    with pytest.raises(TimescaleInvalid) as refused:
        checked_timescales(entered)
    assert [p.field for p in refused.value.problems] == ["low"]
    assert "too long; at most 1000" in str(refused.value)


def test_an_unknown_risk_is_refused() -> None:
    with pytest.raises(TimescaleInvalid, match="urgent: risk is one of high, medium, low"):
        checked_timescales({"high": 20, "medium": 60, "low": 120, "urgent": 5})
