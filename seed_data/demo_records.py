"""What the demo records beyond the first eleven files: inspection status and evidence base
(counts only, never a survivor's details), closures verified, recommendations superseded and
re-timed, escalations resolved, information requests, good practice, action updates and the
evidence files listed on follow-ups.

It draws on a random generator of its own, so the rows the other modules write stay as they were.
No wording names a date: the app shifts every demo date, and a note naming one would then be wrong.
"""

import hashlib
from datetime import UTC, datetime, time, timedelta

from demo_calendar import ANCHOR, add_wd, next_wd

LANGUAGES = (
    "English",
    "Albanian",
    "Vietnamese",
    "Romanian",
    "Polish",
    "Tigrinya",
    "Arabic",
    "Amharic",
    "Sudanese Arabic",
    "Kurdish (Sorani)",
)
FA_OUTCOMES = ("no comments", "accepted", "partly accepted", "not accepted")
INTERNAL_NOTES = (
    "Provider was open and well prepared; the registered manager joined every session.",
    "Survey returns were low; next time ask the provider to share the survey earlier.",
    "Interpreter booked for two conversations; allow extra time on the next visit.",
    "Second inspector shadowed as part of induction.",
    "Staff raised workload concerns in confidence; raise at the next engagement meeting.",
)
CANCELLED_REASON = (
    "Stood down: the provider was closing every service in the group, so there was nothing "
    "left to inspect."
)
REQUESTS = (
    "Staff training records for the last 12 months",
    "Fire risk assessment and the actions taken since",
    "Safeguarding referrals log (numbers only, no personal details)",
    "Out-of-hours admission procedure",
    "Supervision records for outreach workers (anonymised)",
    "Minutes of the last two residents' meetings",
)
GOOD_PRACTICE = (
    ("survivor involvement", "A residents' forum shapes the house rules and reviews them often."),
    ("survivor involvement", "Survivors helped write the welcome pack in five languages."),
    ("staffing and training", "Every new worker shadows an experienced colleague for two weeks."),
    ("staffing and training", "Trauma-informed care training is refreshed every year."),
    ("risk oversight", "Risk assessments are reviewed with the survivor, not just about them."),
    ("partnership working", "Named contacts at the local police and council speed up referrals."),
    ("children's needs", "A family worker plans each child's schooling within days of arrival."),
)
ACTION_NOTES = {
    "in progress": ("Work started; update at the next meeting.", "Draft shared for comment."),
    "done": ("Completed and reported to the meeting.", "Done; evidence circulated."),
    "dropped": ("No longer needed; agreed to close.",),
}
DUE_ON_REASONS = (
    "Extended by {n} working days: the provider is recruiting to the posts the action needs.",
    "Extended by {n} working days: landlord works had to be rebooked.",
    "Extended by {n} working days: agreed at the engagement meeting to allow staff training.",
)
RESOLUTION_NOTES = (
    "The provider put the immediate actions in place; checked at a return visit.",
    "Prime contractor confirmed the actions with evidence; closed at the governance meeting.",
    "Home Office and the prime contractor agreed the provider's plan; monitored to completion.",
)
EVIDENCE_NAMES = (
    ("training-records.pdf", "application/pdf"),
    ("action-plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("audit-results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("revised-procedure.pdf", "application/pdf"),
    ("fire-door-photo.jpg", "image/jpeg"),
)


def _at(day, rng):
    """A working-hours instant on `day` in UTC, written with its offset."""
    moment = datetime.combine(day, time(rng.randint(8, 16), rng.randint(0, 59)), tzinfo=UTC)
    return moment.isoformat()


def add_status_and_evidence(rng, inspections):
    """Status from the dates; counts, factual accuracy outcome and notes once carried out."""
    for ins in inspections:
        carried_out = ins["start_on"] <= ANCHOR
        ins["status"] = "carried out" if carried_out else "planned"
        ins["cancelled_reason"] = None
        for name in (
            "survey_responses",
            "survey_languages",
            "survivors_spoken_with",
            "staff_interviewed",
            "cases_reviewed",
            "fa_outcome",
            "quality_panel_review",
            "internal_notes",
        ):
            ins[name] = None
        if not carried_out:
            continue
        size = len(ins["group"]["services"])
        responses = rng.randint(0, 4 + 4 * size)
        ins["survey_responses"] = responses
        languages = rng.sample(LANGUAGES[1:], rng.randint(0, 2))
        ins["survey_languages"] = ";".join(["English", *languages][:responses]) or None
        ins["survivors_spoken_with"] = rng.randint(1, 3 + 2 * size)
        ins["staff_interviewed"] = rng.randint(2, 4 + 2 * size)
        ins["cases_reviewed"] = rng.randint(3, 6 + 3 * size)
        if ins["fa_returned_on"]:
            outcome = rng.choices(FA_OUTCOMES, [45, 15, 25, 15])[0]
            ins["fa_outcome"] = outcome
            changed = outcome in ("accepted", "partly accepted") and rng.random() < 0.3
            ins["quality_panel_review"] = "yes" if changed else "no"
        if rng.random() < 0.15:
            ins["internal_notes"] = rng.choice(INTERNAL_NOTES)


def add_cancelled_inspection(inspections, groups, allocated):
    """One inspection of the group whose services all closed, stood down before its date."""
    group = next(g for g in groups if not g["active"] and not g["is_new"])
    closed = min(s["closed_on"] for s in group["services"])
    start = next_wd(closed - timedelta(days=21), latest_weekday=3)
    announced = add_wd(start, -10)
    year = start.year
    number = 1 + sum(1 for i in inspections if i["start_on"].year == year)
    ins = {
        "ref": f"INS-{year}-{number:03d}",
        "group": group,
        "group_code": group["code"],
        "inspection_type": "assurance",
        "mode": "on-site",
        "key_questions": "",
        "trigger": "routine",
        "lead_inspector": allocated[group["provider_code"]],
        "announced_on": announced,
        "pir_requested_on": announced,
        "pir_returned_on": None,
        "start_on": start,
        "end_on": None,
        "draft_sent_on": None,
        "fa_returned_on": None,
        "final_sent_on": None,
        "early_outcome_letter_on": None,
        "scope": ("safe", "well-led"),
        "judgements": {},
    }
    for name in (
        "survey_responses",
        "survey_languages",
        "survivors_spoken_with",
        "staff_interviewed",
        "cases_reviewed",
        "fa_outcome",
        "quality_panel_review",
        "internal_notes",
    ):
        ins[name] = None
    ins["status"], ins["cancelled_reason"] = "cancelled", CANCELLED_REASON
    position = next(
        (n for n, i in enumerate(inspections) if (i["start_on"], i["group_code"]) > (start, "")),
        len(inspections),
    )
    inspections.insert(position, ins)


def add_recommendation_trail(rng, recs, follow_ups):
    """Who verified each closure, what superseded what, and a few due dates extended."""
    by_inspection = {}
    for rec in recs:
        by_inspection.setdefault(rec["inspection_ref"], []).append(rec)
    closers = {f["recommendation_ref"]: f["by"] for f in follow_ups if f["status"] in ("closed",)}
    for rec in recs:
        rec["verified_by"] = rec["verified_on"] = rec["superseded_by"] = None
        rec["due_on_reason"] = None
        if rec["status"] == "closed":
            rec["verified_by"] = closers.get(rec["ref"], rec["inspection"]["lead_inspector"])
            rec["verified_on"] = rec["closed_on"]
        elif rec["status"] == "superseded":
            rec["superseded_by"] = _replacement(rec, recs, by_inspection)
    still_open = [
        r
        for r in recs
        if r["status"] in ("open", "in progress")
        and r["due_on"]
        and r["inspection"]["final_sent_on"]
    ]
    for rec in rng.sample(still_open, min(4, len(still_open))):
        extra = rng.choice([10, 20, 30])
        rec["due_on"] = add_wd(rec["due_on"], extra)
        rec["due_on_reason"] = rng.choice(DUE_ON_REASONS).format(n=extra)


def _replacement(rec, recs, by_inspection):
    """A recommendation of the group's next inspection, on the same key question if any."""
    ins = rec["inspection"]
    later = sorted(
        (r["inspection"] for r in recs if r["inspection"]["group"] is ins["group"]),
        key=lambda i: i["start_on"],
    )
    after = [i for i in later if i["start_on"] > ins["start_on"]]
    if not after:
        return None
    candidates = [r for r in by_inspection[after[0]["ref"]] if r["status"] != "superseded"]
    same = [r for r in candidates if r["key_question"] == rec["key_question"]]
    chosen = (same or candidates or [None])[0]
    return chosen["ref"] if chosen else None


def add_resolution_notes(rng, escalations):
    for escalation in escalations:
        resolved = escalation["resolved_on"]
        escalation["resolution_note"] = rng.choice(RESOLUTION_NOTES) if resolved else None


def make_information_requests(rng, inspections):
    """Additional information asked of the provider after a visit, due 7 working days on."""
    rows = []
    for ins in inspections:
        end = ins["end_on"] or ins["start_on"]
        if ins["status"] != "carried out" or end > ANCHOR or rng.random() < 0.6:
            continue
        for text in rng.sample(REQUESTS, rng.randint(1, 2)):
            due = add_wd(end, 7)
            received = add_wd(end, rng.randint(3, 9))
            rows.append(
                {
                    "inspection_ref": ins["ref"],
                    "asked_on": end,
                    "text": text,
                    "due_on": due,
                    "received_on": received if received <= ANCHOR else None,
                    "asked_by": ins["lead_inspector"],
                }
            )
    return rows


def make_good_practice(rng, inspections):
    """Good practice logged by the lead inspector in the days after some visits."""
    rows = []
    for ins in inspections:
        if not ins["draft_sent_on"] or rng.random() < 0.75:
            continue
        end = ins["end_on"] or ins["start_on"]
        recorded = min(add_wd(end, rng.randint(1, 5)), ANCHOR)
        for theme, text in rng.sample(GOOD_PRACTICE, rng.randint(1, 2)):
            rows.append(
                {
                    "inspection_ref": ins["ref"],
                    "theme": theme,
                    "text": text,
                    "recorded_by": ins["lead_inspector"],
                    "recorded_at": _at(recorded, rng),
                }
            )
    return rows


def make_action_updates(rng, actions, meetings):
    """Dated updates on actions that moved: started, then done or dropped."""
    held = {m["ref"]: m["held_on"] for m in meetings}
    rows = []
    for action in actions:
        status = action["status"]
        if status == "open" or rng.random() < 0.5:
            continue
        start = held[action["meeting_ref"]]
        until = action["closed_on"] or ANCHOR
        if (until - start).days < 4:
            continue
        middle = start + timedelta(days=rng.randint(1, (until - start).days - 2))
        steps = [(middle, "in progress")]
        if status in ("done", "dropped"):
            steps.append((action["closed_on"], status))
        for on, step in steps:
            rows.append(
                {
                    "action_ref": action["ref"],
                    "on": on,
                    "by": action["owner_name"],
                    "note": rng.choice(ACTION_NOTES[step]),
                    "status": step,
                }
            )
    return rows


def make_evidence_files(rng, follow_ups):
    """The files providers sent with follow-ups that submitted evidence, listed only."""
    rows = []
    for follow_up in follow_ups:
        if follow_up["status"] != "evidence submitted":
            continue
        for filename, content_type in rng.sample(EVIDENCE_NAMES, rng.randint(1, 2)):
            size = rng.randint(20_000, 2_500_000)
            fingerprint = f"{follow_up['recommendation_ref']} {follow_up['on']} {filename} {size}"
            rows.append(
                {
                    "recommendation_ref": follow_up["recommendation_ref"],
                    "follow_up_on": follow_up["on"],
                    "follow_up_by": follow_up["by"],
                    "follow_up_note": follow_up["note"],
                    "filename": filename,
                    "content_type": content_type,
                    "size_bytes": size,
                    "sha256": hashlib.sha256(fingerprint.encode()).hexdigest(),
                    "uploaded_by": follow_up["by"],
                    "uploaded_at": _at(follow_up["on"], rng),
                }
            )
    return rows
