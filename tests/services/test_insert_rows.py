"""`db.insert_rows`: many new rows in one statement, filling defaults as the ORM would."""

from sqlmodel import Session, select

from dashboard.core.db import insert_rows
from models import Provider


def test_rows_get_every_column_and_none_takes_the_default(session: Session) -> None:
    table = Provider.__table__  # type: ignore[attr-defined]
    insert_rows(
        session,
        table,
        [
            {"code": "PRV-A", "name": "Provider A", "version": None},
            {"code": "PRV-B", "name": "Provider B", "allocated_inspector": "Dev Patel"},
        ],
    )
    session.commit()

    rows = session.exec(select(Provider).order_by(Provider.code)).all()
    assert [(r.code, r.version, r.allocated_inspector, r.lead_contact_name) for r in rows] == [
        ("PRV-A", 1, None, None),
        ("PRV-B", 1, "Dev Patel", None),
    ]


def test_no_rows_is_no_statement(session: Session) -> None:
    insert_rows(session, Provider.__table__, [])  # type: ignore[attr-defined]
    assert session.exec(select(Provider)).all() == []
