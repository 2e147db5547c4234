"""The register's rules with hand-worked dates: due windows, age, days overdue, filters, counts."""

from dataclasses import replace
from datetime import date

import pytest

from dashboard.recommendations import view
from dashboard.recommendations.view import DueWindow, RecommendationFacts, RegisterFilter

AS_OF = date(2026, 11, 2)  # a Monday


def rec(ref: str = "R1", **changes: object) -> RecommendationFacts:
    base = RecommendationFacts(
        ref=ref,
        inspection_ref="I1",
        inspection_start_on=date(2026, 3, 2),
        inspection_end_on=date(2026, 3, 4),
        lead_inspector="Amira Shah",
        provider_code="P01",
        provider_name="Provider one",
        group_code="G01",
        service_code="S001",
        key_question="safe",
        kloe="S2",
        theme="risk oversight",
        risk="medium",
        owner="provider",
        status="open",
        due_on=date(2026, 6, 1),
        closed_on=None,
    )
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("status", "due_on", "expected"),
    [
        ("open", date(2026, 11, 1), DueWindow.OVERDUE),  # the day before as-of
        ("in progress", date(2026, 11, 2), DueWindow.NEXT_30_DAYS),  # due today: not yet late
        ("evidence submitted", date(2026, 12, 2), DueWindow.NEXT_30_DAYS),  # as-of + 30 days
        ("open", date(2026, 12, 3), DueWindow.LATER),  # as-of + 31 days
        ("closed", date(2026, 1, 1), None),  # closed: no window
        ("superseded", date(2026, 1, 1), None),
        ("open", None, None),  # undated: no window
    ],
)
def test_due_window_around_the_as_of_date(status, due_on, expected):
    assert view.due_window(rec(status=status, due_on=due_on), AS_OF) == expected


@pytest.mark.parametrize(
    ("status", "due_on", "expected"),
    [
        ("open", date(2026, 10, 3), 30),  # 3 Oct to 2 Nov is 30 calendar days
        ("in progress", date(2025, 11, 2), 365),
        ("open", date(2026, 11, 2), 0),  # due today
        ("open", date(2026, 12, 25), 0),  # not yet due
        ("closed", date(2026, 10, 3), None),
        ("open", None, None),
    ],
)
def test_days_overdue_counts_calendar_days_for_open_recommendations(status, due_on, expected):
    assert view.days_overdue(rec(status=status, due_on=due_on), AS_OF) == expected


@pytest.mark.parametrize(
    ("end_on", "expected"),
    [
        (date(2026, 3, 4), 243),  # 27 days left in March + 30+31+30+31+31+30+31 + 2
        (date(2026, 11, 1), 1),
        (date(2026, 11, 2), 0),
        (date(2026, 11, 5), 0),  # inspection still under way on the as-of date
    ],
)
def test_age_is_days_since_the_inspection_ended(end_on, expected):
    assert view.age_days(rec(inspection_end_on=end_on), AS_OF) == expected


ROWS = [
    rec("R1", provider_code="P01", risk="high", status="open", due_on=date(2026, 10, 1)),
    rec(
        "R2",
        provider_code="P02",
        risk="low",
        status="in progress",
        due_on=date(2026, 11, 20),
        theme="estates and fire safety",
        kloe="S5",
    ),
    rec(
        "R3",
        provider_code="P01",
        risk="medium",
        status="closed",
        due_on=date(2026, 5, 1),
        closed_on=date(2026, 4, 20),
        key_question="well-led",
        kloe="W2",
        owner="cqc",
    ),
    rec(
        "R4",
        provider_code="P02",
        risk="medium",
        status="open",
        due_on=date(2027, 2, 1),
        inspection_ref="I2",
        group_code="G02",
        service_code=None,
    ),
    rec("R5", inspection_start_on=date(2026, 12, 1), inspection_end_on=date(2026, 12, 2)),
]


@pytest.mark.parametrize(
    ("chosen", "refs"),
    [
        (RegisterFilter(), ["R3", "R1", "R2", "R4"]),  # everything raised by as-of, by due date
        (RegisterFilter(providers=("P02",)), ["R2", "R4"]),
        (RegisterFilter(due_windows=("overdue",)), ["R1"]),
        (RegisterFilter(due_windows=("next 30 days", "later")), ["R2", "R4"]),
        (RegisterFilter(statuses=("closed",), owners=("cqc",)), ["R3"]),
        (RegisterFilter(risks=("medium",), providers=("P01",)), ["R3"]),
        (RegisterFilter(themes=("estates and fire safety",)), ["R2"]),
        (RegisterFilter(kloes=("W2",), key_questions=("well-led",)), ["R3"]),
        (RegisterFilter(inspections=("I2",)), ["R4"]),
        (RegisterFilter(groups=("G02",)), ["R4"]),
        (RegisterFilter(services=("S001",)), ["R3", "R1", "R2"]),
        (RegisterFilter(providers=("P01",), due_windows=("later",)), []),
    ],
)
def test_filters_keep_only_matching_recommendations(chosen, refs):
    assert [row.ref for row in view.apply_filters(ROWS, chosen, AS_OF)] == refs


def test_recommendations_from_inspections_not_started_by_as_of_are_left_out():
    assert "R5" not in {row.ref for row in view.raised_by(ROWS, AS_OF)}
    assert "R5" in {row.ref for row in view.raised_by(ROWS, date(2026, 12, 1))}


def test_filter_options_offer_risks_and_statuses_in_their_natural_order():
    options = view.filter_options(ROWS)
    assert options["risks"] == ["high", "medium", "low"]
    assert options["statuses"] == ["open", "in progress", "closed"]
    assert options["due_windows"] == ["overdue", "next 30 days", "later"]
    assert options["services"] == ["S001"]  # an empty service is not a choice


