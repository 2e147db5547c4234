"""A recommendation's clock starts at the final report: `falls_due_on` kept in step by every
write that changes it (import, the inspection form, a due-date change, the timescales), and the
readers that count overdue recommendations follow it. SQLite and PostgreSQL.

I1 (group G1) ended on Wed 1 Apr 2026, its draft report went out on 20 Apr and its final report
is not sent yet. Hand-worked from a final report sent on Fri 12 Jun 2026:
- high, 20 working days: Jun 15-19 (5), 22-26 (10), Jun 29-Jul 3 (15), Jul 6-10 (20) → Fri 10 Jul;
- medium, 60: Jul 10 (20), then Jul 13-Aug 28 (55), Mon 31 Aug the summer bank holiday,
  Sep 1-4 (59), Mon 7 Sep (60);
- high at 10 working days: Jun 15-19 (5), Jun 22-26 (10) → Fri 26 Jun.
"""

from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.core.db import alembic_config, upgrade
from dashboard.core.permissions import STAFF_VIEWER, Actor, PermissionDenied
from dashboard.core.vocabulary import Risk, Role
from dashboard.exchange.forms import form_source, save_form_row, stored_row
from dashboard.exchange.importer import import_programme
from dashboard.follow_ups.queries import due_recommendations
from dashboard.governance.queries import open_recommendation_counts
from dashboard.inspections import service as inspections
from dashboard.overview.queries import overview_figures
from dashboard.recommendations import queries
from dashboard.recommendations import service as recommendations
from dashboard.recommendations.rules import TimescaleInvalid
from models import AuditEntry, Recommendation, RecommendationTimescale
from tests.services.inspection_world import MANAGER, i1, i1_draft

ADMIN = Actor("ada", "Ada Admin", Role.ADMIN)
SENT = date(2026, 6, 12)
HIGH_DUE, MEDIUM_DUE = date(2026, 7, 10), date(2026, 9, 7)
LATE = date(2026, 12, 31)  # long after every due date here


def _import_recommendations(session: Session, *rows: dict[str, str]) -> None:
    cells = [
        {"ref": "", "inspection_ref": "I1", "risk": "high", "text": "Review the rota."}
        | {"status": "open", "due_on": ""}
        | row
        for row in rows
    ]
    import_programme(session, form_source("recommendations", cells), actor="pm")


def _falls_due(session: Session) -> dict[str, date | None]:
    rows = session.exec(select(Recommendation.ref, Recommendation.falls_due_on)).all()
    return dict(sorted(rows))


def _send_final_report(session: Session, on: date | None) -> None:
    inspections.update_inspection(
        session,
        actor=MANAGER,
        ref="I1",
        expected_version=i1(session).version,
        draft=i1_draft(final_sent_on=on),
    )


@pytest.fixture
def waiting(g1_world: Session) -> Session:
    """Three recommendations of I1: R-HIGH and R-MED follow the default, R-SET has a date."""
    _import_recommendations(
        g1_world,
        {"ref": "R-HIGH"},
        {"ref": "R-MED", "risk": "medium"},
        {"ref": "R-SET", "due_on": "2026-05-01"},
    )
    g1_world.commit()
    return g1_world


def test_imported_without_a_due_date_it_waits_for_the_final_report(waiting):
    assert _falls_due(waiting) == {"R-HIGH": None, "R-MED": None, "R-SET": date(2026, 5, 1)}
    register = {
        row.ref: row for row in queries.recommendation_register(waiting, viewer=STAFF_VIEWER)
    }
    assert register["R-HIGH"].due_on is None and register["R-HIGH"].explicit_due_on is None
    assert register["R-SET"].explicit_due_on == date(2026, 5, 1)


def test_the_final_report_on_the_inspection_form_starts_the_clock(waiting):
    _send_final_report(waiting, SENT)
    waiting.commit()
    assert _falls_due(waiting) == {
        "R-HIGH": HIGH_DUE,
        "R-MED": MEDIUM_DUE,
        "R-SET": date(2026, 5, 1),  # the explicit date wins
    }
    # the explicit date, as the exchange format writes it, is unchanged
    assert (
        waiting.exec(select(Recommendation.due_on).where(Recommendation.ref == "R-HIGH")).one()
        is None
    )


