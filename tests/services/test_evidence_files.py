"""Evidence files: checked by content and size, stored with a checksum, or refused (none kept)."""

import hashlib
import re
from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard.core.permissions import Actor, PermissionDenied
from dashboard.core.vocabulary import Role
from dashboard.follow_ups.evidence_content import DOCX, XLSX
from dashboard.follow_ups.service import (
    MAX_EVIDENCE_BYTES,
    EvidenceRefused,
    attach_evidence,
    evidence_download,
    evidence_for,
    evidence_for_recommendation,
    record_follow_up,
    record_follow_up_with_evidence,
)
from models import AuditEntry, EvidenceFile, FollowUp, Inspection
from tests import factories as make
from tests.evidence_samples import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    image_bytes,
    office_zip,
    pdf_with_attachment,
    pdf_with_executable_after_header,
    pdf_with_open_javascript,
    pdf_with_zip_after_end,
    png_with_bad_header,
    workbook_bytes,
)

LEAD = Actor("amira", "Amira Shah", Role.INSPECTOR)
OTHER = Actor("ruth", "Ruth Pryce", Role.INSPECTOR)
PARTNER = Actor("partner", "Home Office (read-only)", Role.PARTNER)


@pytest.fixture
def follow_up_id(session: Session) -> int:
    """A follow-up on a recommendation from an inspection Amira Shah led."""
    provider = make.provider(session, "P1")
    group = make.group(session, "G1", provider)
    inspection = make.inspection(
        session, "I1", group, date(2026, 1, 12), lead_inspector="Amira Shah"
    )
    make.recommendation(session, "R1", inspection, date(2026, 3, 1))
    follow_up = record_follow_up(
        session,
        actor=LEAD,
        recommendation_ref="R1",
        on=date(2026, 2, 20),
        note="Action plan received.",
        new_status="evidence submitted",
    )
    session.commit()
    return follow_up.id


def stored(session: Session) -> int:
    return session.exec(select(func.count()).select_from(EvidenceFile)).one()


@pytest.mark.parametrize(
    ("filename", "data", "content_type"),
    [
        ("audit.pdf", PDF_BYTES, "application/pdf"),
        ("photo.PNG", PNG_BYTES, "image/png"),
        ("photo.jpeg", JPEG_BYTES, "image/jpeg"),
        ("rota.jpg", JPEG_BYTES, "image/jpeg"),
        ("policy.docx", office_zip("word/document.xml"), DOCX),
        ("tracker.xlsx", workbook_bytes(), XLSX),
    ],
)
def test_accepted_files_are_stored_with_size_checksum_uploader_and_time(
    session, follow_up_id, filename, data, content_type
):
    evidence = attach_evidence(
        session, actor=LEAD, follow_up_id=follow_up_id, filename=filename, data=data
    )
    session.commit()
    kept = session.get(EvidenceFile, evidence.id)
    assert (kept.filename, kept.content_type, kept.size_bytes) == (
        filename,
        content_type,
        len(data),
    )
    assert kept.sha256 == hashlib.sha256(data).hexdigest()
    assert kept.content == data
    assert kept.uploaded_by == "Amira Shah" and kept.uploaded_at is not None
    audit = session.exec(select(AuditEntry).where(AuditEntry.entity == "evidence_file")).one()
    assert audit.entity_key == f"{follow_up_id} | {filename}"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("report.pdf", PNG_BYTES, "the name says a PDF but the content is a PNG image"),
        ("tool.pdf", b"MZ\x90\x00" + b"\x00" * 60, "the content is none of the accepted types"),
        (
            "notes.docx",
            office_zip("xl/workbook.xml"),
            "says a Word document but the content is an Excel workbook",
        ),
        ("bundle.docx", office_zip("other/file.xml"), "none of the accepted types"),
        ("broken.xlsx", b"PK\x03\x04not really a zip", "none of the accepted types"),
        ("script.exe", PDF_BYTES, "not an accepted type"),
        ("notes.txt", b"plain text", "not an accepted type"),
        ("empty.pdf", b"", "the file is empty"),
    ],
)
def test_wrong_types_are_refused_whatever_the_name_and_nothing_is_stored(
    session, follow_up_id, filename, data, message
):
    with pytest.raises(EvidenceRefused, match=message):
        attach_evidence(
            session, actor=LEAD, follow_up_id=follow_up_id, filename=filename, data=data
        )
    session.rollback()
    assert stored(session) == 0


