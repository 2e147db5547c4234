"""The Inspections page on the demo programme at its anchor date (Mon 2 Nov 2026)."""

from datetime import date

import pytest
from sqlalchemy import text

from dashboard.core import db
from dashboard.exchange.demo import demo_anchor
from dashboard.inspections.queries import inspection_dates
from dashboard.inspections.rules import (
    Milestone,
    MilestoneState,
    milestone_schedule,
    milestone_state,
)
from tests.apptest.conftest import _use_database, page_path

ANCHOR = demo_anchor()
PAGE = "inspections.py"


def _open(logged_in, role: str, name: str = "Test User"):
    at = logged_in(role, name=name)
    at.switch_page(page_path(PAGE)).run()
    at.date_input(key="inspections_as_of").set_value(ANCHOR).run()
    assert not at.exception, at.exception
    return at


def _frame(at, column: str):
    """The first table with a column of this name."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _register(at):
    return _frame(at, "Overdue")


def _errors(at) -> list[str]:
    return [error.value for error in at.error]


@pytest.fixture
def manager_at_anchor(logged_in):
    return _open(logged_in, "programme_manager", "Demo Programme Manager")


def test_filters_change_the_rows_of_the_register(manager_at_anchor, demo_engine):
    at = manager_at_anchor
    with demo_engine.connect() as connection:
        total = connection.execute(text("SELECT count(*) FROM inspection")).scalar_one()
    # 200 rows a page, the rest on the next; the caption counts them all
    assert len(_register(at)) == 200 and total > 200
    assert f"Rows 1–200 of {total}" in " ".join(caption.value for caption in at.caption)
    at.number_input(key="inspections_register_page").set_value(2).run()
    assert len(_register(at)) == total - 200
    at.multiselect(key="inspections_type").set_value(["assurance"]).run()
    assurance = _register(at)
    assert 0 < len(assurance) < total and set(assurance["Type"]) == {"assurance"}
    at.selectbox(key="inspections_status").set_value("overdue").run()
    overdue = _register(at)
    # the demo's one cancelled inspection has no milestones due once its status is followed
    assert set(overdue["Inspection"]) == {"INS-2026-026", "INS-2026-029"}  # none cancelled
    assert (overdue["Overdue"] > 0).all()
    at.multiselect(key="inspections_inspector").set_value(["Amira Shah"]).run()
    assert list(_register(at)["Inspection"]) == ["INS-2026-026"]
    at.multiselect(key="inspections_year").set_value([2020]).run()
    assert "No inspections match" in at.info[0].value


def test_a_manager_can_read_which_reports_are_late(manager_at_anchor, demo_engine):
    with db.session_scope(demo_engine) as session:
        dates = inspection_dates(session)
    expected = {
        (ref, item.milestone)
        for ref, inspection in dates.items()
        for item in milestone_schedule(inspection)
        if item.milestone in (Milestone.DRAFT_REPORT, Milestone.FINAL_REPORT)
        and milestone_state(item.due_on, item.done_on, ANCHOR) is MilestoneState.OVERDUE
    }
    late = _frame(manager_at_anchor, "Report")
    shown = {(ref, report) for ref, report in zip(late["Inspection"], late["Report"], strict=True)}
    labels = {Milestone.DRAFT_REPORT: "Draft report", Milestone.FINAL_REPORT: "Final report"}
    assert expected and shown == {(ref, labels[m]) for ref, m in expected}
    # INS-2026-029 ended Wed 23 Sep 2026: its draft was due 20 working days later, 21 Oct.
    row = late[late["Inspection"] == "INS-2026-029"].iloc[0]
    assert (row["Report"], row["Due on"], row["Working days overdue"]) == (
        "Draft report",
        date(2026, 10, 21),
        8,
    )
    register = _register(manager_at_anchor)
    assert register.iloc[0]["Overdue"] > 0  # overdue inspections lead the register
    assert "overdue (due 2026-10-21)" in set(register["Draft report"])


def test_due_in_the_next_ten_working_days(manager_at_anchor):
    due = _frame(manager_at_anchor, "Working days left")
    # Ten working days after Mon 2 Nov 2026 is Mon 16 Nov.
    assert all(ANCHOR <= day <= date(2026, 11, 16) for day in due["Due on"])
    # INS-2026-034's PIR was requested on 2 Nov: due five working days later, Mon 9 Nov.
    pir = due[(due["Inspection"] == "INS-2026-034") & (due["Milestone"] == "PIR")].iloc[0]
    assert (pir["Due on"], pir["Working days left"]) == (date(2026, 11, 9), 5)
    assert manager_at_anchor.metric[2].value == str(len(due))


def test_sla_performance_is_drawn_and_tabled(manager_at_anchor):
    specs = [chart.proto.spec for chart in manager_at_anchor.get("vega_lite_chart")]
    assert any('"Milestones met on time"' in spec for spec in specs)
    table = _frame(manager_at_anchor, "Quarter")
    assert "2026/27 Q2" in set(table["Quarter"])


def _plan(at, **values):
    for field, value in values.items():
        key = f"inspections_new_{field}"
        if field.endswith("_on"):  # dates are typed as YYYY-MM-DD
            at.text_input(key=key).input(str(value))
        else:
            at.selectbox(key=key).set_value(value)
    at.run()
    at.button(key="inspections_new__save").click().run()
    assert not at.exception, at.exception
    return at


def _count(engine, where: str = "1=1") -> int:
    with engine.connect() as connection:
        query = text(f"SELECT count(*) FROM inspection WHERE {where}")
        return connection.execute(query).scalar_one()


def test_plan_an_inspection_from_the_suggestion_shows_due_dates_and_saves_it(
    logged_in, writable_demo
):
    at = _open(logged_in, "programme_manager", "Demo Programme Manager")
    at.selectbox(key="inspections_new_group_code").set_value("G01").run()
    suggested = [t.value for t in at.text if t.value.startswith("Suggested")]
    assert suggested and "focused (safe)" in suggested[0]  # G01 has an open 'safe' recommendation
    at.button(key="inspections_new__suggest").click().run()
    assert at.selectbox(key="inspections_new_inspection_type").value == "focused"
    at.text_input(key="inspections_new_start_on").input("2027-03-15").run()
    preview = [frame.value for frame in at.dataframe if "Milestone" in frame.value.columns][-1]
    announce = preview[preview["Milestone"] == "Announce"].iloc[0]
    assert announce["Due on"] == date(2027, 3, 1)  # ten working days before Mon 15 Mar 2027
    _plan(at, lead_inspector="Amira Shah", end_on=date(2027, 3, 16))
    assert [s.value for s in at.success] == ["Planned INS-2027-008."]
    saved = (
        "ref = 'INS-2027-008' AND lead_inspector = 'Amira Shah' AND key_questions = 'safe' "
        "AND inspection_type = 'focused' AND trigger = 'follow-up'"
    )
    assert _count(writable_demo, saved) == 1


def test_plan_with_bad_input_shows_the_message_on_the_field_and_saves_nothing(
    logged_in, writable_demo
):
    before = _count(writable_demo)
    at = _open(logged_in, "programme_manager", "Demo Programme Manager")
    _plan(
        at,
        group_code="G01",
        inspection_type="focused",
        start_on=date(2027, 3, 15),
        end_on=date(2027, 3, 12),
    )
    errors = _errors(at)
    assert "Ends on: 2027-03-12 is before start_on 2027-03-15" in errors
    assert any(e.startswith("Key questions: a focused inspection must name") for e in errors)
    assert _count(writable_demo) == before and not at.success


def test_recording_a_sent_draft_takes_it_off_the_late_reports(logged_in, writable_demo):
    at = _open(logged_in, "programme_manager", "Demo Programme Manager")
    at.selectbox(key="inspections_selected").set_value("INS-2026-029").run()
    at.text_input(key="inspections_edit_INS-2026-029_draft_sent_on").input(str(ANCHOR)).run()
    at.button(key="inspections_edit_INS-2026-029__save").click().run()
    assert not at.exception and not _errors(at)
    assert [s.value for s in at.success] == ["Saved INS-2026-029."]
    assert "INS-2026-029" not in set(_frame(at, "Report")["Inspection"])
    assert _count(writable_demo, "ref = 'INS-2026-029' AND draft_sent_on = '2026-11-02'") == 1


def test_an_empty_programme_shows_an_empty_state(logged_in, tmp_path, monkeypatch):
    engine = db.make_engine(f"sqlite:///{tmp_path}/empty.db")
    db.upgrade(engine)
    _use_database(engine, monkeypatch)
    at = _open(logged_in, "programme_manager")
    assert "No inspections match" in at.info[0].value
    assert [metric.value for metric in at.metric] == ["0", "0", "0"]
    assert not at.exception
    engine.dispose()


def _notes_on_every_inspection(engine) -> str:
    """The same internal note on every inspection, whichever the page selects."""
    with engine.begin() as connection:
        connection.execute(text("UPDATE inspection SET internal_notes = 'Manager only: rota risk'"))
    return "Manager only: rota risk"


def test_a_partner_sees_no_edit_control_and_no_internal_notes(logged_in, writable_demo):
    notes = _notes_on_every_inspection(writable_demo)
    partner = _open(logged_in, "partner", "Home Office (read-only)")
    assert partner.selectbox(key="inspections_selected").value
    inputs = [*partner.button, *partner.date_input, *partner.text_area, *partner.number_input]
    keys = sorted(str(widget.key) for widget in inputs)
    assert keys == ["app_logout_button", "inspections_as_of", "inspections_register_page"]
    assert not partner.expander
    assert all(notes not in element.value for element in partner.text)
    assert "Plan an inspection" not in [tab.label for tab in partner.tabs]
    manager = _open(logged_in, "programme_manager", "Demo Programme Manager")
    assert any(notes in element.value for element in manager.text)


def test_an_inspector_gets_edit_controls_only_on_inspections_they_lead(logged_in):
    at = _open(logged_in, "inspector", "Amira Shah")
    at.selectbox(key="inspections_selected").set_value("INS-2026-026").run()  # Amira leads it
    assert at.button(key="inspections_edit_INS-2026-026__save")
    at.selectbox(key="inspections_selected").set_value("INS-2026-029").run()  # Tom Okafor's
    assert not [b for b in at.button if str(b.key).startswith("inspections_edit_")]
    assert at.selectbox(key="inspections_new_lead_inspector").value == "Amira Shah"
    assert at.selectbox(key="inspections_new_lead_inspector").disabled


def test_the_lead_logs_an_information_request_once_and_records_evidence(logged_in, writable_demo):
    at = _open(logged_in, "inspector", "Amira Shah")
    at.selectbox(key="inspections_selected").set_value("INS-2026-026").run()
    form = "inspections_request_INS-2026-026"
    for _ in range(2):
        at.text_area(key=f"{form}_text").input("Night staff rota, September").run()
        at.button(key=f"{form}__save").click().run()
    assert [s.value for s in at.success] == []  # the second attempt was refused
    assert any(e.startswith("What was asked: was already asked on") for e in _errors(at))
    requests = _frame(at, "What was asked")
    assert list(requests["What was asked"]).count("Night staff rota, September") == 1
    evidence = "inspections_evidence_INS-2026-026"
    at.number_input(key=f"{evidence}_survey_responses").set_value(3)
    at.text_area(key=f"{evidence}_survey_languages").input("Albanian\nVietnamese").run()
    at.button(key=f"{evidence}__save").click().run()
    assert [s.value for s in at.success] == ["Evidence saved for INS-2026-026."]
    shown = dict(_frame(at, "Evidence").values.tolist())
    assert shown["Languages of the responses"] == "2: Albanian, Vietnamese"


def test_a_partner_reads_report_in_progress_until_the_final_report_is_sent(logged_in):
    # INS-2026-026 is judged, its draft sent, but its final report is not sent yet.
    at = _open(logged_in, "partner")
    register = _register(at).set_index("Inspection")
    assert register.loc["INS-2026-026", "Draft report"] == "report in progress"
    assert register.loc["INS-2026-026", "Factual accuracy"] == "report in progress"
    at.selectbox(key="inspections_selected").set_value("INS-2026-026").run()
    assert not at.exception
    judgements = _frame(at, "Judgement")
    assert set(judgements["Judgement"]) == {"report in progress"}
    assert any("Report in progress" in info.value for info in at.info)
    evidence = dict(_frame(at, "Evidence").itertuples(index=False, name=None))
    assert "Factual accuracy outcome" not in evidence
    manager = _open(logged_in, "programme_manager")
    manager.selectbox(key="inspections_selected").set_value("INS-2026-026").run()
    assert "report in progress" not in set(_frame(manager, "Judgement")["Judgement"])
