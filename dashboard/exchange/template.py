"""A blank data exchange workbook: every sheet with its header and one worked example row.

The example rows refer to each other (provider → group → service → inspection → ...), so the
template imports cleanly as it stands; header comments say what each column takes.
"""

from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment

from dashboard.core.table_export import fill_sheet, workbook_bytes
from dashboard.exchange.cells import TIMESTAMP_EXAMPLE
from dashboard.exchange.formats import FORMATS, LIST_SEPARATOR, Column, FileFormat, Kind

D = date.fromisoformat
# One worked example per file, by column name; empty columns are left out.
EXAMPLES: dict[str, dict[str, Any]] = {
    "mou_terms": {
        "ref": "EX-MOU",
        "starts_on": D("2025-07-01"),
        "ends_on": D("2028-03-31"),
        "note": "Example term: replace or delete every example row before importing",
    },
    "providers": {
        "code": "EX-P",
        "name": "Example Provider Trust",
        "lead_contact_name": "Alex Example",
        "lead_contact_email": "alex@example.org",
        "lead_contact_phone": "01632 960000",
        "allocated_inspector": "Sam Inspector",
    },
    "inspection_groups": {
        "code": "EX-G",
        "name": "Example – Riverside cluster",
        "provider_code": "EX-P",
        "basis": "location",
    },
    "services": {
        "code": "EX-S",
        "name": "Riverside House",
        "provider_code": "EX-P",
        "group_code": "EX-G",
        "service_type": "safehouse",
        "region": "North West",
        "opened_on": D("2025-09-01"),
        "bed_spaces": 8,
        "accommodates_children": "yes",
    },
    "inspections": {
        "ref": "EX-INS",
        "group_code": "EX-G",
        "inspection_type": "comprehensive",
        "mode": "on-site",
        "trigger": "new service",
        "lead_inspector": "Sam Inspector",
        "announced_on": D("2026-01-05"),
        "pir_requested_on": D("2026-01-05"),
        "pir_returned_on": D("2026-01-12"),
        "start_on": D("2026-01-19"),
        "end_on": D("2026-01-20"),
        "draft_sent_on": D("2026-02-16"),
        "fa_returned_on": D("2026-03-02"),
        "final_sent_on": D("2026-03-30"),
        "status": "carried out",
        "survey_responses": 6,
        "survey_languages": "English;Albanian",
        "survivors_spoken_with": 4,
        "staff_interviewed": 5,
        "cases_reviewed": 8,
        "fa_outcome": "partly accepted",
        "quality_panel_review": "no",
        "internal_notes": "CQC only, never shown to partners: counts only, no survivor details",
    },
    "judgements": {"inspection_ref": "EX-INS", "key_question": "safe", "judgement": "meeting"},
    "recommendations": {
        "ref": "EX-REC",
        "inspection_ref": "EX-INS",
        "service_code": "EX-S",
        "key_question": "safe",
        "kloe": "S2",
        "theme": "Safeguarding",
        "risk": "medium",
        "text": "Review risk assessments every month",
        "owner": "provider",
        "due_on": D("2026-05-29"),
        "status": "open",
        "due_on_reason": "Agreed with the provider: training places are booked for May",
    },
    "follow_ups": {
        "recommendation_ref": "EX-REC",
        "on": D("2026-04-15"),
        "by": "Sam Inspector",
        "note": "Evidence requested",
        "status": "in progress",
    },
    "escalations": {
        "ref": "EX-ESC",
        "inspection_ref": "EX-INS",
        "raised_on": D("2026-01-21"),
        "concern": "Fire exit blocked on the first floor",
        "escalated_to": f"prime contractor{LIST_SEPARATOR}home office",
        "early_outcome_letter_on": D("2026-01-23"),
        "resolved_on": D("2026-02-06"),
        "resolution_note": "Exit cleared and checked at a return visit",
    },
    "meetings": {
        "ref": "EX-MTG",
        "held_on": D("2026-02-10"),
        "kind": "mou governance",
        "attendees": "CQC; Home Office; The Salvation Army",
        "notes": "Quarterly review",
    },
    "actions": {
        "ref": "EX-ACT",
        "meeting_ref": "EX-MTG",
        "text": "Share the coverage report",
        "owner_org": "cqc",
        "owner_name": "Pat Manager",
        "due_on": D("2026-02-28"),
        "status": "open",
    },
    "information_requests": {
        "inspection_ref": "EX-INS",
        "asked_on": D("2026-01-20"),
        "text": "Staff training records for the last 12 months",
        "due_on": D("2026-01-29"),
        "received_on": D("2026-01-27"),
        "asked_by": "Sam Inspector",
    },
    "good_practice": {
        "inspection_ref": "EX-INS",
        "theme": "Survivor involvement",
        "text": "Residents' forum shapes the house rules every quarter",
        "recorded_by": "Sam Inspector",
        "recorded_at": "2026-01-21T16:30:00+00:00",
    },
    "action_updates": {
        "action_ref": "EX-ACT",
        "on": D("2026-02-20"),
        "by": "Pat Manager",
        "note": "Report drafted",
        "status": "in progress",
    },
    "evidence_files": {
        "recommendation_ref": "EX-REC",
        "follow_up_on": D("2026-04-15"),
        "follow_up_by": "Sam Inspector",
        "follow_up_note": "Evidence requested",
        "filename": "risk-assessment-audit.pdf",
        "content_type": "application/pdf",
        "size_bytes": 48213,
        "sha256": "9f2c5d1e8b7a6f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e",
        "uploaded_by": "Sam Inspector",
        "uploaded_at": "2026-04-15T11:02:00+00:00",
    },
    "national_recommendations": {
        "ref": "EX-NR",
        "programme_year": 2025,
        "owner_org": "home office",
        "text": "Reduce the time survivors wait for conclusive grounds decisions",
        "due_on": D("2027-03-31"),
        "status": "open",
    },
    "national_recommendation_updates": {
        "national_recommendation_ref": "EX-NR",
        "on": D("2027-01-15"),
        "by": "Pat Manager",
        "note": "Raised at the MoU governance meeting",
        "status": "in progress",
    },
    "concerns": {
        "ref": "EX-CON",
        "received_on": D("2025-12-01"),
        "source": "prime contractor",
        "provider_code": "EX-P",
        "group_code": "EX-G",
        "key_questions": f"safe{LIST_SEPARATOR}well-led",
        "summary": "Safeguarding review found night staffing below the agreed level",
        "risk": "high",
        "status": "closed",
        "response": "focused inspection",
        "inspection_ref": "EX-INS",
        "closed_on": D("2026-01-20"),
    },
}


