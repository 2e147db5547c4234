"""the national report's recommendations and their dated updates

Revision ID: 0014_national_recommendations
Revises: 0013_provider_page
Create Date: 2026-12-08 04:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0014_national_recommendations'
down_revision: str | None = '0013_provider_page'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'national_recommendation',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('ref', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('programme_year', sa.Integer(), nullable=False),
        sa.Column('owner_org', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('closed_on', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('national_recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_national_recommendation_ref'), ['ref'], unique=True)
        batch_op.create_index(
            batch_op.f('ix_national_recommendation_programme_year'), ['programme_year']
        )
        batch_op.create_index(batch_op.f('ix_national_recommendation_due_on'), ['due_on'])
        batch_op.create_index(batch_op.f('ix_national_recommendation_status'), ['status'])
    op.create_table(
        'national_recommendation_update',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('national_recommendation_id', sa.Integer(), nullable=False),
        sa.Column('on', sa.Date(), nullable=False),
        sa.Column('by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.ForeignKeyConstraint(['national_recommendation_id'], ['national_recommendation.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('national_recommendation_update', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_national_recommendation_update_national_recommendation_id'),
            ['national_recommendation_id'],
        )
        batch_op.create_index(batch_op.f('ix_national_recommendation_update_on'), ['on'])


def downgrade() -> None:
    op.drop_table('national_recommendation_update')
    op.drop_table('national_recommendation')
