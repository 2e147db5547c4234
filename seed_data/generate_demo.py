"""Generate the fictional demo programme as CSV files in the data exchange format.

Usage: python seed_data/generate_demo.py [OUTPUT_DIR]    (default: seed_data/demo)

Deterministic: a fixed random seed and a fixed anchor date, so re-running reproduces the files
byte for byte. Everything is invented; no survivor or case details appear anywhere.
"""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

import demo_text as text
from demo_calendar import ANCHOR, DAY, add_wd, is_open, next_wd, nth_weekday, rand_date
from demo_concerns import make_concerns
from demo_inspections import (
    make_escalations,
    make_follow_ups,
    make_inspections,
    make_recommendations,
)
from demo_national import make_national_recommendation_updates, make_national_recommendations
from demo_records import (
    add_cancelled_inspection,
    add_recommendation_trail,
    add_resolution_notes,
    add_status_and_evidence,
    make_action_updates,
    make_evidence_files,
    make_good_practice,
    make_information_requests,
)

from dashboard.core.csv_file import write_csv as write_csv_rows
from dashboard.exchange.formats import FORMAT_BY_NAME

SEED = 20261102
# demo_records draws on a generator of its own, so the rows above it stay as they were.
RECORDS_SEED = SEED + 1
# The information-sharing meetings too, so the rows of the earlier generators stay as they were.
SHARING_SEED = SEED + 2
CONCERNS_SEED = SEED + 2


# --- providers, groups and services -------------------------------------------------------------
def make_providers():
    rows = []
    for code, name, _, contact, phone, _, inspector, _ in text.PROVIDERS:
        rows.append(
            {
                "code": code,
                "name": name,
                "lead_contact_name": contact,
                "lead_contact_email": contact.lower().replace(" ", ".") + "@example.org",
                "lead_contact_phone": f"01632 960{phone}",
                "allocated_inspector": inspector,
            }
        )
    return rows


def make_estate(rng):
    """Groups and their services, with a few late openers, closures and brand-new groups."""
    houses = [f"{w} {rng.choice(text.HOUSE_KINDS)}" for w in text.HOUSE_WORDS]
    rng.shuffle(houses)
    welsh = list(text.WELSH_HOUSES)
    used, groups, services = set(), [], []
    specs = [p for p in text.PROVIDERS for _ in range(p[7])]
    specs += [p for p in text.PROVIDERS if p[0] in ("P03", "P05", "P10")]
    new_openings = [date(2026, 5, 11), date(2026, 7, 6), date(2026, 9, 14)]
    for index, (pcode, _, short, _, _, regions, _, _) in enumerate(specs):
        is_new = index >= len(specs) - 3
        region = rng.choice(regions)
        basis = rng.choices(["location", "management"], [3, 2])[0]
        size = rng.choice([1, 2]) if is_new else rng.choices([1, 2, 3, 4, 5], [3, 4, 3, 2, 1])[0]
        base = (
            new_openings.pop(0) if is_new else rand_date(rng, date(2019, 1, 7), date(2020, 10, 1))
        )
        group = {
            "code": f"G{len(groups) + 1:02d}",
            "provider_code": pcode,
            "basis": basis,
            "services": [],
            "is_new": is_new,
        }
        for position in range(size):
            is_safehouse = position == 0 and basis == "location" or rng.random() < 0.5
            if is_safehouse:
                name = welsh.pop(0) if region == "Wales" else houses.pop()
            else:
                name = f"{short} {region} Outreach"
                areas = iter(text.OUTREACH_AREAS)
                while name in used:
                    name = f"{short} {region} Outreach ({next(areas)})"
            used.add(name)
            service = {
                "code": f"S{len(services) + 1:03d}",
                "name": name,
                "provider_code": pcode,
                "group_code": group["code"],
                "region": region,
                "service_type": "safehouse" if is_safehouse else "outreach",
                "opened_on": base if is_new else base + timedelta(rng.randint(0, 90)),
                "closed_on": None,
                "bed_spaces": rng.randint(4, 30) if is_safehouse else None,
                "accommodates_children": "yes" if is_safehouse and rng.random() < 0.3 else "no",
            }
            group["services"].append(service)
            services.append(service)
        first = group["services"][0]
        label = f"{first['name']} cluster" if basis == "location" else f"{region} management group"
        group["name"], n = f"{short} – {label}", 2
        while group["name"] in used:
            group["name"], n = f"{short} – {label} {n}", n + 1
        used.add(group["name"])
        groups.append(group)
    established = [g for g in groups if not g["is_new"]]
    inactive, *late = rng.sample(established, 4)
    for service in inactive["services"]:
        service["closed_on"] = date(2024, 3, 31)
    for group in late:
        base = rand_date(rng, date(2022, 6, 1), date(2024, 6, 28))
        for service in group["services"]:
            service["opened_on"] = base + timedelta(rng.randint(0, 30))
    shrinking = [g for g in established if g is not inactive and len(g["services"]) > 1]
    for group in rng.sample(shrinking, 4):
        service = group["services"][-1]
        service["closed_on"] = max(
            service["opened_on"] + timedelta(400),
            rand_date(rng, date(2022, 3, 1), date(2025, 9, 30)),
        )
    for group in groups:
        group["opened_on"] = min(s["opened_on"] for s in group["services"])
        group["active"] = any(is_open(s, ANCHOR) for s in group["services"])
    return groups, services


