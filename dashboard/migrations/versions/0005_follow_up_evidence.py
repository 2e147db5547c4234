"""follow-up verification, superseding links and evidence files

Revision ID: 0005_follow_up_evidence
Revises: 0001
Create Date: 2026-11-25 22:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005_follow_up_evidence'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Only add_column: SQLite then alters in place. Copying the table instead would fail on a
    # database with follow-ups, whose foreign keys point at it.
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('verified_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('due_on_reason', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(
            'ALTER TABLE recommendation ADD COLUMN superseded_by_id INTEGER '
            'CONSTRAINT fk_recommendation_superseded_by_id REFERENCES recommendation (id)'
        )
    else:
        op.add_column('recommendation', sa.Column(
            'superseded_by_id', sa.Integer(),
            sa.ForeignKey('recommendation.id', name='fk_recommendation_superseded_by_id'),
            nullable=True,
        ))

    op.create_table('evidence_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('uploaded_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_up.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_follow_up_id'), ['follow_up_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_file_follow_up_id'))

    op.drop_table('evidence_file')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_recommendation_superseded_by_id', type_='foreignkey')
        batch_op.drop_column('due_on_reason')
        batch_op.drop_column('superseded_by_id')
        batch_op.drop_column('verified_on')
        batch_op.drop_column('verified_by')
