"""Issue 15's done-when on the command line: a planned inspection whose date has passed leaves
its group overdue with the planned date as scheduled_on; a cancelled one has no milestones."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from tests import factories as make


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """As of Mon 2 Nov 2026. G1 opened 1 Sep 2025 (due 1 Sep 2026): planned 12 Oct 2026, never
    recorded. G2 opened 1 Sep 2025: carried out 2 Jun 2026 (due 2 Jun 2027), and a focused
    inspection 5 Oct 2026 cancelled. G3 opened 1 Sep 2025: only a cancelled inspection."""
    with db.session_scope(cli_engine) as session:
        p1 = make.provider(session, "P1")
        g1, g2, g3 = (make.group(session, code, p1) for code in ("G1", "G2", "G3"))
        for code, group in (("S1", g1), ("S2", g2), ("S3", g3)):
            make.service(session, code, group, date(2025, 9, 1))
        make.inspection(session, "I1", g1, date(2026, 10, 12), "assurance", status="planned")
        make.inspection(session, "I2", g2, date(2026, 6, 2), "assurance", end_on=date(2026, 6, 3))
        make.inspection(
            session,
            "I2C",
            g2,
            date(2026, 10, 5),
            "focused",
            key_questions="safe",
            announced_on=date(2026, 9, 21),
            status="cancelled",
            cancelled_reason="Concern resolved before the visit.",
        )
        make.inspection(
            session,
            "I3C",
            g3,
            date(2026, 7, 6),
            "assurance",
            status="cancelled",
            cancelled_reason="Service paused.",
        )
    return cli_engine


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_coverage_shows_the_passed_plan_overdue_and_ignores_cancelled(programme, capsys):
    lines = run(capsys, "report", "coverage", "--as-of", "2026-11-02", "--format", "csv")
    assert lines == [
        "group_code,provider_code,status,last_inspected_on,last_inspection_type,next_due_on,"
        "scheduled_on",
        # nothing carried out: due a year after opening; the passed plan is its scheduled_on
        "G1,P1,overdue,,,2026-09-01,2026-10-12",
        # only a cancelled inspection: overdue, nothing scheduled
        "G3,P1,overdue,,,2026-09-01,",
        # carried out 2 Jun 2026; the cancelled 5 Oct is neither last nor scheduled
        "G2,P1,in_date,2026-06-02,assurance,2027-06-02,",
    ]


def test_programme_year_counts_only_the_carried_out_inspection(programme, capsys):
    lines = run(
        capsys, "report", "programme-year", "2026", "--as-of", "2026-11-02", "--format", "csv"
    )
    assert lines == ["group_code,provider_code,covered", "G1,P1,no", "G2,P1,yes", "G3,P1,no"]


def test_deadlines_list_no_milestone_of_a_cancelled_inspection(programme, capsys):
    lines = run(capsys, "report", "deadlines", "--as-of", "2026-11-02", "--format", "csv")
    refs = {line.split(",")[0] for line in lines[1:]}
    assert refs == {"I1", "I2"}
