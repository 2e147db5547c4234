"""My follow-ups on the demo programme at its anchor date (2026-11-02)."""

import pandas as pd
import pytest
from icalendar import Calendar
from sqlmodel import select

from dashboard.core import db
from dashboard.exchange.demo import demo_anchor
from dashboard.follow_ups.queries import follow_ups_due
from models import EvidenceFile, FollowUp, Recommendation
from tests.apptest.conftest import page_path
from tests.evidence_samples import PDF_BYTES

OLDEST = "REC-INS-2021-013-05"  # Amira Shah's oldest: evidence submitted, due 19 Nov 2021


def _page(logged_in, role: str = "inspector", name: str = "Amira Shah", within: int = 30):
    at = logged_in(role, name=name, username=role).run(timeout=30)
    # after a first run: the page's URL path (my-follow-ups) differs from its file name
    at.switch_page(page_path("my_follow_ups.py")).run(timeout=30)
    at.date_input(key="my_follow_ups_as_of").set_value(demo_anchor()).run(timeout=30)
    if within != 30:
        at.number_input(key="my_follow_ups_within").set_value(within).run(timeout=30)
    return at


def _plain(markdown: str) -> str:
    """Markdown the page escaped, as the reader sees it."""
    return markdown.replace("\\", "")


def _listed(at) -> pd.DataFrame:
    return at.dataframe[0].value


def test_an_inspector_sees_their_own_follow_ups_oldest_first(logged_in, demo_engine):
    at = _page(logged_in)
    assert not at.exception
    with db.session_scope(demo_engine) as session:
        expected = follow_ups_due(
            session,
            as_of=demo_anchor(),
            within_days=30,
            inspector="Amira Shah",
            include_allocated=True,
        )
    listed = _listed(at)
    assert list(listed["Recommendation"]) == [row.ref for row in expected]
    assert listed["Recommendation"].iloc[0] == OLDEST
    # her 11 from inspections she led, and more from the providers allocated to her
    assert len(listed) > 11
    assert list(listed["Due on"]) == sorted(listed["Due on"])
    assert at.selectbox(key="my_follow_ups_pick").value == OLDEST


def test_picking_another_recommendation_starts_its_form_afresh(logged_in):
    at = _page(logged_in)
    assert at.selectbox(key="my_follow_ups_status").value == "evidence submitted"
    at.selectbox(key="my_follow_ups_status").set_value("closed")
    at.text_area(key="my_follow_ups_note").set_value("Half-written note.")
    open_one = "REC-INS-2023-008-04"  # open, due 5 Jul 2023
    at.selectbox(key="my_follow_ups_pick").set_value(open_one).run(timeout=30)
    assert at.selectbox(key="my_follow_ups_status").value == "open"
    assert at.selectbox(key="my_follow_ups_status").options == [
        "open",
        "in progress",
        "evidence submitted",
        "closed",
        "superseded",
    ]
    assert at.text_area(key="my_follow_ups_note").value == ""


def test_a_narrower_window_lists_fewer(logged_in):
    wide, narrow = _page(logged_in), _page(logged_in, within=0)
    assert 0 < len(_listed(narrow)) < len(_listed(wide))
    assert (_listed(narrow)["Days overdue"] > 0).all()


def test_the_calendar_download_holds_exactly_the_listed_follow_ups(logged_in, downloads):
    at = _page(logged_in)
    # named for the inspector and the as-of date, and marked
    events = Calendar.from_ical(
        downloads["follow-ups-amira-shah-2026-11-02-OFFICIAL-SENSITIVE.ics"]
    ).walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [
        f"followup-{ref}@safehouse-oversight" for ref in _listed(at)["Recommendation"]
    ]


def test_recording_a_closure_takes_it_off_the_list(logged_in, writable_demo):
    at = _page(logged_in)
    at.selectbox(key="my_follow_ups_status").set_value("closed")
    at.text_area(key="my_follow_ups_note").set_value("Verified at the revisit.")
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    assert not at.exception
    assert not at.error
    assert _plain(at.success[0].value) == f"Follow-up recorded on {OLDEST}: now closed."
    assert OLDEST not in set(_listed(at)["Recommendation"])
    with db.session_scope(writable_demo) as session:
        rec = session.exec(select(Recommendation).where(Recommendation.ref == OLDEST)).one()
        note = session.exec(
            select(FollowUp)
            .where(FollowUp.recommendation_id == rec.id)
            .order_by(FollowUp.id.desc())
        ).first()
        assert (rec.status, rec.verified_by) == ("closed", "Amira Shah")
        assert (note.made_by, note.note, note.status) == (
            "Amira Shah",
            "Verified at the revisit.",
            "closed",
        )


def test_a_progress_note_keeps_it_on_the_list(logged_in, writable_demo):
    at = _page(logged_in)
    at.text_area(key="my_follow_ups_note").set_value("Chased the provider.")
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    assert _plain(at.success[0].value) == (
        f"Follow-up recorded on {OLDEST}: now evidence submitted."
    )
    assert OLDEST in set(_listed(at)["Recommendation"])


