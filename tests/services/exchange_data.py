"""A small hand-written programme in the data exchange format, and ways to inspect a database."""

from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, select

import models  # noqa: F401  (registers every table)

PROGRAMME: dict[str, str] = {
    "mou_terms": """\
ref,starts_on,ends_on,note
MOU-1,2021-04-01,2023-03-31,First term
MOU-2,2023-04-01,2025-06-30,Extended to June 2025
""",
    "providers": """\
code,name,lead_contact_name,lead_contact_email,lead_contact_phone,allocated_inspector
PRV-A,Amber Support,Ana Lead,ana@amber.example,020 7946 0001,Ian Inspector
PRV-B,Birch Care,,,,Jo Inspector
""",
    "inspection_groups": """\
code,name,provider_code,basis
GRP-A1,Amber North,PRV-A,location
GRP-A2,Amber South,PRV-A,management
GRP-B1,Birch Wales,PRV-B,
""",
    "services": """\
code,name,provider_code,group_code,service_type,region,opened_on,closed_on,bed_spaces,accommodates_children
SVC-A1,Amber House,PRV-A,GRP-A1,safehouse,North East,2021-05-01,,12,yes
SVC-A2,Amber Outreach,PRV-A,GRP-A1,outreach,North East,2021-06-01,,,
SVC-A3,Amber Lodge,PRV-A,GRP-A2,safehouse,South West,2022-01-10,2023-12-31,6,no
SVC-B1,Birch House,PRV-B,GRP-B1,safehouse,Wales,2022-03-01,,8,no
""",  # noqa: E501
    "inspections": """\
ref,group_code,inspection_type,mode,key_questions,trigger,lead_inspector,announced_on,pir_requested_on,pir_returned_on,start_on,end_on,draft_sent_on,fa_returned_on,final_sent_on,early_outcome_letter_on
INS-1,GRP-A1,comprehensive,on-site,,new service,Ian Inspector,2022-01-04,2022-01-04,2022-01-10,2022-01-18,2022-01-19,2022-02-15,2022-03-01,2022-03-29,
INS-2,GRP-A1,focused,remote,safe;responsive,follow-up,Ian Inspector,,,,2023-02-07,,,,,
INS-3,GRP-B1,assurance,on-site,,routine,Jo Inspector,,,,2023-05-09,2023-05-10,,,,2023-05-12
""",  # noqa: E501
    "judgements": """\
inspection_ref,key_question,judgement
INS-1,safe,not meeting
INS-1,effective,meeting
INS-1,caring,meeting
INS-1,responsive,meeting
INS-1,well-led,not meeting
INS-2,safe,meeting
INS-2,responsive,meeting
INS-3,safe,meeting
INS-3,well-led,meeting
""",
    "recommendations": """\
ref,inspection_ref,service_code,key_question,kloe,theme,risk,text,owner,due_on,status,closed_on
REC-1,INS-1,SVC-A1,safe,S2,Safeguarding,high,"Review risk assessments, monthly",provider,2022-04-29,closed,2023-02-07
REC-2,INS-1,,well-led,W4,Governance,medium,Audit staff training records,prime contractor,2022-06-30,in progress,
REC-3,INS-3,SVC-B1,safe,S1,Staffing,low,Publish the rota,provider,,open,
""",  # noqa: E501
    "follow_ups": """\
recommendation_ref,on,by,note,status
REC-1,2022-05-03,Ian Inspector,Evidence received,evidence submitted
REC-1,2023-02-07,Ian Inspector,Verified on site,closed
REC-2,2022-07-01,,Chased,in progress
""",
    "escalations": """\
ref,inspection_ref,raised_on,concern,escalated_to,early_outcome_letter_on,resolved_on
ESC-1,INS-1,2022-01-20,Fire exits blocked,prime contractor;home office,2022-01-21,2022-02-01
""",
    "meetings": """\
ref,held_on,kind,attendees,notes
MTG-1,2023-03-14,mou governance,CQC; Home Office; The Salvation Army,Quarterly review
MTG-2,2023-04-20,programme board,,
""",
    "actions": """\
ref,meeting_ref,text,owner_org,owner_name,due_on,status,closed_on
ACT-1,MTG-1,Share the coverage report,cqc,Pat Manager,2023-03-31,done,2023-03-30
ACT-2,MTG-2,Confirm the new sites,home office,,2023-05-31,open,
""",
}

ROW_COUNTS = {name: text.count("\n") - 1 for name, text in PROGRAMME.items()}


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Write `{name: csv text}` as NAME.csv files into `folder` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary key order, to compare a database before and after."""
    session.flush()
    return {
        table.name: [
            tuple(row)
            for row in session.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in SQLModel.metadata.sorted_tables
    }
