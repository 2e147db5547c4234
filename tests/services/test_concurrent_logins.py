"""Many people logging in to one account at the same moment: none sees an error, none is lost.

Each attempt runs in its own thread, transaction and connection, released together by a barrier,
on a SQLite file in WAL mode (as the app runs) and on PostgreSQL.
"""

import json
import threading
from collections import Counter
from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session, select

from dashboard.accounts.rules import (
    LOCKOUT_THRESHOLD,
    LoginEvent,
    LoginOutcome,
    as_utc,
    login_outcome,
)
from dashboard.accounts.service import add_user, record_login, unlock_user
from dashboard.core import db
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from models import AuditEntry, LoginThrottle, User

ADMIN = Actor("ada", "Ada Admin", Role.ADMIN)
PEOPLE = 20


def _account(engine: Engine, username: str = "room") -> None:
    with db.session_scope(engine) as session:
        add_user(
            session, actor=ADMIN, username=username, role=Role.INSPECTOR, password="a-long-password"
        )


def _at_once(attempt: Callable[[int], LoginOutcome]) -> list[LoginOutcome]:
    """Run `attempt(person)` in PEOPLE threads released together; any exception fails the
    test."""
    barrier = threading.Barrier(PEOPLE)
    outcomes: list[LoginOutcome] = []
    errors: list[BaseException] = []

    def person(number: int) -> None:
        barrier.wait()
        try:
            outcomes.append(attempt(number))
        except BaseException as error:  # noqa: BLE001 (the test reports every one)
            errors.append(error)

    threads = [threading.Thread(target=person, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return outcomes


def _user(engine: Engine, username: str = "room") -> User:
    with Session(engine) as session:
        return session.exec(select(User).where(User.username == username)).one()


def _logged(engine: Engine, username: str = "room") -> Counter[str]:
    with Session(engine) as session:
        actions = session.exec(
            select(AuditEntry.action).where(
                AuditEntry.entity_key == username, AuditEntry.action != "create"
            )
        )
        return Counter(actions)


def _throttle(engine: Engine) -> tuple[int, object]:
    """The account's failure count and lock from the one address the tests use."""
    with Session(engine) as session:
        row = session.exec(select(LoginThrottle).where(LoginThrottle.username == "room")).first()
    return (0, None) if row is None else (row.failed_logins, as_utc(row.locked_until))


def test_twenty_people_on_one_account_all_log_in(engine):
    _account(engine)
    version = _user(engine).version
    outcomes = _at_once(lambda _: record_login(engine, "room", succeeded=True))
    assert [outcome.allowed for outcome in outcomes] == [True] * PEOPLE
    assert _logged(engine) == {LoginEvent.SUCCESS: PEOPLE}
    user = _user(engine)
    assert (_throttle(engine), user.version) == ((0, None), version)
    assert user.last_login_at is not None


def test_twenty_wrong_passwords_at_once_count_exactly_and_lock_once(engine):
    _account(engine)
    outcomes = _at_once(lambda _: record_login(engine, "room", succeeded=False))
    assert Counter(outcome.event for outcome in outcomes) == {
        LoginEvent.FAILURE: LOCKOUT_THRESHOLD - 1,
        LoginEvent.LOCKOUT: 1,
        LoginEvent.WHILE_LOCKED: PEOPLE - LOCKOUT_THRESHOLD,
    }
    assert _logged(engine) == {
        LoginEvent.FAILURE: LOCKOUT_THRESHOLD - 1,
        LoginEvent.LOCKOUT: 1,
        LoginEvent.WHILE_LOCKED: PEOPLE - LOCKOUT_THRESHOLD,
    }
    lockout = next(outcome for outcome in outcomes if outcome.event == LoginEvent.LOCKOUT)
    assert _throttle(engine) == (
        LOCKOUT_THRESHOLD,
        lockout.locked_until,
    )
    locks = {outcome.locked_until for outcome in outcomes if outcome.event != LoginEvent.FAILURE}
    assert locks == {lockout.locked_until}


def _replay(engine: Engine) -> None:
    """The audit trail, in the order it was written, is what the rule makes of the attempts
    one after another (an unlock clearing the count), ending in the account's stored state."""
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity_key == "room", AuditEntry.action != "create")
            .order_by(AuditEntry.id)
        ).all()
    failed, locked_until = 0, None
    for entry in entries:
        if entry.action == "unlock":
            assert json.loads(entry.changes)["failed_logins"] == [failed, 0]
            failed, locked_until = 0, None
            continue
        outcome = login_outcome(
            failed_logins=failed,
            locked_until=locked_until,
            succeeded=entry.action == LoginEvent.SUCCESS,
            at=as_utc(entry.at),
        )
        assert outcome.event == entry.action
        failed, locked_until = outcome.failed_logins, outcome.locked_until
    assert _throttle(engine) == (failed, locked_until)


def test_right_and_wrong_passwords_at_once_are_counted_one_after_another(engine):
    _account(engine)
    _at_once(lambda person: record_login(engine, "room", succeeded=person % 3 == 0))
    assert sum(_logged(engine).values()) == PEOPLE
    _replay(engine)


def test_an_admin_unlocks_while_wrong_passwords_arrive(engine):
    _account(engine)
    record_login(engine, "room", succeeded=False)

    def attempt(person: int) -> LoginOutcome:
        if person == PEOPLE // 2:
            with db.session_scope(engine) as session:
                unlock_user(session, actor=ADMIN, username="room")
            return LoginOutcome(True, "unlock", 0, None)
        return record_login(engine, "room", succeeded=False)

    _at_once(attempt)
    assert _logged(engine)["unlock"] == 1
    _replay(engine)
