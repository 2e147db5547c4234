"""The plan over a database: concerns open on a group on the as-of date drive its proposal."""

from datetime import date

from sqlmodel import Session

from dashboard.concerns.queries import concern_rows
from dashboard.concerns.rules import ConcernFilter
from dashboard.core.permissions import STAFF_VIEWER, Viewer
from dashboard.core.vocabulary import Role
from dashboard.coverage.queries import group_detail
from dashboard.planning.queries import open_group_concerns, suggestion_for_group
from dashboard.planning.rules import Flag, GroupConcern
from dashboard.planning.service import plan_for_year, plan_report
from models import Concern
from models.programme import InspectionGroup, Provider
from tests import factories as make

D = date.fromisoformat
AS_OF = D("2026-11-02")


def _concern(
    session: Session,
    ref: str,
    provider: Provider,
    group: InspectionGroup | None,
    received_on: str,
    *,
    key_questions: str | None = None,
    risk: str = "medium",
    closed_on: str | None = None,
) -> None:
    session.add(
        Concern(
            ref=ref,
            received_on=D(received_on),
            source="home office",
            provider_id=provider.id,
            group_id=group.id if group else None,
            key_questions=key_questions,
            summary="A programme fact.",
            risk=risk,
            status="closed" if closed_on else "open",
            closed_on=D(closed_on) if closed_on else None,
        )
    )


def test_only_concerns_open_on_a_group_on_the_as_of_date_focus_its_proposal(
    session: Session,
) -> None:
    p1 = make.provider(session, "P1")
    p1.allocated_inspector = "Amira Shah"
    g1, g2 = make.group(session, "G1", p1), make.group(session, "G2", p1)
    for code, group in (("S1", g1), ("S2", g2)):
        make.service(session, code, group, D("2020-01-01"))
    make.inspection(session, "I1", g1, D("2025-12-01"), "assurance")
    make.inspection(session, "I2", g2, D("2025-12-20"), "assurance")
    _concern(session, "CON-2026-001", p1, g1, "2026-10-01", key_questions="caring;safe")
    _concern(session, "CON-2026-002", p1, g2, "2026-09-01", closed_on="2026-10-15")
    _concern(session, "CON-2026-003", p1, None, "2026-10-01", risk="high")  # provider only
    _concern(session, "CON-2026-004", p1, g2, "2026-11-03")  # received after the as-of date
    make.mou_term(session, "MOU-3", D("2025-07-01"), D("2027-03-31"))
    session.commit()

    assert open_group_concerns(session, AS_OF) == {
        "G1": (GroupConcern("CON-2026-001", ("caring", "safe"), False),)
    }
    rows = {r.group_code: r for r in plan_for_year(session, 2026, AS_OF).rows}
    assert (rows["G1"].suggested_type, rows["G1"].key_questions) == ("focused", ("safe", "caring"))
    assert rows["G1"].flags == (Flag.CONCERN,)
    assert (rows["G2"].suggested_type, rows["G2"].flags) == ("assurance", ())
    report = plan_report(plan_for_year(session, 2026, AS_OF))
    assert {row[0]: row[-1] for row in report.rows} == {"G1": "concern", "G2": ""}
    # the register's group filter, as Coverage's drill-down reads it
    on_g2 = concern_rows(session, STAFF_VIEWER, ConcernFilter(groups=("G2",)))
    assert [c.ref for c in on_g2] == ["CON-2026-004", "CON-2026-002"]
    # the inspection form's suggestion agrees with the plan
    assert suggestion_for_group(session, "G1", AS_OF).key_questions == ("safe", "caring")
    assert suggestion_for_group(session, "G2", AS_OF).inspection_type == "assurance"
    # and Coverage's drill-down suggests the same to staff; a partner's stays the plain rule's
    staff = group_detail(session, "G1", AS_OF, viewer=STAFF_VIEWER)
    partner = group_detail(session, "G1", AS_OF, viewer=Viewer.of(Role.PARTNER, AS_OF))
    assert staff is not None and partner is not None
    assert staff.suggestion == suggestion_for_group(session, "G1", AS_OF)
    assert partner.suggestion.inspection_type == "assurance"
