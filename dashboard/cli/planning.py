"""`dashboard plan YEAR`: the proposed inspection schedule of a programme year."""

import argparse

from sqlalchemy import Engine

from dashboard.cli.common import SubParsers, add_report_options, emit, require_schema
from dashboard.core import db
from dashboard.planning.rules import DEFAULT_MONTHLY_CAPACITY, Capacity
from dashboard.planning.service import plan_for_year, plan_report


def inspector_capacity(text: str) -> tuple[str, int]:
    """An argparse type for NAME=N, an inspector's own monthly capacity."""
    name, _, number = text.rpartition("=")
    if not name.strip() or not number.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not NAME=N (e.g. 'Amira Shah=2')")
    return name.strip(), int(number)


def cmd_plan(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    capacity = Capacity(args.capacity, tuple(args.inspector_capacity or ()))
    with db.session_scope(engine) as session:
        plan = plan_for_year(session, args.year, args.as_of, capacity)
    return emit(plan_report(plan), args.format)


def register(commands: SubParsers) -> None:
    plan = commands.add_parser(
        "plan",
        help="propose the inspection schedule of a programme year",
        description="Every group active in the year gets an inspection before its due date, "
        "spread across inspectors and months. Flags: planned (already in the programme), "
        "not_fitted (no capacity before the due date), overdue (starts after its due date), "
        "after_mou_term (after the end of the MoU term in force on the as-of date), "
        "concern (a concern open on the group on the as-of date: focused on its key questions; "
        "a high-risk one as early as the planner can fit it).",
    )
    plan.add_argument("year", type=int, help="programme year Y runs 1 April Y to 31 March Y+1")
    add_report_options(plan)
    plan.add_argument(
        "--capacity",
        type=int,
        default=DEFAULT_MONTHLY_CAPACITY,
        metavar="N",
        help=f"inspections each inspector can start a month (default {DEFAULT_MONTHLY_CAPACITY})",
    )
    plan.add_argument(
        "--inspector-capacity",
        type=inspector_capacity,
        action="append",
        metavar="NAME=N",
        help="one inspector's own monthly capacity (repeatable; 0 takes them off the plan)",
    )
    plan.set_defaults(handler=cmd_plan)
