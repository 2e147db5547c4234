"""Recommendation wording for the fictional demo programme, kept apart from the other demo text
for its length. Invented: nothing describes a real survivor, case or service.
"""

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