def make_meetings(rng):
    rows = []
    for year in range(2021, 2027):
        for month in range(1, 13):
            board = nth_weekday(year, month, 3, 3)
            if board <= ANCHOR + timedelta(30):
                rows.append((f"MTG-{year}-{month:02d}-PB", board, "programme board"))
            if month % 3 == 0:
                rows.append(
                    (
                        f"MTG-{year}-{month:02d}-GOV",
                        nth_weekday(year, month, 2, 2),
                        "mou governance",
                    )
                )
        for pcode in sorted(rng.sample([p[0] for p in text.PROVIDERS], 2)):
            held = next_wd(rand_date(rng, date(year, 1, 10), min(date(year, 12, 10), ANCHOR)))
            rows.append((f"MTG-{year}-{held.month:02d}-ENG-{pcode}", held, "provider engagement"))
    meetings = []
    names = {p[0]: p[1] for p in text.PROVIDERS}
    for ref, held, kind in sorted(rows, key=lambda r: (r[1], r[0])):
        if kind == "provider engagement":
            name = names[ref[-3:]]
            attendees = f"CQC allocated inspector;{name} lead contact;{name} service managers"
        else:
            attendees = text.MEETING_ATTENDEES[kind]
        meetings.append(
            {
                "ref": ref,
                "held_on": held,
                "kind": kind,
                "attendees": attendees,
                "notes": rng.choice(text.MEETING_NOTES[kind]),
            }
        )
    return meetings


SHARING_ATTENDEES = (
    "CQC allocated inspector;CQC programme manager;local authority safeguarding lead"
)
SHARING_NOTES = (
    "Information shared in confidence: recent notifications and the inspection schedule.",
    "Information shared in confidence: staffing pressures and open high-risk recommendations.",
)


def add_provider_meetings(rng, meetings):
    """Name the provider of each engagement meeting, and add a few confidential
    information-sharing meetings held about a provider (after the actions: they raise none)."""
    for meeting in meetings:
        engagement = meeting["kind"] == "provider engagement"
        meeting["provider_code"] = meeting["ref"][-3:] if engagement else None
    codes = [p[0] for p in text.PROVIDERS]
    for year in (2024, 2025, 2026):
        for pcode in sorted(rng.sample(codes, 2)):
            held = next_wd(rand_date(rng, date(year, 1, 10), min(date(year, 10, 30), ANCHOR)))
            meetings.append(
                {
                    "ref": f"MTG-{year}-{held.month:02d}-INFO-{pcode}",
                    "held_on": held,
                    "kind": "information sharing",
                    "attendees": SHARING_ATTENDEES,
                    "notes": rng.choice(SHARING_NOTES),
                    "provider_code": pcode,
                }
            )
    meetings.sort(key=lambda m: (m["held_on"], m["ref"]))


