"""Adding an update to a governance action: the form is emptied once saved, and the same
update sent again (a second click with the text typed again) is refused, not added twice."""

from datetime import date

from sqlmodel import Session, func, select

from models import Action, ActionUpdate
from tests.apptest.test_governance_page import click, open_page

REF = "ACT-2026-10-PB-2"


def _updates(engine) -> int:
    with Session(engine) as session:
        action = session.exec(select(Action).where(Action.ref == REF)).one()
        statement = select(func.count()).where(ActionUpdate.action_id == action.id)
        return session.exec(statement).one()


def test_add_update_empties_the_form_and_a_repeat_is_refused(logged_in, writable_demo):
    before = _updates(writable_demo)
    at = open_page(logged_in, "programme_manager")
    at.selectbox(key="governance_action").set_value(REF).run(timeout=60)
    note = f"governance_update_note_{REF}"
    at.text_area(key=note).input("Chased the SCA for the revised plan.")
    click(at, "Add update")
    assert [s.value for s in at.success] == [f"Update added to {REF}."]
    assert at.text_area(key=note).value == ""  # emptied: a second click adds nothing
    click(at, "Add update")
    assert _updates(writable_demo) == before + 1
    at.text_area(key=note).input("Chased the SCA for the revised plan.")
    click(at, "Add update")
    assert [e.value for e in at.error] == [
        f"Note: this update was already added to {REF} for {date.today().isoformat()}; "
        "it is not added twice"
    ]
    assert _updates(writable_demo) == before + 1
