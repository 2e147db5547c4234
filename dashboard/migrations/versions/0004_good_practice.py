"""good-practice log, and a resolution note on escalations

Revision ID: 0004_good_practice
Revises: 0001
Create Date: 2026-11-25 21:56:50.980330
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0004_good_practice'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('good_practice',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('theme', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('good_practice', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_good_practice_inspection_id'), ['inspection_id'], unique=False
        )
        batch_op.create_index(batch_op.f('ix_good_practice_theme'), ['theme'], unique=False)

    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('resolution_note', sqlmodel.sql.sqltypes.AutoString(length=4000),
                      nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.drop_column('resolution_note')

    with op.batch_alter_table('good_practice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_practice_theme'))
        batch_op.drop_index(batch_op.f('ix_good_practice_inspection_id'))

    op.drop_table('good_practice')
