"""The Planner page on the demo programme at its anchor date (2 November 2026)."""

from datetime import date

import pytest
from sqlmodel import select

from dashboard.core import db
from dashboard.exchange.demo import demo_anchor
from dashboard.planning.rules import Flag
from dashboard.planning.service import plan_for_year
from dashboard.planning.view import proposal_label
from models import AuditEntry, Inspection
from tests.apptest.conftest import page_path

TIMEOUT = 60


def _run(at):
    return at.run(timeout=TIMEOUT)


def _open(logged_in, role: str = "programme_manager"):
    at = logged_in(role, username="manager")
    at.switch_page(page_path("planner.py"))
    _run(at)
    at.date_input(key="planner_as_of").set_value(demo_anchor())
    return _run(at)


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def _expected_plan(engine, year: int = 2026):
    with db.session_scope(engine) as session:
        return plan_for_year(session, year, demo_anchor())


def test_plan_shows_proposals_and_planned_inspections(logged_in, demo_engine):
    at = _open(logged_in)
    assert not at.exception
    plan = _expected_plan(demo_engine)
    metrics = _metrics(at)
    assert metrics["Proposed"] == str(len(plan.proposals)) != "0"
    assert metrics["Already planned"] == str(len(plan.with_flag(Flag.PLANNED))) != "0"
    table = at.dataframe[0].value
    assert list(table["Group"]) == [row.group_code for row in plan.rows]
    # an overdue group is proposed as soon as notice allows, and says it is after its due date
    overdue = table[table["Group"] == "G07"].iloc[0]
    assert overdue["State"] == "proposed" and "after its due date" in overdue["Flags"]


def test_next_year_is_flagged_after_the_mou_term(logged_in):
    at = _open(logged_in)
    at.selectbox(key="planner_year").set_value(2027)
    _run(at)
    metrics = _metrics(at)
    assert metrics["After the MoU term"] == metrics["Proposed"] != "0"
    assert any("after the end of the MoU term" in warning.value for warning in at.warning)


def test_no_capacity_lists_every_group_as_not_fitted(logged_in, demo_engine):
    at = _open(logged_in)
    at.number_input(key="planner_capacity").set_value(0)
    _run(at)
    plan = _expected_plan(demo_engine)
    assert _metrics(at)["Cannot be fitted"] == str(len(plan.proposals))
    assert "cannot be fitted before their due date" in at.warning[0].value
    assert "No proposal left to accept." in [info.value for info in at.info]


def test_a_date_before_the_programme_has_nothing_to_plan(logged_in):
    at = _open(logged_in)
    at.date_input(key="planner_as_of").set_value(date(2018, 1, 1))
    _run(at)
    assert not at.exception
    assert "Nothing to plan" in at.info[0].value


def _next_refs(engine, starts) -> list[str]:
    """The refs the next inspections starting on these days take: INS-YYYY-NNN, numbered on
    from the highest of the start's year (worked out here before anything is accepted)."""
    with db.session_scope(engine) as session:
        refs = set(session.exec(select(Inspection.ref)).all())
    taken: dict[int, int] = {}
    result = []
    for start in starts:
        prefix = f"INS-{start.year}-"
        numbers = [int(r[len(prefix) :]) for r in refs if r.startswith(prefix)]
        taken[start.year] = taken.get(start.year) or max(numbers, default=0)
        taken[start.year] += 1
        result.append(f"{prefix}{taken[start.year]:03d}")
    return result


def test_manager_accepts_selected_proposals_as_planned_inspections(logged_in, writable_demo):
    at = _open(logged_in)
    proposals = _expected_plan(writable_demo).proposals
    chosen = proposals[:2]
    refs = _next_refs(writable_demo, [row.proposed_start_on for row in chosen])
    at.multiselect(key="planner_accept").set_value([proposal_label(row) for row in chosen])
    _run(at)
    at.button(key="planner_accept_button").click()
    _run(at)
    assert not at.exception
    # numbered as every other inspection is, after the year's highest INS ref
    assert at.success[0].value == f"Planned 2 inspections: {', '.join(refs)}."
    with db.session_scope(writable_demo) as session:
        created = session.exec(select(Inspection).where(Inspection.ref.in_(refs))).all()
        audited = session.exec(
            select(AuditEntry.entity_key).where(
                AuditEntry.username == "manager", AuditEntry.action == "create"
            )
        ).all()
    assert sorted((i.start_on, i.lead_inspector) for i in created) == sorted(
        (row.proposed_start_on, row.inspector) for row in chosen
    )
    assert sorted(audited) == sorted(refs)
    # the accepted proposals are now kept as planned, and the rest are still proposed
    metrics = _metrics(at)
    assert metrics["Proposed"] == str(len(proposals) - 2)
    assert [link.proto.page for link in at.get("page_link")][-1].endswith("inspections")


def test_manager_accepts_every_proposal_in_one_step(logged_in, writable_demo):
    at = _open(logged_in, "admin")
    count = len(_expected_plan(writable_demo).proposals)
    at.checkbox(key="planner_accept_all").check()
    _run(at)
    at.button(key="planner_accept_button").click()
    _run(at)
    # many at once: asked first, nothing planned yet
    assert not at.success
    assert at.warning[-1].value.startswith(f"Accept {count} proposals at once?")
    at.button(key="planner_accept_confirm").click()
    _run(at)
    assert at.success[0].value.startswith(f"Planned {count} inspections")
    assert "No proposal left to accept." in [info.value for info in at.info]
    # the notice sits under the Accept proposals heading, where the button was
    headings = [h.value for h in at.subheader]
    assert headings[-1] == "Accept proposals"


def test_cancelling_the_question_plans_nothing(logged_in, writable_demo):
    at = _open(logged_in)
    count = len(_expected_plan(writable_demo).proposals)
    at.checkbox(key="planner_accept_all").check()
    _run(at)
    at.button(key="planner_accept_button").click()
    _run(at)
    at.button(key="planner_accept_cancel").click()
    _run(at)
    assert not at.success
    assert not [b for b in at.button if b.key == "planner_accept_confirm"]
    assert _metrics(at)["Proposed"] == str(count)


@pytest.mark.parametrize("role", ["partner", "inspector"])
def test_partners_and_inspectors_have_no_planner_page(logged_in, role):
    at = _run(logged_in(role))
    with pytest.raises(ValueError):
        at.switch_page(page_path("planner.py"))
