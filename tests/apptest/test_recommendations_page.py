"""The Recommendations page on the demo programme at its anchor date (2026-11-02)."""

import io
from datetime import date

import pandas as pd
import pytest
from sqlmodel import Session, select

from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER
from dashboard.exchange.demo import demo_anchor
from dashboard.recommendations.queries import recommendation_register
from dashboard.recommendations.view import RegisterFilter, apply_filters, status_counts
from models import AuditEntry, FollowUp, GoodPractice, Recommendation
from tests.apptest.conftest import page_path

OPEN_REF = "REC-INS-2026-026-01"  # open, medium risk, led by Amira Shah; final report not sent
SENT_OPEN_REF = "REC-INS-2026-027-01"  # open, medium risk, final report sent
CLOSED_REF = "REC-INS-2021-001-01"  # closed in 2021


def _page(logged_in, role: str = "programme_manager", **login: str):
    at = logged_in(role, **login)
    at.switch_page(page_path("recommendations.py")).run(timeout=30)
    at.date_input(key="recommendations_as_of").set_value(demo_anchor()).run(timeout=30)
    return at


def _open_themes(at) -> None:
    """Open the Themes tab, as a click on it does (it is drawn only while open)."""
    at.session_state["recommendations_tab"] = "Themes"
    at.run(timeout=30)


def _register(at) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if "days overdue" in frame.value.columns)


def _facts(at) -> dict[str, str]:
    frame = next(f.value for f in at.dataframe if list(f.value.columns) == ["", "value"])
    return dict(frame.itertuples(index=False, name=None))


def _timeline(at) -> pd.DataFrame:
    return next(f.value for f in at.dataframe if "note" in f.value.columns)


def _metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def _select(at, ref: str):
    """Narrow the register to one inspection so the recommendation can be picked."""
    inspection = ref.removeprefix("REC-").rsplit("-", 1)[0]
    at.multiselect(key="recommendations_filter_inspections").set_value([inspection]).run()
    at.selectbox(key="recommendations_selected").set_value(ref).run()
    return at


def test_register_counts_match_the_database_and_charts_are_drawn(logged_in, demo_engine):
    at = _page(logged_in)
    assert not at.exception
    with db.session_scope(demo_engine) as session:
        rows = apply_filters(
            recommendation_register(session, viewer=STAFF_VIEWER), RegisterFilter(), demo_anchor()
        )
    expected = status_counts(rows)
    metrics = _metrics(at)
    assert metrics["Open"] == str(expected["open"])
    assert metrics["Closed"] == str(expected["closed"])
    assert len(rows) == 1120
    assert list(_register(at)["ref"]) == [row.ref for row in rows[:200]]  # a page at a time
    at.number_input(key="recommendations_register_page").set_value(6).run(timeout=30)
    assert list(_register(at)["ref"]) == [row.ref for row in rows[1000:]]
    specs = [chart.proto.spec for chart in at.get("vega_lite_chart")]
    assert any("Open and closed recommendations over time" in spec for spec in specs)
    assert any("Open and closed by provider" in spec for spec in specs)


def test_the_themes_tab_is_drawn_once_opened(logged_in):
    at = _page(logged_in)

    def theme_charts() -> list[str]:
        specs = [chart.proto.spec for chart in at.get("vega_lite_chart")]
        return [spec for spec in specs if "Recommendations by theme and programme year" in spec]

    assert not theme_charts()
    _open_themes(at)
    assert theme_charts() and not at.exception


def test_the_register_downloads_hold_every_row_not_just_the_page(logged_in, downloads):
    at = _page(logged_in)
    assert len(_register(at)) == 200
    csv = next(
        data
        for name, data in downloads.items()
        if name.startswith("recommendations-register") and name.endswith(".csv")
    )
    body = pd.read_csv(io.BytesIO(csv))
    assert len(body) == 1120 and body["ref"].is_unique


