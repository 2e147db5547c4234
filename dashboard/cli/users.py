"""`dashboard users add|set-password|disable|enable|unlock|set-role|list`: accounts.

Passwords are read from a prompt (twice) or one line of stdin. Whoever runs the command holds
the database already, so the command acts as an admin, recorded as `cli:<login name>`.
"""

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.accounts.queries import list_users, lock_of
from dashboard.accounts.rules import AccountError, is_locked, system_actor
from dashboard.accounts.service import (
    add_user,
    change_role,
    disable_user,
    enable_user,
    set_password,
    unlock_user,
)
from dashboard.cli.common import CommandError, Handler, SubParsers, cli_actor, require_schema
from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from models.accounts import User
from models.base import utc_now

ROLES = [role.value for role in Role]


def read_password(username: str) -> str:
    """Twice at a terminal; one line of stdin in a script."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"Password for {username}: ")
        if getpass.getpass("Repeat the password: ") != first:
            raise CommandError("the two passwords differ: nothing was saved")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _change(engine: Engine, change: Callable[[Session, Actor], object]) -> None:
    """Run one account change in its own transaction; a refusal becomes a one-line error."""
    require_schema(engine)
    try:
        with db.session_scope(engine) as session:
            change(session, system_actor(cli_actor()))
    except AccountError as error:
        raise CommandError(str(error)) from None


def cmd_users_add(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    password = read_password(args.username)
    _change(
        engine,
        lambda session, actor: add_user(
            session,
            actor=actor,
            username=args.username,
            role=args.role,
            password=password,
            display_name=args.name,
            email=args.email,
        ),
    )
    print(f"User {args.username} added with role {args.role}.")
    return 0


def cmd_users_set_password(args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    password = read_password(args.username)
    _change(
        engine,
        lambda session, actor: set_password(
            session, actor=actor, username=args.username, password=password
        ),
    )
    print(f"Password of {args.username} changed.")
    return 0


def _change_user(engine: Engine, change: Callable[..., object], username: str, done: str) -> int:
    """Run one change to the account `username` as the CLI actor, then say `done`."""
    _change(engine, lambda session, actor: change(session, actor=actor, username=username))
    print(done)
    return 0


def cmd_users_disable(args: argparse.Namespace, engine: Engine) -> int:
    return _change_user(
        engine,
        disable_user,
        args.username,
        f"User {args.username} disabled: they can no longer log in.",
    )


def cmd_users_enable(args: argparse.Namespace, engine: Engine) -> int:
    return _change_user(engine, enable_user, args.username, f"User {args.username} enabled.")


def cmd_users_unlock(args: argparse.Namespace, engine: Engine) -> int:
    return _change_user(engine, unlock_user, args.username, f"User {args.username} unlocked.")


def cmd_users_set_role(args: argparse.Namespace, engine: Engine) -> int:
    _change(
        engine,
        lambda session, actor: change_role(
            session, actor=actor, username=args.username, role=args.role
        ),
    )
    print(f"User {args.username} now has role {args.role}.")
    return 0


def account_state(user: User, locked_until: datetime | None) -> str:
    """'active', 'disabled' or 'locked until HH:MM UTC' (from some address), as the list
    shows it."""
    if user.disabled:
        return "disabled"
    if locked_until is not None and is_locked(locked_until, utc_now()):
        return f"locked until {locked_until:%H:%M} UTC"
    return "active"


def cmd_users_list(_args: argparse.Namespace, engine: Engine) -> int:
    require_schema(engine)
    with db.session_scope(engine) as session:
        for user in list_users(session):
            state = account_state(user, lock_of(session, user.username))
            print(f"{user.username:<20} {user.role:<18} {state:<24} {user.display_name}")
    return 0


def _named(
    commands: SubParsers, name: str, help_text: str, handler: Handler
) -> argparse.ArgumentParser:
    """A subcommand taking a username."""
    parser: argparse.ArgumentParser = commands.add_parser(name, help=help_text)
    parser.add_argument("username")
    parser.set_defaults(handler=handler)
    return parser


def register(commands: SubParsers) -> None:
    users = commands.add_parser("users", help="user accounts")
    user_commands = users.add_subparsers(dest="users_command", required=True)
    add = _named(
        user_commands,
        "add",
        "add a user; the password is read from a prompt or from stdin",
        cmd_users_add,
    )
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="display name (for an inspector: as written on inspections)")
    add.add_argument("--email")
    _named(
        user_commands,
        "set-password",
        "give a user a new password, read from a prompt or from stdin",
        cmd_users_set_password,
    )
    _named(
        user_commands, "disable", "stop a user logging in (never the last admin)", cmd_users_disable
    )
    _named(user_commands, "enable", "let a disabled user log in again", cmd_users_enable)
    _named(user_commands, "unlock", "lift a lockout after failed logins", cmd_users_unlock)
    set_role = _named(user_commands, "set-role", "give a user another role", cmd_users_set_role)
    set_role.add_argument("role", choices=ROLES)
    listing = user_commands.add_parser("list", help="list user accounts and their state")
    listing.set_defaults(handler=cmd_users_list)