def attach_refused(session: Session, follow_up_id: int, filename: str, data: bytes) -> str:
    """The refusal's sentence for this file, after checking nothing of it was kept."""
    with pytest.raises(EvidenceRefused) as refused:
        attach_evidence(
            session, actor=LEAD, follow_up_id=follow_up_id, filename=filename, data=data
        )
    session.rollback()
    assert stored(session) == 0
    assert not session.exec(select(AuditEntry).where(AuditEntry.entity == "evidence_file")).all()
    return str(refused.value)


HOSTILE = [
    (
        "polyglot.pdf",
        pdf_with_executable_after_header(),
        "polyglot.pdf: does not go on like a PDF after its first line",
    ),
    (
        "appended.pdf",
        pdf_with_zip_after_end(),
        r"appended.pdf: has content after the end of the PDF \(%%EOF\)",
    ),
    ("no-end.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n", "no-end.pdf: has content after the end"),
    (
        "hollow.pdf",
        b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "hollow.pdf: cannot be opened as a PDF",
    ),
    ("attached.pdf", pdf_with_attachment(), "attached.pdf: the PDF carries attached files"),
    (
        "script.pdf",
        pdf_with_open_javascript(),
        "script.pdf: the PDF carries an action that runs JavaScript",
    ),
    (
        "macro.docx",
        office_zip("word/document.xml", "word/vbaProject.bin"),
        r"macro.docx: holds a macro project \(word/vbaProject.bin\); save it without macros",
    ),
    (
        "macro.xlsx",
        office_zip("xl/workbook.xml", "xl/VBAPROJECT.BIN"),
        r"macro.xlsx: holds a macro project \(xl/VBAPROJECT.BIN\)",
    ),
    (
        "bomb.xlsx",
        office_zip("xl/worksheets/sheet1.xml", "xl/workbook.xml", ratio_of=300 * 2**20),
        "bomb.xlsx: xl/worksheets/sheet1.xml is compressed more than 200 to 1: refused",
    ),
    (
        "bad.png",
        png_with_bad_header(),
        "bad.png: the image's header cannot be read",
    ),
    ("cut.jpg", JPEG_BYTES[:12], "cut.jpg: the image's header cannot be read"),
    (
        "huge.png",
        image_bytes("PNG", (12_000, 9_000), mode="1"),
        "huge.png: the image is over 100 megapixels",
    ),
]


@pytest.mark.parametrize(
    ("filename", "data", "message"), HOSTILE, ids=[case[0] for case in HOSTILE]
)
def test_hostile_files_are_refused_with_a_sentence_naming_them_and_nothing_is_stored(
    session, follow_up_id, filename, data, message
):
    assert len(data) <= MAX_EVIDENCE_BYTES  # refused for what they hold, not their size
    assert re.match(message, attach_refused(session, follow_up_id, filename, data))


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("plan\x00.pdf", r"plan\\x00.pdf: the file name holds U\+0000"),
        ("plan.pdf\x00.exe", r"plan.pdf\\x00.exe: the file name holds U\+0000"),
        ("\x1b[31mplan.pdf", r"\\x1b\[31mplan.pdf: the file name holds U\+001B"),
        ("plan\u202efdp.exe", r"plan\\u202efdp.exe: the file name holds U\+202E \(RIGHT-TO-LEFT"),
        ("plan\n.pdf", r"plan\\x0a.pdf: the file name holds U\+000A"),
        ("../", "../: the file has no name"),
        ("..\\..\\", r"..\\..\\: the file has no name"),
    ],
)
def test_names_with_control_characters_or_no_name_are_refused(
    session, follow_up_id, filename, message
):
    assert re.match(message, attach_refused(session, follow_up_id, filename, PDF_BYTES))


def test_a_name_climbing_folders_is_stored_as_its_own_name_only(session, follow_up_id):
    evidence = attach_evidence(
        session,
        actor=LEAD,
        follow_up_id=follow_up_id,
        filename="../../etc/plan.pdf",
        data=PDF_BYTES,
    )
    assert evidence.filename == "plan.pdf"


