"""`dashboard plan YEAR` on a hand-worked programme (Easter 2027: 26 and 29 March)."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from tests import factories as make

HEADER = (
    "group_code,provider_code,suggested_type,key_questions,proposed_start_on,due_by,inspector,flags"
)


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """P1 (allocated inspector Amira Shah) and three groups, planned as of 2 November 2026."""
    with db.session_scope(cli_engine) as session:
        p1 = make.provider(session, "P1")
        p1.allocated_inspector = "Amira Shah"
        g1, g2, g3 = (make.group(session, code, p1) for code in ("G1", "G2", "G3"))
        make.service(session, "S1", g1, date(2020, 1, 1))
        make.inspection(session, "I1", g1, date(2025, 12, 1), "assurance")
        make.service(session, "S2", g2, date(2026, 3, 29))  # never inspected
        make.service(session, "S3", g3, date(2020, 1, 1))
        make.inspection(session, "I3", g3, date(2026, 1, 20), "assurance")
        make.inspection(
            session,
            "I3b",
            g3,
            date(2027, 1, 11),
            "focused",
            key_questions="safe",
            lead_inspector="Tom Okafor",
        )
        make.mou_term(session, "MOU-3", date(2025, 7, 1), date(2027, 3, 31))
    return cli_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_plan_csv_lists_proposals_and_planned_inspections(programme, capsys):
    status, out, err = run(capsys, "plan", "2026", "--as-of", "2026-11-02", "--format", "csv")
    assert status == 0
    assert out.splitlines() == [
        HEADER,
        # last inspected 1 December 2025: due Tuesday 1 December 2026, planned on the day
        "G1,P1,assurance,safe;well-led,2026-12-01,2026-12-01,Amira Shah,",
        # already planned: kept as it is, not proposed again
        "G3,P1,focused,safe,2027-01-11,2027-01-20,Tom Okafor,planned",
        # opened 29 March 2026, due Easter Monday 2027: the Thursday before Good Friday
        "G2,P1,comprehensive,safe;effective;caring;responsive;well-led,2027-03-25,2027-03-29,"
        "Amira Shah,",
    ]
    assert "OFFICIAL-SENSITIVE" in err


def test_inspector_with_no_capacity_hands_over_to_another(programme, capsys):
    status, out, _ = run(
        capsys,
        "plan",
        "2026",
        "--as-of",
        "2026-11-02",
        "--format",
        "csv",
        "--inspector-capacity",
        "Amira Shah=0",
    )
    assert status == 0
    assert [line.split(",")[6] for line in out.splitlines()[1:]] == ["Tom Okafor"] * 3


def test_no_capacity_at_all_lists_the_groups_as_not_fitted(programme, capsys):
    status, out, _ = run(
        capsys, "plan", "2026", "--as-of", "2026-11-02", "--format", "csv", "--capacity", "0"
    )
    assert status == 0
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert [(r[0], r[4], r[7]) for r in rows] == [
        ("G3", "2027-01-11", "planned"),
        ("G1", "", "not_fitted"),
        ("G2", "", "not_fitted"),
    ]


def test_next_year_is_flagged_after_the_mou_term(programme, capsys):
    status, out, _ = run(capsys, "plan", "2027", "--as-of", "2026-11-02", "--format", "csv")
    assert status == 0
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert [r[0] for r in rows] == ["G1", "G3", "G2"]
    assert {r[7] for r in rows} == {"after_mou_term"}


def test_plan_table_ends_with_a_summary_and_the_marking(programme, capsys):
    status, out, _ = run(capsys, "plan", "2026", "--as-of", "2026-11-02")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == HEADER.split(",")
    assert lines[-2] == (
        "Programme year 2026/27 as of 2026-11-02: 2 proposed, 1 planned, 0 not fitted"
    )
    assert lines[-1] == "OFFICIAL-SENSITIVE"


def test_bad_inspector_capacity_is_a_usage_error(programme, capsys):
    with pytest.raises(SystemExit) as exit_status:
        main(["plan", "2026", "--inspector-capacity", "Amira Shah"])
    assert exit_status.value.code == 2
    assert "is not NAME=N" in capsys.readouterr().err
