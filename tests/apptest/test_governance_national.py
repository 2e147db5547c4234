"""The Governance page's national recommendations tab on the demo: open ones first shown with
their RAG, a manager's update moves one, partners read without a form."""

from sqlmodel import Session, select

from dashboard.exchange.demo import demo_anchor
from models import NationalRecommendation
from tests.apptest.test_governance_page import open_page

OPEN_IN_DEMO = ["NR-2022-03", "NR-2024-02", "NR-2024-01"]  # two red (earliest due first), green


def _register(at):
    frame = next(df.value for df in at.dataframe if "recommendation" in df.value.columns)
    return frame


def test_the_register_shows_open_ones_worst_first_and_all_on_asking(logged_in):
    at = open_page(logged_in, "programme_manager")
    register = _register(at)
    assert list(register["ref"]) == OPEN_IN_DEMO
    assert register["RAG"].iloc[0].startswith("red")
    assert register["programme year"].iloc[0] == "2022/23"
    at.checkbox(key="national_show_closed").check().run(timeout=60)
    assert len(_register(at)) == 6


def test_a_manager_closes_one_with_an_update(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.selectbox(key="national_ref").set_value("NR-2024-01").run(timeout=60)
    at.date_input(key="national_update_NR-2024-01_on").set_value(demo_anchor())  # the page's day
    at.selectbox(key="national_update_NR-2024-01_status").set_value("done")
    at.text_area(key="national_update_NR-2024-01_note").input("Target met.")
    form = "national_update_NR-2024-01"  # the action log has an "Add update" button too
    next(b for b in at.button if b.proto.form_id == form).click().run(timeout=60)
    assert not at.exception and not at.error
    with Session(writable_demo) as session:
        stored = session.exec(
            select(NationalRecommendation).where(NationalRecommendation.ref == "NR-2024-01")
        ).one()
    assert stored.status == "done" and stored.closed_on is not None
    assert "NR-2024-01" not in list(_register(at)["ref"])


def test_partners_read_the_register_without_a_form(logged_in):
    at = open_page(logged_in, "partner")
    assert list(_register(at)["ref"]) == OPEN_IN_DEMO
    assert not [b for b in at.button if b.label in ("Add update", "Raise")]
