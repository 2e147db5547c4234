"""The columns and files added so that nothing the app holds is lost in an export and import."""

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select

from dashboard.core.db import make_engine, upgrade
from dashboard.exchange import FORMATS, ImportRejected, export_programme, import_programme
from models import EvidenceFile, GoodPractice, Inspection, Meeting, Provider, Recommendation
from tests.services.exchange_data import PROGRAMME, write_files

SHA = hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()

# The hand-written programme with every added column and file filled in.
LOSSLESS: dict[str, str] = {
    **PROGRAMME,
    "inspections": PROGRAMME["inspections"]
    .replace(
        "early_outcome_letter_on\n",
        "early_outcome_letter_on,survey_responses,survey_languages,survivors_spoken_with,"
        "staff_interviewed,cases_reviewed,fa_outcome,quality_panel_review,internal_notes\n",
    )
    .replace("2022-03-29,\n", "2022-03-29,,7,English;Albanian,3,6,9,partly accepted,yes,CQC only\n")
    .replace(",,,,,\n", ",,,,,,0,,,,,,,\n")
    .replace("2023-05-12\n", "2023-05-12,,,,,,,no,\n"),
    "recommendations": """\
ref,inspection_ref,service_code,key_question,kloe,theme,risk,text,owner,due_on,status,closed_on,verified_by,verified_on,superseded_by,due_on_reason
REC-1,INS-1,SVC-A1,safe,S2,Safeguarding,high,"Review risk assessments, monthly",provider,2022-04-29,closed,2023-02-07,Ian Inspector,2023-02-07,,
REC-2,INS-1,,well-led,W4,Governance,medium,Audit staff training records,prime contractor,2022-06-30,superseded,2023-05-10,,,REC-3,
REC-3,INS-3,SVC-B1,safe,S1,Staffing,low,Publish the rota,provider,2023-09-01,open,,,,,Provider asked for time to recruit
""",  # noqa: E501
    "escalations": """\
ref,inspection_ref,raised_on,concern,escalated_to,early_outcome_letter_on,resolved_on,resolution_note
ESC-1,INS-1,2022-01-20,Fire exits blocked,prime contractor;home office,2022-01-21,2022-02-01,Exits cleared and checked
""",  # noqa: E501
    "meetings": """\
ref,held_on,kind,attendees,notes,provider_code
MTG-1,2023-03-14,mou governance,CQC; Home Office; The Salvation Army,Quarterly review,
MTG-2,2023-04-20,programme board,,,
MTG-3,2023-05-02,provider engagement,CQC allocated inspector,Action plan progress,PRV-A
MTG-4,2023-06-06,information sharing,CQC; local authority,Shared in confidence,PRV-B
""",
    "information_requests": """\
inspection_ref,asked_on,text,due_on,received_on,asked_by
INS-1,2022-01-19,Staff training records,2022-01-28,2022-01-26,Ian Inspector
INS-1,2022-01-19,Fire risk assessment,2022-01-28,,
""",
    "good_practice": """\
inspection_ref,theme,text,recorded_by,recorded_at
INS-1,Survivor involvement,Residents' forum shapes house rules,Ian Inspector,2022-01-20T16:30:00+00:00
INS-3,Staffing,Rota published a month ahead,Jo Inspector,2023-05-10T09:05:07.250000Z
""",  # noqa: E501
    "action_updates": """\
action_ref,on,by,note,status
ACT-1,2023-03-20,Pat Manager,Drafted,in progress
ACT-1,2023-03-30,Pat Manager,Shared,done
ACT-2,2023-04-25,,,
""",
    "evidence_files": f"""\
recommendation_ref,follow_up_on,follow_up_by,follow_up_note,filename,content_type,size_bytes,sha256,uploaded_by,uploaded_at
REC-1,2022-05-03,Ian Inspector,Evidence received,audit.pdf,application/pdf,17,{SHA},Ian Inspector,2022-05-03T10:00:00+00:00
REC-2,2022-07-01,,Chased,rota.pdf,application/pdf,17,{SHA.upper()},Ana Lead,2022-07-01T08:30:00+01:00
""",  # noqa: E501
    "concerns": """\
ref,received_on,source,provider_code,group_code,key_questions,summary,risk,status,response,inspection_ref,closed_on
CON-2022-001,2022-01-03,prime contractor,PRV-A,GRP-A1,well-led;safe,"Night staffing below plan; rota gaps",high,closed,focused inspection,INS-1,2022-03-29
CON-2023-001,2023-06-01,whistleblower,PRV-B,,,Supervision said to be irregular,medium,open,escalated,,
CON-2023-002,2023-06-02,other,PRV-A,,caring,Food choice raised by feedback form,low,open,,,
""",  # noqa: E501
}