def test_filters_change_the_rows_and_the_counts(logged_in):
    at = _page(logged_in)
    at.multiselect(key="recommendations_filter_statuses").set_value(["open"]).run()
    open_rows = _register(at)
    assert set(open_rows["status"]) == {"open"} and len(open_rows) == 27
    at.multiselect(key="recommendations_filter_due_windows").set_value(["overdue"]).run()
    overdue = _register(at)
    assert 0 < len(overdue) < len(open_rows)
    assert (overdue["days overdue"] > 0).all()
    assert _metrics(at)["Open"] == str(len(overdue))


def test_a_filter_matching_nothing_shows_an_empty_state(logged_in):
    at = _page(logged_in)
    at.multiselect(key="recommendations_filter_statuses").set_value(["closed"]).run()
    at.multiselect(key="recommendations_filter_due_windows").set_value(["overdue"]).run()
    assert not at.exception
    assert any("No recommendation matches these filters" in info.value for info in at.info)
    assert not any("days overdue" in frame.value.columns for frame in at.dataframe)


def test_a_date_before_the_programme_shows_an_empty_state(logged_in):
    at = _page(logged_in, "partner")
    at.date_input(key="recommendations_as_of").set_value(date(2019, 1, 1)).run()
    assert "No recommendations from inspections whose final report was sent" in at.info[0].value
    assert not at.metric and not at.dataframe


def test_one_recommendation_shows_text_source_judgement_and_timeline(logged_in):
    at = _select(_page(logged_in, "partner"), CLOSED_REF)
    assert not at.exception
    assert "Monitor outreach caseloads" in [text.value for text in at.text][0]
    facts = _facts(at)
    assert facts["Inspection"].startswith("INS-2021-001 (comprehensive)")
    assert facts["Judgement on that key question"] == "meeting"
    timeline = _timeline(at)
    assert "Verified at follow-up inspection" in timeline["note"].iloc[-1]


def test_partner_sees_no_edit_controls(logged_in):
    at = _select(_page(logged_in, "partner"), SENT_OPEN_REF)
    assert not at.exception
    widgets = [*at.button, *at.text_area, *at.text_input, *at.selectbox]
    keys = {widget.key for widget in widgets if widget.key.startswith("recommendations_")}
    assert keys == {"recommendations_selected"}
    with pytest.raises(KeyError):
        at.selectbox(key="recommendations_follow_up_status")


def test_a_refused_transition_shows_the_lifecycle_message(logged_in, writable_demo):
    at = _select(_page(logged_in), CLOSED_REF)
    at.selectbox(key="recommendations_follow_up_status").set_value("in progress")
    at.text_area(key="recommendations_follow_up_note").input("Provider says work restarted.")
    at.button(key="recommendations_follow_up_save").click().run()
    assert not at.exception
    assert "cannot go from closed to in progress" in at.error[0].value
    with Session(writable_demo) as session:
        rec = session.exec(select(Recommendation).where(Recommendation.ref == CLOSED_REF)).one()
        assert rec.status == "closed"
        assert (
            len(session.exec(select(FollowUp).where(FollowUp.recommendation_id == rec.id)).all())
            == 1
        )


def test_adding_a_follow_up_through_the_page_updates_status_and_timeline(logged_in, writable_demo):
    at = _select(_page(logged_in, "inspector", name="Amira Shah"), OPEN_REF)
    at.selectbox(key="recommendations_follow_up_status").set_value("evidence submitted")
    at.date_input(key="recommendations_follow_up_on").set_value(demo_anchor())
    at.text_area(key="recommendations_follow_up_note").input("Fire risk assessment received.")
    at.button(key="recommendations_follow_up_save").click().run()
    assert not at.exception and not at.error
    assert f"Follow-up recorded on {OPEN_REF}." in at.success[0].value
    assert _timeline(at)["note"].iloc[-1] == "Fire risk assessment received."
    with Session(writable_demo) as session:
        rec = session.exec(select(Recommendation).where(Recommendation.ref == OPEN_REF)).one()
        assert rec.status == "evidence submitted"
        follow_up = session.exec(
            select(FollowUp)
            .where(FollowUp.recommendation_id == rec.id)
            .order_by(FollowUp.id.desc())
        ).first()
        assert (follow_up.made_by, follow_up.made_on) == ("Amira Shah", demo_anchor())


