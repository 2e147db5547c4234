"""The demo's national recommendations: raised by the national reports on the programme years
2022/23 (the first three are the January 2023 report's own words) and 2024/25, owned by the
providers as a whole, the prime contractor, the Home Office or CQC, with dated updates.

Fixed rows, no random draws: the other demo files stay as they were. Dates are counted from the
demo's anchor, as every demo date is, and no wording names a date.
"""

from datetime import timedelta

from demo_calendar import ANCHOR

# (ref, programme year, owner, text, due (days from the anchor), status, closed (days) or None)
NATIONAL = (
    (
        "NR-2022-01",
        2022,
        "provider",
        "Safehouse providers to consider how to provide out-of-hours support, particularly "
        "night-time admissions, to minimise risks to both survivors and staff.",
        -420,
        "done",
        -440,
    ),
    (
        "NR-2022-02",
        2022,
        "prime contractor",
        "With providers, review records and case management systems to clearly identify and "
        "record the needs of children and any associated risks.",
        -300,
        "done",
        -260,
    ),
    (
        "NR-2022-03",
        2022,
        "prime contractor",
        "With providers, find ways to share good practice and innovation across the sector.",
        -120,
        "in progress",
        None,
    ),
    (
        "NR-2024-01",
        2024,
        "home office",
        "Reduce the time survivors wait for conclusive grounds decisions, which holds move-on "
        "planning back in every service inspected.",
        90,
        "open",
        None,
    ),
    (
        "NR-2024-02",
        2024,
        "cqc",
        "Share each inspection's themes with the prime contractor within a month of the final "
        "report, so contract monitoring can follow them up.",
        -10,
        "in progress",
        None,
    ),
    (
        "NR-2024-03",
        2024,
        "prime contractor",
        "Make sure interpreters are booked for every first needs assessment.",
        45,
        "dropped",
        -30,
    ),
)
UPDATES = (
    ("NR-2022-01", -500, "Providers' leads agreed an out-of-hours rota template.", "in progress"),
    ("NR-2022-01", -440, "Every safehouse provider confirmed night-time cover.", "done"),
    ("NR-2022-02", -330, "Case management fields for children's needs specified.", "in progress"),
    ("NR-2022-02", -260, "New fields live with every provider.", "done"),
    ("NR-2022-03", -200, "First practice-sharing event held for providers.", "in progress"),
    ("NR-2024-02", -40, "Themes shared for the first two reports of the year.", "in progress"),
    ("NR-2024-03", -30, "Covered by the new contract's interpreting requirement.", "dropped"),
)
OWNER_NAMES = {
    "provider": "Providers' leads",
    "prime contractor": "TSA contract manager",
    "home office": "Home Office SCA",
    "cqc": "CQC programme manager",
}


def make_national_recommendations():
    """The national recommendations as rows of national_recommendations.csv."""
    return [
        {
            "ref": ref,
            "programme_year": year,
            "owner_org": owner,
            "text": text,
            "due_on": ANCHOR + timedelta(days=due),
            "status": status,
            "closed_on": None if closed is None else ANCHOR + timedelta(days=closed),
        }
        for ref, year, owner, text, due, status, closed in NATIONAL
    ]


def make_national_recommendation_updates():
    """Their dated updates, as rows of national_recommendation_updates.csv."""
    owners = {row[0]: row[2] for row in NATIONAL}
    return [
        {
            "national_recommendation_ref": ref,
            "on": ANCHOR + timedelta(days=on),
            "by": OWNER_NAMES[owners[ref]],
            "note": note,
            "status": status,
        }
        for ref, on, note, status in UPDATES
    ]
