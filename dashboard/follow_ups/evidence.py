"""Evidence on follow-ups: PDF, Word, Excel and images, checked by content, kept in the database.

A file's type is read from its first bytes (and, for Word and Excel, the parts inside the zip),
and must agree with its name's extension: a renamed executable or a PNG called `.pdf` is refused.
Anyone logged in may download evidence (partners read recommendations too); only those who may
record the follow-up may attach to it.
"""

import hashlib
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath
from types import MappingProxyType
from typing import Any

from sqlmodel import Session, select

from dashboard.core.audit import field_changes, record_change
from dashboard.core.permissions import Actor, require_role
from dashboard.core.refusal import Refused
from dashboard.core.vocabulary import Role
from dashboard.follow_ups.queries import follow_up_context
from dashboard.follow_ups.service import record_follow_up, require_follow_up_access
from models.base import NAME_LENGTH, utc_now
from models.evidence import EvidenceFile
from models.recommendations import FollowUp, Recommendation

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
CONTENT_TYPES: Mapping[str, str] = MappingProxyType(
    {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".png": PNG, ".jpg": JPEG, ".jpeg": JPEG}
)
KIND_NAMES: Mapping[str, str] = MappingProxyType(
    {
        PDF: "a PDF",
        DOCX: "a Word document",
        XLSX: "an Excel workbook",
        PNG: "a PNG image",
        JPEG: "a JPEG image",
    }
)
ACCEPTED = "PDF (.pdf), Word (.docx), Excel (.xlsx) or an image (.png, .jpg, .jpeg)"
EVIDENCE_ENTITY = "evidence_file"


class EvidenceRefused(Refused):
    """An evidence file that is too large, empty or not an accepted type; nothing is stored."""


@dataclass(frozen=True)
class EvidenceInfo:
    """An evidence file's particulars without its content, for lists."""

    id: int
    follow_up_id: int
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    uploaded_at: datetime


@dataclass(frozen=True)
class EvidenceDownload:
    """An evidence file's name, type and bytes, for a download button."""

    filename: str
    content_type: str
    data: bytes


def _zip_office_type(data: bytes) -> str | None:
    """DOCX or XLSX when the zip holds a Word document or a workbook part, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return DOCX
    if any(name.startswith("xl/") for name in names):
        return XLSX
    return None


def sniff_content_type(data: bytes) -> str | None:
    """The accepted type the bytes really are (magic numbers), or None for anything else."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zip_office_type(data)
    return None


def clean_filename(filename: str) -> str:
    """The file's own name without any folders, trimmed to fit the column."""
    name = PurePath(filename.replace("\\", "/")).name.strip()
    if not name:
        raise EvidenceRefused("file name: the file has no name")
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    return name if len(name) <= NAME_LENGTH else stem[: NAME_LENGTH - len(suffix)] + suffix


def checked_content_type(filename: str, data: bytes) -> str:
    """The file's content type when its size, name and content agree; else EvidenceRefused."""
    if not data:
        raise EvidenceRefused(f"{filename}: the file is empty")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise EvidenceRefused(
            f"{filename}: {len(data) / 1024 / 1024:.1f} MB is over the 10 MB limit for evidence"
        )
    expected = CONTENT_TYPES.get(PurePath(filename).suffix.lower())
    if expected is None:
        raise EvidenceRefused(f"{filename}: not an accepted type; attach {ACCEPTED}")
    actual = sniff_content_type(data)
    if actual != expected:
        found = KIND_NAMES[actual] if actual else "none of the accepted types"
        raise EvidenceRefused(
            f"{filename}: the name says {KIND_NAMES[expected]} but the content is {found}; "
            f"attach {ACCEPTED}"
        )
    return expected


def _follow_up_for(session: Session, follow_up_id: int, actor: Actor, doing: str) -> FollowUp:
    found = follow_up_context(session, follow_up_id)
    if found is None:
        raise EvidenceRefused(f"follow-up: there is no follow-up {follow_up_id}")
    follow_up, context = found
    require_follow_up_access(actor, context, doing)
    return follow_up


def attach_evidence(
    session: Session, *, actor: Actor, follow_up_id: int, filename: str, data: bytes
) -> EvidenceFile:
    """Store one evidence file on a follow-up with its size and SHA-256, audited."""
    _follow_up_for(session, follow_up_id, actor, f"attach evidence to follow-up {follow_up_id}")
    name = clean_filename(filename)
    content_type = checked_content_type(name, data)
    evidence = EvidenceFile(
        follow_up_id=follow_up_id,
        filename=name,
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor.display_name,
        uploaded_at=utc_now(),
        content=data,
    )
    session.add(evidence)
    session.flush()
    shown = {
        "follow_up_id": follow_up_id,
        "filename": name,
        "content_type": content_type,
        "size_bytes": evidence.size_bytes,
        "sha256": evidence.sha256,
    }
    record_change(
        session,
        actor=actor.username,
        action="create",
        entity=EVIDENCE_ENTITY,
        entity_key=f"{follow_up_id} | {name}"[:NAME_LENGTH],
        changes=field_changes({}, shown),
    )
    return evidence


def _info_columns() -> tuple[Any, ...]:
    return (
        EvidenceFile.id,
        EvidenceFile.follow_up_id,
        EvidenceFile.filename,
        EvidenceFile.content_type,
        EvidenceFile.size_bytes,
        EvidenceFile.sha256,
        EvidenceFile.uploaded_by,
        EvidenceFile.uploaded_at,
    )


def evidence_for(session: Session, *, actor: Actor, follow_up_id: int) -> list[EvidenceInfo]:
    """The files attached to a follow-up (without their content), oldest first."""
    require_role(actor, frozenset(Role), "read evidence")
    statement = (
        select(*_info_columns())
        .where(EvidenceFile.follow_up_id == follow_up_id)
        .order_by(EvidenceFile.id)
    )
    return [EvidenceInfo(*row) for row in session.exec(statement)]


def evidence_for_recommendation(
    session: Session, *, actor: Actor, recommendation_ref: str
) -> list[EvidenceInfo]:
    """Every file attached to any follow-up of a recommendation, oldest first."""
    require_role(actor, frozenset(Role), "read evidence")
    statement = (
        select(*_info_columns())
        .join(FollowUp, EvidenceFile.follow_up_id == FollowUp.id)
        .join(Recommendation, FollowUp.recommendation_id == Recommendation.id)
        .where(Recommendation.ref == recommendation_ref)
        .order_by(EvidenceFile.id)
    )
    return [EvidenceInfo(*row) for row in session.exec(statement)]


def evidence_download(session: Session, *, actor: Actor, evidence_id: int) -> EvidenceDownload:
    """One file's bytes; every logged-in role may download evidence (read-only for partners)."""
    require_role(actor, frozenset(Role), "download evidence")
    evidence = session.get(EvidenceFile, evidence_id)
    if evidence is None:
        raise EvidenceRefused(f"evidence: there is no evidence file {evidence_id}")
    return EvidenceDownload(evidence.filename, evidence.content_type, evidence.content)


def record_follow_up_with_evidence(
    session: Session, *, actor: Actor, files: Sequence[tuple[str, bytes]], **follow_up: Any
) -> FollowUp:
    """`record_follow_up` and then attach each file; any refusal leaves the caller to roll back."""
    recorded = record_follow_up(session, actor=actor, **follow_up)
    assert recorded.id is not None  # flushed by record_follow_up
    for filename, data in files:
        attach_evidence(
            session, actor=actor, follow_up_id=recorded.id, filename=filename, data=data
        )
    return recorded
