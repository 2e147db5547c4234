"""`dashboard users add|list`: accounts, with passwords read from a prompt or stdin."""

import argparse
import getpass
import sys

from sqlalchemy import Engine

from dashboard import db
from dashboard.accounts import AccountError, add_user, list_users
from dashboard.cli.common import CommandError, SubParsers, cli_actor, require_schema
from dashboard.vocabulary import Role


def read_password(username: str) -> str:
    """Twice at a terminal; one line of stdin in a script."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {username}: ")
        if getpass.getpass("Repeat the password: ") != first:
            raise CommandError("the two passwords differ: nothing was saved")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_users_add(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    password = read_password(args.username)
    try:
        with db.session_scope(engine) as session:
            add_user(
                session, actor=cli_actor(), username=args.username, role=args.role,
                password=password, display_name=args.name, email=args.email,
            )
    except AccountError as error:
        raise CommandError(str(error)) from None
    print(f"User {args.username} added with role {args.role}.")
    return 0


def cmd_users_list(_args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        for user in list_users(session):
            state = "disabled" if user.disabled else "active"
            print(f"{user.username:<20} {user.role:<18} {state:<9} {user.display_name}")
    return 0


def register(commands: SubParsers) -> None:
    users = commands.add_parser("users", help="user accounts")
    user_commands = users.add_subparsers(dest="users_command", required=True)
    add = user_commands.add_parser(
        "add", help="add a user; the password is read from a prompt or from stdin"
    )
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--name", help="display name (for an inspector: as written on inspections)")
    add.add_argument("--email")
    add.set_defaults(handler=cmd_users_add)
    listing = user_commands.add_parser("list", help="list user accounts")
    listing.set_defaults(handler=cmd_users_list)
