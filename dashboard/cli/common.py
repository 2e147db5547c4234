"""What every CLI command module shares: errors, date arguments, the actor, output."""

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date
from typing import TypeAlias

from sqlalchemy import Engine

from dashboard.core import db
from dashboard.core.marking import MARKING
from dashboard.core.refusal import Refused
from dashboard.core.report import Report, render_csv, render_table

Handler = Callable[[argparse.Namespace, Engine], int]
# A string: argparse's class is generic only in its stubs.
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class CommandError(Refused):
    """A refused request to report in one line; exit status 1."""


def iso_date(text: str) -> date:
    """An argparse type for YYYY-MM-DD (or 'today') with a message naming the bad value."""
    if text == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def cli_actor() -> str:
    """Who CLI changes are recorded against in the audit trail."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def require_schema(engine: Engine) -> None:
    """Refuse to work on a database that has not been migrated."""
    if not db.current_heads(engine):
        raise CommandError("the database has no schema yet: run `dashboard db upgrade` first")


def report_subcommands(commands: SubParsers) -> SubParsers:
    """The `report` command's subcommands (registered by dashboard.cli.reports, which must come
    first), so other modules can add their own reports."""
    report = commands.choices.get("report")
    if report is None:
        raise RuntimeError("dashboard.cli.reports must be registered before other reports")
    return next(
        action for action in report._actions if isinstance(action, argparse._SubParsersAction)
    )


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """--as-of and --format, as every report takes them."""
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=date.today(),
        metavar="DATE",
        help="report as of this date (YYYY-MM-DD; default today)",
    )
    parser.add_argument("--format", choices=("table", "csv"), default="table")


def emit(report: Report, output_format: str) -> int:
    """Print a report; CSV stays clean on stdout and the marking goes to stderr."""
    if output_format == "csv":
        sys.stdout.write(render_csv(report))
        print(MARKING, file=sys.stderr)
    else:
        sys.stdout.write(render_table(report))
    return 0
