"""Join the schema branches of inspections, good practice, follow-ups and action updates.

Revision ID: 0007_merge_slices
Revises: 0003_inspection_evidence, 0004_good_practice, 0005_follow_up_evidence, 0006_action_updates
Create Date: 2026-11-25
"""
from collections.abc import Sequence

revision: str = "0007_merge_slices"
down_revision: str | Sequence[str] | None = (
    "0003_inspection_evidence",
    "0004_good_practice",
    "0005_follow_up_evidence",
    "0006_action_updates",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
