"""Account rules at their edges: password length, the lockout threshold, the lock's end and
its growth, the client address, and how long a login session lasts."""

from datetime import UTC, datetime, time, timedelta

import bcrypt
import pytest

from dashboard.accounts.rules import (
    LOCKOUT_PERIOD,
    AccountError,
    LoginEvent,
    SessionEnd,
    SessionLimits,
    check_password,
    client_address,
    is_locked,
    login_outcome,
    needs_touch,
    new_session_token,
    password_matches,
    session_end,
    token_digest,
)

NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
# Hard to guess at any length from 11 on, so only the rule under test refuses a slice of it.
STRONG = "kq7#Lw9!pZ2m-orbit-violet-kettle-spruce-harbour-lantern-meadow-copper-fig-x"


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(11, False), (12, True), (13, True)],  # at least 12 characters
)
def test_a_password_needs_at_least_12_characters(length: int, accepted: bool) -> None:
    password = STRONG[:length]
    if accepted:
        check_password(password)
    else:
        with pytest.raises(AccountError, match="at least 12 characters"):
            check_password(password)


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(71, True), (72, True), (73, False)],  # bcrypt takes at most 72 bytes
)
def test_a_password_may_use_at_most_72_bytes(length: int, accepted: bool) -> None:
    password = STRONG[:length]
    if accepted:
        check_password(password)
    else:
        with pytest.raises(AccountError, match="at most 72 bytes"):
            check_password(password)


@pytest.mark.parametrize(
    ("password", "words"),
    [
        (" " * 12, "too easy to guess (Repeats"),
        ("aaaaaaaaaaaa", "too easy to guess (Repeats"),
        ("password1234", "too easy to guess (This is a very common password)"),
        ("qwertyuiop12", "too easy to guess"),
        ("demo-admin-pass", "published demo password"),
        ("ruth-okafor-2026", "made of the username or display name"),
        ("Okafor.Ruth.Okafor#9", "made of the username or display name"),
    ],
)
def test_weak_published_or_own_name_passwords_are_refused(password: str, words: str) -> None:
    with pytest.raises(AccountError) as refused:
        check_password(password, username="ruth", display_name="Ruth Okafor")
    assert words in str(refused.value)


@pytest.mark.parametrize("password", ["copper lantern orbit meadow", "Okafor-lantern-42!"])
def test_a_phrase_with_words_of_its_own_is_accepted(password: str) -> None:
    check_password(password, username="ruth", display_name="Ruth Okafor")


@pytest.mark.parametrize(
    ("length", "matches"),
    [
        (71, True),
        (72, True),
        (73, False),  # past 72 bytes never matches, though its first 72 bytes do
    ],
)
def test_a_password_matches_its_hash_up_to_72_bytes(length: int, matches: bool) -> None:
    password = "p" * length
    stored = bcrypt.hashpw(password[:72].encode(), bcrypt.gensalt(rounds=4)).decode()
    assert password_matches(password, stored) is matches


@pytest.mark.parametrize(
    ("failed_before", "event", "locked_until"),
    [
        (3, LoginEvent.FAILURE, None),  # the fourth failure in a row
        (4, LoginEvent.LOCKOUT, NOON + LOCKOUT_PERIOD),  # the fifth locks the account
        # after that lock has ended, each further failure locks again, twice as long
        (5, LoginEvent.LOCKOUT, NOON + timedelta(minutes=30)),
        (6, LoginEvent.LOCKOUT, NOON + timedelta(minutes=60)),
        (7, LoginEvent.LOCKOUT, NOON + timedelta(minutes=120)),
        (8, LoginEvent.LOCKOUT, NOON + timedelta(minutes=120)),  # at most two hours
        (500, LoginEvent.LOCKOUT, NOON + timedelta(minutes=120)),
    ],
)
def test_the_fifth_failure_in_a_row_locks_and_each_further_one_doubles_the_lock(
    failed_before: int, event: str, locked_until: datetime | None
) -> None:
    outcome = login_outcome(
        failed_logins=failed_before, locked_until=None, succeeded=False, at=NOON
    )
    assert (outcome.allowed, outcome.event, outcome.locked_until) == (False, event, locked_until)


