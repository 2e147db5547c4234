"""`dashboard report concerns`: the concerns open on a date, highest risk first."""

import argparse

from sqlalchemy import Engine

from dashboard.cli.common import (
    SubParsers,
    add_report_options,
    emit,
    report_subcommands,
    require_schema,
)
from dashboard.concerns import queries
from dashboard.concerns.rules import concerns_report
from dashboard.core import db
from dashboard.core.permissions import STAFF_VIEWER


def cmd_report_concerns(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        concerns = queries.open_concerns(session, STAFF_VIEWER, args.as_of)
    return emit(concerns_report(concerns, args.as_of), args.format)


def register(commands: SubParsers) -> None:
    report = report_subcommands(commands).add_parser(
        "concerns",
        help="concerns open on the date (received by it, not closed by it), highest risk first",
    )
    add_report_options(report)
    report.set_defaults(handler=cmd_report_concerns)