@pytest.fixture
def lossless(session: Session, tmp_path: Path) -> Session:
    """The database holding every added column and file, committed."""
    import_programme(session, write_files(tmp_path / "lossless", LOSSLESS), actor="setup")
    session.commit()
    return session


def _fresh_export(source: Path, dest: Path, tmp_path: Path) -> None:
    """Import `source` into an empty database and export it to `dest`."""
    engine = make_engine(f"sqlite:///{tmp_path}/fresh-{dest.stem}.db")
    upgrade(engine)
    with Session(engine) as fresh:
        import_programme(fresh, source, actor="pm")
        fresh.commit()
        export_programme(fresh, dest)
    engine.dispose()


def _cell_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    workbook = load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_every_added_column_and_file_survives_export_and_import_into_an_empty_database(
    lossless: Session, tmp_path: Path
) -> None:
    export_programme(lossless, tmp_path / "first")
    _fresh_export(tmp_path / "first", tmp_path / "second", tmp_path)

    for fmt in FORMATS:
        first = (tmp_path / "first" / fmt.file_name).read_text(encoding="utf-8")
        assert (tmp_path / "second" / fmt.file_name).read_text(encoding="utf-8") == first
    written = (tmp_path / "first" / "evidence_files.csv").read_text(encoding="utf-8")
    assert f"rota.pdf,application/pdf,17,{SHA},Ana Lead,2022-07-01T07:30:00+00:00" in written
    good = (tmp_path / "first" / "good_practice.csv").read_text(encoding="utf-8")
    assert "2023-05-10T09:05:07.250000+00:00" in good


def test_the_workbook_round_trips_cell_for_cell(lossless: Session, tmp_path: Path) -> None:
    export_programme(lossless, tmp_path / "first.xlsx")
    _fresh_export(tmp_path / "first.xlsx", tmp_path / "second.xlsx", tmp_path)

    first = _cell_values(tmp_path / "first.xlsx")
    assert first == _cell_values(tmp_path / "second.xlsx")
    assert first["good_practice"][1][-1] == "2022-01-20T16:30:00+00:00"  # text: Excel has no offset


def test_added_values_are_stored_typed_and_linked(lossless: Session) -> None:
    ins = lossless.exec(select(Inspection).where(Inspection.ref == "INS-1")).one()
    assert (ins.survey_responses, ins.survey_languages, ins.cases_reviewed) == (
        7,
        "English;Albanian",
        9,
    )
    assert (ins.fa_outcome, ins.quality_panel_review) == ("partly accepted", True)
    recs = {r.ref: r for r in lossless.exec(select(Recommendation)).all()}
    assert recs["REC-2"].superseded_by_id == recs["REC-3"].id  # named before it was written
    assert (recs["REC-1"].verified_by, recs["REC-1"].verified_on) == (
        "Ian Inspector",
        date(2023, 2, 7),
    )
    providers = {p.id: p.code for p in lossless.exec(select(Provider)).all()}
    held_with = {m.ref: providers.get(m.provider_id) for m in lossless.exec(select(Meeting)).all()}
    assert held_with == {"MTG-1": None, "MTG-2": None, "MTG-3": "PRV-A", "MTG-4": "PRV-B"}
    evidence = lossless.exec(select(EvidenceFile).order_by(EvidenceFile.id)).all()
    assert [e.content for e in evidence] == [None, None]  # listed only: content is in backups
    assert evidence[1].sha256 == SHA
    recorded = lossless.exec(select(GoodPractice.recorded_at)).first()
    assert recorded is not None
    assert recorded.replace(tzinfo=recorded.tzinfo or UTC) == datetime(
        2022, 1, 20, 16, 30, tzinfo=UTC
    )


