"""`dashboard report national YEAR` on hand-worked data: only inspections carried out in the
programme year (1 April to 31 March) whose final report was sent by the as-of date count."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.core import db
from models import JudgementRecord
from tests import factories as make

HEADER = "key_question,inspections,meeting,not_meeting"


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """Inspections of G1 around programme year 2025/26 with their judgements."""
    with db.session_scope(cli_engine) as session:
        g1 = make.group(session, "G1", make.provider(session, "P1"))
        for ref, start, sent, judgements, status in (
            # the year's first day, sent in time: counts
            ("I1", date(2025, 4, 1), date(2025, 6, 2), {"safe": "meeting"}, "carried out"),
            # the year's last day, sent on the as-of date: counts
            (
                "I2",
                date(2026, 3, 31),
                date(2026, 5, 29),
                {"safe": "not meeting", "well-led": "meeting"},
                "carried out",
            ),
            ("I3", date(2025, 3, 31), date(2025, 5, 30), {"safe": "meeting"}, "carried out"),
            ("I4", date(2025, 9, 1), date(2026, 6, 1), {"caring": "meeting"}, "carried out"),
            ("I5", date(2025, 10, 1), None, {"safe": "meeting"}, "carried out"),
        ):
            inspection = make.inspection(session, ref, g1, start, status=status, final_sent_on=sent)
            for key_question, judgement in judgements.items():
                session.add(
                    JudgementRecord(
                        inspection_id=inspection.id, key_question=key_question, judgement=judgement
                    )
                )
    return cli_engine


def test_the_years_judgements_by_key_question_count_only_reports_sent_by_the_date(
    programme, capsys
):
    status = main(["report", "national", "2025", "--as-of", "2026-05-29", "--format", "csv"])
    out, _ = capsys.readouterr()
    assert status == 0
    assert out.splitlines() == [
        HEADER,
        "safe,2,1,1",  # I1 and I2; I3 is the year before, I5 has no final report
        "effective,0,0,0",
        "caring,0,0,0",  # I4's final report was sent after the date
        "responsive,0,0,0",
        "well-led,1,1,0",
    ]


def test_a_year_out_of_range_is_refused_in_a_sentence(programme, capsys):
    assert main(["report", "national", "99"]) == 1
    assert "2023 means 2023/24" in capsys.readouterr().err
