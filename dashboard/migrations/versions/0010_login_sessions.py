"""server-side login sessions and the per-address login throttle

Revision ID: 0010_login_sessions
Revises: 0009_recommendation_clock
Create Date: 2026-12-10 10:00:00

`login_session` holds one row per login: the SHA-256 of the random token the browser's cookie
carries (never the token), who (name and role as at login), when created and last seen, and when and why it ended.
`login_throttle` counts failed logins per typed username and client address (unknown usernames
too) with the lock they earned. `app_user.failed_logins` and `locked_until` are left in place but
no longer written: the throttle replaces them.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0010_login_sessions'
down_revision: str | None = '0009_recommendation_clock'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'login_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('ended_reason', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_token_hash'), ['token_hash'], unique=True)
        batch_op.create_index(batch_op.f('ix_login_session_username'), ['username'], unique=False)
    op.create_table(
        'login_throttle',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('failed_logins', sa.Integer(), nullable=False),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('username', 'address'),
    )
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_throttle_username'), ['username'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttle_username'))
    op.drop_table('login_throttle')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_username'))
        batch_op.drop_index(batch_op.f('ix_login_session_token_hash'))
    op.drop_table('login_session')
