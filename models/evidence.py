"""Evidence files attached to follow-ups, held in the database so that backups include them."""

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from models.base import NAME_LENGTH, utc_timestamp_field


class EvidenceFile(SQLModel, table=True):
    """One uploaded file (PDF, Word, Excel or image) with its size, checksum, uploader and time."""

    __tablename__ = "evidence_file"

    id: int | None = Field(default=None, primary_key=True)
    follow_up_id: int = Field(foreign_key="follow_up.id", index=True)
    filename: str = Field(max_length=NAME_LENGTH)
    content_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    uploaded_by: str = Field(max_length=NAME_LENGTH)
    uploaded_at: datetime = utc_timestamp_field(nullable=False)
    # None for a file listed by an import (name, size and SHA-256 only): backups hold content.
    content: bytes | None = Field(default=None, sa_column=sa.Column(sa.LargeBinary, nullable=True))
