"""The Providers page's reads on the demo programme at its anchor date (2026-11-02), on SQLite
and PostgreSQL, and on a provider with no inspections."""

from collections import Counter
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.cli.data import seed_demo
from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, Role
from dashboard.inspections.rules import Milestone
from dashboard.providers.queries import provider_page, provider_standings
from dashboard.recommendations.queries import recommendation_register
from tests import factories
from tests.postgres import fresh_database

ANCHOR = date(2026, 11, 2)
PARTNER = Viewer.of(Role.PARTNER, ANCHOR, ANCHOR)
DRAFT_ONLY = "INS-2026-030"  # P08's: draft sent 2026-10-30, final report not yet sent


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Session]:
    """The demo programme, loaded once per database kind for this module's reads."""

    def seeded(engine: Engine) -> Iterator[Session]:
        with db.session_scope(engine) as session:
            seed_demo(session, actor="test")
        with Session(engine) as session:
            yield session

    if request.param == "postgresql":
        with fresh_database(request.getfixturevalue("postgresql_server")) as engine:
            yield from seeded(engine)
        return
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('providers') / 'demo.db'}")
    db.upgrade(engine)
    yield from seeded(engine)
    engine.dispose()


def test_providers_rank_by_groups_then_recommendations_overdue(demo):
    ranked = provider_standings(demo, ANCHOR, viewer=STAFF_VIEWER)
    figures = [(s.code, s.groups_overdue, s.recommendations_overdue) for s in ranked]
    assert figures[:4] == [("P02", 1, 5), ("P08", 1, 3), ("P11", 1, 1), ("P01", 0, 6)]
    assert figures[-1] == ("P07", 0, 0)
    assert len(figures) == 12


def test_overdue_recommendations_counted_in_sql_agree_with_the_register(demo):
    register = recommendation_register(demo, viewer=STAFF_VIEWER)
    expected = Counter(
        r.provider_code
        for r in register
        if r.status in OPEN_RECOMMENDATION_STATUSES and r.due_on is not None and r.due_on < ANCHOR
    )
    counted = provider_standings(demo, ANCHOR, viewer=STAFF_VIEWER)
    assert {s.code: s.recommendations_overdue for s in counted if s.recommendations_overdue} == (
        dict(expected)
    )


def test_staff_see_the_lead_contact_partners_do_not(demo):
    staff = provider_page(demo, "P01", ANCHOR, viewer=STAFF_VIEWER)
    assert staff is not None and staff.lead_contact is not None
    assert (staff.lead_contact.name, staff.lead_contact.phone, staff.lead_contact.email) == (
        "Helen Marsh",
        "01632 960114",
        "helen.marsh@example.org",
    )
    assert staff.allocated_inspector == "Amira Shah"
    partner = provider_page(demo, "P01", ANCHOR, viewer=PARTNER)
    assert partner is not None
    assert partner.lead_contact is None
    assert partner.allocated_inspector == "Amira Shah"


def test_groups_carry_their_coverage_status(demo):
    page = provider_page(demo, "P08", ANCHOR, viewer=STAFF_VIEWER)
    assert page is not None
    statuses = {g.code: g.coverage.status.value if g.coverage else None for g in page.groups}
    assert statuses == {"G25": "overdue", "G26": "in_date", "G27": "in_date"}
    assert {s.group_code for s in page.services} == {"G25", "G26", "G27"}


def test_a_partner_sees_no_judgement_or_recommendation_from_a_draft_report(demo):
    staff = provider_page(demo, "P08", ANCHOR, viewer=STAFF_VIEWER)
    partner = provider_page(demo, "P08", ANCHOR, viewer=PARTNER)
    assert staff is not None and partner is not None
    assert DRAFT_ONLY in {j.inspection_ref for j in staff.judgements}
    assert DRAFT_ONLY not in {j.inspection_ref for j in partner.judgements}
    assert len(staff.judgements) - len(partner.judgements) == 2  # safe and well-led
    assert DRAFT_ONLY in {r.inspection_ref for r in staff.recommendations}
    assert DRAFT_ONLY not in {r.inspection_ref for r in partner.recommendations}


def test_meetings_held_with_the_provider_as_the_viewer_may_see_them(demo):
    staff = provider_page(demo, "P08", ANCHOR, viewer=STAFF_VIEWER)
    assert staff is not None
    assert [(m.ref, m.kind) for m in staff.meetings] == [
        ("MTG-2026-04-INFO-P08", "information sharing"),
        ("MTG-2022-05-ENG-P08", "provider engagement"),
        ("MTG-2021-01-ENG-P08", "provider engagement"),
    ]
    partner = provider_page(demo, "P08", ANCHOR, viewer=PARTNER)
    assert partner is not None and partner.meetings == ()
    earlier = provider_page(demo, "P08", date(2026, 4, 1), viewer=STAFF_VIEWER)
    assert earlier is not None
    assert "MTG-2026-04-INFO-P08" not in {m.ref for m in earlier.meetings}


def test_cooperation_counts_the_providers_replies_on_time(demo):
    page = provider_page(demo, "P01", ANCHOR, viewer=STAFF_VIEWER)
    assert page is not None
    seen = page.cooperation
    assert (seen.on_time, len(seen.replies)) == (50, 53)
    assert [(r.inspection_ref, r.reply) for r in seen.late] == [
        ("INS-2021-011", Milestone.FACTUAL_ACCURACY),
        ("INS-2022-030", Milestone.PIR),
        ("INS-2022-031", Milestone.FACTUAL_ACCURACY),
    ]


def test_an_unknown_provider_has_no_page(demo):
    assert provider_page(demo, "NOPE", ANCHOR, viewer=STAFF_VIEWER) is None


def test_a_provider_with_no_inspections_has_an_empty_history(session):
    owner = factories.provider(session, "P9")
    group = factories.group(session, "G9", owner)
    factories.service(session, "S9", group, date(2026, 6, 1))
    session.commit()
    page = provider_page(session, "P9", ANCHOR, viewer=STAFF_VIEWER)
    assert page is not None
    assert page.inspections == 0
    assert (page.judgements, page.recommendations, page.meetings) == ((), (), ())
    assert page.cooperation.share_on_time is None
    assert [g.coverage.status.value for g in page.groups if g.coverage] == ["in_date"]
    assert [
        (s.code, s.groups_overdue) for s in provider_standings(session, ANCHOR, viewer=PARTNER)
    ] == [("P9", 0)]


def test_open_concerns_show_on_the_provider_and_high_risk_ones_count_in_the_ranking(demo):
    standings = {s.code: s for s in provider_standings(demo, ANCHOR, viewer=STAFF_VIEWER)}
    assert {code for code, s in standings.items() if s.high_risk_concerns_open} == {
        "P04",
        "P07",
        "P12",
    }
    page = provider_page(demo, "P12", ANCHOR, viewer=STAFF_VIEWER)
    assert page is not None
    assert [(c.ref, c.risk) for c in page.concerns] == [("CON-2026-008", "high")]


def test_a_partner_sees_no_concern_a_provider_raised_unless_escalated(demo):
    staff = provider_page(demo, "P08", ANCHOR, viewer=STAFF_VIEWER)
    partner = provider_page(demo, "P08", ANCHOR, viewer=PARTNER)
    assert staff is not None and partner is not None
    assert [c.ref for c in staff.concerns] == ["CON-2026-011"]  # raised by the provider itself
    assert partner.concerns == ()
