"""inspection evidence base (counts only), factual accuracy outcome, information requests

Revision ID: 0003_inspection_evidence
Revises: 0001
Create Date: 2026-11-25 22:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003_inspection_evidence'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Only add_column: SQLite then alters in place instead of copying the table.
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('survey_responses', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('survey_languages', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=True))
        batch_op.add_column(sa.Column('survivors_spoken_with', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_interviewed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cases_reviewed', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('fa_outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('quality_panel_review', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('internal_notes', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True))

    op.create_table('information_request',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('asked_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('information_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_information_request_inspection_id'), ['inspection_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('information_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_information_request_inspection_id'))

    op.drop_table('information_request')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_column('internal_notes')
        batch_op.drop_column('quality_panel_review')
        batch_op.drop_column('fa_outcome')
        batch_op.drop_column('cases_reviewed')
        batch_op.drop_column('staff_interviewed')
        batch_op.drop_column('survivors_spoken_with')
        batch_op.drop_column('survey_languages')
        batch_op.drop_column('survey_responses')
