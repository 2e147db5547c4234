"""the data version: one counter every write moves on, so caches follow the data

Revision ID: 0011_data_version
Revises: 0010_login_sessions
Create Date: 2026-12-08 12:00:00

`data_version` holds one row. Every transaction that writes adds one to its `version` before it
commits (`dashboard.core.db`), so a server keying its caches on the version sees a write made by
any replica or by the command line at its next run. The counter starts at a random number: a
database made anew at the same address never repeats versions a running server has cached.
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_data_version'
down_revision: str | None = '0010_login_sessions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.bulk_insert(table, [{'id': 1, 'version': secrets.randbelow(2**40) + 1}])


def downgrade() -> None:
    op.drop_table('data_version')