@pytest.mark.parametrize(
    ("at", "allowed", "event"),
    [
        (NOON - timedelta(seconds=1), False, LoginEvent.WHILE_LOCKED),
        (NOON, True, LoginEvent.SUCCESS),  # the lock ends at its end time
        (NOON + timedelta(seconds=1), True, LoginEvent.SUCCESS),
    ],
)
def test_the_right_password_is_refused_until_the_lock_ends(
    at: datetime, allowed: bool, event: str
) -> None:
    outcome = login_outcome(failed_logins=5, locked_until=NOON, succeeded=True, at=at)
    assert (outcome.allowed, outcome.event) == (allowed, event)


@pytest.mark.parametrize(
    ("at", "locked"),
    [
        (NOON - timedelta(seconds=1), True),
        (NOON, False),  # unlocked from the instant the lock ends
        (NOON + timedelta(seconds=1), False),
    ],
)
def test_an_account_is_locked_until_its_lock_ends(at: datetime, locked: bool) -> None:
    assert is_locked(NOON, at) is locked
    assert is_locked(None, at) is False


def test_a_success_after_failures_starts_the_count_again() -> None:
    outcome = login_outcome(failed_logins=4, locked_until=None, succeeded=True, at=NOON)
    assert (outcome.allowed, outcome.failed_logins, outcome.locked_until) == (True, 0, None)


@pytest.mark.parametrize(
    ("forwarded", "peer", "address"),
    [
        (None, "203.0.113.9", "203.0.113.9"),  # straight from the client
        ("198.51.100.7", "203.0.113.9", "203.0.113.9"),  # a client's own header: ignored
        ("198.51.100.7", "127.0.0.1", "198.51.100.7"),  # the local proxy names the client
        ("10.9.9.9, 198.51.100.7", "127.0.0.1", "198.51.100.7"),  # its entry is the last
        ("198.51.100.7", "::1", "198.51.100.7"),
        (None, "127.0.0.1", "127.0.0.1"),
        (None, None, "unknown"),
        ("198.51.100.7", "not-an-address", "not-an-address"),
    ],
)
def test_the_client_address_trusts_forwarded_for_only_from_this_machine(
    forwarded: str | None, peer: str | None, address: str
) -> None:
    assert client_address(forwarded, peer) == address


LOGIN = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LIMITS = SessionLimits(idle=timedelta(minutes=30), absolute=timedelta(hours=12))


@pytest.mark.parametrize(
    ("last_seen", "at", "ended"),
    [
        # idle: 30 minutes after the last run recorded, to the second
        ("09:00", "09:29:59", None),
        ("09:00", "09:30:00", SessionEnd.IDLE),
        ("13:10", "13:39:59", None),
        ("13:10", "13:40:00", SessionEnd.IDLE),
        # absolute: 12 hours after the login (09:00 → 21:00) however recent the last run
        ("20:59", "20:59:59", None),
        ("20:59", "21:00:00", SessionEnd.EXPIRED),
        ("09:00", "21:00:00", SessionEnd.EXPIRED),  # both over: the absolute limit is named
    ],
)
def test_a_session_ends_after_30_idle_minutes_or_12_hours(
    last_seen: str, at: str, ended: SessionEnd | None
) -> None:
    def clock(text: str) -> datetime:
        return datetime.combine(LOGIN.date(), time.fromisoformat(text), tzinfo=UTC)

    assert (
        session_end(created_at=LOGIN, last_seen_at=clock(last_seen), at=clock(at), limits=LIMITS)
        == ended
    )


@pytest.mark.parametrize(("seconds", "touch"), [(0, False), (59, False), (60, True), (3600, True)])
def test_last_seen_is_written_at_most_once_a_minute(seconds: int, touch: bool) -> None:
    assert needs_touch(LOGIN, LOGIN + timedelta(seconds=seconds)) is touch


def test_a_token_is_random_and_only_its_digest_is_kept() -> None:
    first, second = new_session_token(), new_session_token()
    assert first != second and len(first) >= 43
    assert token_digest(first) == token_digest(first) != token_digest(second)
    assert len(token_digest(first)) == 64 and first not in token_digest(first)
