"""Issue 15's done-when: a recommendation without a due date falls due from its final report.

Imported with `dashboard import`, reported with `dashboard report follow-ups`. I-SENT's final
report went out on Fri 12 Jun 2026, so its high-risk R-SENT falls due 20 working days later:
Jun 15-19 (5), 22-26 (10), Jun 29-Jul 3 (15), Jul 6-10 (20), Fri 10 Jul. I-WAIT's final report
is not sent: R-WAIT has no due date and is in no report, however late the as-of date; R-GIVEN,
of the same inspection, keeps its explicit date.
"""

from pathlib import Path

import pytest
from sqlalchemy import Engine

from dashboard.cli import main

FILES = {
    "providers": "code,name\nP1,Provider one\n",
    "inspection_groups": "code,name,provider_code\nG1,Group one,P1\n",
    "inspections": (
        "ref,group_code,inspection_type,lead_inspector,start_on,end_on,draft_sent_on,"
        "fa_returned_on,final_sent_on\n"
        "I-SENT,G1,comprehensive,Amira Shah,2026-03-30,2026-04-01,2026-04-20,2026-05-05,"
        "2026-06-12\n"
        "I-WAIT,G1,comprehensive,Amira Shah,2026-05-11,2026-05-13,,,\n"
    ),
    "recommendations": (
        "ref,inspection_ref,risk,text,due_on,status\n"
        "R-SENT,I-SENT,high,Review the rota,,open\n"
        "R-WAIT,I-WAIT,high,Review the training plan,,open\n"
        "R-GIVEN,I-WAIT,low,Publish the policy,2026-06-01,open\n"
    ),
}


@pytest.fixture
def imported(cli_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Engine:
    folder = tmp_path / "programme"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    assert main(["import", str(folder)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return cli_engine


def _follow_ups(capsys: pytest.CaptureFixture[str], as_of: str) -> list[str]:
    assert main(["report", "follow-ups", "--as-of", as_of, "--format", "csv"]) == 0
    return capsys.readouterr().out.splitlines()[1:]


def test_a_recommendation_without_a_due_date_falls_due_from_its_final_report(imported, capsys):
    assert _follow_ups(capsys, "2026-07-13") == [
        # 1 Jun to 13 Jul: 29 + 13 = 42 days
        "R-GIVEN,I-WAIT,G1,P1,low,2026-06-01,open,42",
        # 10 Jul to 13 Jul: 3 days
        "R-SENT,I-SENT,G1,P1,high,2026-07-10,open,3",
    ]


def test_before_its_final_report_it_is_not_due_even_a_year_on(imported, capsys):
    assert [row.split(",")[0] for row in _follow_ups(capsys, "2027-07-13")] == [
        "R-GIVEN",
        "R-SENT",
    ]


def test_the_day_before_it_falls_due_it_is_due_soon_not_overdue(imported, capsys):
    assert "R-SENT,I-SENT,G1,P1,high,2026-07-10,open,0" in _follow_ups(capsys, "2026-07-09")
