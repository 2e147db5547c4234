"""The floor of each page: its rows fetched by one hand-written query and shown bare.

A page's rerun is compared with this: what the same rows cost with no logic at all.
"""

GROUP_ROWS = """
SELECT g.code, p.code AS provider, COUNT(DISTINCT s.id) AS services, MAX(i.start_on) AS last
FROM inspection_group g JOIN provider p ON p.id = g.provider_id
LEFT JOIN service s ON s.group_id = g.id
LEFT JOIN inspection i ON i.group_id = g.id
GROUP BY g.code, p.code ORDER BY g.code
"""

FLOOR_SQL: dict[str, str] = {
    "overview": GROUP_ROWS,
    "coverage": GROUP_ROWS,
    "planner": GROUP_ROWS,
    "inspections": """
        SELECT i.ref, g.code, i.inspection_type, i.start_on, i.end_on, i.draft_sent_on,
               i.final_sent_on FROM inspection i JOIN inspection_group g ON g.id = i.group_id
        ORDER BY i.start_on DESC LIMIT 500""",
    "recommendations": """
        SELECT r.ref, i.ref AS inspection, r.risk, r.status, r.falls_due_on FROM recommendation r
        JOIN inspection i ON i.id = r.inspection_id
        WHERE r.status NOT IN ('closed', 'superseded') ORDER BY r.falls_due_on LIMIT 500""",
    "my-follow-ups": """
        SELECT r.ref, r.falls_due_on, r.status FROM recommendation r
        JOIN inspection i ON i.id = r.inspection_id
        WHERE i.lead_inspector = 'Amira Shah' AND r.status NOT IN ('closed', 'superseded')
        ORDER BY r.falls_due_on LIMIT 500""",
    "escalations": "SELECT * FROM escalation ORDER BY raised_on DESC",
    "governance": """
        SELECT a.ref, m.ref AS meeting, a.owner_org, a.due_on, a.status FROM action a
        JOIN meeting m ON m.id = a.meeting_id ORDER BY a.due_on DESC LIMIT 500""",
    "audit-log": "SELECT * FROM audit_entry ORDER BY at DESC LIMIT 500",
}
DEFAULT_FLOOR_SQL = "SELECT code, name FROM provider ORDER BY code"