def test_a_final_report_date_taken_back_stops_the_clock_again(waiting):
    _send_final_report(waiting, SENT)
    _send_final_report(waiting, None)
    waiting.commit()
    assert _falls_due(waiting) == {"R-HIGH": None, "R-MED": None, "R-SET": date(2026, 5, 1)}


def test_an_imported_final_report_date_starts_the_clock(waiting):
    cells = stored_row(waiting, "inspections", {"ref": "I1"}).cells
    import_programme(
        waiting,
        form_source("inspections", [cells | {"final_sent_on": SENT.isoformat()}]),
        actor="pm",
    )
    waiting.commit()
    assert _falls_due(waiting)["R-HIGH"] == HIGH_DUE


def test_a_recommendation_imported_after_the_final_report_falls_due_at_once(waiting):
    _send_final_report(waiting, SENT)
    _import_recommendations(waiting, {"ref": "R-NEW", "risk": "medium"})
    waiting.commit()
    assert _falls_due(waiting)["R-NEW"] == MEDIUM_DUE


def test_an_imported_due_date_wins_and_cleared_it_follows_the_default_again(waiting):
    _send_final_report(waiting, SENT)
    _import_recommendations(waiting, {"ref": "R-HIGH", "due_on": "2026-08-03"})
    assert _falls_due(waiting)["R-HIGH"] == date(2026, 8, 3)
    _import_recommendations(waiting, {"ref": "R-HIGH", "due_on": ""})
    waiting.commit()
    assert _falls_due(waiting)["R-HIGH"] == HIGH_DUE


def test_a_form_row_saved_through_the_importer_recomputes(waiting):
    cells = stored_row(waiting, "recommendations", {"ref": "R-SET"})
    save_form_row(waiting, "recommendations", cells.cells | {"due_on": ""}, actor=MANAGER)
    waiting.commit()
    assert _falls_due(waiting)["R-SET"] is None  # no final report yet


def test_a_changed_due_date_is_when_it_falls_due(waiting):
    recommendations.update_due_date(
        waiting,
        actor=MANAGER,
        ref="R-HIGH",
        due_on=date(2026, 6, 30),
        reason="Works booked.",
        expected_version=1,
    )
    waiting.commit()
    assert _falls_due(waiting)["R-HIGH"] == date(2026, 6, 30)


def test_changed_timescales_move_the_defaults_only(waiting):
    _send_final_report(waiting, SENT)
    moved = recommendations.set_timescales(
        waiting, actor=ADMIN, working_days={"high": "10", "medium": "60", "low": "120"}
    )
    waiting.commit()
    assert moved == 1
    assert _falls_due(waiting) == {
        "R-HIGH": date(2026, 6, 26),
        "R-MED": MEDIUM_DUE,
        "R-SET": date(2026, 5, 1),
    }
    assert queries.timescales(waiting) == {Risk.HIGH: 10, Risk.MEDIUM: 60, Risk.LOW: 120}
    audited = waiting.exec(
        select(AuditEntry).where(AuditEntry.entity == "recommendation_timescales")
    ).all()
    # only the one that changed, with before and after
    assert [(e.entity_key, e.action, e.changes) for e in audited] == [
        ("high", "update", '{"working_days": [20, 10]}')
    ]


def test_timescales_are_changed_by_admins_only(waiting):
    with pytest.raises(PermissionDenied, match="change the recommendation timescales"):
        recommendations.set_timescales(
            waiting, actor=MANAGER, working_days={"high": 10, "medium": 60, "low": 120}
        )
    assert waiting.exec(select(RecommendationTimescale)).all() == []


def test_a_timescale_of_nought_is_refused_and_nothing_is_written(waiting):
    with pytest.raises(TimescaleInvalid, match="high: 0 is not a whole number"):
        recommendations.set_timescales(
            waiting, actor=ADMIN, working_days={"high": "0", "medium": "60", "low": "120"}
        )
    assert waiting.exec(select(RecommendationTimescale)).all() == []
    assert queries.timescales(waiting)[Risk.HIGH] == 20


