"""Fixed content for the fictional demo programme: names, places and wording.

Every organisation, person and building named here is invented. Nothing describes a real
survivor, case or service. Used by ``generate_demo.py``.
"""

INSPECTORS = ("Amira Shah", "Tom Okafor", "Ruth Pryce", "Daniel Evans", "Grace Lin")

# code, name, short name, lead contact, phone suffix, regions, allocated inspector, groups
PROVIDERS = (
    (
        "P01",
        "Lanternfield Trust",
        "Lanternfield",
        "Helen Marsh",
        "114",
        ("Yorkshire and the Humber", "North East"),
        "Amira Shah",
        4,
    ),
    (
        "P02",
        "Kestrelgate Haven",
        "Kestrelgate",
        "Joseph Adeyemi",
        "127",
        ("North West",),
        "Tom Okafor",
        3,
    ),
    (
        "P03",
        "Willowmere Refuge Partnership",
        "Willowmere",
        "Priya Nair",
        "138",
        ("London",),
        "Amira Shah",
        4,
    ),
    (
        "P04",
        "Brightholme Sanctuary Trust",
        "Brightholme",
        "Colin Whitfield",
        "142",
        ("West Midlands", "East Midlands"),
        "Ruth Pryce",
        4,
    ),
    (
        "P05",
        "Cedarstone Support Network",
        "Cedarstone",
        "Fiona Gallacher",
        "155",
        ("South East",),
        "Daniel Evans",
        3,
    ),
    ("P06", "Larkhaven Trust", "Larkhaven", "Martin Oduya", "163", ("South West",), "Grace Lin", 3),
    (
        "P07",
        "Tidewell Recovery Partnership",
        "Tidewell",
        "Sana Qureshi",
        "171",
        ("East of England",),
        "Tom Okafor",
        3,
    ),
    ("P08", "Cysgod Haven Cymru", "Cysgod", "Rhian Powell", "186", ("Wales",), "Ruth Pryce", 3),
    (
        "P09",
        "Oakhollow Community Trust",
        "Oakhollow",
        "David Brennan",
        "192",
        ("London", "South East"),
        "Amira Shah",
        3,
    ),
    (
        "P10",
        "Silverfern Advocacy",
        "Silverfern",
        "Nadia Kowalczyk",
        "204",
        ("North West", "Yorkshire and the Humber"),
        "Daniel Evans",
        3,
    ),
    (
        "P11",
        "Saltbridge Haven Trust",
        "Saltbridge",
        "Gareth Lyle",
        "213",
        ("East Midlands", "East of England"),
        "Grace Lin",
        2,
    ),
    (
        "P12",
        "Northbeck Freedom Project",
        "Northbeck",
        "Abena Mensah",
        "229",
        ("North East", "West Midlands"),
        "Tom Okafor",
        2,
    ),
)

HOUSE_WORDS = (
    "Rowan",
    "Alder",
    "Hazel",
    "Juniper",
    "Linden",
    "Aspen",
    "Hawthorn",
    "Holly",
    "Maple",
    "Birch",
    "Elder",
    "Laurel",
    "Myrtle",
    "Poplar",
    "Sorrel",
    "Heather",
    "Bracken",
    "Clover",
    "Primrose",
    "Bluebell",
    "Foxglove",
    "Yarrow",
    "Meadow",
    "Beacon",
    "Wren",
    "Linnet",
    "Kingfisher",
    "Heron",
    "Swift",
    "Plover",
    "Curlew",
    "Lapwing",
    "Skylark",
    "Merlin",
    "Osprey",
    "Fulmar",
    "Dunlin",
    "Avocet",
    "Teal",
    "Starling",
    "Finch",
    "Thrush",
    "Sparrow",
    "Chestnut",
    "Cherry",
    "Willow",
    "Larch",
    "Cedar",
    "Spruce",
    "Damson",
    "Medlar",
    "Quince",
    "Sycamore",
    "Hornbeam",
    "Whitebeam",
    "Buckthorn",
    "Gorse",
    "Thistle",
    "Marigold",
    "Campion",
    "Speedwell",
    "Tansy",
    "Chicory",
    "Lavender",
    "Bramble",
    "Sloe",
    "Hollybush",
    "Fieldfare",
    "Redwing",
    "Goldcrest",
    "Nuthatch",
    "Siskin",
    "Bunting",
    "Wagtail",
    "Dipper",
    "Stonechat",
    "Samphire",
    "Sedge",
    "Rushmoor",
    "Tamarisk",
    "Honeysuckle",
    "Eglantine",
    "Cowslip",
    "Celandine",
    "Harebell",
    "Valerian",
    "Betony",
    "Agrimony",
    "Burnet",
    "Mallow",
)
OUTREACH_AREAS = ("North", "South", "East", "West", "Central", "Coastal", "Rural", "City")
HOUSE_KINDS = ("House", "Lodge", "Court", "Place", "View")
WELSH_HOUSES = (
    "Tŷ Derwen",
    "Tŷ Celyn",
    "Tŷ Onnen",
    "Tŷ Bedw",
    "Tŷ Helyg",
    "Tŷ Collen",
    "Tŷ Criafol",
    "Tŷ Gwernen",
    "Tŷ Masarn",
    "Tŷ Ywen",
    "Tŷ Eithin",
    "Tŷ Grug",
    "Tŷ Rhedyn",
    "Tŷ Meillion",
)