def test_a_file_over_10_mb_is_refused_and_exactly_10_mb_is_accepted(session, follow_up_id):
    too_big = PDF_BYTES + b"\x00" * (MAX_EVIDENCE_BYTES + 1 - len(PDF_BYTES))
    with pytest.raises(EvidenceRefused, match="big.pdf: 10.0 MB is over the 10 MB limit"):
        attach_evidence(
            session, actor=LEAD, follow_up_id=follow_up_id, filename="big.pdf", data=too_big
        )
    session.rollback()
    assert stored(session) == 0
    attach_evidence(
        session, actor=LEAD, follow_up_id=follow_up_id, filename="max.pdf", data=too_big[:-1]
    )
    assert stored(session) == 1


def test_folders_are_stripped_from_the_name(session, follow_up_id):
    evidence = attach_evidence(
        session,
        actor=LEAD,
        follow_up_id=follow_up_id,
        filename="C:\\Users\\x\\..\\plan.pdf",
        data=PDF_BYTES,
    )
    assert evidence.filename == "plan.pdf"


@pytest.mark.parametrize("actor", [OTHER, PARTNER])
def test_only_those_who_may_follow_up_may_attach(session, follow_up_id, actor):
    with pytest.raises(PermissionDenied, match="may not attach evidence"):
        attach_evidence(
            session, actor=actor, follow_up_id=follow_up_id, filename="a.pdf", data=PDF_BYTES
        )
    session.rollback()
    assert stored(session) == 0


def _final_report_sent(session: Session) -> None:
    inspection = session.exec(select(Inspection).where(Inspection.ref == "I1")).one()
    inspection.final_sent_on = date(2026, 2, 27)
    session.add(inspection)
    session.commit()


def test_everyone_logged_in_may_list_and_download(session, follow_up_id):
    evidence = attach_evidence(
        session, actor=LEAD, follow_up_id=follow_up_id, filename="audit.pdf", data=PDF_BYTES
    )
    _final_report_sent(session)  # partners see evidence only of reports sent to them
    listed = evidence_for(session, actor=PARTNER, follow_up_id=follow_up_id)
    assert [(item.filename, item.size_bytes) for item in listed] == [("audit.pdf", len(PDF_BYTES))]
    by_rec = evidence_for_recommendation(session, actor=PARTNER, recommendation_ref="R1")
    assert [item.id for item in by_rec] == [evidence.id]
    download = evidence_download(session, actor=PARTNER, evidence_id=evidence.id)
    assert (download.filename, download.content_type, download.data) == (
        "audit.pdf",
        "application/pdf",
        PDF_BYTES,
    )


def test_a_partner_gets_no_evidence_until_the_final_report_is_sent(session, follow_up_id):
    evidence = attach_evidence(
        session, actor=LEAD, follow_up_id=follow_up_id, filename="audit.pdf", data=PDF_BYTES
    )
    session.commit()
    assert evidence_for(session, actor=PARTNER, follow_up_id=follow_up_id) == []
    assert evidence_for_recommendation(session, actor=PARTNER, recommendation_ref="R1") == []
    with pytest.raises(EvidenceRefused, match="no evidence file"):
        evidence_download(session, actor=PARTNER, evidence_id=evidence.id)
    assert [i.id for i in evidence_for(session, actor=OTHER, follow_up_id=follow_up_id)] == [
        evidence.id
    ]
    assert evidence_download(session, actor=OTHER, evidence_id=evidence.id).data == PDF_BYTES


def test_a_refused_file_undoes_the_follow_up_recorded_with_it(session, follow_up_id):
    before = session.exec(select(func.count()).select_from(FollowUp)).one()
    with pytest.raises(EvidenceRefused):
        record_follow_up_with_evidence(
            session,
            actor=LEAD,
            files=[("ok.pdf", PDF_BYTES), ("bad.pdf", PNG_BYTES)],
            recommendation_ref="R1",
            on=date(2026, 2, 21),
            note="More evidence.",
            new_status="evidence submitted",
        )
    session.rollback()
    assert session.exec(select(func.count()).select_from(FollowUp)).one() == before
    assert stored(session) == 0


def test_unknown_follow_up_is_refused(session, follow_up_id):
    with pytest.raises(EvidenceRefused, match="no follow-up 999"):
        attach_evidence(session, actor=LEAD, follow_up_id=999, filename="a.pdf", data=PDF_BYTES)