def test_timescales_saved_twice_are_updated_with_their_versions(waiting):
    recommendations.set_timescales(
        waiting, actor=ADMIN, working_days={"high": 10, "medium": 60, "low": 120}
    )
    opened = recommendations.current_timescales(waiting)
    assert opened.working_days[Risk.HIGH] == 10 and opened.versions[Risk.HIGH] == 1
    recommendations.set_timescales(
        waiting,
        actor=ADMIN,
        working_days={"high": 15, "medium": 60, "low": 120},
        expected_versions={risk.value: v for risk, v in opened.versions.items()},
    )
    waiting.commit()
    assert queries.timescales(waiting)[Risk.HIGH] == 15


def test_before_the_final_report_it_is_never_overdue(waiting):
    # R-SET (explicit, 1 May) is the only overdue one while the final report is not sent
    assert [r.recommendation_ref for r in due_recommendations(waiting, due_by=LATE)] == ["R-SET"]
    assert overview_figures(waiting, LATE, viewer=STAFF_VIEWER).overdue_recommendations == 1
    counts = open_recommendation_counts(waiting, LATE, viewer=STAFF_VIEWER)
    assert sorted((c.risk, c.open, c.overdue) for c in counts) == [
        ("high", 2, 1),
        ("medium", 1, 0),
    ]
    _send_final_report(waiting, SENT)
    waiting.commit()
    due = due_recommendations(waiting, due_by=LATE)
    assert [(r.recommendation_ref, r.due_on) for r in due] == [
        ("R-SET", date(2026, 5, 1)),
        ("R-HIGH", HIGH_DUE),
        ("R-MED", MEDIUM_DUE),
    ]
    assert overview_figures(waiting, LATE, viewer=STAFF_VIEWER).overdue_recommendations == 3
    assert (
        overview_figures(waiting, date(2026, 7, 13), viewer=STAFF_VIEWER).overdue_recommendations
        == 2
    )


def test_the_migration_backfills_existing_recommendations(engine: Engine):
    config = alembic_config(engine)
    command.downgrade(config, "0008_inspection_status")
    with engine.begin() as connection:
        run = connection.execute
        run(sa.text("INSERT INTO provider (id, code, name, version) VALUES (1, 'P1', 'P', 1)"))
        run(
            sa.text(
                "INSERT INTO inspection_group (id, code, name, provider_id, version) "
                "VALUES (1, 'G1', 'G', 1, 1)"
            )
        )
        insert_inspection = sa.text(
            "INSERT INTO inspection (id, ref, group_id, inspection_type, status, start_on, "
            "end_on, final_sent_on, version) VALUES (:id, :ref, 1, 'comprehensive', "
            "'carried out', :start, :end, :sent, 1)"
        )
        run(
            insert_inspection,
            {
                "id": 1,
                "ref": "I1",
                "start": date(2026, 3, 31),
                "end": date(2026, 4, 1),
                "sent": SENT,
            },
        )
        run(
            insert_inspection,
            {
                "id": 2,
                "ref": "I2",
                "start": date(2026, 3, 31),
                "end": date(2026, 4, 1),
                "sent": None,
            },
        )
        insert_rec = sa.text(
            "INSERT INTO recommendation (ref, inspection_id, risk, text, due_on, status, version) "
            "VALUES (:ref, :ins, :risk, 'Text', :due, 'open', 1)"
        )
        for ref, ins, risk, due in (
            ("R-HIGH", 1, "high", None),
            ("R-MED", 1, "medium", None),
            ("R-SET", 1, "high", date(2026, 5, 1)),
            ("R-WAIT", 2, "high", None),
            ("R-WAIT-SET", 2, "low", date(2026, 9, 1)),
        ):
            run(insert_rec, {"ref": ref, "ins": ins, "risk": risk, "due": due})
    upgrade(engine)
    with Session(engine) as session:
        assert _falls_due(session) == {
            "R-HIGH": HIGH_DUE,
            "R-MED": MEDIUM_DUE,
            "R-SET": date(2026, 5, 1),
            "R-WAIT": None,
            "R-WAIT-SET": date(2026, 9, 1),
        }
        assert session.exec(select(RecommendationTimescale)).all() == []
