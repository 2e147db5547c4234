"""`dashboard report coverage|programme-year|deadlines` and `dashboard workdays add`."""

import argparse

from sqlalchemy import Engine

from dashboard.cli.common import SubParsers, add_report_options, emit, iso_date, require_schema
from dashboard.core import db
from dashboard.core.workdays import add_working_days
from dashboard.coverage import queries as coverage_queries
from dashboard.coverage.rules import (
    coverage_as_of,
    coverage_report,
    programme_year_coverage,
    programme_year_report,
)
from dashboard.inspections import queries as inspection_queries
from dashboard.inspections.rules import deadline_report


def cmd_report_coverage(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        groups = coverage_queries.group_facts(session)
        starts = coverage_queries.inspection_starts(session)
    return emit(coverage_report(coverage_as_of(groups, starts, args.as_of)), args.format)


def cmd_report_programme_year(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        groups = coverage_queries.group_facts(session)
        starts = coverage_queries.inspection_starts(session)
    rows = programme_year_coverage(groups, starts, args.year, args.as_of)
    return emit(programme_year_report(rows, args.year), args.format)


def cmd_report_deadlines(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        inspections = inspection_queries.inspection_dates(session)
    return emit(deadline_report(inspections, args.as_of), args.format)


def cmd_workdays_add(args: argparse.Namespace, _engine: Engine) -> int:
    print(add_working_days(args.date, args.n).isoformat())
    return 0


def register(commands: SubParsers) -> None:
    report = commands.add_parser("report", help="coverage, programme-year and deadline reports")
    reports = report.add_subparsers(dest="report", required=True, metavar="REPORT")
    coverage = reports.add_parser("coverage", help="coverage of every active inspection group")
    add_report_options(coverage)
    coverage.set_defaults(handler=cmd_report_coverage)
    year = reports.add_parser("programme-year", help="groups required and covered in a year")
    year.add_argument("year", type=int, help="programme year Y runs 1 April Y to 31 March Y+1")
    add_report_options(year)
    year.set_defaults(handler=cmd_report_programme_year)
    deadlines = reports.add_parser("deadlines", help="every inspection milestone and its state")
    add_report_options(deadlines)
    deadlines.set_defaults(handler=cmd_report_deadlines)

    workdays = commands.add_parser("workdays", help="working days in England and Wales")
    workday_commands = workdays.add_subparsers(dest="workdays_command", required=True)
    add = workday_commands.add_parser("add", help="the date N working days after DATE")
    add.add_argument("date", type=iso_date)
    add.add_argument("n", type=int, help="negative counts back")
    add.set_defaults(handler=cmd_workdays_add, needs_database=False)
