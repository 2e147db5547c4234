"""Alembic environment: migrations run on the engine the app configured."""

from alembic import context
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from dashboard.core.config import database_url
from dashboard.core.db import DATA_VERSION_OPTION, make_engine

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    engine = context.config.attributes.get("engine") or make_engine(database_url())
    # A migration is not a write of data: it leaves the data version alone (0011 makes it).
    with engine.begin() as connection:
        connection.execution_options(**{DATA_VERSION_OPTION: False})
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations()
