"""An import with any problem is rejected whole: every problem reported, nothing written."""

from pathlib import Path

import pytest
from sqlmodel import Session

from dashboard.exchange import ImportRejected, Problem, import_programme, read_upload
from tests.services.exchange_data import PROGRAMME, dump, write_files

SERVICES_HEADER = (
    "code,name,provider_code,group_code,service_type,region,opened_on,closed_on,"
    "bed_spaces,accommodates_children\n"
)
INSPECTIONS_HEADER = (
    "ref,group_code,inspection_type,mode,key_questions,trigger,lead_inspector,announced_on,"
    "pir_requested_on,pir_returned_on,start_on,end_on,draft_sent_on,fa_returned_on,"
    "final_sent_on,early_outcome_letter_on\n"
)
RECOMMENDATIONS_HEADER = (
    "ref,inspection_ref,service_code,key_question,kloe,theme,risk,text,owner,due_on,status,"
    "closed_on\n"
)
PROVIDER_COLUMNS = (
    "code, name, lead_contact_name, lead_contact_email, lead_contact_phone, allocated_inspector"
)


def service(
    *,
    code: str = "SVC-N1",
    provider: str = "PRV-A",
    group: str = "GRP-A1",
    kind: str = "safehouse",
    opened: str = "2024-01-08",
    closed: str = "",
    beds: str = "4",
    children: str = "no",
) -> str:
    """One services.csv row, valid unless a cell is overridden."""
    return (
        f"{code},New House,{provider},{group},{kind},London,{opened},{closed},{beds},{children}\n"
    )


def inspection(
    *,
    ref: str = "INS-N1",
    kind: str = "comprehensive",
    questions: str = "",
    start: str = "2024-03-05",
    end: str = "",
    pir: str = "",
    pir_back: str = "",
) -> str:
    """One inspections.csv row of group GRP-A1, valid unless a cell is overridden."""
    return (
        f"{ref},GRP-A1,{kind},on-site,{questions},routine,Ian Inspector,,{pir},{pir_back},"
        f"{start},{end},,,,\n"
    )


CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "unknown column",
        {"providers": "code,name,colour\nPRV-C,Cedar,blue\n"},
        [f"providers.csv, row 1, colour: unknown column; providers.csv has: {PROVIDER_COLUMNS}"],
    ),
    (
        "missing required column",
        {"inspection_groups": "code,name\nGRP-C1,Cedar\n"},
        ["inspection_groups.csv, row 1, provider_code: required column is missing"],
    ),
    (
        "required cell empty",
        {"providers": "code,name\nPRV-C,\n"},
        ["providers.csv, row 2, name: a value is required"],
    ),
    (
        "value outside an enumeration",
        {"services": SERVICES_HEADER + service(kind="hostel")},
        [
            "services.csv, row 2, service_type: 'hostel' is not allowed; "
            "use one of: safehouse, outreach"
        ],
    ),
    (
        "impossible date",
        {"services": SERVICES_HEADER + service(opened="2023-02-29")},
        ["services.csv, row 2, opened_on: '2023-02-29' is not a real date (use YYYY-MM-DD)"],
    ),
    (
        "date not written ISO",
        {"services": SERVICES_HEADER + service(opened="08/01/2024")},
        ["services.csv, row 2, opened_on: '08/01/2024' is not a date (use YYYY-MM-DD)"],
    ),
    (
        "whole number expected",
        {"services": SERVICES_HEADER + service(beds="four")},
        ["services.csv, row 2, bed_spaces: 'four' is not a whole number"],
    ),
    (
        "negative bed spaces",
        {"services": SERVICES_HEADER + service(beds="-1")},
        ["services.csv, row 2, bed_spaces: '-1' must be 0 or more"],
    ),
    (
        "yes or no expected",
        {"services": SERVICES_HEADER + service(children="sometimes")},
        [
            "services.csv, row 2, accommodates_children: 'sometimes' is not allowed; "
            "use one of: yes, no"
        ],
    ),
    (
        "unknown key question in a list",
        {"inspections": INSPECTIONS_HEADER + inspection(kind="focused", questions="safe;kind")},
        [
            "inspections.csv, row 2, key_questions: 'kind' is not allowed; use one or more of: "
            "safe, effective, caring, responsive, well-led, separated by ';'"
        ],
    ),
    (
        "duplicate code names both rows",
        {"providers": "code,name\nPRV-C,Cedar\nPRV-D,Damson\nPRV-C,Cedar again\n"},
        ["providers.csv, row 4, code: 'PRV-C' is on rows 2 and 4; each code is unique"],
    ),
    (
        "unknown provider",
        {"services": SERVICES_HEADER + service(provider="PRV-Z")},
        [
            "services.csv, row 2, provider_code: unknown provider 'PRV-Z': "
            "not in providers.csv or the database"
        ],
    ),
    (
        "unknown meeting",
        {
            "actions": "ref,meeting_ref,text,owner_org,due_on,status\n"
            "ACT-9,MTG-9,Write it up,cqc,2024-01-31,open\n"
        },
        [
            "actions.csv, row 2, meeting_ref: unknown meeting 'MTG-9': "
            "not in meetings.csv or the database"
        ],
    ),
    (
        "unknown recommendation",
        {"follow_ups": "recommendation_ref,on,by,note,status\nREC-9,2024-01-31,Ian,Chased,\n"},
        [
            "follow_ups.csv, row 2, recommendation_ref: unknown recommendation 'REC-9': "
            "not in recommendations.csv or the database"
        ],
    ),
    (
        "service in another provider's group",
        {"services": SERVICES_HEADER + service(provider="PRV-B", group="GRP-A1")},
        [
            "services.csv, row 2, group_code: inspection group 'GRP-A1' belongs to provider "
            "'PRV-A', not 'PRV-B'"
        ],
    ),
    (
        "recommendation for a service outside the inspected group",
        {
            "recommendations": RECOMMENDATIONS_HEADER
            + "REC-9,INS-1,SVC-B1,safe,S1,Staffing,low,Fix it,provider,,open,\n"
        },
        [
            "recommendations.csv, row 2, service_code: service 'SVC-B1' is in inspection group "
            "'GRP-B1', but inspection 'INS-1' is of group 'GRP-A1'"
        ],
    ),
    (
        "inspection ends before it starts",
        {"inspections": INSPECTIONS_HEADER + inspection(start="2024-03-05", end="2024-03-04")},
        ["inspections.csv, row 2, end_on: 2024-03-04 is before start_on 2024-03-05"],
    ),
    (
        "MoU term ends before it starts",
        {"mou_terms": "ref,starts_on,ends_on\nMOU-3,2025-07-01,2025-06-30\n"},
        ["mou_terms.csv, row 2, ends_on: 2025-06-30 is before starts_on 2025-07-01"],
    ),
    (
        "service closed before it opened",
        {"services": SERVICES_HEADER + service(opened="2024-01-08", closed="2023-12-31")},
        ["services.csv, row 2, closed_on: 2023-12-31 is before opened_on 2024-01-08"],
    ),
    (
        "PIR returned before it was requested",
        {"inspections": INSPECTIONS_HEADER + inspection(pir="2024-02-20", pir_back="2024-02-19")},
        [
            "inspections.csv, row 2, pir_returned_on: 2024-02-19 is before "
            "pir_requested_on 2024-02-20"
        ],
    ),
    (
        "focused inspection without key questions",
        {"inspections": INSPECTIONS_HEADER + inspection(kind="focused")},
        [
            "inspections.csv, row 2, key_questions: "
            "a focused inspection must name at least one key question"
        ],
    ),
    (
        "focused inspection in a file without a key_questions column",
        {
            "inspections": "ref,group_code,inspection_type,start_on\n"
            "INS-N1,GRP-A1,focused,2024-03-05\n"
        },
        [
            "inspections.csv, row 2, key_questions: "
            "a focused inspection must name at least one key question"
        ],
    ),
    (
        "comprehensive inspection naming fewer than five key questions",
        {"inspections": INSPECTIONS_HEADER + inspection(questions="safe;caring")},
        [
            "inspections.csv, row 2, key_questions: "
            "a comprehensive inspection covers all five key questions: leave it empty"
        ],
    ),
    (
        "assurance inspection without safe",
        {"inspections": INSPECTIONS_HEADER + inspection(kind="assurance", questions="well-led")},
        [
            "inspections.csv, row 2, key_questions: "
            "an assurance inspection covers safe and well-led at least (it may add others)"
        ],
    ),
    (
        "a narrower scope leaving stored judgements outside it",
        {
            "inspections": "ref,group_code,inspection_type,key_questions,start_on\n"
            "INS-2,GRP-A1,focused,responsive,2023-02-07\n"
        },
        [
            "inspections.csv, row 2, key_questions: "
            "judgements are recorded on safe; keep them in scope"
        ],
    ),
    (
        "judgement outside an assurance inspection's scope",
        {"judgements": "inspection_ref,key_question,judgement\nINS-3,caring,meeting\n"},
        [
            "judgements.csv, row 2, key_question: 'caring' is outside the scope of inspection "
            "'INS-3' (safe, well-led)"
        ],
    ),
    (
        "judgement outside a focused inspection's scope, both in this import",
        {
            "inspections": INSPECTIONS_HEADER + inspection(kind="focused", questions="caring"),
            "judgements": "inspection_ref,key_question,judgement\nINS-N1,safe,meeting\n",
        },
        [
            "judgements.csv, row 2, key_question: 'safe' is outside the scope of inspection "
            "'INS-N1' (caring)"
        ],
    ),
    (
        "two judgements on one key question",
        {
            "judgements": "inspection_ref,key_question,judgement\n"
            "INS-1,safe,meeting\nINS-1,caring,meeting\nINS-1,Safe,not meeting\n"
        },
        [
            "judgements.csv, row 4, key_question: rows 2 and 4 both have inspection_ref 'INS-1' "
            "and key_question 'safe'; only one is allowed"
        ],
    ),
    (
        "text longer than the database holds",
        {
            "recommendations": RECOMMENDATIONS_HEADER
            + "REC-9,INS-1,,safe,S1-AND-MORE-TEXT,,low,Fix it,,,open,\n"
        },
        ["recommendations.csv, row 2, kloe: is 16 characters long; at most 10 fit"],
    ),
    (
        "value in a column without a header",
        {"providers": "code,name\nPRV-C,Cedar,stray\n"},
        ["providers.csv, row 2: 'stray' is in column C, which has no header"],
    ),
    (
        "blank rows still count towards the row number",
        {"providers": "code,name\nPRV-C,Cedar\n,\n\nPRV-D,\n"},
        ["providers.csv, row 5, name: a value is required"],
    ),
    (
        "unknown csv file",
        {"providers": "code,name\nPRV-C,Cedar\n", "inspectors": "name\nIan\n"},
        [
            "inspectors.csv: is not a file of the data exchange format; expected one of: "
            "mou_terms.csv, providers.csv, inspection_groups.csv, services.csv, "
            "inspections.csv, judgements.csv, recommendations.csv, follow_ups.csv, "
            "escalations.csv, meetings.csv, actions.csv, information_requests.csv, "
            "good_practice.csv, action_updates.csv, evidence_files.csv, "
            "national_recommendations.csv, national_recommendation_updates.csv, concerns.csv"
        ],
    ),
    (
        "a good file is not written when another file is bad",
        {
            "providers": "code,name\nPRV-C,Cedar Care\n",
            "inspection_groups": "code,name,provider_code\nGRP-C1,Cedar One,PRV-C\n",
            "services": SERVICES_HEADER + service(provider="PRV-C", group="GRP-C1", beds="x"),
        },
        ["services.csv, row 2, bed_spaces: 'x' is not a whole number"],
    ),
    (
        "several problems in several files reported at once, in file and row order",
        {
            "services": SERVICES_HEADER
            + service(code="SVC-N1", opened="2024-13-01")
            + service(code="SVC-N2", kind="house", group="GRP-Q"),
            "providers": "code,name,colour\nPRV-C,\n",
            "judgements": "inspection_ref,key_question,judgement\nINS-1,safe,good\n",
        },
        [
            f"providers.csv, row 1, colour: unknown column; providers.csv has: {PROVIDER_COLUMNS}",
            "providers.csv, row 2, name: a value is required",
            "services.csv, row 2, opened_on: '2024-13-01' is not a real date (use YYYY-MM-DD)",
            "services.csv, row 3, group_code: unknown inspection group 'GRP-Q': "
            "not in inspection_groups.csv or the database",
            "services.csv, row 3, service_type: 'house' is not allowed; "
            "use one of: safehouse, outreach",
            "judgements.csv, row 2, judgement: 'good' is not allowed; "
            "use one of: meeting, not meeting",
        ],
    ),
]


