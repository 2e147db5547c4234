"""The small world every write function is called on, and the personas calling them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from dashboard.accounts import rules as account_rules
from dashboard.accounts import service as accounts
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.exchange.reader import RawRow, RawSource, RawTable
from dashboard.follow_ups import service as follow_ups
from models import Inspection, NationalRecommendation
from tests import factories as make
from tests.evidence_samples import PDF_BYTES, PNG_BYTES


class Persona(StrEnum):
    """Who calls: the four roles, with inspectors split by whether they lead the inspection."""

    ADMIN = "admin"
    MANAGER = "programme_manager"
    LEAD_INSPECTOR = "lead_inspector"
    OTHER_INSPECTOR = "other_inspector"
    PARTNER = "partner"


ACTORS: dict[Persona, Actor] = {
    Persona.ADMIN: Actor("ada", "Ada Admin", Role.ADMIN),
    Persona.MANAGER: Actor("max", "Max Manager", Role.PROGRAMME_MANAGER),
    Persona.LEAD_INSPECTOR: Actor("ina", "Ina Lead", Role.INSPECTOR),  # leads I1, not I2
    Persona.OTHER_INSPECTOR: Actor("otto", "Otto Other", Role.INSPECTOR),  # leads I2
    Persona.PARTNER: Actor("pia", "Pia Partner", Role.PARTNER),
}
ADMINS = frozenset({Persona.ADMIN})
MANAGERS = frozenset({Persona.ADMIN, Persona.MANAGER})
# Inspection work on I1 / R1: managers and the inspector who leads I1.
LEADS_OF_I1 = MANAGERS | {Persona.LEAD_INSPECTOR}
STAFF = MANAGERS | {Persona.LEAD_INSPECTOR, Persona.OTHER_INSPECTOR}

PAYLOAD = "<script>alert(1)</script>"


def build_world(session: Session) -> None:
    """The rows every matrix call may rely on (add what a new row needs; keep it small).

    P1 → G1 → S1; inspection I1 led by Ina Lead with recommendation R1, I2 led by Otto Other
    with R2; meeting M1 with action A1; MoU term T1; national recommendation NR1; accounts root
    and spare (admins) and target (partner).
    """
    p1 = make.provider(session, "P1")
    g1 = make.group(session, "G1", p1)
    make.service(session, "S1", g1, date(2024, 1, 8))
    i1 = make.inspection(session, "I1", g1, date(2025, 3, 3), lead_inspector="Ina Lead")
    i2 = make.inspection(session, "I2", g1, date(2025, 9, 1), lead_inspector="Otto Other")
    make.recommendation(session, "R1", i1, date(2025, 6, 2))
    make.recommendation(session, "R2", i2, date(2025, 12, 1))
    m1 = make.meeting(session, "M1", date(2025, 4, 10))
    make.action(session, "A1", m1, date(2025, 5, 9))
    make.mou_term(session, "T1", date(2025, 4, 1), date(2026, 3, 31))
    session.add(
        NationalRecommendation(
            ref="NR1",
            programme_year=2024,
            owner_org="prime contractor",
            text="Share good practice.",
            due_on=date(2025, 9, 30),
            status="open",
        )
    )
    system = account_rules.system_actor("setup")
    for username, role in (("root", Role.ADMIN), ("spare", Role.ADMIN), ("target", Role.PARTNER)):
        accounts.add_user(
            session,
            actor=system,
            username=username,
            role=role,
            password=f"{username}-password-long",
        )


@dataclass(frozen=True)
class WriteFunction:
    """One write function: itself, a call with valid arguments, and who may make it."""

    function: Callable[..., Any]
    call: Callable[[Session, Actor], object]
    allowed: frozenset[Persona]
    audited: bool = True
    # Run first, as setup, before anything is measured (e.g. lock the account to unlock).
    prepare: Callable[[Session], object] | None = None

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


def one_row_source(file: str, **cells: str) -> RawSource:
    """A one-row exchange file, as a form or an upload would give the importer."""
    table = RawTable(file, f"{file}.csv", tuple(cells), (RawRow(2, tuple(cells.values())),))
    return RawSource(f"{file} test", (table,))


UPLOAD = b"code,name\nP9,Provider nine\n"
PDF_FILE = ("letter.pdf", PDF_BYTES)
PNG_FILE = ("photo.png", PNG_BYTES)
FOLLOW_UP = {
    "recommendation_ref": "R1",
    "on": date(2025, 4, 1),
    "note": "Policy received.",
    "new_status": "in progress",
}


def only_id(session: Session, model: Any) -> int:
    """The id of the one row of a table the row's `prepare` made."""
    return int(session.exec(select(model.id)).one())


def follow_up_with_evidence(session: Session) -> object:
    """A follow-up on R1 with one evidence file, recorded by the manager."""
    return follow_ups.record_follow_up_with_evidence(
        session, actor=ACTORS[Persona.MANAGER], files=[PDF_FILE], **FOLLOW_UP
    )


def sent_follow_up_with_evidence(session: Session) -> object:
    """`follow_up_with_evidence`, with I1's final report sent, so partners may read it too."""
    follow_up = follow_up_with_evidence(session)
    inspection = session.exec(select(Inspection).where(Inspection.ref == "I1")).one()
    inspection.final_sent_on = date(2025, 5, 1)
    session.add(inspection)
    return follow_up
