"""`dashboard backup PATH [--logical]` and `dashboard restore PATH [--force]`."""

import argparse
from pathlib import Path

from sqlalchemy import Engine

from dashboard.cli.common import CommandError, SubParsers, require_schema
from dashboard.core.marking import MARKING
from dashboard.exchange.backup import BackupResult, RestoreRefused, backup, is_sqlite, restore


def _described(result: BackupResult) -> str:
    total = sum(result.rows.values())
    return (
        f"{result.kind} {result.path}: {total} rows in {len(result.rows)} tables, "
        f"schema {', '.join(result.heads) or 'none'}"
    )


def cmd_backup(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    logical = args.logical or not is_sqlite(engine)
    if logical and args.path.is_file():
        raise CommandError(f"{args.path} is a file: a logical backup is written to a folder")
    if not logical and args.path.is_dir():
        raise CommandError(f"{args.path} is a folder: a SQLite snapshot is written to a file")
    result = backup(engine, args.path, logical=logical)
    print(f"Backed up: {_described(result)}. {MARKING}: keep it where only its owners can read it.")
    return 0


def cmd_restore(args: argparse.Namespace, engine: Engine) -> int:
    try:
        result = restore(engine, args.path, force=args.force)
    except RestoreRefused as refused:
        raise CommandError(f"restore refused, nothing was changed: {refused}") from None
    print(f"Restored from {_described(result)}.")
    return 0


def register(commands: SubParsers) -> None:
    saver = commands.add_parser(
        "backup",
        help="write a consistent backup while the app runs",
        description="SQLite: a snapshot file made with the online backup API. PostgreSQL (or "
        "--logical): a folder with every table as JSON, the schema version and the programme "
        "as an exchange-format workbook.",
    )
    saver.add_argument("path", type=Path, help="the snapshot file, or the folder to write")
    saver.add_argument(
        "--logical",
        action="store_true",
        help="write the folder form even for SQLite (restores into PostgreSQL)",
    )
    saver.set_defaults(handler=cmd_backup)
    loader = commands.add_parser(
        "restore", help="restore a backup into the database (refuses a non-empty one)"
    )
    loader.add_argument("path", type=Path, help="a snapshot file or a backup folder")
    loader.add_argument(
        "--force",
        action="store_true",
        help="replace everything already in the database with the backup",
    )
    loader.set_defaults(handler=cmd_restore)
