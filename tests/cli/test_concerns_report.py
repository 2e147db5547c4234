"""`dashboard report concerns` on hand-worked data across the 2027/28 year end and leap day."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import Engine

from dashboard.cli import main
from dashboard.concerns.rules import ConcernDraft
from dashboard.concerns.service import record_concern
from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from tests import factories as make

MANAGER = Actor("manager", "Demo Programme Manager", Role.PROGRAMME_MANAGER)
DRAFT = ConcernDraft(
    received_on=date(2027, 12, 30),
    source="home office",
    provider_code="P1",
    summary="Late return.",
    risk="low",
)


@pytest.fixture
def programme(cli_engine: Engine) -> Engine:
    """Five concerns about P1 (group G1): open, closed and not yet received."""
    with db.session_scope(cli_engine) as session:
        make.group(session, "G1", make.provider(session, "P1"))
        for ref, change in (
            ("CON-2027-001", {}),  # low, 30 Dec 2027
            (
                "CON-2028-001",
                {"received_on": date(2028, 2, 28), "risk": "high", "group_code": "G1"},
            ),
            (
                "CON-2027-002",
                {"received_on": date(2027, 11, 1), "risk": "high", "source": "provider"},
            ),
            (
                "CON-2028-002",
                {
                    "received_on": date(2028, 1, 5),
                    "status": "closed",
                    "closed_on": date(2028, 3, 1),
                },
            ),
            ("CON-2028-003", {"received_on": date(2028, 3, 2), "risk": "high"}),
        ):
            record_concern(session, actor=MANAGER, draft=replace(DRAFT, **change), ref=ref)
    return cli_engine


def test_concerns_csv_lists_those_open_on_the_date_highest_risk_first(programme, capsys):
    status = main(["report", "concerns", "--as-of", "2028-03-01", "--format", "csv"])
    out, err = capsys.readouterr()

    assert status == 0
    # 2028 is a leap year: 28 Feb to 1 Mar is two days; 30 Dec 2027 to 1 Mar 2028 is 62.
    assert out.splitlines() == [
        "concern_ref,received_on,source,provider_code,group_code,risk,status,days_open",
        "CON-2027-002,2027-11-01,provider,P1,,high,open,121",
        "CON-2028-001,2028-02-28,home office,P1,G1,high,open,2",
        "CON-2027-001,2027-12-30,home office,P1,,low,open,62",
    ]
    assert "OFFICIAL-SENSITIVE" in err


def test_a_concern_closed_later_was_open_on_an_earlier_date(programme, capsys):
    main(["report", "concerns", "--as-of", "2028-02-29", "--format", "csv"])
    out = capsys.readouterr().out

    assert "CON-2028-002,2028-01-05,home office,P1,,low,open,55" in out.splitlines()


def test_the_table_format_says_when_none_are_open(programme, capsys):
    status = main(["report", "concerns", "--as-of", "2027-10-31"])
    out = capsys.readouterr().out

    assert status == 0
    assert out.splitlines()[0].split() == [
        "concern_ref",
        "received_on",
        "source",
        "provider_code",
        "group_code",
        "risk",
        "status",
        "days_open",
    ]
    assert "(no rows)" in out and "OFFICIAL-SENSITIVE" in out
