"""Inspections, judgements, recommendations, follow-ups and escalations for the demo."""

import math
import zlib
from datetime import date, timedelta

import demo_text as text
from demo_calendar import (
    ANCHOR,
    DAY,
    HORIZON,
    add_wd,
    is_open,
    is_working_day,
    next_wd,
    rand_date,
    working_days_between,
)

KQS = ("safe", "effective", "caring", "responsive", "well-led")
P_NOT_MEETING = {
    "safe": 0.16,
    "effective": 0.06,
    "caring": 0.02,
    "responsive": 0.06,
    "well-led": 0.14,
}
DUE_WORKING_DAYS = {"high": 20, "medium": 60, "low": 120}


def judge(rng, kqs, trigger, start, previous):
    factor = {"concern": 1.8, "new service": 1.3 if start < date(2022, 7, 1) else 1.0}
    result = {}
    for kq in kqs:
        p = P_NOT_MEETING[kq] * factor.get(trigger, 1.0)
        if trigger == "follow-up" and previous.get(kq) == "not meeting":
            p = 0.3
        result[kq] = "not meeting" if rng.random() < p else "meeting"
    return result


def choose_scope(rng, previous):
    """Type, trigger and key questions in scope, given the previous inspection's judgements."""
    if not previous:
        return "comprehensive", "new service", KQS
    failed = {kq for kq, j in previous.items() if j == "not meeting"}
    if failed:
        if rng.random() < 0.5:
            failed.add("safe")
        return "focused", "follow-up", tuple(kq for kq in KQS if kq in failed)
    r = rng.random()
    if r < 0.1:
        return "comprehensive", "home office request", KQS
    if r < 0.2:
        scope = rng.choice([("safe",), ("safe", "well-led"), ("responsive",), ("effective",)])
        return "focused", "concern", scope
    return "assurance", "routine", ("safe", "well-led")


def milestones(rng, ins):
    start, end = ins["start_on"], ins["end_on"] or ins["start_on"]
    late = rng.random
    announced = add_wd(start, -(rng.randint(6, 9) if late() < 0.1 else rng.choice([10, 10, 11])))
    pir_back = add_wd(announced, rng.randint(6, 8) if late() < 0.12 else rng.randint(3, 5))
    draft = add_wd(end, rng.randint(21, 27) if late() < 0.15 else rng.randint(14, 20))
    fa_back = add_wd(draft, rng.randint(11, 13) if late() < 0.1 else rng.randint(6, 10))
    final = max(
        add_wd(end, rng.randint(51, 56) if late() < 0.12 else rng.randint(40, 50)),
        add_wd(fa_back, rng.randint(2, 6)),
    )
    chain = [
        ("announced_on", announced),
        ("pir_requested_on", announced),
        ("draft_sent_on", draft),
        ("fa_returned_on", fa_back),
        ("final_sent_on", final),
    ]
    for key, value in chain:
        ins[key] = value if value <= ANCHOR else None
    ins["pir_returned_on"] = pir_back if pir_back <= ANCHOR else None
    if not ins["draft_sent_on"]:
        ins["fa_returned_on"] = ins["final_sent_on"] = None
    elif not ins["fa_returned_on"]:
        ins["final_sent_on"] = None