def column_help(column: Column) -> str:
    """What a column takes, in a sentence, for the header's comment."""
    need = "Required." if column.required else "Optional."
    if column.references:
        what = f"The code/ref of a row in {column.references}."
    elif column.part_of:
        file, _, position = column.part_of
        what = f"Key column {position + 1} of the row of {file} this row belongs to."
    elif column.kind is Kind.DATE:
        what = "A date, YYYY-MM-DD."
    elif column.kind is Kind.TIMESTAMP:
        what = f"A date and time with its UTC offset, e.g. {TIMESTAMP_EXAMPLE} (written in UTC)."
    elif column.kind is Kind.SHA256:
        what = "The file's SHA-256 checksum, 64 hexadecimal digits."
    elif column.kind is Kind.INT:
        what = "A whole number" + (
            f", {column.minimum} or more." if column.minimum is not None else "."
        )
    elif column.kind is Kind.YES_NO:
        what = "yes or no."
    elif column.kind is Kind.ENUM:
        what = "One of: " + ", ".join(column.values) + "."
    elif column.kind is Kind.ENUM_LIST:
        what = f"Any of ({LIST_SEPARATOR}-separated): " + ", ".join(column.values) + "."
    else:
        what = "Text."
    return f"{need} {what}"


def _sheet(workbook: Workbook, fmt: FileFormat) -> None:
    example = EXAMPLES[fmt.name]
    sheet = workbook.create_sheet(fmt.name)
    fill_sheet(sheet, fmt.column_names, [[example.get(name) for name in fmt.column_names]])
    for index, column in enumerate(fmt.columns, start=1):
        sheet.cell(row=1, column=index).comment = Comment(column_help(column), "template")


def template_workbook_bytes() -> bytes:
    """The template: a sheet per file in dependency order, header and one example row each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for fmt in FORMATS:
        _sheet(workbook, fmt)
    return workbook_bytes(workbook, "Data exchange template")
