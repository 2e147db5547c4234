"""A property: the inspection form and an upload accept and refuse the same rows.

Hypothesis generates inspection rows (types, scopes, unknown groups, dates in and out of order,
blank required cells); each goes once through the form's service and once, as a one-row
inspections.csv, through a dry-run import. Both must agree on whether the row is acceptable and
on which fields are wrong.
"""

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import Session

from dashboard.core.db import make_engine, upgrade
from dashboard.core.vocabulary import InspectionMode, InspectionType, KeyQuestion, Trigger
from dashboard.exchange import ImportRejected, import_programme
from dashboard.exchange.cells import cell_text
from dashboard.exchange.forms import form_source
from dashboard.inspections import service
from dashboard.inspections.rules import InspectionDraft, InvalidInput
from tests import factories as make
from tests.services.inspection_world import MANAGER

DATE_FIELDS = (
    "announced_on",
    "pir_requested_on",
    "pir_returned_on",
    "end_on",
    "draft_sent_on",
    "fa_returned_on",
    "final_sent_on",
    "early_outcome_letter_on",
)
# A short span, so generated dates often come in the wrong order.
some_day = st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 6, 30))


@st.composite
def drafts(draw: st.DrawFn) -> InspectionDraft:
    """An inspection as a form could hold it: usually valid cells, sometimes not."""
    dates = {name: draw(st.none() | some_day) for name in DATE_FIELDS}
    return InspectionDraft(
        group_code=draw(st.sampled_from(["G1", "G1", "G9"])),
        inspection_type=draw(st.sampled_from([*InspectionType, "routine"])),
        mode=draw(st.none() | st.sampled_from(list(InspectionMode))),
        key_questions=tuple(draw(st.lists(st.sampled_from(list(KeyQuestion)), unique=True))),
        trigger=draw(st.none() | st.sampled_from(list(Trigger))),
        lead_inspector="Amira Shah",
        start_on=draw(st.one_of(st.none(), some_day, some_day)),
        **dates,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Group G1 with one open service, in a SQLite file shared by every generated example."""
    engine = make_engine(f"sqlite:///{Path(tmp_path_factory.mktemp('agree')) / 'agree.db'}")
    upgrade(engine)
    with Session(engine) as session:
        make.service(
            session, "S1", make.group(session, "G1", make.provider(session)), date(2024, 1, 1)
        )
        session.commit()
    yield engine
    engine.dispose()


def _form_fields(engine: Engine, draft: InspectionDraft) -> set[str]:
    """The fields the form's service refuses (none when it would save)."""
    with Session(engine) as session:
        try:
            # the form's own checks beyond the row (a repeat, an overlap, a new inspector's
            # name) are confirmed here: only the importer's row rules are compared
            service.create_inspection(
                session, actor=MANAGER, draft=draft, confirm_overlap=True, new_inspector=True
            )
        except InvalidInput as refused:
            return {problem.field or "" for problem in refused.problems}
        finally:
            session.rollback()
    return set()


def _upload_fields(engine: Engine, draft: InspectionDraft) -> set[str]:
    """The fields a one-row inspections.csv upload of the same row is refused on."""
    cells = {"ref": "INS-NEW"} | {name: cell_text(value) for name, value in asdict(draft).items()}
    with Session(engine) as session:
        try:
            source = form_source("inspections", [cells])
            import_programme(session, source, actor="pm", dry_run=True)
        except ImportRejected as rejected:
            return {problem.field or "" for problem in rejected.problems}
        finally:
            session.rollback()
    return set()


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(draft=drafts())
def test_form_and_upload_accept_and_refuse_the_same_rows(
    world: Engine, draft: InspectionDraft
) -> None:
    assert _form_fields(world, draft) == _upload_fields(world, draft)