def new_inspection(rng, group, start, previous, allocated, planned=False):
    kind, trigger, kqs = choose_scope(rng, previous)
    start = next_wd(start, latest_weekday=3)
    size = len(group["services"])
    remote_p = 0.4 if start.year == 2021 else 0.15
    mode = "remote" if rng.random() < remote_p else "on-site"
    days = rng.choice([0, 0, 1] if size == 1 else [0, 1, 1, 2] if size < 4 else [1, 2, 2, 3])
    days = min(days, 1 if mode == "remote" else 3, 4 - start.weekday())
    if start >= date(2026, 3, 1) and rng.random() < 0.3:
        lead = "Amira Shah"
    elif rng.random() < 0.45:
        lead = allocated
    else:
        lead = rng.choice(text.INSPECTORS)
    if kind == "comprehensive" or (kind == "assurance" and rng.random() < 0.3):
        kq_field = ""
    else:
        kq_field = ";".join(kqs)
    ins = {
        "group": group,
        "inspection_type": kind,
        "mode": mode,
        "key_questions": kq_field,
        "trigger": trigger,
        "lead_inspector": lead,
        "start_on": start,
        "end_on": add_wd(start, days) if days else None,
        "early_outcome_letter_on": None,
        "scope": kqs,
        "judgements": {},
    }
    if planned:
        announced = add_wd(start, -10)
        ins["announced_on"] = ins["pir_requested_on"] = announced if announced <= ANCHOR else None
        returned = add_wd(announced, rng.randint(3, 5))
        ins["pir_returned_on"] = returned if returned <= ANCHOR and ins["announced_on"] else None
        ins["draft_sent_on"] = ins["fa_returned_on"] = ins["final_sent_on"] = None
    else:
        ins["judgements"] = judge(rng, kqs, trigger, start, previous)
        milestones(rng, ins)
    return ins


def hold_up_reports(inspections):
    """Two recent reports running late as of ANCHOR: one stuck at factual accuracy (final report
    overdue), one whose draft has not gone out (draft overdue)."""

    def latest_ending(lo, hi):
        ended = [i for i in inspections if lo <= (i["end_on"] or i["start_on"]) <= hi]
        return max(ended, key=lambda i: (i["end_on"] or i["start_on"], i["group"]["code"]))

    stuck = latest_ending(ANCHOR - timedelta(110), ANCHOR - timedelta(80))
    stuck["draft_sent_on"] = add_wd(stuck["end_on"] or stuck["start_on"], 24)
    stuck["fa_returned_on"] = stuck["final_sent_on"] = None
    unsent = latest_ending(ANCHOR - timedelta(60), ANCHOR - timedelta(35))
    unsent["draft_sent_on"] = unsent["fa_returned_on"] = unsent["final_sent_on"] = None


def last_date_for(rng, status, group):
    if status == "inactive":
        return group["services"][0]["closed_on"] - timedelta(rng.randint(60, 200))
    ranges = {
        "overdue": (date(2025, 7, 14), date(2025, 10, 10)),
        "due soon": (date(2025, 11, 10), date(2025, 12, 19)),
        "in date": (date(2026, 1, 12), date(2026, 10, 23)),
    }
    return rand_date(rng, *ranges[status])


def make_inspections(rng, groups, allocated):
    """Roughly annual inspections per group from January 2021, plus planned ones after ANCHOR."""
    inspections, status_of = [], {}
    established = [g for g in groups if g["active"] and not g["is_new"]]
    overdue = rng.sample(established, 3)
    due_soon = rng.sample([g for g in established if g not in overdue], 4)
    for group in groups:
        if group["is_new"]:
            status_of[group["code"]] = "never inspected"
            continue
        status = (
            "inactive"
            if not group["active"]
            else "overdue"
            if group in overdue
            else "due soon"
            if group in due_soon
            else "in date"
        )
        status_of[group["code"]] = status
        if group["opened_on"] < date(2021, 1, 1):
            first = rand_date(rng, date(2021, 1, 11), date(2022, 6, 24))
        else:
            first = group["opened_on"] + timedelta(rng.randint(60, 200))
        last = last_date_for(rng, status, group)
        n = max(1, math.ceil((last - first).days / 365))
        mains = [first + (last - first) * i / n for i in range(n + 1)]
        mains = [
            d + timedelta(rng.randint(-25, 10)) if 0 < i < n else d for i, d in enumerate(mains)
        ]
        previous, code = {}, allocated[group["provider_code"]]
        for i, start in enumerate(mains):
            ins = new_inspection(rng, group, start, previous, code)
            inspections.append(ins)
            last_main = ins["start_on"]
            previous = ins["judgements"]
            failed = "not meeting" in previous.values()
            if i + 1 < len(mains) and failed and rng.random() < 0.3:
                extra = ins["start_on"] + timedelta(rng.randint(100, 150))
                if extra < mains[i + 1] - timedelta(90):
                    ins = new_inspection(rng, group, extra, previous, code)
                    inspections.append(ins)
                    previous = ins["judgements"]
        next_due = date(last_main.year + 1, last_main.month, min(last_main.day, 28))
        planned = None
        if group in overdue[1:]:  # one overdue group has nothing booked yet
            planned = rand_date(rng, ANCHOR + timedelta(7), ANCHOR + timedelta(45))
        elif group in due_soon[1:]:  # nor does one group falling due soon
            planned = max(next_due - timedelta(rng.randint(5, 25)), ANCHOR + timedelta(3))
        elif status == "in date" and next_due - timedelta(25) <= HORIZON:
            planned = max(next_due - timedelta(rng.randint(5, 35)), ANCHOR + timedelta(3))
        if planned:
            planned = min(planned, HORIZON)
            inspections.append(new_inspection(rng, group, planned, previous, code, planned=True))
    first_new = next(g for g in groups if g["is_new"])
    start = rand_date(rng, date(2027, 1, 11), date(2027, 2, 12))
    inspections.append(
        new_inspection(
            rng, first_new, start, {}, allocated[first_new["provider_code"]], planned=True
        )
    )
    inspections.sort(key=lambda i: (i["start_on"], i["group"]["code"]))
    hold_up_reports(inspections)
    counters = {}
    for ins in inspections:
        year = ins["start_on"].year
        counters[year] = counters.get(year, 0) + 1
        ins["ref"] = f"INS-{year}-{counters[year]:03d}"
        ins["group_code"] = ins["group"]["code"]
    return inspections, status_of


