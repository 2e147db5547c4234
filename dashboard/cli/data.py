"""`dashboard db upgrade`, `seed --demo`, `import` and `export`."""

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.accounts.rules import DEMO_USERS
from dashboard.accounts.service import add_demo_users, refuse_demo_in_production
from dashboard.cli.common import CommandError, SubParsers, cli_actor, iso_date, require_schema
from dashboard.core import db
from dashboard.core.config import SEED_DIR
from dashboard.core.marking import MARKING
from dashboard.exchange.demo import demo_anchor, has_programme_data, whole_weeks_between
from dashboard.exchange.exporter import export_programme
from dashboard.exchange.importer import import_programme
from dashboard.exchange.problems import ImportRejected
from dashboard.exchange.summary import ImportSummary


def cmd_db_upgrade(_args: argparse.Namespace, engine: Engine) -> int:
    db.upgrade(engine)
    print(f"database at revision {', '.join(sorted(db.current_heads(engine)))}")
    return 0


def seed_demo(session: Session, *, actor: str, shift_to: date | None = None) -> ImportSummary:
    """Load the demo programme (optionally moved to a date) and the demo logins."""
    shift_days = whole_weeks_between(demo_anchor(), shift_to) if shift_to else 0
    summary = import_programme(session, SEED_DIR, actor=actor, shift_days=shift_days)
    add_demo_users(session, actor=actor)
    return summary


def cmd_seed(args: argparse.Namespace, engine: Engine) -> int:
    refuse_demo_in_production()
    require_schema(engine)
    with db.session_scope(engine) as session:
        if args.if_empty and has_programme_data(session):
            print("The database already holds programme data: demo not loaded again.")
        else:
            print(seed_demo(session, actor=cli_actor(), shift_to=args.shift_to).format_summary())
    print("Demo logins (demo database only):")
    for user in DEMO_USERS:
        print(f"  {user.username:<10} {user.password:<22} {user.role}")
    return 0


def _print_progress(file_name: str, done: int, total: int) -> None:
    print(f"  {file_name}: {done}/{total} rows", file=sys.stderr)


def cmd_import(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    if not args.path.exists():
        raise CommandError(f"{args.path}: no such file or folder")
    try:
        summary = db.write(  # again if an import at the same moment stored the same keys
            engine,
            lambda session: import_programme(
                session,
                args.path,
                actor=cli_actor(),
                dry_run=args.dry_run,
                on_progress=_print_progress,
            ),
        )
    except ImportRejected as rejected:
        print(
            f"Import refused, nothing was changed. {len(rejected.problems)} problem(s):",
            file=sys.stderr,
        )
        for problem in rejected.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(("Dry run, nothing written.\n" if args.dry_run else "") + summary.format_summary())
    return 0


def cmd_export(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        written = export_programme(session, args.path)
    print(f"Exported {len(written)} file(s) to {args.path} ({MARKING}).")
    return 0


def register(commands: SubParsers) -> None:
    db_parser = commands.add_parser("db", help="database schema")
    db_commands = db_parser.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", help="migrate the database to the newest schema")
    upgrade.set_defaults(handler=cmd_db_upgrade)

    seed = commands.add_parser("seed", help="load the fictional demo programme")
    seed.add_argument("--demo", action="store_true", required=True, help="the demo programme")
    seed.add_argument(
        "--shift-to",
        type=iso_date,
        metavar="DATE|today",
        help="move the demo's dates (in whole weeks) so its anchor falls on DATE",
    )
    seed.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing when the database already holds programme data",
    )
    seed.set_defaults(handler=cmd_seed)

    importer = commands.add_parser("import", help="import a folder of CSVs, a .zip or an .xlsx")
    importer.add_argument("path", type=Path)
    importer.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    importer.set_defaults(handler=cmd_import)

    exporter = commands.add_parser("export", help="export everything (folder of CSVs, or .xlsx)")
    exporter.add_argument("path", type=Path)
    exporter.set_defaults(handler=cmd_export)
