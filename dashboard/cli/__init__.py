"""The `dashboard` command. Each module under dashboard/cli registers its own subcommands."""

import argparse
import sys
from collections.abc import Sequence

from dashboard.cli import (
    backup,
    concerns,
    data,
    follow_ups,
    governance,
    national,
    planning,
    reports,
    users,
)
from dashboard.core import db
from dashboard.core.refusal import Refused

COMMAND_MODULES = (
    data,
    reports,
    users,
    follow_ups,
    planning,
    backup,
    governance,
    concerns,
    national,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command tree; `dashboard --help` lists every command."""
    parser = argparse.ArgumentParser(
        prog="dashboard",
        description="Safehouse programme oversight. DATABASE_URL picks the database "
        "(default: the SQLite file data/oversight.db).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command: exit status 0 on success, 1 on a refused request, 2 on bad usage."""
    args = build_parser().parse_args(argv)
    engine = db.get_engine() if getattr(args, "needs_database", True) else None
    try:
        return int(args.handler(args, engine))
    except Refused as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
