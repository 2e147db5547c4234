"""a recommendation's clock starts at the final report; the timescales as programme settings

Revision ID: 0009_recommendation_clock
Revises: 0008_inspection_status
Create Date: 2026-12-08 10:00:00

`recommendation.falls_due_on` holds when a recommendation falls due: its explicit `due_on`, else
its risk's working days after the inspection's `final_sent_on` (empty until the final report is
sent). `recommendation_timescale` holds those working days per risk once an admin sets them; a risk
with no row keeps the default (high 20, medium 60, low 120), so a new database stays empty.
Existing recommendations are backfilled with the defaults: the working-day calendar (weekends and
England and Wales bank holidays) is worked out in Python, as the app does.
"""
from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
import sqlmodel
from alembic import op

from dashboard.core.workdays import add_working_days

revision: str = '0009_recommendation_clock'
down_revision: str | None = '0008_inspection_status'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESCALES = {'high': 20, 'medium': 60, 'low': 120}


def upgrade() -> None:
    op.create_table(
        'recommendation_timescale',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('risk', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('working_days', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('risk'),
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('falls_due_on', sa.Date(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_recommendation_falls_due_on'), ['falls_due_on'], unique=False
        )
    _backfill()


def _backfill() -> None:
    """Explicit due dates copied; the others counted from the final report, if it was sent."""
    bind = op.get_bind()
    bind.execute(sa.text('UPDATE recommendation SET falls_due_on = due_on WHERE due_on IS NOT NULL'))
    rows = bind.execute(
        sa.text(
            'SELECT r.id, r.risk, i.final_sent_on FROM recommendation r '
            'JOIN inspection i ON i.id = r.inspection_id '
            'WHERE r.due_on IS NULL AND i.final_sent_on IS NOT NULL'
        )
    ).all()
    updates = [
        {'rid': rid, 'falls': add_working_days(_as_date(sent), TIMESCALES[risk])}
        for rid, risk, sent in rows
        if risk in TIMESCALES
    ]
    if updates:
        bind.execute(
            sa.text('UPDATE recommendation SET falls_due_on = :falls WHERE id = :rid'), updates
        )


def _as_date(value: object) -> date:
    """A date column's value (SQLite hands back ISO text through a plain text query)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def downgrade() -> None:
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_falls_due_on'))
        batch_op.drop_column('falls_due_on')
    op.drop_table('recommendation_timescale')