# key question, KLOE codes, theme, owner, needs (None, safehouse, outreach, children), text
RECOMMENDATIONS = (
    (
        "safe",
        ("S2",),
        "risk oversight",
        "provider",
        None,
        "Ensure risk assessments are completed and reviewed promptly when a survivor's "
        "circumstances change, and that actions to reduce risk are recorded.",
    ),
    (
        "safe",
        ("S1", "S2"),
        "risk oversight",
        "provider",
        None,
        "Make sure safeguarding concerns are logged centrally so that managers can see "
        "patterns and check that referrals have been made.",
    ),
    (
        "safe",
        ("S6",),
        "risk oversight",
        "provider",
        None,
        "Introduce a system to record incidents and share learning from them with staff.",
    ),
    (
        "safe",
        ("S2",),
        "out-of-hours admissions",
        "provider",
        "safehouse",
        "Review the out-of-hours admissions procedure so that night-time arrivals are risk "
        "assessed before placement.",
    ),
    (
        "safe",
        ("S3",),
        "out-of-hours admissions",
        "provider",
        "safehouse",
        "Make sure staffing at night is sufficient to admit new arrivals safely, including "
        "arrangements for on-call management support.",
    ),
    (
        "safe",
        ("S2",),
        "out-of-hours admissions",
        "prime contractor",
        "safehouse",
        "Work with providers so that available risk information is shared with the safehouse "
        "before a survivor is placed.",
    ),
    (
        "safe",
        ("S1",),
        "children's needs",
        "provider",
        "children",
        "Identify and record the needs of each child living at the safehouse, together with "
        "any associated risks and how they will be managed.",
    ),
    (
        "safe",
        ("S2",),
        "children's needs",
        "provider",
        "children",
        "Assess environmental risks to children in shared areas and outside space, and act on "
        "the findings without delay.",
    ),
    (
        "safe",
        ("S2", "S5"),
        "estates and fire safety",
        "provider",
        "safehouse",
        "Ensure the fire risk assessment is reviewed annually and that the actions it "
        "identifies are completed within agreed timescales.",
    ),
    (
        "safe",
        ("S5",),
        "estates and fire safety",
        "provider",
        "safehouse",
        "Carry out and record regular checks of fire doors, alarms and emergency lighting.",
    ),
    (
        "safe",
        ("S5",),
        "estates and fire safety",
        "prime contractor",
        "safehouse",
        "Agree with the landlord a timetable for outstanding repairs that affect the safety "
        "of the accommodation.",
    ),
    (
        "safe",
        ("S3",),
        "staffing and training",
        "provider",
        None,
        "Make sure all staff complete safeguarding training at the required level and that "
        "refresher training is tracked.",
    ),
    (
        "safe",
        ("S3",),
        "outreach caseloads",
        "provider",
        "outreach",
        "Keep outreach caseloads within contractual levels so that each survivor receives "
        "contact at the agreed frequency.",
    ),
    (
        "safe",
        ("S4",),
        "risk oversight",
        "provider",
        "safehouse",
        "Review the arrangements for supporting survivors with their medicines, including "
        "safe storage and recording.",
    ),
    (
        "effective",
        ("E1",),
        "children's needs",
        "provider",
        "children",
        "Include children's needs in the support plan of each family so that staff "
        "understand how to meet them.",
    ),
    (
        "effective",
        ("E2",),
        "staffing and training",
        "provider",
        None,
        "Provide regular supervision for all support workers and keep a record of it.",
    ),
    (
        "effective",
        ("E2",),
        "staffing and training",
        "provider",
        None,
        "Ensure staff receive training in trauma-informed support appropriate to their role.",
    ),
    (
        "effective",
        ("E4",),
        "outreach caseloads",
        "provider",
        "outreach",
        "Improve liaison with local health and legal services so that outreach survivors are "
        "supported to access them promptly.",
    ),
    (
        "effective",
        ("E6",),
        "estates and fire safety",
        "provider",
        "safehouse",
        "Review whether the accommodation meets the needs of survivors with mobility "
        "difficulties and plan reasonable adjustments.",
    ),
    (
        "effective",
        ("E1", "E5"),
        "risk oversight",
        "provider",
        None,
        "Make sure each survivor's journey plan reflects their current health needs and is "
        "updated when they change.",
    ),
    (
        "effective",
        ("E7",),
        "staffing and training",
        "provider",
        None,
        "Make sure staff understand and record how consent is sought when information is "
        "shared with other agencies.",
    ),
    (
        "caring",
        ("C3",),
        "estates and fire safety",
        "provider",
        "safehouse",
        "Address maintenance issues that affect survivors' privacy and dignity, such as "
        "bathroom locks and window coverings.",
    ),
    (
        "caring",
        ("C2",),
        "children's needs",
        "provider",
        "children",
        "Provide suitable play and study space for children living at the safehouse.",
    ),
    (
        "caring",
        ("C1",),
        "staffing and training",
        "provider",
        None,
        "Reduce changes of key worker where possible so that survivors do not have to retell "
        "their experiences.",
    ),
    (
        "responsive",
        ("R1",),
        "outreach caseloads",
        "provider",
        "outreach",
        "Increase face-to-face contact for outreach survivors where this is their preference, "
        "so that changing needs are identified.",
    ),
    (
        "responsive",
        ("R1",),
        "out-of-hours admissions",
        "provider",
        "safehouse",
        "Make sure interpreting support is available for new arrivals, including out of hours.",
    ),
    (
        "responsive",
        ("R2",),
        "risk oversight",
        "provider",
        None,
        "Make the complaints process available in the languages survivors use and record how "
        "complaints are resolved.",
    ),
    (
        "responsive",
        ("R1",),
        "children's needs",
        "provider",
        "children",
        "Check that school places and health registration are arranged promptly for "
        "children who move into the safehouse.",
    ),
    (
        "responsive",
        ("R3",),
        "risk oversight",
        "provider",
        None,
        "Plan move-on support early so that survivors leaving the service have arrangements "
        "in place.",
    ),
    (
        "well-led",
        ("W2",),
        "risk oversight",
        "provider",
        None,
        "Introduce a regular audit of risk assessments and support plans, with actions "
        "followed up by managers.",
    ),
    (
        "well-led",
        ("W2",),
        "staffing and training",
        "provider",
        None,
        "Establish an audit of staff training and supervision so that gaps are identified "
        "and addressed.",
    ),
    (
        "well-led",
        ("W3",),
        "risk oversight",
        "provider",
        None,
        "Develop ways to capture survivors' feedback and show how it is used to improve the "
        "service.",
    ),
    (
        "well-led",
        ("W4",),
        "risk oversight",
        "provider",
        None,
        "Use learning from incidents, complaints and audits to drive improvement across the "
        "provider's services.",
    ),
    (
        "well-led",
        ("W5",),
        "risk oversight",
        "prime contractor",
        None,
        "Share good practice and innovation between providers through the prime contractor's "
        "quality forums.",
    ),
    (
        "well-led",
        ("W2",),
        "outreach caseloads",
        "provider",
        "outreach",
        "Monitor outreach caseloads and contact frequency at management level and act on "
        "pressures.",
    ),
    (
        "well-led",
        ("W1",),
        "staffing and training",
        "provider",
        None,
        "Review staff wellbeing support in light of turnover and the emotional demands of "
        "the role.",
    ),
    (
        "well-led",
        ("W2",),
        "estates and fire safety",
        "home office",
        "safehouse",
        "Confirm contractual expectations for the suitability of accommodation used for "
        "families with children.",
    ),
    (
        "well-led",
        ("W4",),
        "risk oversight",
        "cqc",
        None,
        "CQC to revisit the service to check progress against the high-risk recommendations.",
    ),
)

