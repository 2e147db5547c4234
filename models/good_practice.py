"""The good-practice log: what an inspection found working well, tagged by theme to share."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from models.base import NAME_LENGTH, TEXT_LENGTH, Versioned

THEME_LENGTH = 100


class GoodPractice(Versioned, table=True):
    """Good practice seen at one inspection, in free text, tagged by theme."""

    __tablename__ = "good_practice"

    id: int | None = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", index=True)
    theme: str = Field(max_length=THEME_LENGTH, index=True)
    text: str = Field(max_length=TEXT_LENGTH)
    recorded_by: str = Field(max_length=NAME_LENGTH)
    recorded_at: datetime = Field(
        sa_type=sa.DateTime(timezone=True),
    )
