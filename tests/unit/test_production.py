"""Production mode refuses demo logins and demo passwords (the cookie key is no longer needed:
the login cookie holds a random token checked against the database)."""

import bcrypt
import pytest

from dashboard.accounts.rules import DEMO_USERS, is_production, production_problems


def _hash(password: str) -> str:
    """A real bcrypt hash, made cheap for tests (the check reads the cost from the hash)."""
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()


REAL_ACCOUNTS = [("alice", _hash("alice-own-long-password")), ("rpryce", _hash("another-one!"))]


def test_a_real_installation_has_no_problems():
    assert production_problems(accounts=REAL_ACCOUNTS) == []


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda user: user.username)
def test_each_demo_username_is_refused_whatever_its_password(demo):
    accounts = [*REAL_ACCOUNTS, (demo.username, _hash("changed-to-something-else"))]
    problems = production_problems(accounts=accounts)
    assert problems == [
        f"The demo login '{demo.username}' exists: production needs a database without the "
        "demo (demo usernames are reserved)."
    ]


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda user: user.username)
def test_a_real_user_with_a_demo_password_is_refused(demo):
    accounts = [*REAL_ACCOUNTS, ("bob", _hash(demo.password))]
    problems = production_problems(accounts=accounts)
    assert len(problems) == 1
    assert "User 'bob' has a published demo password" in problems[0]
    assert "dashboard users set-password bob" in problems[0]


def test_every_problem_is_listed_together():
    accounts = [("admin", _hash("demo-admin-pass")), ("bob", _hash("demo-partner-pass"))]
    assert len(production_problems(accounts=accounts)) == 2


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"OVERSIGHT_ENV": "production"}, True),
        ({"OVERSIGHT_ENV": " Production "}, True),
        ({"OVERSIGHT_ENV": "demo"}, False),
        ({"OVERSIGHT_ENV": ""}, False),
        ({}, False),
    ],
)
def test_production_mode_is_read_from_oversight_env(environ, expected):
    assert is_production(environ) is expected