def test_reimporting_the_export_keeps_uploaded_content(lossless: Session, tmp_path: Path) -> None:
    stored = lossless.exec(select(EvidenceFile)).first()
    assert stored is not None
    stored.content = b"%PDF-1.4 evidence"
    lossless.commit()
    export_programme(lossless, tmp_path / "out")

    summary = import_programme(lossless, tmp_path / "out", actor="pm")

    assert (summary.total.created, summary.total.updated) == (0, 0)
    assert lossless.get(EvidenceFile, stored.id).content == b"%PDF-1.4 evidence"  # type: ignore[union-attr]


def test_shifting_moves_timestamps_with_the_dates(session: Session, tmp_path: Path) -> None:
    import_programme(session, write_files(tmp_path / "in", LOSSLESS), actor="pm", shift_days=7)

    recorded = session.exec(select(GoodPractice.recorded_at).order_by(GoodPractice.id)).first()
    assert recorded is not None and recorded.replace(tzinfo=None) == datetime(2022, 1, 27, 16, 30)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "recommendations",
            "superseded,2023-05-10,,,REC-3,",
            "superseded,2023-05-10,,,REC-9,",
            "recommendations.csv, row 3, superseded_by: unknown recommendation 'REC-9'",
        ),
        (
            "recommendations",
            "superseded,2023-05-10,,,REC-3,",
            "superseded,2023-05-10,,,REC-2,",
            "recommendations.csv, row 3, superseded_by: names this row's own ref 'REC-2'",
        ),
        (
            "evidence_files",
            "REC-2,2022-07-01,,Chased",
            "REC-2,2022-07-02,,Chased",
            "evidence_files.csv, row 3, recommendation_ref: unknown follow-up "
            "(recommendation_ref 'REC-2', follow_up_on '2022-07-02', "
            "follow_up_note 'Chased')",
        ),
        (
            "evidence_files",
            f"{SHA},Ian",
            "abc,Ian",
            "evidence_files.csv, row 2, sha256: 'abc' is not a SHA-256 checksum",
        ),
        (
            "good_practice",
            "2022-01-20T16:30:00+00:00",
            "2022-01-20 16:30",
            "good_practice.csv, row 2, recorded_at: '2022-01-20 16:30' is not a date and time "
            "with its UTC offset",
        ),
        (
            "inspections",
            "7,English;Albanian,3",
            "-7,English;Albanian,3",
            "inspections.csv, row 2, survey_responses: '-7' must be 0 or more",
        ),
        (
            "information_requests",
            "2022-01-19,Fire risk assessment,2022-01-28",
            "2022-01-19,Fire risk assessment,2022-01-18",
            "information_requests.csv, row 3, due_on: 2022-01-18 is before asked_on 2022-01-19",
        ),
        (
            "action_updates",
            "ACT-2,2023-04-25",
            "ACT-9,2023-04-25",
            "action_updates.csv, row 4, action_ref: unknown action 'ACT-9'",
        ),
    ],
)
def test_bad_added_cells_are_named_and_nothing_is_written(
    session: Session, tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    assert old in LOSSLESS[file]
    files = {**LOSSLESS, file: LOSSLESS[file].replace(old, new)}

    with pytest.raises(ImportRejected) as rejected:
        import_programme(session, write_files(tmp_path / "bad", files), actor="pm")

    assert [str(p) for p in rejected.value.problems if str(p).startswith(expected)], [
        str(p) for p in rejected.value.problems
    ]
    assert session.exec(select(Inspection)).first() is None


def test_evidence_may_name_a_follow_up_already_in_the_database(
    lossless: Session, tmp_path: Path
) -> None:
    row = LOSSLESS["evidence_files"].splitlines()
    other = row[1].replace("audit.pdf", "audit-2.pdf")
    source = write_files(tmp_path / "more", {"evidence_files": f"{row[0]}\n{other}\n"})

    summary = import_programme(lossless, source, actor="pm")

    assert summary.file("evidence_files").created == 1