# --- recommendations and follow-ups -------------------------------------------------------------
def fits(needs, service):
    return (
        needs is None
        or needs == service["service_type"]
        or (needs == "children" and service["accommodates_children"] == "yes")
    )


def has_own_due_date(ref):
    """About one recommendation in ten has a due date of its own, agreed at the feedback meeting
    and counted from the inspection's end; the rest leave `due_on` blank and fall due the risk's
    working days after the final report is sent. Chosen by the ref, so the random stream (and
    every later table of the demo) is the same as when all had a date."""
    return zlib.crc32(ref.encode()) % 10 == 0


def rec_status(rng, ins, due, later):
    """Status and closed_on as of ANCHOR; recommendations only start once the report is final."""
    if not ins["final_sent_on"]:
        return rng.choice(["open", "open", "in progress"]), None
    earliest = add_wd(ins["final_sent_on"], 5)
    age = (ANCHOR - due).days
    p_closed, p_superseded = (0.9, 0.085) if age > 180 else (0.7, 0.04) if age > 0 else (0.12, 0)
    r = rng.random()
    if r < p_closed and earliest <= ANCHOR:
        closed = min(max(due + timedelta(rng.randint(-40, 30)), earliest), ANCHOR)
        while not is_working_day(closed):
            closed -= DAY
        return "closed", closed
    if r < p_closed + p_superseded and later and later["start_on"] > earliest:
        return "superseded", later["end_on"] or later["start_on"]
    return rng.choice(["open", "in progress", "in progress", "evidence submitted"]), None


