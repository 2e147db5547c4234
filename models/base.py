"""Shared pieces of every table: optimistic locking and UTC timestamps."""

from datetime import UTC, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

CODE_LENGTH = 40
NAME_LENGTH = 200
TEXT_LENGTH = 4000


def utc_now() -> datetime:
    """The current instant, timezone-aware, for audit and login stamps."""
    return datetime.now(UTC)


def utc_timestamp_field(*, nullable: bool = True) -> Any:
    """A timezone-aware timestamp column."""
    return Field(
        default=None,
        sa_type=sa.DateTime(timezone=True),
        nullable=nullable,
    )


class Versioned(SQLModel):
    """Rows carry a version so a save over someone else's newer change is refused, not lost."""

    # Set by SQLAlchemy on each table class; declared here so the type checker knows it.
    __table__: ClassVar[sa.Table]

    version: int = Field(default=1, sa_column_kwargs={"nullable": False})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}
