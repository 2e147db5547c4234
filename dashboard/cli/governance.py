"""`dashboard report actions` and `dashboard pack`: the action log and the governance pack."""

import argparse
import sys
from pathlib import Path

from sqlalchemy import Engine

from dashboard.cli.common import (
    CommandError,
    SubParsers,
    add_report_options,
    emit,
    report_subcommands,
    require_schema,
)
from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.vocabulary import OwnerOrg, Role
from dashboard.governance import queries as queries_governance
from dashboard.governance.pack import UnknownMeeting, build_pack, write_pack
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
            pack = build_pack(session, args.meeting, role=role)
        except UnknownMeeting as error:
            raise CommandError(str(error)) from None
    for path in write_pack(pack, Path(args.out)):
        print(path)
    print(
        f"{MARKING}: governance pack for {args.meeting} built in {pack.seconds:.1f} s",
        file=sys.stderr,
    )
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
        "--for-partners",
        action="store_true",
        help="as partners see it: recommendations only of inspections whose final report was "
        "sent by the meeting date",
    )
    pack.set_defaults(handler=cmd_pack)
