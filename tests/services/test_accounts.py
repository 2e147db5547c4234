"""Accounts: admin-only changes, the last-admin guard, and the lockout (5 failures lock for 15
minutes, then longer; per username and client address)."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from dashboard.accounts.queries import lock_of
from dashboard.accounts.rules import (
    LOCKOUT_PERIOD,
    AccountError,
    LoginEvent,
    as_utc,
    is_locked,
    login_outcome,
    password_matches,
)
from dashboard.accounts.service import (
    add_user,
    change_role,
    disable_user,
    enable_user,
    record_login_attempt,
    set_password,
    unlock_user,
)
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from models import AuditEntry, LoginThrottle, User

ADMIN = Actor("ada", "Ada Admin", Role.ADMIN)
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
T15 = T0 + timedelta(minutes=15)


def _add(session: Session, username: str, role: str = Role.INSPECTOR) -> User:
    return add_user(
        session, actor=ADMIN, username=username, role=role, password=f"{username}-long-password"
    )


def _entries(session: Session, action: str | None = None) -> list[AuditEntry]:
    statement = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        statement = statement.where(AuditEntry.action == action)
    return list(session.exec(statement))


def _fail(session: Session, username: str, times: int, start: datetime = T0) -> list[str]:
    return [
        record_login_attempt(
            session, username=username, succeeded=False, at=start + timedelta(seconds=i)
        ).event
        for i in range(times)
    ]


# The lockout rule, table-driven: (failures so far, locked until, succeeded, at) → outcome.
@pytest.mark.parametrize(
    ("failed", "locked_until", "succeeded", "at", "allowed", "event", "count", "until"),
    [
        (0, None, True, T0, True, "login", 0, None),
        (3, None, True, T0, True, "login", 0, None),
        (0, None, False, T0, False, "login_failed", 1, None),
        (3, None, False, T0, False, "login_failed", 4, None),
        (4, None, False, T0, False, "lockout", 5, T0 + timedelta(minutes=15)),
        # locked: even the right password is refused, and the lock is not extended
        (5, T15, True, T0 + timedelta(minutes=14, seconds=59), False, "login_locked", 5, T15),
        (5, T15, False, T0 + timedelta(minutes=1), False, "login_locked", 5, T15),
        # the lock has ended: the right password works; a wrong one locks again, for longer
        (5, T0, True, T0, True, "login", 0, None),
        (5, T0, False, T0, False, "lockout", 6, T0 + timedelta(minutes=30)),
    ],
)
def test_login_outcome_rule(failed, locked_until, succeeded, at, allowed, event, count, until):
    outcome = login_outcome(
        failed_logins=failed, locked_until=locked_until, succeeded=succeeded, at=at
    )
    assert (outcome.allowed, outcome.event, outcome.failed_logins, outcome.locked_until) == (
        allowed,
        event,
        count,
        until,
    )


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(session):
    _add(session, "ina")
    assert _fail(session, "ina", 5) == ["login_failed"] * 4 + ["lockout"]
    locked_at = T0 + timedelta(seconds=4)
    assert is_locked(lock_of(session, "ina"), locked_at + LOCKOUT_PERIOD - timedelta(seconds=1))
    right = record_login_attempt(
        session, username="ina", succeeded=True, at=locked_at + timedelta(minutes=14)
    )
    assert (right.allowed, right.event) == (False, LoginEvent.WHILE_LOCKED)
    lockout = _entries(session, "lockout")[0]
    assert (lockout.username, lockout.entity, lockout.entity_key) == ("ina", "user", "ina")
    assert json.loads(lockout.changes)["failed_logins"] == [4, 5]


def test_four_failures_do_not_lock_and_a_success_resets_the_count(session):
    _add(session, "ina")
    _fail(session, "ina", 4)
    ok = record_login_attempt(session, username="ina", succeeded=True, at=T0 + timedelta(1))
    assert ok.allowed and ok.failed_logins == 0
    assert _fail(session, "ina", 4, T0 + timedelta(2)) == ["login_failed"] * 4


def test_the_account_opens_again_fifteen_minutes_after_the_lockout(session):
    _add(session, "ina")
    _fail(session, "ina", 5)
    later = T0 + timedelta(seconds=4) + LOCKOUT_PERIOD
    outcome = record_login_attempt(session, username="ina", succeeded=True, at=later)
    assert outcome.allowed
    user = session.exec(select(User).where(User.username == "ina")).one()
    assert [row.failed_logins for row in session.exec(select(LoginThrottle))] == [0]
    assert user.last_login_at is not None


def test_success_and_failure_are_both_in_the_audit_trail(session):
    _add(session, "ina")
    record_login_attempt(session, username="ina", succeeded=False, at=T0)
    record_login_attempt(session, username="ina", succeeded=True, at=T0 + timedelta(seconds=5))
    logins = [
        (e.action, e.username, as_utc(e.at)) for e in _entries(session) if e.action != "create"
    ]
    assert logins == [("login_failed", "ina", T0), ("login", "ina", T0 + timedelta(seconds=5))]


def test_a_lock_holds_only_for_the_address_the_failures_came_from(session):
    _add(session, "ina")
    for _ in range(5):
        record_login_attempt(
            session, username="ina", succeeded=False, address="198.51.100.7", at=T0
        )
    stranger = record_login_attempt(
        session, username="ina", succeeded=True, address="198.51.100.7", at=T0
    )
    owner = record_login_attempt(
        session, username="ina", succeeded=True, address="203.0.113.9", at=T0
    )
    assert (stranger.allowed, owner.allowed) == (False, True)


def test_unknown_usernames_are_counted_locked_and_audited_alike(session):
    assert _fail(session, "nobody", 5) == ["login_failed"] * 4 + ["lockout"]
    entries = [(e.action, e.entity_key) for e in _entries(session)]
    assert entries == [("login_failed", "nobody")] * 4 + [("lockout", "nobody")]
    assert all("password" not in (e.changes or "") for e in _entries(session))


def test_admin_unlocks_at_once(session):
    _add(session, "ina")
    _fail(session, "ina", 5)
    unlock_user(session, actor=ADMIN, username="ina")
    outcome = record_login_attempt(
        session, username="ina", succeeded=True, at=T0 + timedelta(minutes=1)
    )
    assert outcome.allowed
    assert _entries(session, "unlock")[0].username == "ada"


def test_a_disabled_account_is_refused_as_a_wrong_password_and_audited_as_disabled(session):
    _add(session, "ina")
    _add(session, "root", Role.ADMIN)
    disable_user(session, actor=ADMIN, username="ina")
    refused = record_login_attempt(session, username="ina", succeeded=False, at=T0)
    assert (refused.allowed, refused.event) == (False, LoginEvent.FAILURE)
    assert _entries(session)[-1].action == LoginEvent.DISABLED
    enable_user(session, actor=ADMIN, username="ina")
    assert record_login_attempt(session, username="ina", succeeded=True, at=T0).allowed


def test_the_last_active_admin_can_be_neither_disabled_nor_demoted(session):
    _add(session, "root", Role.ADMIN)
    with pytest.raises(AccountError, match="last active admin"):
        disable_user(session, actor=ADMIN, username="root")
    with pytest.raises(AccountError, match="last active admin"):
        change_role(session, actor=ADMIN, username="root", role=Role.PARTNER)
    root = session.exec(select(User).where(User.username == "root")).one()
    assert (root.role, root.disabled) == (Role.ADMIN, False)


def test_a_disabled_admin_does_not_count_as_another_way_in(session):
    _add(session, "root", Role.ADMIN)
    _add(session, "spare", Role.ADMIN)
    disable_user(session, actor=ADMIN, username="spare")
    with pytest.raises(AccountError, match="last active admin"):
        disable_user(session, actor=ADMIN, username="root")
    enable_user(session, actor=ADMIN, username="spare")
    change_role(session, actor=ADMIN, username="root", role=Role.PROGRAMME_MANAGER)
    assert session.exec(select(User.role).where(User.username == "root")).one() == (
        "programme_manager"
    )


def test_set_password_needs_twelve_characters_and_keeps_the_hash_out_of_the_audit(session):
    _add(session, "ina")
    with pytest.raises(AccountError, match="at least 12 characters"):
        set_password(session, actor=ADMIN, username="ina", password="eleven-char")
    set_password(session, actor=ADMIN, username="ina", password="twelve-chars")
    user = session.exec(select(User).where(User.username == "ina")).one()
    assert password_matches("twelve-chars", user.password_hash)
    entry = _entries(session, "update")[-1]
    assert user.password_hash not in entry.changes and "twelve-chars" not in entry.changes


@pytest.mark.parametrize("password", ["x" * 73, "é" * 37])
def test_passwords_bcrypt_cannot_hold_are_refused(session, password):
    with pytest.raises(AccountError, match="at most 72 bytes"):
        add_user(session, actor=ADMIN, username="long", role=Role.PARTNER, password=password)


def test_change_role_is_audited_with_before_and_after(session):
    _add(session, "ina")
    change_role(session, actor=ADMIN, username="ina", role=Role.PROGRAMME_MANAGER)
    entry = _entries(session, "update")[-1]
    assert json.loads(entry.changes) == {"role": ["inspector", "programme_manager"]}


def test_changes_to_an_unknown_user_name_it(session):
    with pytest.raises(AccountError, match="no user 'ghost'"):
        unlock_user(session, actor=ADMIN, username="ghost")
