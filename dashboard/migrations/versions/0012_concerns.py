"""concerns about providers raised between inspections

Revision ID: 0012_concerns
Revises: 0011_data_version
Create Date: 2026-12-08 03:30:00

One new table, `concern`: a concern about a provider (and optionally one of its inspection
groups), where it came from, its key questions, risk, status and response, and the inspection it
led to. Nothing else changes.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012_concerns'
down_revision: str | None = '0011_data_version'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXED = ('ref', 'received_on', 'provider_id', 'group_id', 'status', 'inspection_id')


def upgrade() -> None:
    op.create_table(
        'concern',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('provider_id', sa.Integer(), nullable=False),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.Column('key_questions', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('risk', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('response', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
        sa.Column('inspection_id', sa.Integer(), nullable=True),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['provider_id'], ['provider.id']),
        sa.ForeignKeyConstraint(['group_id'], ['inspection_group.id']),
        sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('concern', schema=None) as batch_op:
        for column in _INDEXED:
            batch_op.create_index(
                batch_op.f(f'ix_concern_{column}'), [column], unique=column == 'ref'
            )


def downgrade() -> None:
    with op.batch_alter_table('concern', schema=None) as batch_op:
        for column in reversed(_INDEXED):
            batch_op.drop_index(batch_op.f(f'ix_concern_{column}'))
    op.drop_table('concern')
