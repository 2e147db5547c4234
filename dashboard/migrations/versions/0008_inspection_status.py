"""inspection status (planned, carried out, cancelled) and evidence listed without content

Revision ID: 0008_inspection_status
Revises: 0007_merge_slices
Create Date: 2026-12-08 00:40:00

Existing inspections are carried out when anything shows the visit happened (an end date, a
draft or final report sent, factual accuracy returned), otherwise planned: a one-day inspection
recorded before status existed often has no end date but a report sent.
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008_inspection_status'
down_revision: str | None = '0007_merge_slices'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'status',
                sqlmodel.sql.sqltypes.AutoString(length=20),
                nullable=False,
                server_default='carried out',
            )
        )
        batch_op.add_column(
            sa.Column('cancelled_reason', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True)
        )
        batch_op.create_index(batch_op.f('ix_inspection_status'), ['status'], unique=False)
    op.execute(
        "UPDATE inspection SET status = 'planned' WHERE end_on IS NULL AND draft_sent_on IS NULL"
        " AND fa_returned_on IS NULL AND final_sent_on IS NULL"
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.alter_column('content', existing_type=sa.LargeBinary(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.alter_column('content', existing_type=sa.LargeBinary(), nullable=False)
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_status'))
        batch_op.drop_column('cancelled_reason')
        batch_op.drop_column('status')
