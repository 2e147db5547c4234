"""Escalation rules: when one is open, when it has been open too long, and the next ref."""

import os
import re
from collections.abc import Iterable
from datetime import date

# An open escalation raised more than this many days before the as-of date is flagged.
ESCALATION_FLAG_DAYS = 30
FLAG_DAYS_ENV = "OVERSIGHT_ESCALATION_FLAG_DAYS"
_REF_NUMBER = re.compile(r"ESC-(\d+)")


def flag_days() -> int:
    """The flagging threshold: OVERSIGHT_ESCALATION_FLAG_DAYS if set, else 30 days."""
    value = os.environ.get(FLAG_DAYS_ENV, "").strip()
    return int(value) if value.isdigit() else ESCALATION_FLAG_DAYS


def is_open_on(raised_on: date, resolved_on: date | None, as_of: date) -> bool:
    """Raised on or before the date and not resolved by it."""
    return raised_on <= as_of and (resolved_on is None or resolved_on > as_of)


def days_open(raised_on: date, as_of: date) -> int:
    """Calendar days since the escalation was raised."""
    return (as_of - raised_on).days


def is_flagged(
    raised_on: date, resolved_on: date | None, as_of: date, days: int = ESCALATION_FLAG_DAYS
) -> bool:
    """Open on the date and raised more than `days` days before it."""
    return is_open_on(raised_on, resolved_on, as_of) and days_open(raised_on, as_of) > days


def next_escalation_ref(refs: Iterable[str]) -> str:
    """The ref after the highest ESC-nnn in use, e.g. ESC-007 after ESC-006."""
    numbers = [int(m.group(1)) for ref in refs if (m := _REF_NUMBER.fullmatch(ref))]
    return f"ESC-{max(numbers, default=0) + 1:03d}"