@pytest.fixture
def programme(session: Session, tmp_path: Path) -> Session:
    """The database holding the small hand-written programme, committed."""
    import_programme(session, write_files(tmp_path / "programme", PROGRAMME), actor="setup")
    session.commit()
    return session


@pytest.mark.parametrize(
    ("files", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_rejected_import_reports_every_problem_and_writes_nothing(
    programme: Session, tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    before = dump(programme)
    source = write_files(tmp_path / "bad", files)

    with pytest.raises(ImportRejected) as rejected:
        import_programme(programme, source, actor="tester")

    assert [str(problem) for problem in rejected.value.problems] == expected
    assert all(line in str(rejected.value) for line in expected)
    assert not programme.new and not programme.dirty
    assert dump(programme) == before


def test_dry_run_is_rejected_the_same_way(programme: Session, tmp_path: Path) -> None:
    before = dump(programme)
    source = write_files(tmp_path / "bad", {"providers": "code,name\nPRV-C,\n"})

    with pytest.raises(ImportRejected):
        import_programme(programme, source, actor="tester", dry_run=True)

    assert dump(programme) == before


def test_header_problem_is_located_on_row_one_by_column() -> None:
    problem = Problem("services.csv", 1, "colour", "unknown column")

    assert str(problem) == "services.csv, row 1, colour: unknown column"


def test_file_that_is_not_utf8_is_rejected(programme: Session) -> None:
    before = dump(programme)
    source = read_upload("providers.csv", "code,name\nPRV-C,Caf\xe9\n".encode("latin-1"))

    with pytest.raises(ImportRejected) as rejected:
        import_programme(programme, source, actor="tester")

    assert [str(p) for p in rejected.value.problems] == [
        "providers.csv, row 2: is not UTF-8 text; save the file as 'CSV UTF-8'"
    ]
    assert dump(programme) == before


def test_missing_source_is_rejected(programme: Session, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_programme(programme, tmp_path / "nowhere", actor="tester")

    assert str(rejected.value.problems[0]) == f"{tmp_path / 'nowhere'}: does not exist"
