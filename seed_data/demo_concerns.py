"""The demo's concerns: a dozen raised about providers between inspections, from every source,
some closed, one escalated and one that led to a focused inspection.

Programme facts only: no survivor's name or details, no wording that names a date (the app
shifts every demo date). It draws on a random generator of its own, so the other files' rows stay
as they were.
"""

from datetime import timedelta

from demo_calendar import ANCHOR

# (source, risk, response, key questions, summary, days received before the anchor,
#  days closed before the anchor or None while open, whether it names one inspection group)
CONCERNS = (
    (
        "prime contractor",
        "high",
        "engagement meeting",
        "safe",
        "Safeguarding review found night staffing below the agreed level on several shifts.",
        20,
        None,
        True,
    ),
    (
        "home office",
        "medium",
        "noted",
        "responsive",
        "New arrivals waited longer for a bed than the contract allows.",
        45,
        None,
        False,
    ),
    (
        "whistleblower",
        "high",
        "escalated",
        "safe;well-led",
        "Staff report incident logs written up after the event and not reviewed by managers.",
        12,
        None,
        True,
    ),
    (
        "provider",
        "low",
        "noted",
        "safe",
        "Provider reported a faulty fire door; repaired and checked within the week.",
        150,
        143,
        True,
    ),
    (
        "anti-slavery commissioner",
        "medium",
        "engagement meeting",
        "caring;responsive",
        "Interpreters not booked for key-work sessions, reported after a partner agency visit.",
        60,
        None,
        True,
    ),
    (
        "other",
        "medium",
        "engagement meeting",
        "well-led",
        "Local authority raised gaps in the risk information shared at referral.",
        200,
        120,
        False,
    ),
    (
        "home office",
        "low",
        "noted",
        "well-led",
        "Quarterly contract return submitted late; received after a reminder.",
        300,
        280,
        False,
    ),
    (
        "provider",
        "medium",
        "",
        "effective",
        "Two outreach posts vacant; caseloads shared across the team for now.",
        8,
        None,
        True,
    ),
    (
        "whistleblower",
        "medium",
        "engagement meeting",
        "effective;well-led",
        "Supervision of new staff said to be irregular; provider showed its records.",
        90,
        40,
        True,
    ),
    (
        "home office",
        "high",
        "noted",
        "safe",
        "Contract monitoring found welfare checks not recorded for several residents.",
        30,
        None,
        True,
    ),
    (
        "other",
        "low",
        "",
        "caring",
        "Anonymous feedback form raised the choice of food on offer.",
        5,
        None,
        True,
    ),
)
FOCUSED_SUMMARY = (
    "Prime contractor's monitoring visit found risk assessments out of date; "
    "CQC carried out a focused inspection."
)


def _refs(rows):
    """CON-YYYY-NNN refs numbered within each year received, oldest first."""
    counts = {}
    for row in sorted(rows, key=lambda r: (r["received_on"], r["summary"])):
        year = row["received_on"].year
        counts[year] = counts.get(year, 0) + 1
        row["ref"] = f"CON-{year}-{counts[year]:03d}"
    return sorted(rows, key=lambda r: r["ref"])


def _focused(inspections, groups):
    """The concern behind the latest focused inspection a concern triggered whose final report
    was sent by the anchor: received before it was announced, closed when the report was sent."""
    led_to = max(
        (
            i
            for i in inspections
            if i["trigger"] == "concern"
            and i["inspection_type"] == "focused"
            and i["final_sent_on"]
            and i["final_sent_on"] <= ANCHOR
        ),
        key=lambda i: i["start_on"],
    )
    provider = {g["code"]: g["provider_code"] for g in groups}[led_to["group_code"]]
    return {
        "received_on": (led_to["announced_on"] or led_to["start_on"]) - timedelta(days=16),
        "source": "prime contractor",
        "provider_code": provider,
        "group_code": led_to["group_code"],
        "key_questions": led_to["key_questions"],
        "summary": FOCUSED_SUMMARY,
        "risk": "high",
        "status": "closed",
        "response": "focused inspection",
        "inspection_ref": led_to["ref"],
        "closed_on": led_to["final_sent_on"],
    }


def make_concerns(rng, inspections, groups):
    """A dozen concerns across the sources and providers of the demo."""
    active = [g for g in groups if g["active"]]
    rows = [_focused(inspections, groups)]
    for source, risk, response, kqs, summary, received, closed, on_group in CONCERNS:
        group = rng.choice(active)
        rows.append(
            {
                "received_on": ANCHOR - timedelta(days=received),
                "source": source,
                "provider_code": group["provider_code"],
                "group_code": group["code"] if on_group else "",
                "key_questions": kqs,
                "summary": summary,
                "risk": risk,
                "status": "open" if closed is None else "closed",
                "response": response,
                "inspection_ref": "",
                "closed_on": None if closed is None else ANCHOR - timedelta(days=closed),
            }
        )
    return _refs(rows)