def make_recommendations(rng, inspections):
    recs = []
    done = [i for i in inspections if i["draft_sent_on"]]
    for ins in done:
        group, start = ins["group"], ins["start_on"]
        end = ins["end_on"] or start
        open_services = [s for s in group["services"] if is_open(s, start)]
        later = next((i for i in done if i["group"] is group and i["start_on"] > end), None)
        failed = [kq for kq, j in ins["judgements"].items() if j == "not meeting"]
        count = min(8, 3 + 2 * len(failed) + rng.randint(0, 2))
        pool = [
            t
            for t in text.RECOMMENDATIONS
            if t[0] in ins["scope"] and any(fits(t[4], s) for s in open_services)
        ]
        weights = [4 if t[0] in failed else 0.4 if t[0] == "caring" else 1 for t in pool]
        chosen = []
        while len(chosen) < count and pool:
            pick = rng.choices(range(len(pool)), weights)[0]
            chosen.append(pool.pop(pick))
            weights.pop(pick)
        for n, (kq, kloes, theme, owner, needs, wording) in enumerate(chosen, start=1):
            fitting = [s for s in open_services if fits(needs, s)]
            service = rng.choice(fitting) if needs or rng.random() < 0.75 else None
            weights_risk = [35, 50, 15] if kq in failed else [5, 45, 50]
            risk = rng.choices(["high", "medium", "low"], weights_risk)[0]
            ref = f"REC-{ins['ref']}-{n:02d}"
            # Providers start on the findings at feedback, so their pace (how likely a
            # recommendation is closed by the anchor) runs from the inspection's end.
            paced_to = add_wd(end, DUE_WORKING_DAYS[risk])
            status, closed = rec_status(rng, ins, paced_to, later)
            recs.append(
                {
                    "ref": ref,
                    "inspection_ref": ins["ref"],
                    "service_code": service["code"] if service else None,
                    "key_question": kq,
                    "kloe": rng.choice(kloes),
                    "theme": theme,
                    "risk": risk,
                    "text": wording,
                    "owner": owner,
                    "due_on": paced_to if has_own_due_date(ref) else None,
                    "status": status,
                    "closed_on": closed,
                    "inspection": ins,
                }
            )
    return recs


def make_follow_ups(rng, recs, contacts):
    progression = ["open", "in progress", "evidence submitted"]
    rows = []
    for rec in recs:
        ins, status = rec["inspection"], rec["status"]
        since = ins["final_sent_on"] or ins["end_on"] or ins["start_on"]
        until = rec["closed_on"] or ANCHOR + DAY
        days = working_days_between(since, until)
        finished = status in ("closed", "superseded")
        count = rng.choice([0, 0, 1]) if status == "open" else rng.randint(1, 3 + finished)
        earlier = count - 1 if finished else count
        dates = sorted(rng.sample(days, min(earlier, len(days))))
        if status == "superseded":
            allowed = progression[:2]
        else:
            allowed = (
                progression[: progression.index(status) + 1]
                if status in progression
                else progression
            )
        steps = sorted((rng.choice(allowed) for _ in dates), key=progression.index)
        if dates and not finished:
            steps[-1] = status
        if finished:
            dates.append(rec["closed_on"])
            steps.append(status)
        contact = contacts[ins["group"]["provider_code"]]
        for on, step in zip(dates, steps, strict=True):
            by = (
                ins["lead_inspector"]
                if step in ("closed", "superseded")
                or (step == "in progress" and rng.random() < 0.3)
                else contact
            )
            rows.append(
                {
                    "recommendation_ref": rec["ref"],
                    "on": on,
                    "by": by,
                    "note": rng.choice(text.FOLLOW_UP_NOTES[step]),
                    "status": step,
                }
            )
    return rows


# --- escalations, meetings, actions, MoU --------------------------------------------------------
def make_escalations(rng, inspections, recs):
    high = {r["inspection_ref"] for r in recs if r["risk"] == "high"}
    rows = []
    concerns = list(text.ESCALATION_CONCERNS)
    rng.shuffle(concerns)
    for year in range(2021, 2027):
        candidates = [
            i
            for i in inspections
            if i["start_on"].year == year
            and i["ref"] in high
            and i["judgements"].get("safe") == "not meeting"
        ]
        if not candidates:
            continue
        ins = rng.choice(candidates)
        end = ins["end_on"] or ins["start_on"]
        raised = min(add_wd(end, rng.randint(0, 3)), ANCHOR)
        letter = None
        if rng.random() < 0.6:
            letter = min(add_wd(end, rng.randint(3, 6)), ANCHOR)
            ins["early_outcome_letter_on"] = letter
        resolved = raised + timedelta(rng.randint(35, 120))
        rows.append(
            {
                "ref": f"ESC-{len(rows) + 1:03d}",
                "inspection_ref": ins["ref"],
                "raised_on": raised,
                "concern": concerns.pop(),
                "escalated_to": "prime contractor;home office",
                "early_outcome_letter_on": letter,
                "resolved_on": resolved if year < ANCHOR.year else None,
            }
        )
    return rows
