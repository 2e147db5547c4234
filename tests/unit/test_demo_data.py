"""The committed demo programme (seed_data/demo) has the shape the product relies on."""

import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta

import pytest

from dashboard.recommendations.rules import falls_due_on
from tests.unit.demo_programme import (
    BANK_HOLIDAYS,
    COLUMNS,
    DEMO,
    GENERATOR,
    KLOES,
    KQS,
    OPEN_STATUSES,
    ROOT,
    day,
    is_open,
    load,
)


@pytest.fixture(scope="module")
def data():
    return {table: load(table) for table in COLUMNS}


@pytest.fixture(scope="module")
def anchor():
    return date.fromisoformat((DEMO / "ANCHOR").read_text(encoding="utf-8").strip())


def test_counts(data):
    assert len(data["providers"]) == 12
    assert 30 <= len(data["inspection_groups"]) <= 45
    assert 90 <= len(data["services"]) <= 110
    assert 4 <= len(data["escalations"]) <= 6


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
        "concerns": ("summary",),
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


def test_concerns(data, anchor):
    concerns = data["concerns"]
    groups = {g["code"]: g["provider_code"] for g in data["inspection_groups"]}
    inspections = {i["ref"]: i for i in data["inspections"]}
    assert 10 <= len(concerns) <= 14
    assert {c["source"] for c in concerns} == {
        "prime contractor",
        "home office",
        "provider",
        "whistleblower",
        "anti-slavery commissioner",
        "other",
    }
    assert [c["response"] for c in concerns].count("escalated") == 1
    assert 3 <= [c["status"] for c in concerns].count("closed") < len(concerns)
    for c in concerns:
        assert day(c["received_on"]) <= anchor, c["ref"]
        assert (c["status"] == "closed") == bool(c["closed_on"]), c["ref"]
        assert not c["closed_on"] or day(c["received_on"]) <= day(c["closed_on"]) <= anchor
        assert not c["group_code"] or groups[c["group_code"]] == c["provider_code"], c["ref"]
    [led] = [c for c in concerns if c["inspection_ref"]]
    inspection = inspections[led["inspection_ref"]]
    assert (led["response"], inspection["inspection_type"]) == ("focused inspection", "focused")
    assert led["key_questions"] == inspection["key_questions"]
    assert day(led["received_on"]) < day(inspection["start_on"])