FOLLOW_UP_NOTES = {
    "open": (
        "Provider acknowledged the recommendation and is preparing an action plan.",
        "Recommendation discussed at the provider engagement meeting.",
    ),
    "in progress": (
        "Action plan agreed; work under way.",
        "Provider reported progress; revised procedure in draft.",
        "Staff briefings scheduled; partial evidence expected next month.",
        "Works ordered with the landlord; completion date awaited.",
    ),
    "evidence submitted": (
        "Provider submitted evidence: updated procedure and training records.",
        "Evidence submitted for review, including audit results.",
        "Provider sent completed action plan and supporting documents.",
    ),
    "closed": (
        "Inspector reviewed the evidence and verified the recommendation is met.",
        "Verified at follow-up inspection; recommendation closed.",
    ),
    "superseded": ("Superseded by a recommendation from a later inspection.",),
}

ESCALATION_CONCERNS = (
    "Fire doors were propped open and the fire risk assessment was out of date.",
    "Night-time admissions were accepted without a risk assessment and with one member of "
    "staff on duty.",
    "Risks to children living at the safehouse had not been identified or recorded.",
    "Outreach caseloads were well above contractual levels and several survivors had had no "
    "recorded contact for some weeks.",
    "Safeguarding concerns raised by staff had not been referred to the local authority.",
    "A serious maintenance fault left part of the accommodation unsafe to use.",
)

