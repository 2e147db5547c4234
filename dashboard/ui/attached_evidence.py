"""The evidence files already attached to a recommendation's follow-ups, each to download."""

from functools import partial

import streamlit as st

from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.permissions import Actor
from dashboard.core.plain_text import escape_markdown
from dashboard.follow_ups.rules import EvidenceInfo
from dashboard.follow_ups.service import evidence_download, evidence_for_recommendation
from dashboard.ui import cached

# Shown beside every evidence uploader: files are kept, backed up and shared with partners.
EVIDENCE_WARNING = (
    "Attach evidence with **no survivor names, addresses or case details**: "
    "redact them before uploading."
)


def _evidence_bytes(actor: Actor, evidence_id: int) -> bytes:
    with db.session_scope(cached.current_engine()) as session:
        return evidence_download(session, actor=actor, evidence_id=evidence_id).data


def attached_evidence(actor: Actor, ref: str) -> None:
    with db.session_scope(cached.current_engine()) as session:
        files: list[EvidenceInfo] = evidence_for_recommendation(
            session, actor=actor, recommendation_ref=ref
        )
    if not files:
        st.caption("No evidence attached to this recommendation's follow-ups yet.")
        return
    st.caption(f"Evidence already attached ({MARKING}):")
    for info in files:
        label = (
            f"{escape_markdown(info.filename)} ({info.size_bytes / 1024:.0f} KB, "
            f"{escape_markdown(info.uploaded_by)}, {info.uploaded_at:%d %b %Y})"
        )
        if not info.held:
            st.caption(f"{label}: listed by an import; its content is kept in the backups.")
            continue
        st.download_button(
            label,
            data=partial(_evidence_bytes, actor, info.id),
            file_name=info.filename,
            mime=info.content_type,
            on_click="ignore",
            icon=":material/attach_file:",
            key=f"my_follow_ups_file_{info.id}",
        )
