"""A synthetic programme at any scale, written as exchange-format CSVs (1× ≈ the real programme).

At scale S: 12·S providers, 40·S inspection groups, 100·S services, ~12 inspections per group
over 2021–2026, 5 recommendations and a follow-up each, 50·S meetings with 4 actions each.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from dashboard.core.csv_file import write_csv
from dashboard.core.workdays import add_working_days, is_working_day

ANCHOR = date(2026, 11, 2)
KEY_QUESTIONS = ("safe", "effective", "caring", "responsive", "well-led")
KLOE_LETTER = {"safe": "S", "effective": "E", "caring": "C", "responsive": "R", "well-led": "W"}
THEMES = (
    "risk oversight",
    "children's needs",
    "estates and fire safety",
    "staffing and training",
    "outreach caseloads",
    "out-of-hours admissions",
)
REGIONS = ("London", "North West", "North East", "Wales", "South East", "West Midlands")
INSPECTORS = ("Amira Shah", "Tom Okafor", "Ruth Pryce", "Daniel Evans", "Grace Lin")
STATUSES = ("open", "in progress", "evidence submitted", "closed", "closed", "closed")


def _working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _write(out: Path, name: str, rows: list[dict[str, object]]) -> int:
    with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
        names = list(rows[0])
        write_csv(handle, names, ([row.get(name) for name in names] for row in rows))
    return len(rows)


def _estate(scale: int, rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    providers = [
        {"code": f"P{i:05d}", "name": f"Provider {i}", "allocated_inspector": INSPECTORS[i % 5]}
        for i in range(12 * scale)
    ]
    groups = [
        {
            "code": f"G{i:05d}",
            "name": f"Group {i}",
            "provider_code": providers[i % len(providers)]["code"],
            "basis": "location",
        }
        for i in range(40 * scale)
    ]
    services = []
    for i in range(100 * scale):
        group = groups[i % len(groups)]
        opened = date(2019, 1, 1) + timedelta(days=rng.randrange(900))
        closed = opened + timedelta(days=1500) if rng.random() < 0.05 else None
        services.append(
            {
                "code": f"S{i:06d}",
                "name": f"Service {i}",
                "provider_code": group["provider_code"],
                "group_code": group["code"],
                "service_type": rng.choice(("safehouse", "outreach")),
                "region": rng.choice(REGIONS),
                "opened_on": opened,
                "closed_on": closed or "",
                "bed_spaces": "",
                "accommodates_children": "no",
            }
        )
    return providers, groups, services


def _inspection_starts(rng: random.Random) -> Iterator[tuple[date, str]]:
    """About twelve inspections of one group from 2021 to a few months after the anchor."""
    day = date(2021, 1, 4) + timedelta(days=rng.randrange(120))
    while day < ANCHOR + timedelta(days=120):
        yield _working_day_on_or_after(day), rng.choice(("comprehensive", "assurance", "focused"))
        day += timedelta(days=rng.randrange(120, 200))


def _inspections(groups: list[dict], rng: random.Random) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {
        "inspections": [],
        "judgements": [],
        "recommendations": [],
        "follow_ups": [],
    }
    for group in groups:
        for n, (start, kind) in enumerate(_inspection_starts(rng)):
            ref = f"I-{group['code']}-{n:02d}"
            scope = {
                "comprehensive": KEY_QUESTIONS,
                "assurance": ("safe", "well-led"),
                "focused": ("safe",),
            }[kind]
            done = start < ANCHOR - timedelta(days=30)
            end = add_working_days(start, 1)
            tables["inspections"].append(
                {
                    "ref": ref,
                    "group_code": group["code"],
                    "inspection_type": kind,
                    "mode": "on-site",
                    "key_questions": "safe" if kind == "focused" else "",
                    "lead_inspector": rng.choice(INSPECTORS),
                    "start_on": start,
                    "end_on": end,
                    "draft_sent_on": add_working_days(end, 18) if done else "",
                    "final_sent_on": add_working_days(end, 45) if done else "",
                }
            )
            if done:
                _outcomes(tables, ref, end, scope, rng)
    return tables


def _outcomes(
    tables: dict[str, list[dict]], ref: str, end: date, scope: tuple[str, ...], rng: random.Random
) -> None:
    for question in scope:
        tables["judgements"].append(
            {
                "inspection_ref": ref,
                "key_question": question,
                "judgement": rng.choice(("meeting", "not meeting")),
            }
        )
    for k in range(5):
        question = rng.choice(scope)
        status = rng.choice(STATUSES)
        due = add_working_days(end, 60)
        closed = due if status == "closed" and due < ANCHOR else ""
        status = status if closed or status != "closed" else "open"
        tables["recommendations"].append(
            {
                "ref": f"R-{ref}-{k}",
                "inspection_ref": ref,
                "key_question": question,
                "kloe": f"{KLOE_LETTER[question]}{rng.randint(1, 3)}",
                "theme": rng.choice(THEMES),
                "risk": rng.choice(("high", "medium", "low")),
                "text": "Review the procedure.",
                "owner": "provider",
                "due_on": due,
                "status": status,
                "closed_on": closed,
            }
        )
        tables["follow_ups"].append(
            {
                "recommendation_ref": f"R-{ref}-{k}",
                "on": min(add_working_days(end, 30), ANCHOR),
                "by": "Amira Shah",
                "note": "Progress checked.",
                "status": status,
            }
        )


def _governance(scale: int, rng: random.Random) -> tuple[list[dict], list[dict]]:
    meetings, actions = [], []
    for i in range(50 * scale):
        held = date(2021, 1, 15) + timedelta(days=(i * 2000) // (50 * scale))
        meetings.append({"ref": f"M{i:06d}", "held_on": held, "kind": "programme board"})
        for k in range(4):
            due = held + timedelta(days=rng.randrange(10, 60))
            done = due < ANCHOR and rng.random() < 0.9
            actions.append(
                {
                    "ref": f"A{i:06d}-{k}",
                    "meeting_ref": f"M{i:06d}",
                    "text": "Send the update.",
                    "owner_org": "cqc",
                    "owner_name": "Programme manager",
                    "due_on": due,
                    "status": "done" if done else "open",
                    "closed_on": due if done else "",
                }
            )
    return meetings, actions


def generate(scale: int, out: Path, seed: int = 8) -> dict[str, int]:
    """Write the programme at `scale` into folder `out`; returns rows per file."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    providers, groups, services = _estate(scale, rng)
    meetings, actions = _governance(scale, rng)
    tables = {
        "mou_terms": [
            {"ref": "MOU-1", "starts_on": date(2020, 10, 1), "ends_on": date(2023, 3, 31)},
            {"ref": "MOU-2", "starts_on": date(2023, 4, 1), "ends_on": date(2025, 6, 30)},
            {"ref": "MOU-3", "starts_on": date(2025, 7, 1), "ends_on": date(2027, 3, 31)},
        ],
        "providers": providers,
        "inspection_groups": groups,
        "services": services,
        **_inspections(groups, rng),
        "meetings": meetings,
        "actions": actions,
    }
    return {name: _write(out, name, rows) for name, rows in tables.items()}