MEETING_ATTENDEES = {
    "mou governance": "CQC programme manager;CQC head of inspection;Home Office SCA;"
    "The Salvation Army",
    "programme board": "CQC programme manager;CQC safehouse inspectors;CQC analyst",
}
MEETING_NOTES = {
    "mou governance": (
        "Quarterly review of delivery against the MoU: coverage, reports and escalations.",
        "Reviewed coverage, report timeliness and open high-risk recommendations.",
        "Discussed themes from recent inspections and the forward schedule.",
    ),
    "programme board": (
        "Monthly planning: schedule, inspector allocation and report deadlines.",
        "Reviewed overdue milestones and the next quarter's inspections.",
        "Checked follow-ups falling due and draft reports awaiting quality review.",
    ),
    "provider engagement": (
        "Engagement meeting: upcoming inspections and open recommendations.",
        "Engagement meeting: service changes and progress on action plans.",
    ),
}

# text, owner organisation, owner name
ACTIONS = {
    "mou governance": (
        ("Share the quarterly coverage report with partners.", "cqc", "CQC programme manager"),
        ("Confirm the inspection schedule for the next quarter.", "cqc", "CQC programme manager"),
        (
            "Report provider progress on open high-risk recommendations.",
            "prime contractor",
            "TSA contract manager",
        ),
        (
            "Confirm whether comprehensive inspections are requested for new services.",
            "home office",
            "SCA contract manager",
        ),
        (
            "Circulate proposed changes to the MoU for the next term.",
            "home office",
            "Home Office MSVCC policy lead",
        ),
        (
            "Report on out-of-hours admission arrangements across safehouses.",
            "prime contractor",
            "TSA quality lead",
        ),
        (
            "Review the escalation protocol following recent early outcome letters.",
            "cqc",
            "CQC head of inspection",
        ),
        (
            "Share provider action plans for overdue recommendations.",
            "prime contractor",
            "TSA contract manager",
        ),
    ),
    "programme board": (
        ("Rebalance inspection allocations across the team.", "cqc", "CQC programme manager"),
        ("Chase overdue factual accuracy returns.", "cqc", None),
        ("Update the planning tracker with confirmed inspection dates.", "cqc", "CQC analyst"),
        (
            "Book quality panel review of draft reports awaiting sign-off.",
            "cqc",
            "CQC head of inspection",
        ),
        ("Check follow-up evidence received on recommendations due this month.", "cqc", None),
        ("Refresh the PIR template to reflect the current contract.", "cqc", "CQC analyst"),
    ),
    "provider engagement": (
        ("Share the updated fire risk assessments for all safehouses.", "provider", None),
        ("Confirm the out-of-hours admissions procedure in use.", "provider", None),
        ("Confirm the window for the next inspection.", "cqc", None),
        ("Notify CQC of planned service openings and closures.", "provider", None),
    ),
}
