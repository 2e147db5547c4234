"""The committed demo programme (seed_data/demo) has the shape the product relies on."""

import csv
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest

from dashboard.recommendations.rules import falls_due_on

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
    "meetings": "ref held_on kind attendees notes",
    "actions": "ref meeting_ref text owner_org owner_name due_on status closed_on",
    "mou_terms": "ref starts_on ends_on note",
    "information_requests": "inspection_ref asked_on text due_on received_on asked_by",
    "good_practice": "inspection_ref theme text recorded_by recorded_at",
    "action_updates": "action_ref on by note status",
    "evidence_files": "recommendation_ref follow_up_on follow_up_by follow_up_note filename "
    "content_type size_bytes sha256 uploaded_by uploaded_at",
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


@pytest.fixture(scope="module")
def data():
    return {table: load(table) for table in COLUMNS}


@pytest.fixture(scope="module")
def anchor():
    return date.fromisoformat((DEMO / "ANCHOR").read_text(encoding="utf-8").strip())


def is_open(service, on):
    closed = day(service["closed_on"])
    return day(service["opened_on"]) <= on and (closed is None or closed > on)


def test_anchor_file_is_a_monday():
    assert (DEMO / "ANCHOR").read_bytes() == b"2026-11-02\n"
    assert date(2026, 11, 2).weekday() == 0


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_header_row_is_exactly_the_exchange_columns(table):
    with open(DEMO / f"{table}.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS[table].split()


def test_counts(data):
    assert len(data["providers"]) == 12
    assert 30 <= len(data["inspection_groups"]) <= 45
    assert 90 <= len(data["services"]) <= 110
    assert 4 <= len(data["escalations"]) <= 6


@pytest.mark.parametrize(
    "table, key",
    [
        ("providers", ("code",)),
        ("inspection_groups", ("code",)),
        ("services", ("code",)),
        ("inspections", ("ref",)),
        ("judgements", ("inspection_ref", "key_question")),
        ("recommendations", ("ref",)),
        ("follow_ups", ("recommendation_ref", "on")),
        ("escalations", ("ref",)),
        ("meetings", ("ref",)),
        ("actions", ("ref",)),
        ("mou_terms", ("ref",)),
        ("information_requests", ("inspection_ref", "asked_on", "text")),
        ("good_practice", ("inspection_ref", "theme", "text")),
        ("action_updates", ("action_ref", "on", "by", "note")),
        (
            "evidence_files",
            ("recommendation_ref", "follow_up_on", "follow_up_by", "follow_up_note", "sha256"),
        ),
    ],
)
def test_keys_are_unique(data, table, key):
    counts = Counter(tuple(row[k] for k in key) for row in data[table])
    assert [k for k, n in counts.items() if n > 1] == []


def test_references_resolve(data):
    providers = {p["code"] for p in data["providers"]}
    groups = {g["code"]: g for g in data["inspection_groups"]}
    services = {s["code"]: s for s in data["services"]}
    inspections = {i["ref"]: i for i in data["inspections"]}
    recs = {r["ref"] for r in data["recommendations"]}
    meetings = {m["ref"] for m in data["meetings"]}
    assert all(g["provider_code"] in providers for g in groups.values())
    for s in services.values():
        assert groups[s["group_code"]]["provider_code"] == s["provider_code"], s["code"]
    assert all(i["group_code"] in groups for i in inspections.values())
    for table in ("judgements", "recommendations", "escalations"):
        assert all(row["inspection_ref"] in inspections for row in data[table]), table
    for r in data["recommendations"]:
        if r["service_code"]:
            group = inspections[r["inspection_ref"]]["group_code"]
            assert services[r["service_code"]]["group_code"] == group, r["ref"]
    assert all(f["recommendation_ref"] in recs for f in data["follow_ups"])
    assert all(a["meeting_ref"] in meetings for a in data["actions"])


def test_enumerations_are_valid(data):
    def values(table, column):
        return {row[column] for row in data[table]}

    assert values("providers", "allocated_inspector") <= INSPECTORS
    assert values("inspection_groups", "basis") <= {"location", "management"}
    assert values("services", "service_type") == {"safehouse", "outreach"}
    assert values("services", "region") == REGIONS
    assert values("services", "accommodates_children") <= {"yes", "no"}
    assert values("inspections", "inspection_type") == {"comprehensive", "focused", "assurance"}
    assert values("inspections", "mode") == {"on-site", "remote"}
    assert values("inspections", "trigger") == {
        "new service",
        "home office request",
        "follow-up",
        "concern",
        "routine",
    }
    assert values("inspections", "lead_inspector") == INSPECTORS
    listed = {kq for i in data["inspections"] for kq in i["key_questions"].split(";") if kq}
    assert listed <= set(KQS)
    assert values("judgements", "key_question") <= set(KQS)
    assert values("judgements", "judgement") == {"meeting", "not meeting"}
    assert values("recommendations", "key_question") == set(KQS)
    assert values("recommendations", "theme") == THEMES
    assert values("recommendations", "risk") == {"high", "medium", "low"}
    assert values("recommendations", "owner") <= {
        "provider",
        "prime contractor",
        "home office",
        "cqc",
    }
    statuses = OPEN_STATUSES | {"closed", "superseded"}
    assert values("recommendations", "status") <= statuses
    assert values("follow_ups", "status") <= statuses
    assert values("meetings", "kind") == {
        "mou governance",
        "programme board",
        "provider engagement",
    }
    assert values("actions", "owner_org") <= {"cqc", "home office", "prime contractor", "provider"}
    assert values("actions", "status") <= {"open", "in progress", "done", "dropped"}


def test_contact_details_are_fictional(data):
    for p in data["providers"]:
        assert p["lead_contact_email"].endswith("@example.org")
        assert p["lead_contact_phone"].startswith("01632 960")


def test_services_are_consistent(data):
    for s in data["services"]:
        if s["closed_on"]:
            assert day(s["closed_on"]) > day(s["opened_on"]), s["code"]
        if s["service_type"] == "safehouse":
            assert 4 <= int(s["bed_spaces"]) <= 30, s["code"]
        else:
            assert s["bed_spaces"] == "" and s["accommodates_children"] == "no", s["code"]


def test_inspection_dates(data):
    opened = {}
    for s in data["services"]:
        opened[s["group_code"]] = min(opened.get(s["group_code"], date.max), day(s["opened_on"]))
    for i in data["inspections"]:
        start = day(i["start_on"])
        assert start.weekday() < 5 and start not in BANK_HOLIDAYS, i["ref"]
        assert start >= opened[i["group_code"]], i["ref"]
        end = day(i["end_on"]) or start
        assert start <= end <= start + timedelta(days=5), i["ref"]
        chain = [
            i["announced_on"],
            i["start_on"],
            i["draft_sent_on"],
            i["fa_returned_on"],
            i["final_sent_on"],
        ]
        dates = [day(d) for d in chain if d]
        assert dates == sorted(dates), i["ref"]
        assert i["pir_requested_on"] == i["announced_on"], i["ref"]


def test_planned_inspections_have_no_outcomes(data, anchor):
    judged = {j["inspection_ref"] for j in data["judgements"]}
    planned = [i for i in data["inspections"] if day(i["start_on"]) > anchor]
    assert planned
    for i in planned:
        assert not (i["draft_sent_on"] or i["final_sent_on"] or i["ref"] in judged), i["ref"]
        assert all(day(i[c]) <= anchor for c in ("announced_on", "pir_returned_on") if i[c])


def test_scopes_and_judgements(data):
    judged = {}
    for j in data["judgements"]:
        judged.setdefault(j["inspection_ref"], []).append(j["key_question"])
    for i in data["inspections"]:
        if i["inspection_type"] == "focused":
            assert i["key_questions"], i["ref"]
        if i["inspection_type"] == "assurance":
            assert i["key_questions"] in ("", "safe;well-led"), i["ref"]
        scope = (
            i["key_questions"].split(";")
            if i["key_questions"]
            else (list(KQS) if i["inspection_type"] == "comprehensive" else ["safe", "well-led"])
        )
        if i["ref"] in judged:
            assert judged[i["ref"]] == scope, i["ref"]


def test_recommendations(data, anchor):
    inspections = {i["ref"]: i for i in data["inspections"]}
    for r in data["recommendations"]:
        letter, number = r["kloe"][0], int(r["kloe"][1:])
        assert letter == r["key_question"][0].upper(), r["ref"]
        assert 1 <= number <= KLOES[r["key_question"]], r["ref"]
        ins = inspections[r["inspection_ref"]]
        due = falls_due_on(day(r["due_on"]), r["risk"], day(ins["final_sent_on"]))
        assert due is None or due > day(ins["start_on"]), r["ref"]
        finished = r["status"] in ("closed", "superseded")
        assert bool(r["closed_on"]) == finished, r["ref"]
        if finished:
            ins = inspections[r["inspection_ref"]]
            assert day(ins["end_on"] or ins["start_on"]) < day(r["closed_on"]) <= anchor, r["ref"]
    overdue = [
        r
        for r in data["recommendations"]
        if r["status"] in OPEN_STATUSES
        and (due := _falls_due(r, inspections)) is not None
        and due < anchor
    ]
    assert len(overdue) >= 5


def _falls_due(rec, inspections):
    ins = inspections[rec["inspection_ref"]]
    return falls_due_on(day(rec["due_on"]), rec["risk"], day(ins["final_sent_on"]))


def test_most_recommendations_fall_due_from_the_final_report(data):
    """Most leave `due_on` blank (the clock starts with the final report); a few have a date of
    their own, some of them before their final report was sent."""
    inspections = {i["ref"]: i for i in data["inspections"]}
    recs = data["recommendations"]
    given = [r for r in recs if r["due_on"]]
    assert 0.05 * len(recs) < len(given) < 0.2 * len(recs)
    waiting = [r for r in recs if not inspections[r["inspection_ref"]]["final_sent_on"]]
    assert any(r["due_on"] for r in waiting) and any(not r["due_on"] for r in waiting)
    assert all(_falls_due(r, inspections) is None for r in waiting if not r["due_on"])


def test_follow_ups(data, anchor):
    inspections = {i["ref"]: i for i in data["inspections"]}
    recs = {r["ref"]: r for r in data["recommendations"]}
    trail = {}
    for f in data["follow_ups"]:
        trail.setdefault(f["recommendation_ref"], []).append(f)
    for ref, updates in trail.items():
        rec = recs[ref]
        ins = inspections[rec["inspection_ref"]]
        dates = [day(f["on"]) for f in updates]
        assert dates == sorted(dates), ref
        assert dates[0] > (day(ins["end_on"]) or day(ins["start_on"])), ref
        assert dates[-1] <= (day(rec["closed_on"]) or anchor), ref
        assert updates[-1]["status"] == rec["status"] or rec["status"] in OPEN_STATUSES, ref
    for rec in recs.values():
        if rec["status"] == "closed":
            assert trail[rec["ref"]][-1]["status"] == "closed", rec["ref"]


def test_coverage_situations_as_of_anchor(data, anchor):
    services, done = {}, {}
    for s in data["services"]:
        services.setdefault(s["group_code"], []).append(s)
    for i in data["inspections"]:
        if day(i["start_on"]) <= anchor and i["status"] == "carried out":
            done.setdefault(i["group_code"], []).append(day(i["start_on"]))
    status = Counter()
    for code, members in services.items():
        if not any(is_open(s, anchor) for s in members):
            status["inactive"] += 1
            continue
        if code not in done:
            status["never inspected"] += 1
            continue
        last = max(done[code])
        next_due = date(last.year + 1, last.month, min(last.day, 28 if last.month == 2 else 31))
        gap = (next_due - anchor).days
        status["overdue" if gap < 0 else "due soon" if gap <= 60 else "in date"] += 1
    assert status["inactive"] >= 1
    assert status["never inspected"] >= 1
    assert status["overdue"] >= 1 and status["due soon"] >= 1
    assert status["in date"] > status["overdue"] + status["due soon"]


def test_escalations(data, anchor):
    inspections = {i["ref"]: i for i in data["inspections"]}
    for e in data["escalations"]:
        ins = inspections[e["inspection_ref"]]
        assert day(ins["start_on"]) <= day(e["raised_on"]) <= anchor, e["ref"]
        assert e["early_outcome_letter_on"] == ins["early_outcome_letter_on"], e["ref"]
        assert e["escalated_to"] == "prime contractor;home office"
        if e["resolved_on"]:
            assert day(e["raised_on"]) < day(e["resolved_on"]) <= anchor, e["ref"]
    assert any(not e["resolved_on"] for e in data["escalations"])
    assert any(e["early_outcome_letter_on"] for e in data["escalations"])


def test_meetings_and_actions(data, anchor):
    meetings = {m["ref"]: m for m in data["meetings"]}
    kinds = Counter(m["kind"] for m in meetings.values())
    assert kinds["mou governance"] >= 20 and kinds["programme board"] >= 60
    assert any(
        day(m["held_on"]) > anchor for m in meetings.values() if m["kind"] == "mou governance"
    )
    for a in data["actions"]:
        held = day(meetings[a["meeting_ref"]]["held_on"])
        assert held <= anchor and day(a["due_on"]) > held, a["ref"]
        assert bool(a["closed_on"]) == (a["status"] in ("done", "dropped")), a["ref"]
        if a["closed_on"]:
            assert held < day(a["closed_on"]) <= anchor, a["ref"]


def test_mou_terms_are_contiguous_and_cover_the_anchor(data, anchor):
    terms = sorted(data["mou_terms"], key=lambda t: t["starts_on"])
    for earlier, later in zip(terms, terms[1:], strict=False):
        assert day(later["starts_on"]) == day(earlier["ends_on"]) + timedelta(days=1)
    assert day(terms[0]["ends_on"]) == date(2023, 3, 31)
    current = terms[-1]
    assert day(current["starts_on"]) <= anchor < day(current["ends_on"])
    assert 120 <= (day(current["ends_on"]) - anchor).days <= 310


def test_every_column_of_every_file_is_filled_somewhere(data):
    for table, columns in COLUMNS.items():
        for column in columns.split():
            assert any(row[column] for row in data[table]), (table, column)


def test_inspection_status_planned_ahead_and_exactly_one_cancelled(data, anchor):
    statuses = Counter(i["status"] for i in data["inspections"])
    assert statuses["cancelled"] == 1 and statuses["planned"] >= 3
    for i in data["inspections"]:
        assert bool(i["cancelled_reason"]) == (i["status"] == "cancelled"), i["ref"]
        if i["status"] == "planned":
            assert day(i["start_on"]) > anchor, i["ref"]
        if i["status"] != "carried out":
            assert not (i["draft_sent_on"] or i["survey_responses"] or i["fa_outcome"]), i["ref"]


def test_survivor_voice_is_counts_only(data):
    for i in data["inspections"]:
        for column in ("survey_responses", "survivors_spoken_with", "cases_reviewed"):
            assert i[column] == "" or int(i[column]) >= 0, i["ref"]
        languages = [name for name in i["survey_languages"].split(";") if name]
        assert len(languages) <= int(i["survey_responses"] or 0), i["ref"]
        if i["quality_panel_review"] == "yes":
            assert i["fa_outcome"] in ("accepted", "partly accepted"), i["ref"]


def test_added_records_resolve_and_agree(data, anchor):
    recs = {r["ref"]: r for r in data["recommendations"]}
    inspections = {i["ref"] for i in data["inspections"]}
    follow_ups = {
        (f["recommendation_ref"], f["on"], f["by"], f["note"]) for f in data["follow_ups"]
    }
    for r in recs.values():
        assert bool(r["verified_by"]) == (r["status"] == "closed") == bool(r["verified_on"])
        if r["superseded_by"]:
            assert r["status"] == "superseded", r["ref"]
            assert recs[r["superseded_by"]]["status"] != "superseded", r["ref"]
    for table in ("information_requests", "good_practice"):
        assert all(row["inspection_ref"] in inspections for row in data[table]), table
    actions = {a["ref"] for a in data["actions"]}
    assert all(u["action_ref"] in actions for u in data["action_updates"])
    for e in data["evidence_files"]:
        key = (e["recommendation_ref"], e["follow_up_on"], e["follow_up_by"], e["follow_up_note"])
        assert key in follow_ups, e
        assert len(e["sha256"]) == 64 and e["uploaded_at"].endswith("+00:00")
    for request in data["information_requests"]:
        assert request["asked_on"] <= request["due_on"], request
        assert request["asked_on"] <= (request["received_on"] or anchor.isoformat()), request


def test_no_note_names_a_date_the_shift_would_move(data):
    months = "January February March April May June July August September October November "
    pattern = re.compile(r"\b(19|20)\d\d\b|\b(" + "|".join(months.split() + ["December"]) + r")\b")
    wording = {
        "mou_terms": ("note",),
        "meetings": ("notes",),
        "actions": ("text",),
        "follow_ups": ("note",),
        "inspections": ("cancelled_reason", "internal_notes"),
        "recommendations": ("text", "due_on_reason"),
        "escalations": ("concern", "resolution_note"),
        "information_requests": ("text",),
        "good_practice": ("text",),
        "action_updates": ("note",),
    }
    for table, columns in wording.items():
        for row in data[table]:
            for column in columns:
                assert not pattern.search(row[column]), (table, column, row[column])


def test_generator_reproduces_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)], check=True, cwd=ROOT)
    committed = sorted(p.name for p in DEMO.iterdir() if p.is_file())
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    for name in committed:
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), name