def test_counts_by_status_and_open_counts_by_risk():
    shown = view.raised_by(ROWS, AS_OF)
    assert view.status_counts(shown) == {
        "open": 2,
        "in progress": 1,
        "evidence submitted": 0,
        "closed": 1,
        "superseded": 0,
    }
    assert view.open_risk_counts(shown) == {"high": 1, "medium": 1, "low": 1}


def test_register_frame_shows_age_days_overdue_and_due_window():
    frame = view.register_frame(view.apply_filters(ROWS, RegisterFilter(), AS_OF), AS_OF)
    by_ref = frame.set_index("ref")
    r1 = by_ref.loc["R1"]
    assert (r1["due window"], r1["age (days)"], r1["days overdue"]) == ("overdue", 243, 32)
    assert by_ref["due window"].isna()["R3"] and by_ref["days overdue"].isna()["R3"]


def test_open_and_closed_over_time_uses_month_ends_and_closure_dates():
    rows = [
        rec("A", inspection_end_on=date(2026, 1, 15), status="closed", closed_on=date(2026, 2, 10)),
        rec("B", inspection_end_on=date(2026, 2, 20), status="open"),
    ]
    frame = view.open_closed_over_time(rows, date(2026, 3, 10))
    points = {(d.date(), s): n for d, s, n in frame.itertuples(index=False)}
    assert points[date(2026, 1, 31), "open"] == 1 and points[date(2026, 1, 31), "closed"] == 0
    assert points[date(2026, 2, 28), "open"] == 1 and points[date(2026, 2, 28), "closed"] == 1
    assert points[date(2026, 3, 10), "open"] == 1  # the last point is the as-of date itself


def test_open_and_closed_by_provider_counts_closures_up_to_as_of():
    rows = [
        rec("A", provider_code="P01", status="closed", closed_on=date(2026, 11, 1)),
        rec("B", provider_code="P01", status="superseded", closed_on=date(2026, 12, 1)),
        rec("C", provider_code="P02"),
    ]
    frame = view.open_closed_by_provider(rows, AS_OF)
    assert sorted(frame.itertuples(index=False, name=None)) == [
        ("P01", "closed", 1),
        ("P01", "open", 1),
        ("P02", "open", 1),
    ]


def test_theme_pivot_totals_across_key_questions_and_filters_by_year():
    counts = [
        view.ThemeCount("risk oversight", "safe", "P01", 2022, 3, 1),
        view.ThemeCount("risk oversight", "well-led", "P02", 2023, 2, 0),
        view.ThemeCount("estates and fire safety", "safe", "P01", 2022, 4, 2),
    ]
    frame = view.themes_frame(counts)
    table = view.theme_pivot(frame, "key question")
    assert table.loc["risk oversight", "total"] == 5
    assert table.loc["estates and fire safety", "safe"] == 4
    assert list(table.index) == ["risk oversight", "estates and fire safety"]
    only_2022 = view.filter_themes(frame, ["2022/23"], [])
    assert view.theme_pivot(only_2022, "provider").loc["risk oversight", "total"] == 3
    assert view.programme_year_options(counts) == ["2022/23", "2023/24"]


@pytest.mark.parametrize(
    ("risk", "final_sent_on", "expected", "working_days"),
    [
        # Fri 19 Dec 2025: Dec 22-24 (3), Dec 29-31 (6), Jan 2 (7), then three full weeks to
        # Fri 16 Jan (17), Mon 19-Wed 21 Jan (20); Christmas, Boxing and New Year's Day skipped
        ("high", date(2025, 12, 19), date(2026, 1, 21), 20),
        # Wed 4 Mar 2026 + 60, skipping Good Friday, Easter Monday and both May bank holidays
        ("medium", date(2026, 3, 4), date(2026, 6, 2), 60),
        # the timescale the programme set, not the built-in one: Dec 22, 23, 24
        ("high", date(2025, 12, 19), date(2025, 12, 24), 3),
    ],
)
def test_default_due_date_counts_from_the_final_report(risk, final_sent_on, expected, working_days):
    row = rec(risk=risk, final_sent_on=final_sent_on)
    assert view.default_due(row, working_days) == expected
    assert view.default_due_text(row, working_days) == (
        f"{expected:%d %b %Y} ({working_days} working days after the final report was sent "
        f"on {final_sent_on:%d %b %Y})"
    )


def test_without_a_final_report_there_is_no_default_yet():
    row = rec(due_on=None, final_sent_on=None)
    assert view.default_due(row, 20) is None
    assert view.default_due_text(row, 20) == (
        "due once the final report is sent (20 working days after it)"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"due_on": None}, "due once the final report is sent"),
        ({"due_on": None, "status": "closed"}, "no due date"),
        ({"due_on": date(2026, 6, 1)}, "01 Jun 2026"),
        (
            {"due_on": date(2026, 6, 1), "explicit_due_on": date(2026, 6, 1)},
            "01 Jun 2026 (set explicitly)",
        ),
    ],
)
def test_due_text_says_when_the_clock_has_not_started(changes, expected):
    assert view.due_text(rec(**changes)) == expected


def test_register_frame_says_an_open_one_falls_due_once_the_final_report_is_sent():
    rows = [rec("W", due_on=None), rec("C", due_on=None, status="closed")]
    frame = view.register_frame(rows, AS_OF).set_index("ref")
    assert frame.loc["W", "due window"] == "due once the final report is sent"
    assert frame["due window"].isna()["C"] and frame["days overdue"].isna()["W"]
