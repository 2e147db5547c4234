"""Two saves in the same instant pass every check before either commits; the database refuses
the second, and the person gets a sentence, never an error page, with nothing written."""

import sqlite3

import pytest
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from dashboard.core import db
from dashboard.core.db import DatabaseBusy, SavedAtTheSameMoment
from dashboard.core.refusal import Refused
from models.programme import Provider


def _providers(engine: Engine) -> dict[str, str]:
    with Session(engine) as session:
        return {p.code: p.name for p in session.exec(select(Provider))}


def test_the_same_new_key_saved_twice_refuses_the_second_and_writes_none_of_it(engine):
    with db.session_scope(engine) as first:
        first.add(Provider(code="P9", name="first save"))
    refusal = pytest.raises(SavedAtTheSameMoment, match="nothing was written")
    with refusal as refused, db.session_scope(engine) as second:
        second.add(Provider(code="P10", name="written with the duplicate"))
        second.add(Provider(code="P9", name="second save"))
    assert isinstance(refused.value, Refused)
    assert _providers(engine) == {"P9": "first save"}


def test_a_record_changed_by_a_save_in_between_refuses_the_later_save(engine):
    with db.session_scope(engine) as setup:
        setup.add(Provider(code="P9", name="as opened"))
    with Session(engine, expire_on_commit=False) as reader:
        opened = reader.exec(select(Provider).where(Provider.code == "P9")).one()
    with db.session_scope(engine) as first:
        first.exec(select(Provider).where(Provider.code == "P9")).one().name = "first save"
    with pytest.raises(SavedAtTheSameMoment), db.session_scope(engine) as second:
        stale = second.merge(opened, load=False)
        stale.name = "second save"
    assert _providers(engine) == {"P9": "first save"}


def test_any_other_integrity_error_is_a_bug_and_stays_one(engine):
    with pytest.raises(IntegrityError), db.session_scope(engine) as session:
        session.add(Provider(code="P9", name=None))
    assert _providers(engine) == {}


def test_a_save_waiting_past_sqlites_busy_timeout_is_refused_with_a_sentence(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'busy.db'}")
    SQLModel.metadata.create_all(engine)
    holder = sqlite3.connect(tmp_path / "busy.db")
    holder.execute("BEGIN IMMEDIATE")  # a long import holds SQLite's one writer
    try:
        with (
            pytest.raises(DatabaseBusy, match="Try again in a minute"),
            db.session_scope(engine) as session,
        ):
            session.add(Provider(code="P9", name="waited"))
    finally:
        holder.rollback()
        holder.close()
    assert _providers(engine) == {}