def test_changing_the_due_date_needs_a_reason_then_saves_it(logged_in, writable_demo):
    at = _select(_page(logged_in), OPEN_REF)
    at.date_input(key="recommendations_due_on").set_value(date(2026, 12, 18))
    at.button(key="recommendations_due_save").click().run()
    assert "reason:" in at.error[0].value
    at.text_input(key="recommendations_due_reason").input("Contractor booked for December.")
    at.button(key="recommendations_due_save").click().run()
    assert not at.error
    facts = _facts(at)
    assert facts["Due on"] == "18 Dec 2026 (set explicitly)"
    assert facts["Why the due date differs"] == "Contractor booked for December."
    with Session(writable_demo) as session:
        entry = session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity_key == OPEN_REF)
            .where(AuditEntry.action == "update")
        ).one()
        assert entry.username == "programme_manager" and "due_on_reason" in entry.changes


def test_themes_tables_follow_the_programme_year_filter(logged_in):
    at = _page(logged_in, "partner")
    _open_themes(at)
    tables = [frame.value for frame in at.dataframe if "total" in frame.value.columns]
    everything = tables[0]["total"].sum()
    assert everything == 1107  # of 1120: 13 are of inspections whose final report is not sent
    at.multiselect(key="recommendations_themes_years").set_value(["2022/23"]).run()
    tables = [frame.value for frame in at.dataframe if "total" in frame.value.columns]
    assert 0 < tables[0]["total"].sum() < everything
    assert list(tables[1].columns) == ["2022/23", "total"]


def test_an_inspector_logs_good_practice_from_an_inspection_they_led(logged_in, writable_demo):
    at = _page(logged_in, "inspector", name="Amira Shah")
    _open_themes(at)
    options = at.selectbox(key="recommendations_good_practice_ref").options
    assert options and "INS-2021-001" not in options  # led by Tom Okafor
    at.selectbox(key="recommendations_good_practice_ref").set_value(options[0])
    at.selectbox(key="recommendations_good_practice_theme").set_value("staffing and training")
    at.text_area(key="recommendations_good_practice_text").input("Night staff shadow shifts.")
    at.button(key="recommendations_good_practice_save").click().run()
    assert not at.exception and not at.error
    log = next(f.value for f in at.dataframe if "good practice" in f.value.columns)
    assert "Night staff shadow shifts." in log["good practice"].tolist()  # with the demo's own
    with Session(writable_demo) as session:
        logged = select(GoodPractice).where(GoodPractice.text == "Night staff shadow shifts.")
        assert session.exec(logged).one().recorded_by == "Amira Shah"


def test_partner_sees_the_good_practice_log_but_no_form(logged_in):
    at = _page(logged_in, "partner")
    _open_themes(at)
    log = next(f.value for f in at.dataframe if "good practice" in f.value.columns)
    assert len(log) > 0  # the demo logs good practice
    with pytest.raises(KeyError):
        at.text_area(key="recommendations_good_practice_text")


@pytest.mark.parametrize(("role", "listed"), [("partner", False), ("admin", True)])
def test_a_partner_sees_no_recommendation_of_an_unsent_report(logged_in, role, listed):
    # INS-2026-026's final report is not sent: its recommendations are not the partner's yet.
    at = _page(logged_in, role)
    assert not at.exception
    inspections = at.multiselect(key="recommendations_filter_inspections").options
    assert ("INS-2026-026" in inspections) is listed
    assert ("INS-2026-027" in inspections) is True  # its final report was sent
    notes = " ".join(caption.value for caption in at.caption)
    assert ("report in progress" in notes) is not listed


def test_before_the_final_report_it_falls_due_once_the_report_is_sent(logged_in):
    # INS-2026-026's final report is not sent by the anchor; OPEN_REF has no date of its own
    at = _select(_page(logged_in), OPEN_REF)
    facts = _facts(at)
    assert facts["Due on"] == "due once the final report is sent"
    assert facts["Default for medium risk"] == (
        "due once the final report is sent (60 working days after it)"
    )
    assert any("No default yet" in caption.value for caption in at.caption)
    assert at.date_input(key="recommendations_due_on").value is None
    row = _register(at).set_index("ref").loc[OPEN_REF]
    assert row["due window"] == "due once the final report is sent"