def make_actions(rng, meetings, contacts, allocated):
    rows = []
    for meeting in meetings:
        held = meeting["held_on"]
        if held > ANCHOR:
            continue
        pool = text.ACTIONS[meeting["kind"]]
        pcode = meeting["ref"][-3:] if meeting["kind"] == "provider engagement" else None
        for n, (wording, org, name) in enumerate(rng.sample(pool, rng.randint(1, 4)), start=1):
            if name is None:
                name = (
                    contacts[pcode]
                    if org == "provider"
                    else allocated[pcode]
                    if pcode
                    else rng.choice(text.INSPECTORS)
                )
            due = add_wd(held, rng.choice([10, 15, 20, 30, 40]))
            age, r = (ANCHOR - due).days, rng.random()
            p_done = 0.95 if age > 90 else 0.6 if age > 0 else 0.2
            status = (
                "done"
                if r < p_done
                else "dropped"
                if r < p_done + 0.04
                else rng.choice(["open", "in progress"])
            )
            closed = None
            if status in ("done", "dropped"):
                closed = min(max(due + timedelta(rng.randint(-8, 15)), held + DAY), ANCHOR)
            rows.append(
                {
                    "ref": f"ACT-{meeting['ref'][4:]}-{n}",
                    "meeting_ref": meeting["ref"],
                    "text": wording,
                    "owner_org": org,
                    "owner_name": name,
                    "due_on": due,
                    "status": status,
                    "closed_on": closed,
                }
            )
    return rows


def make_mou_terms():
    return [
        {
            "ref": "MOU-1",
            "starts_on": date(2020, 10, 1),
            "ends_on": date(2023, 3, 31),
            "note": "First term of the inspection programme; extended once.",
        },
        {
            "ref": "MOU-2",
            "starts_on": date(2023, 4, 1),
            "ends_on": date(2025, 6, 30),
            "note": "Second term; revisits and follow-up of recommendations.",
        },
        {
            "ref": "MOU-3",
            "starts_on": date(2025, 7, 1),
            "ends_on": date(2027, 3, 31),
            "note": "Current term (fictional for the demo); renewal under discussion.",
        },
    ]


# --- output -------------------------------------------------------------------------------------
def cell(value):
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def write_csv(folder, table, rows):
    columns = FORMAT_BY_NAME[table].column_names
    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
        write_csv_rows(
            handle, columns, ([cell(row[c]) for c in columns] for row in rows), lineterminator="\n"
        )


def build():
    rng = random.Random(SEED)
    providers = make_providers()
    contacts = {p["code"]: p["lead_contact_name"] for p in providers}
    allocated = {p["code"]: p["allocated_inspector"] for p in providers}
    groups, services = make_estate(rng)
    inspections, _ = make_inspections(rng, groups, allocated)
    judgements = [
        {"inspection_ref": i["ref"], "key_question": kq, "judgement": j}
        for i in inspections
        if i["draft_sent_on"]
        for kq, j in i["judgements"].items()
    ]
    recs = make_recommendations(rng, inspections)
    follow_ups = make_follow_ups(rng, recs, contacts)
    escalations = make_escalations(rng, inspections, recs)
    meetings = make_meetings(rng)
    actions = make_actions(rng, meetings, contacts, allocated)
    more = random.Random(RECORDS_SEED)
    add_status_and_evidence(more, inspections)
    add_cancelled_inspection(inspections, groups, allocated)
    add_recommendation_trail(more, recs, follow_ups)
    add_resolution_notes(more, escalations)
    tables = {
        "providers": providers,
        "inspection_groups": groups,
        "services": services,
        "inspections": inspections,
        "judgements": judgements,
        "recommendations": recs,
        "follow_ups": follow_ups,
        "escalations": escalations,
        "meetings": meetings,
        "actions": actions,
        "mou_terms": make_mou_terms(),
        "information_requests": make_information_requests(more, inspections),
        "good_practice": make_good_practice(more, inspections),
        "action_updates": make_action_updates(more, actions, meetings),
        "evidence_files": make_evidence_files(more, follow_ups),
        "national_recommendations": make_national_recommendations(),
        "national_recommendation_updates": make_national_recommendation_updates(),
        "concerns": make_concerns(random.Random(CONCERNS_SEED), inspections, groups),
    }
    add_provider_meetings(random.Random(SHARING_SEED), meetings)
    return tables


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in build().items():
        write_csv(folder, table, rows)
    (folder / "ANCHOR").write_text(ANCHOR.isoformat() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
