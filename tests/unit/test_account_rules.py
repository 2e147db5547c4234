"""Account rules at their edges: password length, the lockout threshold and the lock's end."""

from datetime import UTC, datetime, timedelta

import bcrypt
import pytest

from dashboard.accounts.rules import (
    LOCKOUT_PERIOD,
    AccountError,
    LoginEvent,
    check_password,
    failed_username,
    is_locked,
    login_outcome,
    password_matches,
)
from models.accounts import User

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
        (5, LoginEvent.LOCKOUT, NOON + LOCKOUT_PERIOD),
    ],
)
def test_the_fifth_failure_in_a_row_locks_the_account(
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
    user = User(username="ina", display_name="Ina", role="inspector", password_hash="x")
    user.locked_until = NOON
    assert is_locked(user, at) is locked


@pytest.mark.parametrize(
    ("attempts", "refused"),
    [(None, None), (0, None), (1, "ina")],  # a count of one or more: refused this run
)
def test_the_refused_user_is_the_one_with_a_failed_attempt(
    attempts: int | None, refused: str | None
) -> None:
    entry = {} if attempts is None else {"failed_login_attempts": attempts}
    assert failed_username({"usernames": {"ina": entry}}) == refused
