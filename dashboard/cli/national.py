"""`dashboard report national YEAR`: the year's judgements by key question, for the national
report (inspections carried out in the programme year whose final report was sent by the date)."""

import argparse

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
from dashboard.national import queries
from dashboard.national.rules import judgements_report

FIRST_YEAR, LAST_YEAR = 2015, 2100


def cmd_report_national(args: argparse.Namespace, engine: Engine) -> int:
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        raise CommandError(
            f"YEAR {args.year}: give the programme year's first calendar year, "
            f"{FIRST_YEAR} to {LAST_YEAR} (2023 means 2023/24)"
        )
    require_schema(engine)
    with db.session_scope(engine) as session:
        counts = queries.judgement_counts(session, args.year, args.as_of)
    return emit(judgements_report(counts), args.format)


def register(commands: SubParsers) -> None:
    report = report_subcommands(commands).add_parser(
        "national",
        help="judgements by key question of a programme year's inspections whose final report "
        "was sent by the date, for the national report",
    )
    report.add_argument("year", type=int, metavar="YEAR", help="programme year (2023 = 2023/24)")
    add_report_options(report)
    report.set_defaults(handler=cmd_report_national)
