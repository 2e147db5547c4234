"""Concern rules: when one is open, how long for, who may read it, its closure and its ref.

Pure functions over plain data, so the page, the command line, the importer and the forms agree.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from dashboard.core.refusal import Problem, Refused
from dashboard.core.report import Report
from dashboard.core.vocabulary import ConcernResponse, ConcernSource, ConcernStatus, Risk

# Partners read the concerns their own organisations raised, and those escalated to them.
PARTNER_SOURCES = frozenset({ConcernSource.HOME_OFFICE, ConcernSource.PRIME_CONTRACTOR})
RISK_RANK: Mapping[str, int] = {Risk.HIGH: 0, Risk.MEDIUM: 1, Risk.LOW: 2}
REPORT_COLUMNS = (
    "concern_ref",
    "received_on",
    "source",
    "provider_code",
    "group_code",
    "risk",
    "status",
    "days_open",
)
_REF = re.compile(r"CON-(\d{4})-(\d+)")


class ConcernRefused(Refused):
    """A concern's input breaks a rule; `problems` names each field. Nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("", list(problems))


@dataclass(frozen=True)
class ConcernDraft:
    """A concern as a form gives it (codes and refs as text); the ref is made when blank."""

    received_on: date | None
    source: str
    provider_code: str
    summary: str
    risk: str
    status: str = ConcernStatus.OPEN
    group_code: str | None = None
    key_questions: tuple[str, ...] = ()
    response: str | None = None
    inspection_ref: str | None = None
    closed_on: date | None = None


@dataclass(frozen=True)
class ConcernFilter:
    """The register's filters; an empty choice keeps every value."""

    statuses: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    open_on: date | None = None  # only those open on this date
    groups: tuple[str, ...] = ()  # only those naming one of these inspection groups


@dataclass(frozen=True)
class ConcernFacts:
    """A stored concern with codes and refs in place of ids."""

    ref: str
    received_on: date
    source: str
    provider_code: str
    group_code: str | None
    key_questions: tuple[str, ...]
    summary: str
    risk: str
    status: str
    response: str | None
    inspection_ref: str | None
    closed_on: date | None
    version: int = 1


def is_open_on(received_on: date, closed_on: date | None, as_of: date) -> bool:
    """Received on or before the date and not closed by it."""
    return received_on <= as_of and (closed_on is None or closed_on > as_of)


def days_open(received_on: date, as_of: date) -> int:
    """Calendar days since the concern was received."""
    return (as_of - received_on).days


def partner_may_read(source: str, response: str | None) -> bool:
    """Raised by the Home Office or the prime contractor, or escalated."""
    return source in PARTNER_SOURCES or response == ConcernResponse.ESCALATED


def closure_problems(
    status: str | None, received_on: date | None, closed_on: date | None
) -> list[tuple[str, str]]:
    """(field, message) for a closed date missing when closed, given when open, or before the
    concern was received."""
    if status == ConcernStatus.CLOSED and closed_on is None:
        return [("closed_on", "is required when status is closed")]
    if status == ConcernStatus.OPEN and closed_on is not None:
        return [("closed_on", "is only for a closed concern (this one is open)")]
    if received_on is not None and closed_on is not None and closed_on < received_on:
        return [
            (
                "closed_on",
                f"{closed_on.isoformat()} is before received_on {received_on.isoformat()}",
            )
        ]
    return []


def concern_row_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The importer's row rule for concerns.csv (a form saves through the same rule)."""
    return closure_problems(
        values.get("status"), values.get("received_on"), values.get("closed_on")
    )


def next_concern_ref(refs: Iterable[str], year: int) -> str:
    """The ref after the year's highest in use, e.g. CON-2026-004 after CON-2026-003."""
    numbers = [
        int(found.group(2))
        for ref in refs
        if (found := _REF.fullmatch(ref)) and int(found.group(1)) == year
    ]
    return f"CON-{year}-{max(numbers, default=0) + 1:03d}"


def open_on(concerns: Iterable[ConcernFacts], as_of: date) -> list[ConcernFacts]:
    """Concerns open on the date, highest risk first, then the oldest, then by ref."""
    return sorted(
        (c for c in concerns if is_open_on(c.received_on, c.closed_on, as_of)),
        key=lambda c: (RISK_RANK.get(c.risk, len(RISK_RANK)), c.received_on, c.ref),
    )


def status_on(concern: ConcernFacts, as_of: date) -> str:
    """`open` or `closed` as of the date (a concern closed later was still open then)."""
    closed = concern.closed_on is not None and concern.closed_on <= as_of
    return ConcernStatus.CLOSED if closed else ConcernStatus.OPEN


def concerns_report(concerns: Iterable[ConcernFacts], as_of: date) -> Report:
    """`dashboard report concerns`: the concerns open on the date, highest risk first."""
    return Report(
        REPORT_COLUMNS,
        [
            (
                c.ref,
                c.received_on,
                c.source,
                c.provider_code,
                c.group_code,
                c.risk,
                status_on(c, as_of),
                str(days_open(c.received_on, as_of)),
            )
            for c in open_on(concerns, as_of)
        ],
    )
