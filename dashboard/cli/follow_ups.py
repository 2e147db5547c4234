"""`dashboard report follow-ups`, `dashboard ics` and `dashboard remind`: follow-ups falling due."""

import argparse
import sys
from datetime import UTC, date, datetime

from sqlalchemy import Engine

from dashboard.cli.common import (
    CommandError,
    SubParsers,
    add_report_options,
    emit,
    iso_date,
    report_subcommands,
    require_schema,
)
from dashboard.core import db
from dashboard.core.mail import MailNotConfigured, send_messages, smtp_settings
from dashboard.core.marking import MARKING
from dashboard.follow_ups import queries as queries_follow_ups
from dashboard.follow_ups.rules import (
    DEFAULT_WITHIN_DAYS,
    Digests,
    FollowUpDue,
    action_digests,
    as_email,
    follow_up_report,
    inspector_digests,
    window_end,
)
from dashboard.follow_ups.rules.calendar import follow_up_calendar

DRY_RUN_SENDER = "oversight-dashboard@localhost"


def days(text: str) -> int:
    """An argparse type for a number of days, 0 or more."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days (0 or more)")
    return int(text)


def due_rows(engine: Engine, as_of: date, within: int, inspector: str | None) -> list[FollowUpDue]:
    """The follow-ups due as of a date, for everyone or from one inspector's inspections."""
    require_schema(engine)
    with db.session_scope(engine) as session:
        return queries_follow_ups.follow_ups_due(
            session, as_of=as_of, within_days=within, inspector=inspector
        )


def cmd_report_follow_ups(args: argparse.Namespace, engine: Engine) -> int:
    rows = due_rows(engine, args.as_of, args.within, args.inspector)
    return emit(follow_up_report(rows), args.format)


def cmd_ics(args: argparse.Namespace, engine: Engine) -> int:
    rows = due_rows(engine, args.as_of, args.within, args.inspector)
    stamped_at = datetime.now(UTC).replace(microsecond=0)
    sys.stdout.buffer.write(
        follow_up_calendar(rows, inspector=args.inspector, stamped_at=stamped_at)
    )
    sys.stdout.flush()
    print(f"{MARKING}: {len(rows)} follow-up events for {args.inspector}", file=sys.stderr)
    return 0


def _digests(engine: Engine, as_of: date, within: int) -> tuple[Digests, Digests]:
    rows = due_rows(engine, as_of, within, None)
    with db.session_scope(engine) as session:
        emails = queries_follow_ups.emails_by_name(session)
        actions = queries_follow_ups.open_cqc_actions(session)
    return (
        inspector_digests(rows, emails, as_of, window_end(as_of, within)),
        action_digests(actions, emails, as_of),
    )


def cmd_remind(args: argparse.Namespace, engine: Engine) -> int:
    follow_ups, actions = _digests(engine, args.as_of, args.within)
    reminders = follow_ups.reminders + actions.reminders
    if args.dry_run:
        sender = _configured_sender() or DRY_RUN_SENDER
        for reminder in reminders:
            print(as_email(reminder, sender).as_string())
        print(f"dry run: would send {len(reminders)} reminders", file=sys.stderr)
    else:
        try:
            settings = smtp_settings()
        except MailNotConfigured as error:
            raise CommandError(str(error)) from None
        sent = send_messages([as_email(r, settings.sender) for r in reminders], settings)
        print(f"sent {sent} reminders", file=sys.stderr)
    skipped = sorted(set(follow_ups.skipped + actions.skipped))
    if skipped:
        print(f"skipped (no email address known): {', '.join(skipped)}", file=sys.stderr)
    return 0


def _configured_sender() -> str | None:
    """The configured From address, if any (a dry run needs no SMTP server)."""
    try:
        return smtp_settings().sender
    except MailNotConfigured:
        return None


def _add_window_options(parser: argparse.ArgumentParser, *, with_format: bool) -> None:
    parser.add_argument(
        "--within",
        type=days,
        default=DEFAULT_WITHIN_DAYS,
        metavar="DAYS",
        help=f"due up to DAYS after the as-of date (default {DEFAULT_WITHIN_DAYS})",
    )
    if with_format:
        add_report_options(parser)
    else:
        parser.add_argument(
            "--as-of",
            type=iso_date,
            default=date.today(),
            metavar="DATE",
            help="as of this date (YYYY-MM-DD; default today)",
        )


def register(commands: SubParsers) -> None:
    report = report_subcommands(commands).add_parser(
        "follow-ups", help="recommendations overdue or due soon, oldest first"
    )
    report.add_argument(
        "--inspector", metavar="NAME", help="only recommendations from inspections NAME led"
    )
    _add_window_options(report, with_format=True)
    report.set_defaults(handler=cmd_report_follow_ups)

    ics = commands.add_parser("ics", help="an inspector's due follow-ups as a calendar (.ics)")
    ics.add_argument(
        "--inspector",
        metavar="NAME",
        required=True,
        help="the inspector whose inspections' follow-ups to include",
    )
    _add_window_options(ics, with_format=False)
    ics.set_defaults(handler=cmd_ics)

    remind = commands.add_parser(
        "remind",
        help="email each inspector and CQC action owner a "
        "digest (SMTP from OVERSIGHT_SMTP_* settings)",
    )
    remind.add_argument(
        "--dry-run", action="store_true", help="print the messages instead of sending them"
    )
    _add_window_options(remind, with_format=False)
    remind.set_defaults(handler=cmd_remind)
