"""What the planner page shows: the plan as table rows, inspectors' monthly load, and the
proposals a manager can pick to accept."""

import pandas as pd

from dashboard.planning.rules import Flag, Plan, ScheduleRow

FLAG_WORDS = {
    Flag.PLANNED: "already planned",
    Flag.NOT_FITTED: "not fitted",
    Flag.OVERDUE: "after its due date",
    Flag.AFTER_MOU_TERM: "after the MoU term",
    Flag.CONCERN: "open concern",
}


def _state(row: ScheduleRow) -> str:
    if Flag.NOT_FITTED in row.flags:
        return "not fitted"
    return "planned" if Flag.PLANNED in row.flags else "proposed"


def plan_table(plan: Plan) -> pd.DataFrame:
    """Every row of the plan in date order, not-fitted groups last."""
    return pd.DataFrame(
        [
            {
                "Start": row.proposed_start_on,
                "Due by": row.due_by,
                "Group": row.group_code,
                "Provider": row.provider_code,
                "Type": row.suggested_type,
                "Key questions": ", ".join(row.key_questions),
                "Inspector": row.inspector or "",
                "State": _state(row),
                "Flags": ", ".join(
                    FLAG_WORDS[flag]
                    for flag in row.flags
                    if flag not in (Flag.PLANNED, Flag.NOT_FITTED)
                ),
                "Inspection": row.inspection_ref or "",
                "Why": row.reason,
            }
            for row in plan.rows
        ],
        columns=[
            "Start",
            "Due by",
            "Group",
            "Provider",
            "Type",
            "Key questions",
            "Inspector",
            "State",
            "Flags",
            "Inspection",
            "Why",
        ],
    )


def load_table(plan: Plan) -> pd.DataFrame:
    """Inspections starting per inspector per month of the year, planned and proposed."""
    names = sorted({who for who, _, _ in plan.loads})
    counts = {(who, month): count for who, month, count in plan.loads}
    return pd.DataFrame(
        [
            {"Inspector": who} | {f"{m:%b %y}": counts.get((who, m), 0) for m in plan.months}
            for who in names
        ],
        columns=["Inspector"] + [f"{m:%b %y}" for m in plan.months],
    )


def proposal_label(row: ScheduleRow) -> str:
    """How a proposal reads in the accept list: 'G05 · 2027-01-12 · focused · Amira Shah'."""
    start = row.proposed_start_on.isoformat() if row.proposed_start_on else "no date"
    return f"{row.group_code} · {start} · {row.suggested_type} · {row.inspector or 'nobody'}"


def proposal_choices(plan: Plan) -> dict[str, ScheduleRow]:
    """The proposals that can be accepted, by their label."""
    return {proposal_label(row): row for row in plan.proposals}
