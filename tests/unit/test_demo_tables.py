"""The demo programme's files are exchange tables: exact headers, keys, values and references."""

import csv
from collections import Counter
from datetime import date

import pytest

from tests.unit.demo_programme import (
    COLUMNS,
    DEMO,
    INSPECTORS,
    KQS,
    OPEN_STATUSES,
    REGIONS,
    THEMES,
    load,
)


@pytest.fixture(scope="module")
def data():
    return {table: load(table) for table in COLUMNS}


@pytest.fixture(scope="module")
def anchor():
    return date.fromisoformat((DEMO / "ANCHOR").read_text(encoding="utf-8").strip())


def test_anchor_file_is_a_monday():
    assert (DEMO / "ANCHOR").read_bytes() == b"2026-11-02\n"
    assert date(2026, 11, 2).weekday() == 0


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_header_row_is_exactly_the_exchange_columns(table):
    with open(DEMO / f"{table}.csv", encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS[table].split()


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
        ("concerns", ("ref",)),
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
        "information sharing",
    }
    assert values("actions", "owner_org") <= {"cqc", "home office", "prime contractor", "provider"}
    assert values("actions", "status") <= {"open", "in progress", "done", "dropped"}


def test_every_column_of_every_file_is_filled_somewhere(data):
    for table, columns in COLUMNS.items():
        for column in columns.split():
            assert any(row[column] for row in data[table]), (table, column)


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
