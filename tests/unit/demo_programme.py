"""The committed demo programme (seed_data/demo) as the demo-data tests read it."""

import csv
from datetime import date
from pathlib import Path

import holidays

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "seed_data" / "demo"
GENERATOR = ROOT / "seed_data" / "generate_demo.py"

COLUMNS = {
    "providers": "code name lead_contact_name lead_contact_email lead_contact_phone "
    "allocated_inspector",
    "inspection_groups": "code name provider_code basis",
    "services": "code name provider_code group_code service_type region opened_on closed_on "
    "bed_spaces accommodates_children",
    "inspections": "ref group_code inspection_type mode key_questions trigger lead_inspector "
    "announced_on pir_requested_on pir_returned_on start_on end_on draft_sent_on "
    "fa_returned_on final_sent_on early_outcome_letter_on status cancelled_reason "
    "survey_responses survey_languages survivors_spoken_with staff_interviewed cases_reviewed "
    "fa_outcome quality_panel_review internal_notes",
    "judgements": "inspection_ref key_question judgement",
    "recommendations": "ref inspection_ref service_code key_question kloe theme risk text owner "
    "due_on status closed_on verified_by verified_on superseded_by due_on_reason",
    "follow_ups": "recommendation_ref on by note status",
    "escalations": "ref inspection_ref raised_on concern escalated_to early_outcome_letter_on "
    "resolved_on resolution_note",
    "meetings": "ref held_on kind attendees notes provider_code",
    "actions": "ref meeting_ref text owner_org owner_name due_on status closed_on",
    "mou_terms": "ref starts_on ends_on note",
    "information_requests": "inspection_ref asked_on text due_on received_on asked_by",
    "good_practice": "inspection_ref theme text recorded_by recorded_at",
    "action_updates": "action_ref on by note status",
    "evidence_files": "recommendation_ref follow_up_on follow_up_by follow_up_note filename "
    "content_type size_bytes sha256 uploaded_by uploaded_at",
    "concerns": "ref received_on source provider_code group_code key_questions summary risk "
    "status response inspection_ref closed_on",
}
INSPECTORS = {"Amira Shah", "Tom Okafor", "Ruth Pryce", "Daniel Evans", "Grace Lin"}
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
    "Wales",
}
KQS = ("safe", "effective", "caring", "responsive", "well-led")
KLOES = {"safe": 6, "effective": 7, "caring": 3, "responsive": 3, "well-led": 5}
THEMES = {
    "risk oversight",
    "children's needs",
    "estates and fire safety",
    "staffing and training",
    "outreach caseloads",
    "out-of-hours admissions",
}
OPEN_STATUSES = {"open", "in progress", "evidence submitted"}
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")


def load(table):
    with open(DEMO / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(value):
    return date.fromisoformat(value) if value else None


def is_open(service, on):
    closed = day(service["closed_on"])
    return day(service["opened_on"]) <= on and (closed is None or closed > on)
