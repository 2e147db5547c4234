"""The Inspections page's status actions on a copy of the demo at its anchor (Mon 2 Nov 2026):
a planned inspection is recorded as carried out, moved or cancelled (a reason required)."""

from datetime import date

from sqlalchemy import Engine, text

from dashboard.coverage.rules import DATE_PASSED
from tests.apptest.test_inspections_page import _errors, _open

REF = "INS-2026-036"  # G16, Daniel Evans, in the demo 7–8 Dec 2026
FORM = f"inspections_status_{REF}"


def _plan_it(engine: Engine, start_on: str, end_on: str | None) -> None:
    """Make the demo inspection a planned one on the given dates."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE inspection SET status = 'planned', start_on = :start, end_on = :end, "
                "draft_sent_on = NULL, fa_returned_on = NULL, final_sent_on = NULL WHERE ref = :ref"
            ),
            {"start": start_on, "end": end_on, "ref": REF},
        )


def _row(engine: Engine) -> tuple[str, str, str | None, str | None]:
    with engine.connect() as connection:
        found = connection.execute(
            text(
                "SELECT status, start_on, end_on, cancelled_reason FROM inspection WHERE ref = :r"
            ),
            {"r": REF},
        ).one()
    return tuple(str(v) if v is not None else None for v in found)  # type: ignore[return-value]


def _open_it(logged_in):
    at = _open(logged_in, "programme_manager", "Demo Programme Manager")
    at.selectbox(key="inspections_selected").set_value(REF).run()
    return at


def _texts(at) -> list[str]:
    return [t.value for t in at.text]


def test_a_planned_inspection_whose_date_passed_is_flagged_and_recorded(logged_in, writable_demo):
    _plan_it(writable_demo, "2026-10-12", None)
    at = _open_it(logged_in)
    assert f"Status: planned for 2026-10-12, {DATE_PASSED}." in _texts(at)
    assert any(REF in w.value or "planned inspection(s)" in w.value for w in at.warning)
    at.radio(key=f"{FORM}_action").set_value("carried out").run()
    at.date_input(key=f"{FORM}_start_on").set_value(date(2026, 10, 13)).run()
    at.date_input(key=f"{FORM}_end_on").set_value(date(2026, 10, 14)).run()
    at.button(key=f"{FORM}__save").click().run()
    assert not at.exception and not _errors(at)
    assert [s.value for s in at.success] == [f"Recorded {REF} as carried out."]
    assert _row(writable_demo) == ("carried out", "2026-10-13", "2026-10-14", None)
    assert "Status: carried out." in _texts(at)


def test_moving_a_planned_inspection_keeps_it_planned(logged_in, writable_demo):
    _plan_it(writable_demo, "2026-12-07", "2026-12-08")
    at = _open_it(logged_in)
    assert "Status: planned." in _texts(at)
    at.radio(key=f"{FORM}_action").set_value("move").run()
    at.date_input(key=f"{FORM}_start_on").set_value(date(2027, 1, 11)).run()
    at.date_input(key=f"{FORM}_end_on").set_value(date(2027, 1, 12)).run()
    at.button(key=f"{FORM}__save").click().run()
    assert [s.value for s in at.success] == [f"Moved {REF}."]
    assert _row(writable_demo) == ("planned", "2027-01-11", "2027-01-12", None)


def test_cancelling_needs_a_reason_then_shows_it(logged_in, writable_demo):
    _plan_it(writable_demo, "2026-12-07", "2026-12-08")
    at = _open_it(logged_in)
    at.radio(key=f"{FORM}_action").set_value("cancel").run()
    at.button(key=f"{FORM}__save").click().run()
    assert any(e.startswith("Reason for cancelling: give the reason") for e in _errors(at)), (
        _errors(at)
    )
    assert _row(writable_demo)[0] == "planned" and not at.success
    at.text_area(key=f"{FORM}_cancelled_reason").set_value("Service closed.").run()
    at.button(key=f"{FORM}__save").click().run()
    assert [s.value for s in at.success] == [f"Cancelled {REF}."]
    assert _row(writable_demo) == ("cancelled", "2026-12-07", "2026-12-08", "Service closed.")
    assert "Status: cancelled. Reason: Service closed." in _texts(at)
    # the register filters by inspection status
    at.multiselect(key="inspections_inspection_status").set_value(["cancelled"]).run()
    register = next(f.value for f in at.dataframe if "Overdue" in f.value.columns)
    # the demo's own cancelled inspection, and this one
    assert sorted(register["Inspection"]) == ["INS-2024-050", REF]
    assert set(register["Status"]) == {"cancelled"}
