"""Partners see an inspection's findings only once its final report was sent to them: every read
behind the pages, their downloads and the governance pack, as a partner and as an admin."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session

from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import Role
from dashboard.coverage.queries import group_detail
from dashboard.escalations.queries import escalation_rows
from dashboard.governance.pack.data import gather
from dashboard.governance.queries import open_recommendation_counts
from dashboard.inspections.queries import inspection_detail, register_rows
from dashboard.inspections.view import REPORT_IN_PROGRESS, register_frame
from dashboard.overview.queries import overview_figures
from dashboard.recommendations import queries
from dashboard.recommendations.view import register_frame as recommendations_frame
from models import Escalation, GoodPractice, JudgementRecord
from tests import factories as make

AS_OF = date(2025, 6, 2)
SENT, UNSENT, SENT_LATER = "INS-SENT", "INS-UNSENT", "INS-LATER"
PARTNER = Viewer.of(Role.PARTNER, AS_OF)
ADMIN = Viewer.of(Role.ADMIN, AS_OF)


def _world(session: Session) -> None:
    """Three inspections of one group: the final report sent before AS_OF, not sent, and sent
    after AS_OF; each with a recommendation, a judgement and good practice; an escalation on the
    unsent one; meetings either side of the inspections for the pack."""
    group = make.group(session, "G1", make.provider(session, "P1"))
    inspections = {
        SENT: make.inspection(
            session,
            SENT,
            group,
            date(2025, 1, 6),
            end_on=date(2025, 1, 8),
            draft_sent_on=date(2025, 2, 3),
            fa_returned_on=date(2025, 2, 17),
            final_sent_on=date(2025, 3, 10),
            fa_outcome="accepted",
            quality_panel_review=False,
        ),
        UNSENT: make.inspection(
            session,
            UNSENT,
            group,
            date(2025, 4, 7),
            end_on=date(2025, 4, 9),
            draft_sent_on=date(2025, 5, 6),
            fa_returned_on=date(2025, 5, 20),
            fa_outcome="changed",
            quality_panel_review=True,
        ),
        SENT_LATER: make.inspection(
            session,
            SENT_LATER,
            group,
            date(2025, 3, 3),
            end_on=date(2025, 3, 5),
            final_sent_on=date(2025, 6, 20),
        ),
    }
    for ref, inspection in inspections.items():
        make.recommendation(session, f"R-{ref}", inspection, date(2025, 5, 1), risk="high")
        session.add(
            JudgementRecord(
                inspection_id=inspection.id, key_question="safe", judgement="inadequate"
            )
        )
        session.add(
            GoodPractice(
                inspection_id=inspection.id,
                theme=f"theme of {ref}",
                text="Good induction.",
                recorded_by="Ann Inspector",
                recorded_at=datetime(2025, 1, 20, tzinfo=UTC),
            )
        )
    session.add(
        Escalation(
            ref="ESC-1",
            inspection_id=inspections[UNSENT].id,
            raised_on=date(2025, 4, 8),
            concern="Fire exits blocked.",
        )
    )
    make.meeting(session, "MTG-1", date(2024, 12, 2))
    make.meeting(session, "MTG-2", AS_OF)
    session.flush()


@pytest.fixture
def world(session: Session) -> Session:
    _world(session)
    return session


def test_a_partner_sees_findings_once_the_final_report_was_sent_by_the_date() -> None:
    partner = Viewer.of(Role.PARTNER, AS_OF, today=date(2026, 1, 1))
    assert partner.sees_report(date(2025, 6, 2)) and not partner.sees_report(date(2025, 6, 3))
    assert not partner.sees_report(None)
    # Not before today either: a later as-of date does not show what was not yet sent.
    assert not Viewer.of(Role.PARTNER, date(2030, 1, 1), today=AS_OF).sees_report(date(2025, 7, 1))
    for role in (Role.ADMIN, Role.PROGRAMME_MANAGER, Role.INSPECTOR):
        assert Viewer.of(role, AS_OF) == STAFF_VIEWER and STAFF_VIEWER.sees_report(None)


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [(PARTNER, {SENT}), (ADMIN, {SENT, UNSENT, SENT_LATER})],
    ids=["partner", "admin"],
)
def test_recommendation_register_and_its_download(
    world: Session, viewer: Viewer, shown: set[str]
) -> None:
    rows = queries.recommendation_register(world, viewer=viewer)
    assert {row.inspection_ref for row in rows} == shown
    download = recommendations_frame(rows, AS_OF)
    assert set(download["ref"]) == {f"R-{ref}" for ref in shown}
    for ref in (SENT, UNSENT, SENT_LATER):
        detail = queries.recommendation_detail(world, f"R-{ref}", viewer=viewer)
        assert (detail is not None) == (ref in shown)


@pytest.mark.parametrize(
    ("viewer", "shown"),
    [(PARTNER, {SENT}), (ADMIN, {SENT, UNSENT, SENT_LATER})],
    ids=["partner", "admin"],
)
def test_good_practice_and_themes(world: Session, viewer: Viewer, shown: set[str]) -> None:
    log = queries.good_practice_log(world, viewer=viewer)
    assert {entry.inspection_ref for entry in log} == shown
    themes = queries.theme_counts(world, viewer=viewer)
    assert sum(count.total for count in themes) == len(shown)


def test_judgements_and_factual_accuracy_only_once_sent(world: Session) -> None:
    for ref in (UNSENT, SENT_LATER):
        held_back = inspection_detail(world, ref, with_internal_notes=False, viewer=PARTNER)
        assert held_back is not None and held_back.judgements == ()
        assert held_back.evidence.fa_outcome is None
        assert held_back.evidence.quality_panel_review is None
        assert held_back.row.dates.draft_sent_on is None
        assert held_back.row.dates.fa_returned_on is None
        assert held_back.row.dates.start_on == world_start(ref)
    sent = inspection_detail(world, SENT, with_internal_notes=False, viewer=PARTNER)
    assert sent is not None and [j.judgement for j in sent.judgements] == ["inadequate"]
    assert sent.evidence.fa_outcome == "accepted"
    admin = inspection_detail(world, UNSENT, with_internal_notes=True, viewer=ADMIN)
    assert admin is not None and admin.evidence.fa_outcome == "changed"
    assert admin.row.dates.draft_sent_on == date(2025, 5, 6) and admin.judgements


def world_start(ref: str) -> date:
    return {SENT: date(2025, 1, 6), UNSENT: date(2025, 4, 7), SENT_LATER: date(2025, 3, 3)}[ref]


def test_inspections_register_says_report_in_progress_to_a_partner(world: Session) -> None:
    frame = register_frame(register_rows(world, viewer=PARTNER), AS_OF).set_index("Inspection")
    assert frame.loc[UNSENT, "Draft report"] == REPORT_IN_PROGRESS
    assert frame.loc[UNSENT, "Factual accuracy"] == REPORT_IN_PROGRESS
    assert frame.loc[SENT, "Draft report"].startswith(("on time", "late"))
    admin = register_frame(register_rows(world, viewer=ADMIN), AS_OF).set_index("Inspection")
    assert REPORT_IN_PROGRESS not in set(admin.loc[UNSENT])


def test_overview_and_coverage_count_only_what_a_partner_may_see(world: Session) -> None:
    assert overview_figures(world, AS_OF, viewer=PARTNER).open_recommendations == 1
    assert overview_figures(world, AS_OF, viewer=ADMIN).open_recommendations == 3
    partner = group_detail(world, "G1", AS_OF, viewer=PARTNER)
    admin = group_detail(world, "G1", AS_OF, viewer=ADMIN)
    assert partner is not None and admin is not None
    assert [r.inspection_ref for r in partner.recommendations] == [SENT]
    assert len(admin.recommendations) == 3
    judged = {record.ref: record.judgements for record in partner.history}
    assert judged == {SENT: {"safe": "inadequate"}, UNSENT: {}, SENT_LATER: {}}
    assert all(record.judgements for record in admin.history)


def test_escalations_stay_visible_to_partners(world: Session) -> None:
    # Escalations are copied to partners: their reads take no viewer and hold the unsent one's.
    assert [row.inspection_ref for row in escalation_rows(world)] == [UNSENT]


@pytest.mark.parametrize(
    ("role", "open_recommendations"), [(Role.PARTNER, 1), (Role.ADMIN, 3)], ids=["partner", "admin"]
)
def test_governance_pack_as_each_role(
    world: Session, role: Role, open_recommendations: int
) -> None:
    data = gather(world, "MTG-2", role=role)
    assert data.figures.open_recommendations == open_recommendations
    table = data.table("Recommendations")
    assert table.rows[-1][table.columns.index("open")] == open_recommendations
    changes = {row[0]: row[2] for row in data.table("Changes").rows}
    opened = next(refs for what, refs in changes.items() if "recommendation" in str(what))
    assert ("R-INS-UNSENT" in str(opened)) == (role is Role.ADMIN)
    assert [row[0] for row in data.table("Escalations").rows] == ["ESC-1"]
    assert open_recommendation_counts(world, AS_OF, viewer=Viewer.of(role, AS_OF))[0].open == (
        open_recommendations
    )
