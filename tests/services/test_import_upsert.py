"""Importing creates, then updates only what changed, with an audit entry for each write."""

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from dashboard.core.db import make_engine, upgrade
from dashboard.exchange import FORMATS, import_programme
from models import (
    AuditEntry,
    Escalation,
    FollowUp,
    Inspection,
    InspectionGroup,
    JudgementRecord,
    Meeting,
    Provider,
    Recommendation,
    Service,
)
from tests.services.exchange_data import PROGRAMME, ROW_COUNTS, dump, write_files


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The small hand-written programme as a folder of CSV files."""
    return write_files(tmp_path / "programme", PROGRAMME)


def test_first_import_creates_every_row(session: Session, source: Path) -> None:
    summary = import_programme(session, source, actor="pm")
    session.commit()

    assert [f.name for f in summary.files] == [fmt.name for fmt in FORMATS if fmt.name in PROGRAMME]
    assert {f.name: f.created for f in summary.files} == ROW_COUNTS
    assert summary.total.created == sum(ROW_COUNTS.values()) == 34
    assert summary.total.updated == summary.total.unchanged == 0


def test_imported_rows_hold_typed_values_and_links(session: Session, source: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()

    house = session.exec(select(Service).where(Service.code == "SVC-A1")).one()
    group = session.get(InspectionGroup, house.group_id)
    provider = session.get(Provider, house.provider_id)
    assert (house.bed_spaces, house.accommodates_children, house.opened_on) == (
        12,
        True,
        date(2021, 5, 1),
    )
    assert group is not None and provider is not None
    assert (group.code, provider.code) == ("GRP-A1", "PRV-A")
    outreach = session.exec(select(Service).where(Service.code == "SVC-A2")).one()
    assert (outreach.bed_spaces, outreach.accommodates_children) == (None, None)

    focused = session.exec(select(Inspection).where(Inspection.ref == "INS-2")).one()
    assert (focused.inspection_type, focused.mode, focused.key_questions, focused.end_on) == (
        "focused",
        "remote",
        "safe;responsive",
        None,
    )
    assurance = session.exec(select(Inspection).where(Inspection.ref == "INS-3")).one()
    assert assurance.key_questions is None
    judgements = session.exec(
        select(JudgementRecord).where(JudgementRecord.inspection_id == assurance.id)
    ).all()
    assert sorted((j.key_question, j.judgement) for j in judgements) == [
        ("safe", "meeting"),
        ("well-led", "meeting"),
    ]

    overall = session.exec(select(Recommendation).where(Recommendation.ref == "REC-2")).one()
    assert (overall.service_id, overall.owner, overall.status) == (
        None,
        "prime contractor",
        "in progress",
    )
    chased = session.exec(select(FollowUp).where(FollowUp.note == "Chased")).one()
    assert (chased.made_on, chased.made_by, chased.recommendation_id) == (
        date(2022, 7, 1),
        None,
        overall.id,
    )
    escalation = session.exec(select(Escalation)).one()
    assert escalation.escalated_to == "prime contractor;home office"


def test_every_created_row_has_a_create_audit_entry(session: Session, source: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()

    entries = session.exec(select(AuditEntry)).all()
    assert len(entries) == 34
    assert {(e.username, e.action) for e in entries} == {("pm", "create")}
    judgement = next(e for e in entries if e.entity == "judgements")
    assert judgement.entity_key == "INS-1 | safe"
    provider = next(e for e in entries if e.entity_key == "PRV-A")
    assert json.loads(provider.changes or "{}")["name"] == [None, "Amber Support"]


def test_reimport_reports_every_row_unchanged_and_writes_nothing(
    session: Session, source: Path
) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    before = dump(session)

    summary = import_programme(session, source, actor="pm")

    assert {f.name: f.unchanged for f in summary.files} == ROW_COUNTS
    assert summary.total.created == summary.total.updated == 0
    assert dump(session) == before


def test_changing_one_cell_updates_that_row_only_with_before_and_after(
    session: Session, source: Path
) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    changed = PROGRAMME["services"].replace("2021-05-01,,12,yes", "2021-05-01,,14,yes")
    write_files(source, {"services": changed})

    summary = import_programme(session, source, actor="inspector")
    session.commit()

    services = summary.file("services")
    assert (services.created, services.updated, services.unchanged) == (0, 1, 3)
    assert summary.total.updated == 1
    house = session.exec(select(Service).where(Service.code == "SVC-A1")).one()
    assert (house.bed_spaces, house.version) == (14, 2)
    update = session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert (update.username, update.entity, update.entity_key) == (
        "inspector",
        "services",
        "SVC-A1",
    )
    assert json.loads(update.changes or "{}") == {"bed_spaces": [12, 14]}


def test_changing_a_link_updates_it_by_code(session: Session, source: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    write_files(
        source,
        {
            "recommendations": PROGRAMME["recommendations"].replace(
                "REC-2,INS-1,,", "REC-2,INS-1,SVC-A2,"
            )
        },
    )

    summary = import_programme(session, source, actor="pm")

    assert summary.file("recommendations").updated == 1
    update = session.exec(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert json.loads(update.changes or "{}") == {"service_code": [None, "SVC-A2"]}


def test_follow_up_with_a_new_note_is_created_and_identical_one_unchanged(
    session: Session, source: Path
) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    extra = "REC-2,2022-07-01,,Chased again,in progress\n"
    write_files(source, {"follow_ups": PROGRAMME["follow_ups"] + extra})

    summary = import_programme(session, source, actor="pm")

    follow_ups = summary.file("follow_ups")
    assert (follow_ups.created, follow_ups.updated, follow_ups.unchanged) == (1, 0, 3)


def test_omitted_optional_column_keeps_stored_values(session: Session, source: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    names_only = write_files(
        source.parent / "names",
        {"providers": "code,name\nPRV-A,Amber Support Ltd\nPRV-B,Birch Care\n"},
    )

    summary = import_programme(session, names_only, actor="pm")

    assert (summary.total.updated, summary.total.unchanged) == (1, 1)
    amber = session.exec(select(Provider).where(Provider.code == "PRV-A")).one()
    assert (amber.name, amber.lead_contact_email) == ("Amber Support Ltd", "ana@amber.example")


def test_references_resolve_against_the_database(session: Session, source: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    later = write_files(
        source.parent / "later",
        {
            "inspections": PROGRAMME["inspections"].splitlines()[0]
            + "\nINS-4,GRP-A2,focused,on-site,caring,concern,,,,,2024-02-06,,,,,\n",
            "judgements": "inspection_ref,key_question,judgement\nINS-4,caring,meeting\n",
        },
    )

    summary = import_programme(session, later, actor="pm")

    assert (summary.file("inspections").created, summary.file("judgements").created) == (1, 1)


def test_dry_run_counts_without_writing(session: Session, source: Path) -> None:
    before = dump(session)

    summary = import_programme(session, source, actor="pm", dry_run=True)

    assert summary.dry_run
    assert {f.name: f.created for f in summary.files} == ROW_COUNTS
    assert not session.new and not session.dirty
    assert dump(session) == before
    assert "dry run: nothing was saved" in summary.format_summary()


def test_dry_run_of_a_change_counts_the_update_without_writing(
    session: Session, source: Path
) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    before = dump(session)
    write_files(source, {"meetings": PROGRAMME["meetings"].replace("Quarterly", "Annual")})

    summary = import_programme(session, source, actor="pm", dry_run=True)

    assert (summary.total.updated, summary.file("meetings").updated) == (1, 1)
    assert dump(session) == before


def test_shift_days_moves_every_date(session: Session, source: Path, tmp_path: Path) -> None:
    import_programme(session, source, actor="pm")
    session.commit()
    shifted_engine = make_engine(f"sqlite:///{tmp_path}/shifted.db")
    upgrade(shifted_engine)

    with Session(shifted_engine) as shifted:
        import_programme(shifted, source, actor="pm", shift_days=7)
        shifted.commit()
        compared = 0
        for fmt in FORMATS:
            model = fmt.model
            dates = [c.attribute for c in fmt.columns if c.kind == "date"]
            plain = session.exec(select(model).order_by(model.id)).all()  # type: ignore[attr-defined]
            moved = shifted.exec(select(model).order_by(model.id)).all()  # type: ignore[attr-defined]
            for original, later in zip(plain, moved, strict=True):
                for name in dates:
                    was, now = getattr(original, name), getattr(later, name)
                    assert (now - was).days == 7 if was else now is None
                    compared += 1 if was else 0
    shifted_engine.dispose()
    assert compared == 35


def test_progress_is_reported_per_file(session: Session, source: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    import_programme(session, source, actor="pm", on_progress=lambda *a: seen.append(a))

    assert ("services", 0, 4) in seen and ("services", 4, 4) in seen
    finished = [name for name, done, total in seen if done == total]
    assert finished == [f.name for f in FORMATS if f.name in PROGRAMME]


def test_utf8_with_byte_order_mark_is_accepted(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "bom"
    folder.mkdir()
    (folder / "providers.csv").write_bytes("code,name\nPRV-C,Café Care\n".encode("utf-8-sig"))
    (folder / "notes.txt").write_text("not part of the import")

    summary = import_programme(session, folder, actor="pm")

    assert summary.file("providers").created == 1
    cafe = session.exec(select(Provider)).one()
    assert cafe.name == "Café Care"


def test_cells_are_stripped_and_enumerations_lower_cased(session: Session, tmp_path: Path) -> None:
    folder = write_files(
        tmp_path / "messy",
        {"meetings": "ref,held_on,kind\n  MTG-9 , 2024-01-09 ,Programme Board\n"},
    )

    import_programme(session, folder, actor="pm")

    assert import_programme(session, folder, actor="pm").total.unchanged == 1
    meeting = session.exec(select(Meeting)).one()
    assert (meeting.ref, meeting.held_on, meeting.kind) == (
        "MTG-9",
        date(2024, 1, 9),
        "programme board",
    )
