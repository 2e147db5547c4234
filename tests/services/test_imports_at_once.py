"""Several people importing the demo into an empty database at the same moment: each import
runs again when another stored the same keys first, so every one succeeds and the data is there
once (issue 18: five of six crashed with IntegrityError)."""

import argparse
import csv
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session, func, select

from dashboard.cli.data import cmd_import
from dashboard.core.config import SEED_DIR
from models import Inspection, Provider
from tests.services.at_once import at_once

PEOPLE = 4


def _import(engine: Engine, path: Path) -> int:
    return cmd_import(argparse.Namespace(path=path, dry_run=False), engine)


def test_imports_of_the_demo_at_once_into_an_empty_database_all_succeed(engine: Engine):
    exit_codes = at_once(PEOPLE, lambda _: _import(engine, SEED_DIR))
    assert exit_codes == [0] * PEOPLE
    with Session(engine) as session:
        providers = session.exec(select(func.count()).select_from(Provider)).one()
        inspections = session.exec(select(func.count()).select_from(Inspection)).one()
    assert (providers, inspections) == (_rows("providers.csv"), _rows("inspections.csv"))


def _rows(file_name: str) -> int:
    with (SEED_DIR / file_name).open(newline="", encoding="utf-8") as file:
        return sum(1 for _ in csv.DictReader(file))
