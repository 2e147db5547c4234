"""The Governance page on the demo programme: meetings, the action log, the pack, the banner."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select
from streamlit.testing.v1.element_tree import Block

from dashboard.exchange.demo import demo_anchor
from dashboard.governance.queries import terms
from dashboard.governance.rules import days_remaining, term_in_force
from models import Action, ActionUpdate, Meeting, MouTerm
from tests.apptest.conftest import page_path

EDIT_BUTTONS = {"Create meeting", "Save meeting", "Add action", "Add update", "Save action"}
TIMEOUT = 60


def open_page(logged_in, role: str):
    at = logged_in(role, name="Pat Manager")
    at.switch_page(page_path("governance.py")).run(timeout=TIMEOUT)
    at.date_input(key="governance_as_of").set_value(demo_anchor()).run(timeout=TIMEOUT)
    assert not at.exception
    return at


def click(at, label: str):
    next(button for button in at.button if button.label == label).click().run(timeout=TIMEOUT)
    return at


def test_a_manager_creates_a_meeting(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.text_input(key="governance_new_meeting_ref").input("MTG-2026-11-EXTRA")
    at.date_input(key="governance_new_meeting_held_on").set_value(date(2026, 11, 25))
    at.selectbox(key="governance_new_meeting_kind").set_value("programme board")
    at.text_area(key="governance_new_meeting_attendees").input(
        "CQC programme manager\nHome Office SCA"
    )
    click(at, "Create meeting")
    assert not at.exception and not at.error
    assert at.success[0].value == "Meeting MTG-2026-11-EXTRA created."
    with Session(writable_demo) as session:
        meeting = session.exec(select(Meeting).where(Meeting.ref == "MTG-2026-11-EXTRA")).one()
    assert (meeting.held_on, meeting.kind, meeting.attendees) == (
        date(2026, 11, 25),
        "programme board",
        "CQC programme manager;Home Office SCA",
    )


def test_a_meeting_without_a_ref_is_refused_naming_the_field(logged_in, writable_demo):
    with Session(writable_demo) as session:
        before = len(session.exec(select(Meeting)).all())
    at = open_page(logged_in, "programme_manager")
    click(at, "Create meeting")
    assert [error.value for error in at.error] == ["Ref: a value is required"]
    assert not at.success
    with Session(writable_demo) as session:
        assert len(session.exec(select(Meeting)).all()) == before


def test_a_manager_adds_an_action_and_then_closes_it_with_an_update(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.selectbox(key="governance_new_action_meeting").set_value("MTG-2026-10-PB")
    at.text_area(key="governance_new_action_text").input("Share the revised schedule.")
    at.selectbox(key="governance_new_action_org").set_value("home office")
    at.date_input(key="governance_new_action_due").set_value(date(2026, 12, 1))
    click(at, "Add action")
    assert not at.error
    assert at.success[0].value == "Action ACT-2026-10-PB-4 added."  # PB-1 to PB-3 exist

    at.selectbox(key="governance_action").set_value("ACT-2026-10-PB-4").run(timeout=TIMEOUT)
    at.date_input(key="governance_update_on_ACT-2026-10-PB-4").set_value(date(2026, 11, 20))
    at.selectbox(key="governance_update_status_ACT-2026-10-PB-4").set_value("done")
    at.text_area(key="governance_update_note_ACT-2026-10-PB-4").input("Sent to the SCA.")
    click(at, "Add update")
    assert not at.error
    assert at.success[0].value == "Update added to ACT-2026-10-PB-4."
    with Session(writable_demo) as session:
        action = session.exec(select(Action).where(Action.ref == "ACT-2026-10-PB-4")).one()
        update = session.exec(select(ActionUpdate).where(ActionUpdate.action_id == action.id)).one()
    assert (action.owner_org, action.status, action.closed_on) == (
        "home office",
        "done",
        date(2026, 11, 20),
    )
    assert (update.by, update.note) == ("Pat Manager", "Sent to the SCA.")


def test_an_update_dated_before_its_meeting_is_refused(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.selectbox(key="governance_action").set_value("ACT-2026-10-PB-2").run(timeout=TIMEOUT)
    at.date_input(key="governance_update_on_ACT-2026-10-PB-2").set_value(date(2026, 10, 1))
    at.selectbox(key="governance_update_status_ACT-2026-10-PB-2").set_value("done")
    click(at, "Add update")
    assert at.error[0].value == (
        "Update date: 2026-10-01 is before the meeting it was raised at (2026-10-15)"
    )
    with Session(writable_demo) as session:
        action = session.exec(select(Action).where(Action.ref == "ACT-2026-10-PB-2")).one()
    assert action.status == "in progress"


@pytest.mark.parametrize(
    ("role", "shown", "pages"),
    [
        ("partner", 61, None),  # the MoU governance meetings' actions only, on one page
        ("inspector", 200, 2),  # the first page of all 262
    ],
)
def test_readers_see_the_log_but_no_edit_control(logged_in, role, shown, pages):
    at = open_page(logged_in, role)
    assert not {button.label for button in at.button} & EDIT_BUTTONS
    assert not at.text_area and not at.text_input
    assert "Build pack" in {button.label for button in at.button}
    # the log opens on open and in-progress actions; every status shows the whole log
    at.multiselect(key="governance_filter_status").set_value([]).run(timeout=TIMEOUT)
    frames = [frame.value for frame in at.dataframe]
    assert any("RAG" in frame.columns and len(frame) == shown for frame in frames)
    if pages:
        assert at.number_input(key="governance_actions_page").max == pages
    else:
        assert not [n for n in at.number_input if n.key == "governance_actions_page"]


def test_the_action_log_filters_by_owner_organisation_and_status(logged_in):
    at = open_page(logged_in, "partner")
    at.multiselect(key="governance_filter_org").set_value(["prime contractor"])
    at.multiselect(key="governance_filter_status").set_value(["open"]).run(timeout=TIMEOUT)
    log = next(frame for frame in (f.value for f in at.dataframe) if "RAG" in frame.columns)
    # as of 2 November 2026: only ACT-2026-09-GOV-4 (due 21 October) is open for the TSA
    assert list(log["action"]) == ["ACT-2026-09-GOV-4"]
    assert list(log["RAG"]) == ["red · overdue"]


def test_the_meeting_shows_its_carried_forward_actions(logged_in):
    at = open_page(logged_in, "partner")
    at.selectbox(key="governance_meeting").set_value("MTG-2026-09-GOV").run(timeout=TIMEOUT)
    frames = [frame.value for frame in at.dataframe]
    carried = next(f for f in frames if "raised at" in f.columns)
    assert list(carried["action"]) == ["ACT-2023-06-GOV-1"]


def test_with_many_meetings_one_is_typed_the_nearest_filled_in(logged_in, monkeypatch):
    monkeypatch.setattr("dashboard.ui.widgets.MANY_OPTIONS", 2)  # the demo has a few dozen
    at = open_page(logged_in, "partner")
    typed = at.text_input(key="governance_meeting_typed")
    nearest = typed.value  # the next meeting from the as-of date
    assert nearest and any(nearest in h.value for h in at.subheader)
    typed.input("MTG-2026-09-GOV").run(timeout=TIMEOUT)
    carried = next(f.value for f in at.dataframe if "raised at" in f.value.columns)
    assert list(carried["action"]) == ["ACT-2023-06-GOV-1"]
    at.text_input(key="governance_meeting_typed").input("NOSUCH").run(timeout=TIMEOUT)
    assert "No meeting has the ref 'NOSUCH'." in [w.value for w in at.warning]
    assert not at.exception


def test_every_page_header_shows_the_mou_term_and_days_remaining(logged_in, app_env):
    with Session(app_env) as session:
        term = term_in_force(terms(session), date.today())
    at = open_page(logged_in, "partner")
    banner = at.caption[0].value
    if term is None:
        assert "No MoU term in force today" in banner
    else:
        assert banner.startswith(f"MoU term {term.ref} runs ")
        assert f"{days_remaining(term, date.today())} days remaining" in banner
    at.switch_page(page_path("overview.py")).run(timeout=TIMEOUT)
    assert at.caption[0].value == banner


def test_the_banner_warns_in_the_last_90_days_of_the_term(logged_in, writable_demo):
    ends_on = date.today() + timedelta(days=30)
    with Session(writable_demo) as session:
        for term in session.exec(select(MouTerm)).all():
            session.delete(term)
        session.add(
            MouTerm(ref="MOU-X", starts_on=date.today() - timedelta(days=300), ends_on=ends_on)
        )
        session.commit()
    at = open_page(logged_in, "partner")
    banner = at.caption[0].value
    assert banner.startswith("MoU term MOU-X runs ")
    assert "30 days remaining" in banner
    assert "ends within 90 days" in banner


def test_building_the_pack_shows_progress_and_offers_both_files(logged_in):
    at = open_page(logged_in, "partner")
    at.selectbox(key="governance_pack_meeting").set_value("MTG-2026-09-GOV")
    click(at, "Build pack")
    assert not at.exception
    assert at.status[0].label.startswith("Pack for MTG-2026-09-GOV built in")
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Download pack.pdf", "Download pack.xlsx"]


def _blocks(node, kind: str):
    """Every block of a kind ("form", "tab_container") under a node of the page."""
    for child in getattr(node, "children", {}).values():
        proto = getattr(child, "proto", None)
        is_block = isinstance(child, Block) and type(proto).__name__ == "Block"
        if is_block and proto.WhichOneof("type") == kind:
            yield child
        yield from _blocks(child, kind)


def open_page_as_of(logged_in, role: str, day: date):
    """The page opened at the date from its first run (a picker keeps what it first chose)."""
    at = logged_in(role, name="Pat Manager")
    at.session_state["governance_as_of"] = day
    at.switch_page(page_path("governance.py")).run(timeout=TIMEOUT)
    assert not at.exception
    return at


def _form(at, form_id: str):
    return next(b for b in _blocks(at.main, "form") if b.proto.form.form_id == form_id)


def test_the_page_offers_the_next_meeting_first_and_lists_meetings_newest_first(logged_in):
    at = open_page_as_of(logged_in, "programme_manager", demo_anchor())  # Monday 2 November
    for key in ("governance_meeting", "governance_pack_meeting"):
        picker = at.selectbox(key=key)
        assert picker.value == "MTG-2026-11-PB"  # 19 November: the next meeting
        assert picker.options[0].startswith("MTG-2026-12-GOV · 09 Dec 2026")  # newest first
        assert picker.options[-1].startswith("MTG-2021-")
    assert at.selectbox(key="governance_filter_meeting").options[:2] == [
        "All meetings",
        "MTG-2026-12-GOV",
    ]
    assert at.selectbox(key="governance_new_action_meeting").value == "MTG-2026-10-PB"


def test_a_partner_sees_no_programme_board_or_engagement_meeting(logged_in):
    at = open_page_as_of(logged_in, "partner", demo_anchor())
    for key in ("governance_meeting", "governance_pack_meeting"):
        picker = at.selectbox(key=key)
        assert picker.value == "MTG-2026-12-GOV"
        assert picker.options and all("· MoU governance" in o for o in picker.options)
    options = at.selectbox(key="governance_filter_meeting").options[1:]
    assert options and all(ref.endswith("-GOV") for ref in options)
    log = next(f.value for f in at.dataframe if "RAG" in f.value.columns)
    assert set(log["meeting"]) <= set(options)
    changes = next(f.value for f in at.dataframe if "change" in f.value.columns)
    closed = " ".join(changes["refs"])
    assert "-PB-" not in closed and "-ENG-" not in closed


def test_the_pack_tab_says_a_coming_meeting_is_read_as_of_the_pages_date(logged_in):
    at = open_page_as_of(logged_in, "partner", demo_anchor())
    captions = [c.value for c in at.caption]
    assert any(
        "The meeting on 09 Dec 2026 is still to come: the pack shows the programme as of "
        "02 Nov 2026" in c
        for c in captions
    )
    at.selectbox(key="governance_pack_meeting").set_value("MTG-2026-09-GOV").run(timeout=TIMEOUT)
    captions = [c.value for c in at.caption]
    assert any("as of the meeting date, 09 Sep 2026" in c for c in captions)


def test_after_a_save_the_page_stays_on_the_tab_and_the_action(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.session_state["governance_tab"] = "Action log"
    at.selectbox(key="governance_action").set_value("ACT-2026-10-PB-2").run(timeout=TIMEOUT)
    at.selectbox(key="governance_update_status_ACT-2026-10-PB-2").set_value("done")
    at.date_input(key="governance_update_on_ACT-2026-10-PB-2").set_value(date(2026, 10, 30))
    click(at, "Add update")
    assert not at.exception and not at.error
    assert at.session_state["governance_tab"] == "Action log"
    tabs = next(_blocks(at.main, "tab_container"))
    assert tabs.proto.tab_container.default_tab_index == 2  # the Action log tab
    assert at.selectbox(key="governance_action").value == "ACT-2026-10-PB-2"
    # The notice is under the button pressed, in its form, not at the top of the page.
    form = _form(at, "governance_update_ACT-2026-10-PB-2")
    assert [e.value for e in form.success] == ["Update added to ACT-2026-10-PB-2."]
    assert [type(node).__name__ for node in form][-2:] == ["Button", "Success"]
    assert len(at.success) == 1


def test_a_refusal_shows_under_the_button_pressed(logged_in, writable_demo):
    at = open_page(logged_in, "programme_manager")
    at.session_state["governance_tab"] = "Action log"
    at.selectbox(key="governance_action").set_value("ACT-2026-10-PB-2").run(timeout=TIMEOUT)
    at.text_area(key="governance_edit_text_ACT-2026-10-PB-2").input("")
    click(at, "Save action")
    assert at.session_state["governance_tab"] == "Action log"
    form = _form(at, "governance_edit_ACT-2026-10-PB-2")
    assert [e.value for e in form.error] == ["Action: a value is required"]
    order = [type(node).__name__ for node in form]
    assert order[-2:] == ["Button", "Error"]  # the refusal follows the button
