"""Recommendation due dates follow risk, in working days after the inspection ends."""

from datetime import date

import pytest

from dashboard.core.vocabulary import Risk
from dashboard.recommendations.rules import DEFAULT_DUE_WORKING_DAYS, default_due_on

D = date.fromisoformat


def test_default_timescales_by_risk() -> None:
    assert dict(DEFAULT_DUE_WORKING_DAYS) == {Risk.HIGH: 20, Risk.MEDIUM: 60, Risk.LOW: 120}


@pytest.mark.parametrize(
    ("risk", "end_on", "expected"),
    [
        (Risk.HIGH, "2025-12-17", "2026-01-19"),  # 20 working days over Christmas, New Year
        (Risk.HIGH, "2023-04-14", "2023-05-16"),  # skips May Day and the coronation
        (Risk.MEDIUM, "2025-12-17", "2026-03-16"),  # 60 working days
        (Risk.LOW, "2025-12-17", "2026-06-12"),  # 120: also Easter, May Day, spring holiday
        ("high", "2025-12-17", "2026-01-19"),  # the exchange-format spelling works too
    ],
)
def test_recommendation_due_working_days_after_inspection_end_by_risk(
    risk: Risk, end_on: str, expected: str
) -> None:
    assert default_due_on(risk, D(end_on)) == D(expected)


def test_recommendation_timescales_are_configurable() -> None:
    timescales = {Risk.HIGH: 5, Risk.MEDIUM: 10, Risk.LOW: 15}
    assert default_due_on(Risk.HIGH, D("2025-12-17"), timescales) == D("2025-12-24")