def test_a_refused_follow_up_shows_why_and_saves_nothing(logged_in, writable_demo):
    at = _page(logged_in)
    at.selectbox(key="my_follow_ups_status").set_value("superseded")
    at.text_area(key="my_follow_ups_note").set_value("Replaced.")
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    assert "superseded by: name the recommendation that replaces this one" in _plain(
        at.error[0].value
    )
    assert at.text_area(key="my_follow_ups_note").value == "Replaced."
    with db.session_scope(writable_demo) as session:
        rec = session.exec(select(Recommendation).where(Recommendation.ref == OLDEST)).one()
        assert rec.status == "evidence submitted"


def test_the_evidence_uploader_warns_against_survivor_details(logged_in):
    at = _page(logged_in)
    captions = [_plain(caption.value) for caption in at.caption]
    assert any("no survivor names, addresses or case details" in text for text in captions)
    # the demo lists a file on this recommendation without its content: shown, not offered
    assert any("listed by an import; its content is kept in the backups" in t for t in captions)


def test_evidence_uploaded_with_a_follow_up_is_stored_and_offered(
    logged_in, writable_demo, downloads
):
    at = _page(logged_in)
    at.text_area(key="my_follow_ups_note").set_value("Audit report received.")
    at.file_uploader(key="my_follow_ups_evidence_0").set_value(
        ("audit.pdf", PDF_BYTES, "application/pdf")
    )
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    assert not at.error
    assert "with 1 evidence file" in at.success[0].value
    # the list is back on the same recommendation, which now shows its evidence
    at.selectbox(key="my_follow_ups_pick").set_value(OLDEST).run(timeout=30)
    labels = [button.proto.label for button in at.get("download_button")]
    assert any(_plain(label).startswith("audit.pdf (0 KB, Amira Shah") for label in labels)
    with db.session_scope(writable_demo) as session:
        # the demo lists evidence files of its own (without content): this is the uploaded one
        kept = session.exec(select(EvidenceFile).where(EvidenceFile.filename == "audit.pdf")).one()
        assert (kept.filename, kept.content, kept.uploaded_by) == (
            "audit.pdf",
            PDF_BYTES,
            "Amira Shah",
        )


def test_a_disguised_file_is_refused_and_nothing_is_recorded(logged_in, writable_demo):
    at = _page(logged_in)
    at.text_area(key="my_follow_ups_note").set_value("Photo of the rota.")
    at.file_uploader(key="my_follow_ups_evidence_0").set_value(
        ("rota.png", b"MZ\x90\x00 not an image", "image/png")
    )
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    assert "rota.png: the name says a PNG image but the content is none of the accepted" in (
        _plain(at.error[0].value)
    )
    with db.session_scope(writable_demo) as session:
        assert not session.exec(
            select(EvidenceFile).where(EvidenceFile.filename == "rota.png")
        ).all()
        notes = session.exec(select(FollowUp).where(FollowUp.note == "Photo of the rota.")).all()
        assert notes == []


def test_an_inspector_with_nothing_due_sees_an_empty_state(logged_in):
    at = _page(logged_in, name="Nobody Leads")
    assert not at.exception
    assert "Nothing to follow up for Nobody Leads" in _plain(at.info[0].value)
    assert not at.dataframe


def test_a_manager_picks_an_inspector(logged_in):
    at = _page(logged_in, role="programme_manager", name="Demo Programme Manager")
    at.selectbox(key="my_follow_ups_inspector").set_value("Tom Okafor").run(timeout=30)
    assert not at.exception
    assert len(_listed(at)) > 0


def test_a_partner_has_no_such_page(logged_in):
    at = logged_in("partner")
    at.run()
    with pytest.raises(ValueError):
        at.switch_page(page_path("my_follow_ups.py")).run()


def test_each_row_shows_the_recommendation_its_provider_and_the_last_follow_up(
    logged_in, demo_engine
):
    at = _page(logged_in)
    listed = _listed(at)
    with db.session_scope(demo_engine) as session:
        rec = session.exec(select(Recommendation).where(Recommendation.ref == OLDEST)).one()
        last = session.exec(
            select(FollowUp)
            .where(FollowUp.recommendation_id == rec.id)
            .order_by(FollowUp.made_on.desc(), FollowUp.id.desc())
        ).first()
        text = rec.text
    first = listed.iloc[0]
    assert first["Recommendation text"] == text
    assert first["Provider"].startswith("P") and " · " in first["Provider"]
    if last is None:
        assert first["Last recorded"] == "nothing recorded yet"
    else:
        assert first["Last recorded"].startswith(f"{last.made_on:%d %b %Y}: {last.status}")


def test_a_progress_note_shows_as_the_rows_last_follow_up(logged_in, writable_demo):
    at = _page(logged_in)
    on = at.date_input(key="my_follow_ups_on").value
    at.text_area(key="my_follow_ups_note").set_value("Chased the provider.")
    at.button(key="my_follow_ups_save").click().run(timeout=30)
    listed = _listed(at).set_index("Recommendation")
    assert listed.loc[OLDEST, "Last recorded"] == (
        f"{on:%d %b %Y}: evidence submitted · Chased the provider."
    )
