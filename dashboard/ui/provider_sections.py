"""The Providers page's cached reads and its sections: the ranked list, and one provider in
full (contacts, groups and services, judgements, open recommendations, meetings,
co-operation). Kept apart from `cached.py`, which is near its size limit; keyed by the data
version as every cache there is."""

from datetime import date

import streamlit as st

from dashboard.core import db
from dashboard.core.permissions import Viewer
from dashboard.core.plain_text import escape_markdown
from dashboard.inspections.rules import Milestone
from dashboard.providers import charts, view
from dashboard.providers import queries as provider_queries
from dashboard.providers.queries import ProviderPage
from dashboard.providers.rules import REPLY_WORDS, ProviderStanding
from dashboard.ui import widgets
from dashboard.ui.connection import engine
from dashboard.ui.versioned_cache import PER_CHOICE, PER_RECORD, follows_the_data


@follows_the_data(PER_CHOICE)
def standings(url: str, as_of: date, viewer: Viewer) -> list[ProviderStanding]:
    """Every provider in order of attention as of the date, as the viewer may see them."""
    with db.session_scope(engine(url)) as session:
        return provider_queries.provider_standings(session, as_of, viewer=viewer)


@follows_the_data(PER_RECORD)
def provider_page(url: str, code: str, as_of: date, viewer: Viewer) -> ProviderPage | None:
    """One provider in full as of the date, as the viewer may see it."""
    with db.session_scope(engine(url)) as session:
        return provider_queries.provider_page(session, code, as_of, viewer=viewer)


def contacts(page: ProviderPage) -> None:
    """Lead contact (for those who may see it) and allocated inspector, side by side."""
    left, right = st.columns(2)
    with left.container(border=True):
        st.markdown("**Lead contact**")
        if page.lead_contact is None:
            st.caption("Lead contact details are shown to CQC staff.")
        else:
            contact = page.lead_contact
            st.text(f"Name: {contact.name or 'not recorded'}")
            st.text(f"Phone: {contact.phone or 'not recorded'}")
            st.text(f"Email: {contact.email or 'not recorded'}")
    with right.container(border=True):
        st.markdown("**Allocated inspector**")
        st.text(page.allocated_inspector or "not allocated")
        st.caption("The named CQC contact for engagement meetings.")


def groups_and_services(page: ProviderPage, as_of: date) -> None:
    st.subheader("Inspection groups and services")
    if not page.groups:
        st.info("This provider has no inspection groups.")
        return
    st.dataframe(view.groups_table(page), hide_index=True, width="stretch", key="providers_groups")
    st.caption("Coverage status as of the date; a group with no open service is not active.")
    st.dataframe(
        view.services_table(page, as_of), hide_index=True, width="stretch", key="providers_services"
    )


def judgements(page: ProviderPage) -> None:
    st.subheader("Judgements by key question")
    if not page.inspections:
        st.info("No inspection of this provider has been carried out by this date.")
        return
    if not page.judgements:
        st.info("No judgement to show by this date.")
        return
    widgets.chart(charts.judgement_history_chart, view.judgement_frame(page))
    st.dataframe(
        view.judgement_counts(page), hide_index=True, width="stretch", key="providers_judgements"
    )


def recommendations(page: ProviderPage, as_of: date) -> None:
    st.subheader("Open recommendations")
    if not page.recommendations:
        st.info("No open recommendation.")
        return
    st.dataframe(
        view.recommendations_table(page, as_of),
        hide_index=True,
        width="stretch",
        key="providers_recommendations",
    )


def concerns(page: ProviderPage, as_of: date) -> None:
    st.subheader("Open concerns")
    if not page.concerns:
        st.info("No open concerns about this provider on this date that you may read.")
        return
    st.dataframe(
        view.concerns_table(page, as_of), hide_index=True, width="stretch", key="providers_concerns"
    )


def meetings(page: ProviderPage, viewer: Viewer) -> None:
    st.subheader("Engagement and information-sharing meetings")
    if not page.meetings:
        st.info("No meeting held with this provider by this date.")
    else:
        st.dataframe(
            view.meetings_table(page), hide_index=True, width="stretch", key="providers_meetings"
        )
    if viewer.meeting_kinds is not None:
        st.caption("Partners see the meetings they attend; CQC's own meetings are not shown.")


def cooperation(page: ProviderPage, as_of: date) -> None:
    st.subheader("Co-operation")
    st.caption(
        "PIRs due 5 working days after they were asked for; factual-accuracy replies 10 "
        "working days after the draft report was sent. Counted once due or returned."
    )
    seen = page.cooperation
    tiles = st.columns(3)
    tiles[0].metric("Replies on time", view.share_words(seen), border=True)
    for tile, reply in zip(tiles[1:], (Milestone.PIR, Milestone.FACTUAL_ACCURACY), strict=True):
        tile.metric(f"{REPLY_WORDS[reply].capitalize()} on time", view.share_words(seen.of(reply)))
    if not seen.replies:
        st.info("No PIR or factual-accuracy reply has fallen due by this date.")
    elif not seen.late:
        st.success("Every reply that fell due came back on time.")
    else:
        st.dataframe(
            view.late_replies_table(seen, as_of),
            hide_index=True,
            width="stretch",
            key="providers_late_replies",
        )


def heading(page: ProviderPage) -> None:
    st.subheader(escape_markdown(view.provider_label(page.code, page.name)))
