"""The database's data version: one counter every write moves on, so caches follow the data."""

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

DATA_VERSION_TABLE = "data_version"


class DataVersion(SQLModel, table=True):
    """The one row whose `version` goes up in the same transaction as every write.

    Not data of the programme: backups leave it out, and a restore moves it past every version
    the database had before. `dashboard.core.db` keeps it; `dashboard.ui.cached` keys on it.
    """

    __tablename__ = DATA_VERSION_TABLE

    id: int = Field(default=1, primary_key=True)
    version: int = Field(sa_type=sa.BigInteger, sa_column_kwargs={"nullable": False})
