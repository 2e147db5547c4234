"""`dashboard report actions` and `dashboard pack`: the action log and the governance pack.

A pack for a meeting still to come is as of the day it is built (today, or `--as-of`), never of
the meeting's date: nothing booked is reported as done."""

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from dashboard.cli.common import (
    CommandError,
    SubParsers,
    add_report_options,
    emit,
    iso_date,
    report_subcommands,
    require_schema,
)
from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.vocabulary import OwnerOrg, Role
from dashboard.governance import queries as queries_governance
from dashboard.governance.pack import UnknownMeeting, as_of_line, build_pack, write_pack
from dashboard.governance.rules import action_log, actions_report


def cmd_report_actions(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        actions = queries_governance.actions(session)
    orgs = [args.owner_org] if args.owner_org else []
    return emit(actions_report(action_log(actions, args.as_of, owner_orgs=orgs)), args.format)


def cmd_pack(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        try:
            role = Role.PARTNER if args.for_partners else Role.ADMIN
            pack = build_pack(session, args.meeting, role=role, built_on=args.as_of)
        except UnknownMeeting as error:
            raise CommandError(str(error)) from None
    for path in write_pack(pack, Path(args.out)):
        print(path)
    print(
        f"{MARKING}: governance pack for {args.meeting} built in {pack.seconds:.1f} s",
        file=sys.stderr,
    )
    print(as_of_line(pack.data.meeting, pack.data.as_of), file=sys.stderr)
    return 0


def register(commands: SubParsers) -> None:
    actions = report_subcommands(commands).add_parser(
        "actions", help="the governance action log with RAG, worst first"
    )
    actions.add_argument(
        "--owner-org",
        choices=[org.value for org in OwnerOrg],
        metavar="ORG",
        help="only actions owned by ORG (cqc, home office, prime contractor, provider)",
    )
    add_report_options(actions)
    actions.set_defaults(handler=cmd_report_actions)

    pack = commands.add_parser("pack", help="a meeting's governance pack: pack.pdf and pack.xlsx")
    pack.add_argument("--meeting", required=True, metavar="REF", help="the meeting's ref")
    pack.add_argument("--out", required=True, metavar="DIR", help="folder to write the files to")
    pack.add_argument(
        "--as-of",
        type=iso_date,
        default=date.today(),
        metavar="DATE",
        help="the day the pack is built as (YYYY-MM-DD; default today): a meeting held by then "
        "gets the figures of its date, a meeting still to come those of this day",
    )
    pack.add_argument(
        "--for-partners",
        action="store_true",
        help="as partners see it: only meetings partners attend (MoU governance), "
        "recommendations only of inspections whose final report was sent by the pack's date",
    )
    pack.set_defaults(handler=cmd_pack)
