"""The CLI reports on a hand-worked data set: leap day, Easter and May bank holidays."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from tests import factories as make


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """Four groups of one provider, as of mid-January 2025 (worked out by hand in each test)."""
    with db.session_scope(cli_engine) as session:
        p1 = make.provider(session, "P1")
        g1, g2, g3, g4 = (make.group(session, code, p1) for code in ("G1", "G2", "G3", "G4"))
        make.service(session, "S1", g1, date(2023, 1, 10))
        make.service(session, "S2", g2, date(2024, 6, 3))
        make.service(session, "S3", g3, date(2021, 3, 1))
        make.service(session, "S4", g4, date(2020, 1, 1), closed_on=date(2024, 12, 31))
        make.inspection(
            session,
            "I1",
            g1,
            date(2024, 2, 29),
            end_on=date(2024, 3, 1),
            announced_on=date(2024, 2, 15),
            pir_requested_on=date(2024, 2, 15),
            pir_returned_on=date(2024, 2, 23),
            draft_sent_on=date(2024, 4, 3),
            final_sent_on=date(2024, 5, 15),
        )
        make.inspection(session, "I3", g3, date(2023, 11, 1), "assurance")
        make.inspection(session, "I3b", g3, date(2025, 2, 3), "focused", key_questions="safe")
        make.inspection(session, "I4", g4, date(2024, 5, 14), "assurance")
    return cli_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_coverage_csv_lists_active_groups_worst_first(programme, capsys):
    status, out, err = run(capsys, "report", "coverage", "--as-of", "2025-01-15", "--format", "csv")
    assert status == 0
    assert out.splitlines() == [
        "group_code,provider_code,status,last_inspected_on,last_inspection_type,next_due_on,"
        "scheduled_on",
        # last inspected 2023-11-01, due 2024-11-01, a focused inspection booked for February
        "G3,P1,overdue,2023-11-01,assurance,2024-11-01,2025-02-03",
        # leap-day inspection: due 28 February 2025, 44 days after the as-of date
        "G1,P1,due_soon,2024-02-29,comprehensive,2025-02-28,",
        # never inspected: due a year after its service opened
        "G2,P1,in_date,,,2025-06-03,",
    ]
    assert "OFFICIAL-SENSITIVE" in err


def test_coverage_table_is_marked_and_aligned(programme, capsys):
    status, out, _ = run(capsys, "report", "coverage", "--as-of", "2025-01-15")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "group_code",
        "provider_code",
        "status",
        "last_inspected_on",
        "last_inspection_type",
        "next_due_on",
        "scheduled_on",
    ]
    assert lines[2].split()[:3] == ["G3", "P1", "overdue"]
    assert lines[-1] == "OFFICIAL-SENSITIVE"


@pytest.mark.parametrize(
    ("as_of", "covered"),
    [
        # G4 inspected in May 2024; G3's February inspection has not happened yet
        ("2025-01-15", ["G4"]),
        # by the year end G3's inspection of 3 February 2025 counts
        ("2025-03-31", ["G3", "G4"]),
    ],
)
def test_programme_year_lists_required_groups_and_covered(programme, capsys, as_of, covered):
    status, out, _ = run(
        capsys, "report", "programme-year", "2024", "--as-of", as_of, "--format", "csv"
    )
    assert status == 0
    # G1 inspected in programme year 2023 (29 Feb 2024) is required but not covered in 2024;
    # G4 closed on 31 December 2024 yet was active for most of the year, so it is required.
    assert out.splitlines() == ["group_code,provider_code,covered"] + [
        f"{code},P1,{'yes' if code in covered else 'no'}" for code in ("G1", "G2", "G3", "G4")
    ]


def test_programme_year_table_gives_coverage_percent(programme, capsys):
    _, out, _ = run(capsys, "report", "programme-year", "2024", "--as-of", "2025-03-31")
    assert "Programme year 2024/25 coverage: 50.0% (2 of 4 groups)" in out


def test_programme_year_with_no_required_group_says_so(programme, capsys):
    _, out, _ = run(capsys, "report", "programme-year", "2015", "--as-of", "2016-03-31")
    assert "(no rows)" in out
    assert "coverage: n/a (no group required)" in out


def test_deadlines_csv_counts_working_days_over_easter_and_may_day(programme, capsys):
    status, out, _ = run(capsys, "report", "deadlines", "--as-of", "2025-01-15", "--format", "csv")
    assert status == 0
    i1 = [line for line in out.splitlines() if line.startswith("I1,")]
    assert i1 == [
        # 10 working days before Thursday 29 February 2024
        "I1,announce,2024-02-15,2024-02-15,on_time",
        # 5 working days after 15 February; returned a day late
        "I1,pir,2024-02-22,2024-02-23,late",
        # 20 working days after Friday 1 March skip Good Friday and Easter Monday
        "I1,draft_report,2024-04-02,2024-04-03,late",
        # 10 working days after the draft went on 3 April; nothing back yet
        "I1,factual_accuracy,2024-04-17,,overdue",
        # 50 working days after 1 March skip Easter and the early May bank holiday
        "I1,final_report,2024-05-15,2024-05-15,on_time",
    ]


def test_deadlines_leave_out_milestones_without_a_base_date(programme, capsys):
    _, out, _ = run(capsys, "report", "deadlines", "--as-of", "2025-01-15", "--format", "csv")
    i3b = [line for line in out.splitlines() if line.startswith("I3b,")]
    # a future one-day inspection: announce, draft and final are due; no PIR or FA base yet
    assert [line.split(",")[1] for line in i3b] == ["announce", "draft_report", "final_report"]
    assert all(line.endswith(",pending") for line in i3b)


def test_report_refuses_an_impossible_date(programme, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "coverage", "--as-of", "2025-02-29"])
    assert exit_info.value.code == 2
    assert "'2025-02-29' is not a date" in capsys.readouterr().err
