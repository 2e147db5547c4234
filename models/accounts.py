"""User accounts and the audit trail of every change."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import NAME_LENGTH, TEXT_LENGTH, Versioned, utc_timestamp_field


class User(Versioned, table=True):
    """A person who can log in, with one role."""

    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True, index=True)
    display_name: str = Field(max_length=NAME_LENGTH)
    email: str | None = Field(default=None, max_length=NAME_LENGTH)
    role: str = Field(max_length=30)
    password_hash: str = Field(max_length=100)
    disabled: bool = False
    failed_logins: int = 0
    locked_until: datetime | None = utc_timestamp_field()
    last_login_at: datetime | None = utc_timestamp_field()
    created_at: datetime | None = utc_timestamp_field()


class AuditEntry(SQLModel, table=True):
    """Who changed what and when: one row per create, update, delete or login event."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(
        sa_type=sa.DateTime(timezone=True),
        index=True,
    )
    username: str = Field(max_length=60, index=True)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40, index=True)
    entity_key: str | None = Field(default=None, max_length=NAME_LENGTH)
    # JSON {"field": [before, after]}; text so SQLite and PostgreSQL store it alike.
    changes: str | None = Field(default=None, max_length=TEXT_LENGTH * 4)


class LoginSession(SQLModel, table=True):
    """One login: the browser's cookie holds a random token, this row only its SHA-256.

    Not versioned: `last_seen_at` and the end are single atomic UPDATEs, so many browsers on one
    account at once never refuse each other.
    """

    __tablename__ = "login_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    username: str = Field(max_length=60, index=True)
    # As at login: a role change ends the session, so these never go stale.
    display_name: str = Field(max_length=NAME_LENGTH)
    role: str = Field(max_length=30)
    created_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    last_seen_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    ended_at: datetime | None = utc_timestamp_field()
    # logout, password_change, disabled, role_change, idle, expired
    ended_reason: str | None = Field(default=None, max_length=20)


class LoginThrottle(SQLModel, table=True):
    """Failed logins in a row for one typed username from one client address, and any lock.

    Keyed by address as well as username so a stranger's guesses slow down the stranger, not
    the account's owner elsewhere. Known and unknown usernames alike (no password is stored).
    """

    __tablename__ = "login_throttle"
    __table_args__ = (sa.UniqueConstraint("username", "address"),)

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, index=True)
    address: str = Field(max_length=64)
    failed_logins: int = 0
    locked_until: datetime | None = utc_timestamp_field()
