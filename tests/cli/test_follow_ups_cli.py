"""`dashboard report follow-ups` and `dashboard ics`: a hand-worked programme around a leap day."""

from datetime import date

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from tests import factories as make

AS_OF = "2024-03-01"


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """Recommendations of Amira Shah's and Tom Okafor's inspections, as of 1 March 2024."""
    with db.session_scope(cli_engine) as session:
        provider = make.provider(session, "P1")
        provider.allocated_inspector = "Amira Shah"
        group = make.group(session, "G1", provider)
        mine = make.inspection(session, "I1", group, date(2023, 11, 6), lead_inspector="Amira Shah")
        toms = make.inspection(session, "I2", group, date(2023, 12, 4), lead_inspector="Tom Okafor")
        make.recommendation(session, "R-LEAP", mine, date(2024, 2, 28), risk="high")
        make.recommendation(session, "R-EDGE", mine, date(2024, 3, 31), status="in progress")
        make.recommendation(session, "R-LATER", mine, date(2024, 4, 1))
        make.recommendation(session, "R-DONE", mine, date(2024, 1, 5), status="closed")
        make.recommendation(session, "R-GONE", mine, date(2024, 1, 5), status="superseded")
        make.recommendation(session, "R-UNDATED", mine, None)
        make.recommendation(
            session, "R-TOM", toms, date(2023, 12, 29), risk="low", status="evidence submitted"
        )
    return cli_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_csv_has_exactly_the_columns_and_the_due_rows_oldest_first(programme, capsys):
    status, out, err = run(capsys, "report", "follow-ups", "--as-of", AS_OF, "--format", "csv")
    assert status == 0
    assert out.splitlines() == [
        "recommendation_ref,inspection_ref,group_code,provider_code,risk,due_on,status,"
        "days_overdue",
        # 29 Dec 2023 → 1 Mar 2024: 3 (to 1 January) + 31 + 29 (leap February) = 63 days
        "R-TOM,I2,G1,P1,low,2023-12-29,evidence submitted,63",
        # 28 Feb → 1 Mar 2024 passes 29 February: 2 days
        "R-LEAP,I1,G1,P1,high,2024-02-28,open,2",
        # the window's last day, 30 days after 1 March, is 31 March
        "R-EDGE,I1,G1,P1,medium,2024-03-31,in progress,0",
    ]
    assert "OFFICIAL-SENSITIVE" in err


def test_inspector_keeps_only_the_inspections_they_led(programme, capsys):
    status, out, _ = run(
        capsys,
        "report",
        "follow-ups",
        "--as-of",
        AS_OF,
        "--format",
        "csv",
        "--inspector",
        "Tom Okafor",
    )
    assert status == 0
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["R-TOM"]


def test_within_zero_keeps_only_what_is_due_by_the_as_of_date(programme, capsys):
    _, out, _ = run(
        capsys, "report", "follow-ups", "--as-of", AS_OF, "--format", "csv", "--within", "0"
    )
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["R-TOM", "R-LEAP"]


def test_the_table_ends_with_counts_and_the_marking(programme, capsys):
    _, out, _ = run(capsys, "report", "follow-ups", "--as-of", AS_OF)
    assert out.splitlines()[-2:] == ["3 follow-ups due, 2 overdue", "OFFICIAL-SENSITIVE"]


def test_a_negative_window_is_bad_usage(programme, capsys):
    with pytest.raises(SystemExit) as exit_status:
        main(["report", "follow-ups", "--within", "-3"])
    assert exit_status.value.code == 2
    assert "'-3' is not a number of days" in capsys.readouterr().err


def test_ics_parses_and_holds_exactly_the_inspectors_due_follow_ups(programme, capsysbinary):
    status = main(["ics", "--inspector", "Amira Shah", "--as-of", AS_OF])
    captured = capsysbinary.readouterr()
    assert status == 0
    calendar = Calendar.from_ical(captured.out)
    events = calendar.walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [
        "followup-R-LEAP@safehouse-oversight",
        "followup-R-EDGE@safehouse-oversight",
    ]
    leap = events[0]
    # overdue since 28 February: on the as-of day (Friday 1 March), its due date described
    assert leap.decoded("dtstart") == date(2024, 3, 1)
    assert leap.decoded("dtend") == date(2024, 3, 2)
    assert "originally due 28 Feb 2024, 2 days overdue" in str(leap["description"])
    assert events[1].decoded("dtstart") == date(2024, 3, 31)  # not yet due: on its due date
    assert str(leap["summary"]) == "Follow-up due: R-LEAP (high risk)"
    assert "OFFICIAL-SENSITIVE" in str(leap["description"])
    assert "Review policy" not in captured.out.decode()  # never the recommendation's text
    assert str(calendar["x-oversight-marking"]) == "OFFICIAL-SENSITIVE"
    assert b"OFFICIAL-SENSITIVE" in captured.err


def test_ics_uids_are_stable_between_runs(programme, capsysbinary):
    main(["ics", "--inspector", "Amira Shah", "--as-of", AS_OF])
    first = Calendar.from_ical(capsysbinary.readouterr().out)
    main(["ics", "--inspector", "Amira Shah", "--as-of", "2024-03-02"])
    second = Calendar.from_ical(capsysbinary.readouterr().out)
    first_uids = [str(event["uid"]) for event in first.walk("VEVENT")]
    second_uids = [str(event["uid"]) for event in second.walk("VEVENT")]
    # a day later R-LATER comes into the window; the others keep their UIDs
    assert second_uids == [*first_uids, "followup-R-LATER@safehouse-oversight"]


def test_ics_needs_an_inspector(programme, capsys):
    with pytest.raises(SystemExit):
        main(["ics"])
    assert "--inspector" in capsys.readouterr().err
