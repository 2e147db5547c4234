"""The Providers page on the demo programme at its anchor date (2026-11-02), per role.

P08 (Cysgod Haven Cymru) has a draft-only inspection, INS-2026-030 (draft sent 2026-10-30,
final report not sent), judged safe: meeting and well-led: not meeting, and an information-
sharing meeting, MTG-2026-04-INFO-P08."""

from datetime import date

from sqlmodel import Session

from dashboard.exchange.demo import demo_anchor
from models import InspectionGroup, Provider, Service
from tests.apptest.conftest import page_path

DRAFT_ONLY = "INS-2026-030"


def _page(logged_in, role: str, provider: str = "P08"):
    at = logged_in(role)
    at.switch_page(page_path("providers.py")).run(timeout=30)
    at.date_input(key="providers_as_of").set_value(demo_anchor()).run()
    at.selectbox(key="providers_provider").set_value(provider).run()
    assert not at.exception
    return at


# A column only that table of the page has (AppTest does not expose a plain dataframe's key).
TABLES = {
    "ranking": "Groups overdue",
    "groups": "Basis",
    "judgements": "Not meeting",
    "recommendations": "Recommendation",
    "meetings": "Attendees",
    "late replies": "Days late",
}


def _table(at, name: str):
    """The page's table of this name."""
    for element in at.dataframe:
        if TABLES[name] in element.value.columns:
            return element.value
    raise AssertionError(f"no {name} table on the page")


def _chart_data(at) -> bytes:
    """Everything the page's charts were drawn from (Streamlit sends the data as Arrow)."""
    charts = at.get("vega_lite_chart")
    assert charts, "no chart on the page"
    return b" ".join(
        chart.proto.spec.encode() + b"".join(d.data.data for d in chart.proto.datasets)
        for chart in charts
    )


def _texts(at) -> list[str]:
    return [element.value for element in at.text]


def test_the_list_ranks_providers_by_groups_then_recommendations_overdue(logged_in):
    at = _page(logged_in, "programme_manager")
    ranking = _table(at, "ranking")
    assert ranking["Provider"].tolist()[:3] == [
        "P02 · Kestrelgate Haven",
        "P08 · Cysgod Haven Cymru",
        "P11 · Saltbridge Haven Trust",
    ]
    assert ranking[["Groups overdue", "Recommendations overdue"]].values.tolist()[0] == [1, 5]


def test_an_inspector_finds_the_providers_phone_number(logged_in):
    at = _page(logged_in, "inspector")
    texts = _texts(at)
    assert "Name: Rhian Powell" in texts
    assert "Phone: 01632 960186" in texts
    assert "Email: rhian.powell@example.org" in texts
    assert "Ruth Pryce" in texts  # allocated inspector


def test_a_manager_sees_judgements_from_the_draft_and_information_sharing(logged_in):
    at = _page(logged_in, "programme_manager")
    counts = _table(at, "judgements").set_index("Key question")
    partner_at = _page(logged_in, "partner")
    partner_counts = _table(partner_at, "judgements").set_index("Key question")
    assert counts.loc["safe", "Meeting"] == partner_counts.loc["safe", "Meeting"] + 1
    assert (
        counts.loc["well-led", "Not meeting"] == partner_counts.loc["well-led", "Not meeting"] + 1
    )
    assert DRAFT_ONLY in _table(at, "recommendations")["Inspection"].tolist()
    meetings = _table(at, "meetings")
    assert "Information sharing" in meetings["Kind"].tolist()
    assert DRAFT_ONLY.encode() in _chart_data(at)


def test_a_partner_sees_no_draft_judgement_no_contact_and_no_information_sharing(logged_in):
    at = _page(logged_in, "partner")
    texts = _texts(at)
    assert not any(text.startswith("Phone:") for text in texts)
    assert "Lead contact details are shown to CQC staff." in [c.value for c in at.caption]
    assert DRAFT_ONLY not in _table(at, "recommendations")["Inspection"].tolist()
    assert "No meeting held with this provider by this date." in [i.value for i in at.info]
    assert not any("Information sharing" in str(frame.value) for frame in at.dataframe)
    drawn = _chart_data(at)
    assert DRAFT_ONLY.encode() not in drawn
    assert b"INS-2026-012" in drawn  # final report sent 2026-06-23: shown


def test_cooperation_shows_the_share_on_time_and_the_late_replies(logged_in):
    at = _page(logged_in, "inspector", provider="P01")
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Replies on time"] == "94% (50 of 53)"
    late = _table(at, "late replies")
    assert late["Inspection"].tolist() == ["INS-2021-011", "INS-2022-030", "INS-2022-031"]
    assert late["Reply"].tolist() == ["factual accuracy", "PIR", "factual accuracy"]


def test_a_provider_with_no_inspections_shows_empty_states(logged_in, writable_demo):
    with Session(writable_demo) as session:
        provider = Provider(code="P99", name="Newfield Trust", lead_contact_phone="01632 960999")
        session.add(provider)
        session.flush()
        group = InspectionGroup(code="G99", name="Newfield", provider_id=provider.id)
        session.add(group)
        session.flush()
        session.add(
            Service(
                code="S999",
                name="Newfield House",
                provider_id=provider.id,
                group_id=group.id,
                service_type="safehouse",
                opened_on=date(2026, 9, 1),
            )
        )
        session.commit()
    at = _page(logged_in, "partner", provider="P99")
    infos = [i.value for i in at.info]
    assert "No inspection of this provider has been carried out by this date." in infos
    assert "No open recommendation." in infos
    assert "No PIR or factual-accuracy reply has fallen due by this date." in infos
    assert {metric.value for metric in at.metric} == {"none due yet"}
    assert _table(at, "groups")["Status"].tolist() == ["in date"]
