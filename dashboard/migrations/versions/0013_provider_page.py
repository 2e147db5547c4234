"""meetings held with a provider (engagement, information sharing)

Revision ID: 0013_provider_page
Revises: 0012_concerns
Create Date: 2026-12-08 03:40:00

`meeting.provider_id` names the provider an engagement or information-sharing meeting was held
with (the exchange format's `provider_code` column of meetings); empty for the programme's own
meetings. Existing meetings keep it empty. The meeting kind `information sharing` needs no schema
change (kinds are text).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013_provider_page'
down_revision: str | None = '0012_concerns'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provider_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_meeting_provider_id'), ['provider_id'], unique=False)
        batch_op.create_foreign_key(
            'fk_meeting_provider_id_provider', 'provider', ['provider_id'], ['id']
        )


def downgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_constraint('fk_meeting_provider_id_provider', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_meeting_provider_id'))
        batch_op.drop_column('provider_id')
