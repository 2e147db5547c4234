"""Reference data changes beyond one form row: moving a service, closing services on a date.

Every change is a row of the exchange format saved through the importer's rules
(`dashboard.exchange.forms`), so it is validated and audited exactly like an upload.
Nothing is deleted: closing sets `closed_on` (services) or `ends_on` (MoU terms).
"""

from dataclasses import replace
from datetime import date

from sqlmodel import Session

from dashboard.core.permissions import MANAGERS, Actor, require_role
from dashboard.exchange.formats import FORMAT_BY_NAME
from dashboard.exchange.forms import FORM_ROW, save_form_row, save_form_rows, stored_row
from dashboard.exchange.problems import ImportRejected, Problem
from dashboard.exchange.summary import ImportSummary
from dashboard.reference.queries import services_left_open


def _opened(file_name: str, key: dict[str, str], session: Session) -> tuple[dict[str, str], int]:
    """A stored row's cells and version; refused when it does not exist."""
    row = stored_row(session, file_name, key)
    if row is None:
        column, value = next(iter(key.items()))
        fmt = FORMAT_BY_NAME[file_name]
        problem = Problem(fmt.file_name, FORM_ROW, column, f"there is no {fmt.label} {value!r}")
        raise ImportRejected([problem])
    return row.cells, row.version


def _save_changed(
    session: Session,
    actor: Actor,
    file_name: str,
    key: dict[str, str],
    changes: dict[str, str],
    expected_version: int | None,
) -> ImportSummary:
    """Save a stored row with some cells changed, at the version the form opened (default: now)."""
    cells, version = _opened(file_name, key, session)
    return save_form_row(
        session,
        file_name,
        {**cells, **changes},
        actor=actor,
        expected_version=version if expected_version is None else expected_version,
    )


def move_service(
    session: Session,
    *,
    actor: Actor,
    code: str,
    to_group: str,
    expected_version: int | None = None,
) -> ImportSummary:
    """Put a service in another group; past inspections stay with the group that inspected it."""
    require_role(actor, MANAGERS, "move services")
    return _save_changed(
        session, actor, "services", {"code": code}, {"group_code": to_group}, expected_version
    )


def close_service(
    session: Session, *, actor: Actor, code: str, on: date, expected_version: int | None = None
) -> ImportSummary:
    """Close one service on a date (its last day open is the day before)."""
    require_role(actor, MANAGERS, "close services")
    return _save_changed(
        session, actor, "services", {"code": code}, {"closed_on": on.isoformat()}, expected_version
    )


def _close_all(
    session: Session, codes: list[str], on: date, actor: Actor, whose: Problem
) -> ImportSummary:
    """Close the given services on a date, all or nothing; refused when there are none."""
    if not codes:
        raise ImportRejected([whose])
    rows = [
        {**_opened("services", {"code": code}, session)[0], "closed_on": on.isoformat()}
        for code in codes
    ]
    try:
        return save_form_rows(session, "services", rows, actor=actor)
    except ImportRejected as rejected:  # name the service each problem is about
        raise ImportRejected([_naming_service(p, codes) for p in rejected.problems]) from None


def _naming_service(problem: Problem, codes: list[str]) -> Problem:
    """A problem on one of several service rows, its message starting with that service."""
    if problem.row is None or not 0 <= problem.row - FORM_ROW < len(codes):
        return problem
    return replace(problem, message=f"service {codes[problem.row - FORM_ROW]}: {problem.message}")


def _close_services_of(
    session: Session, actor: Actor, file: str, what: str, code: str, on: date, **owner: str
) -> ImportSummary:
    """Close every service of the group or provider `code` (in `file`) still open on `on`."""
    _opened(file, {"code": code}, session)
    none_open = Problem(
        f"{file}.csv",
        FORM_ROW,
        "code",
        f"{what} {code!r} has no service open on {on.isoformat()}",
    )
    codes = services_left_open(session, on, **owner)
    return _close_all(session, codes, on, actor, none_open)


def close_group(session: Session, *, actor: Actor, code: str, on: date) -> ImportSummary:
    """Close an inspection group: every service of it still open on that date closes then."""
    require_role(actor, MANAGERS, "close inspection groups")
    return _close_services_of(
        session, actor, "inspection_groups", "inspection group", code, on, group_code=code
    )


def close_provider(session: Session, *, actor: Actor, code: str, on: date) -> ImportSummary:
    """A provider leaves the programme: every service of it still open on that date closes."""
    require_role(actor, MANAGERS, "close providers")
    return _close_services_of(session, actor, "providers", "provider", code, on, provider_code=code)


def end_mou_term(
    session: Session, *, actor: Actor, ref: str, on: date, expected_version: int | None = None
) -> ImportSummary:
    """End an MoU term early (or extend it): its last day becomes `on`."""
    require_role(actor, MANAGERS, "change MoU terms")
    return _save_changed(
        session, actor, "mou_terms", {"ref": ref}, {"ends_on": on.isoformat()}, expected_version
    )
