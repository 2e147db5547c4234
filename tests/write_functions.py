"""The registry of write functions the trust tests run over.

- `WRITE_FUNCTIONS`: every write function, a call with valid arguments on the small world that
  `build_world` makes, and the personas allowed. `tests/services/test_role_matrix.py` calls each
  as every persona: allowed ones must succeed and write an audit entry, the others must be
  refused with PermissionDenied having written nothing. It also fails when a public function in
  `dashboard/` that takes `session` and `actor` is in none of the tables below.
- `FREE_TEXT_WRITES`: write functions that store free text, called on a copy of the demo database
  with a `<script>` payload; `tests/apptest/test_no_html.py` then renders every page.

To add a write function: append `WriteFunction(module.function, lambda s, a: module.function(s,
actor=a, ...), ALLOWED_SET)` to WRITE_FUNCTIONS (use `audited=False` for a guarded read such as a
download); if it stores free text, append `FreeTextWrite("what", lambda s, a, text: ...)`.
"""

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
from dashboard.escalations import service as escalations
from dashboard.exchange import forms
from dashboard.exchange import service as data_exchange
from dashboard.exchange.reader import RawRow, RawSource, RawTable
from dashboard.follow_ups import service as follow_ups
from dashboard.governance import service as governance_service
from dashboard.inspections import service as inspections
from dashboard.inspections.rules import Evidence, InspectionDraft
from dashboard.planning import service as planning
from dashboard.recommendations import service as recommendations
from dashboard.reference import service as reference_data
from models import EvidenceFile, FollowUp, InformationRequest, Provider
from models.base import utc_now
from tests import factories as make


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
    with R2; meeting M1 with action A1; MoU term T1; accounts root and spare (admins) and
    target (partner).
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
PDF_FILE = ("letter.pdf", b"%PDF-1.4\nletter")
FOLLOW_UP = {
    "recommendation_ref": "R1",
    "on": date(2025, 4, 1),
    "note": "Policy received.",
    "new_status": "in progress",
}


def _only_id(session: Session, model: Any) -> int:
    """The id of the one row of a table the row's `prepare` made."""
    return int(session.exec(select(model.id)).one())


def _follow_up_with_evidence(session: Session) -> object:
    """A follow-up on R1 with one evidence file, recorded by the manager."""
    return follow_ups.record_follow_up_with_evidence(
        session, actor=ACTORS[Persona.MANAGER], files=[PDF_FILE], **FOLLOW_UP
    )


WRITE_FUNCTIONS: tuple[WriteFunction, ...] = (
    WriteFunction(
        accounts.add_user,
        lambda s, a: accounts.add_user(
            s, actor=a, username="newcomer", role=Role.PARTNER, password="newcomer-password"
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.set_password,
        lambda s, a: accounts.set_password(
            s, actor=a, username="target", password="another-long-password"
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.disable_user,
        lambda s, a: accounts.disable_user(s, actor=a, username="target"),
        ADMINS,
    ),
    WriteFunction(
        accounts.enable_user,
        lambda s, a: accounts.enable_user(s, actor=a, username="target"),
        ADMINS,
        prepare=lambda s: accounts.disable_user(
            s, actor=account_rules.system_actor("setup"), username="target"
        ),
    ),
    WriteFunction(
        accounts.unlock_user,
        lambda s, a: accounts.unlock_user(s, actor=a, username="target"),
        ADMINS,
        prepare=lambda s: [
            accounts.record_login_attempt(s, username="target", succeeded=False, at=utc_now())
            for _ in range(account_rules.LOCKOUT_THRESHOLD)
        ],
    ),
    WriteFunction(
        accounts.change_role,
        lambda s, a: accounts.change_role(
            s, actor=a, username="spare", role=Role.PROGRAMME_MANAGER
        ),
        ADMINS,
    ),
    WriteFunction(
        data_exchange.import_programme_as,
        lambda s, a: data_exchange.import_programme_as(
            s, one_row_source("providers", code="P9", name="Provider nine"), actor=a
        ),
        MANAGERS,
    ),
    WriteFunction(
        accounts.add_user_with_one_time_password,
        lambda s, a: accounts.add_user_with_one_time_password(
            s, actor=a, username="newcomer", role=Role.PARTNER
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.reset_password,
        lambda s, a: accounts.reset_password(s, actor=a, username="target"),
        ADMINS,
    ),
    # The data exchange page: the dry run and the workbook download write nothing.
    WriteFunction(
        data_exchange.check_upload,
        lambda s, a: data_exchange.check_upload(s, actor=a, file_name="providers.csv", data=UPLOAD),
        MANAGERS,
        audited=False,
    ),
    WriteFunction(
        data_exchange.import_upload,
        lambda s, a: data_exchange.import_upload(
            s, actor=a, file_name="providers.csv", data=UPLOAD
        ),
        MANAGERS,
    ),
    WriteFunction(
        data_exchange.programme_workbook,
        lambda s, a: data_exchange.programme_workbook(s, actor=a),
        MANAGERS,
        audited=False,
    ),
    # Form rows through the importer: files the managers own (inspection files are STAFF).
    WriteFunction(
        forms.save_form_row,
        lambda s, a: forms.save_form_row(
            s, "providers", {"code": "P9", "name": "Provider nine"}, actor=a, new=True
        ),
        MANAGERS,
    ),
    WriteFunction(
        forms.save_form_rows,
        lambda s, a: forms.save_form_rows(
            s,
            "providers",
            [{"code": "P8", "name": "Eight"}, {"code": "P9", "name": "Nine"}],
            actor=a,
        ),
        MANAGERS,
    ),
    # Reference data.
    WriteFunction(
        reference_data.move_service,
        lambda s, a: reference_data.move_service(s, actor=a, code="S1", to_group="G2"),
        MANAGERS,
        prepare=lambda s: make.group(s, "G2", s.exec(select(Provider)).one()),
    ),
    WriteFunction(
        reference_data.close_service,
        lambda s, a: reference_data.close_service(s, actor=a, code="S1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.close_group,
        lambda s, a: reference_data.close_group(s, actor=a, code="G1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.close_provider,
        lambda s, a: reference_data.close_provider(s, actor=a, code="P1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.end_mou_term,
        lambda s, a: reference_data.end_mou_term(s, actor=a, ref="T1", on=date(2026, 1, 31)),
        MANAGERS,
    ),
    # Governance.
    WriteFunction(
        governance_service.create_meeting,
        lambda s, a: governance_service.create_meeting(
            s,
            actor=a,
            ref="M9",
            held_on=date(2025, 6, 5),
            kind="programme board",
            attendees=["CQC", "Home Office"],
            notes="Quarterly review.",
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.edit_meeting,
        lambda s, a: governance_service.edit_meeting(
            s,
            actor=a,
            ref="M1",
            expected_version=1,
            held_on=date(2025, 4, 10),
            kind="mou governance",
            notes="Minutes agreed.",
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.create_action,
        lambda s, a: governance_service.create_action(
            s,
            actor=a,
            ref="A9",
            meeting_ref="M1",
            text="Share the rota.",
            owner_org="cqc",
            owner_name=None,
            due_on=date(2025, 6, 1),
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.edit_action,
        lambda s, a: governance_service.edit_action(
            s,
            actor=a,
            ref="A1",
            expected_version=1,
            text="Send the revised plan.",
            owner_org="cqc",
            owner_name=None,
            due_on=date(2025, 5, 9),
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.add_action_update,
        lambda s, a: governance_service.add_action_update(
            s,
            actor=a,
            action_ref="A1",
            expected_version=1,
            on=date(2025, 5, 1),
            note="Draft shared.",
            status="in progress",
        ),
        MANAGERS,
    ),
    # Planning and running inspections (I1 is led by Ina Lead).
    WriteFunction(
        planning.accept_proposals,
        lambda s, a: planning.accept_proposals(
            s, actor=a, proposals=planning.plan_for_year(s, 2026, date(2026, 11, 2)).proposals[:1]
        ),
        MANAGERS,
        prepare=lambda s: setattr(  # the planner proposes only with an inspector
            s.exec(select(Provider)).one(), "allocated_inspector", "Ina Lead"
        ),
    ),
    WriteFunction(
        inspections.create_inspection,
        lambda s, a: inspections.create_inspection(
            s,
            actor=a,
            draft=InspectionDraft(
                group_code="G1",
                inspection_type="comprehensive",
                mode="on-site",
                trigger="routine",
                lead_inspector="Ina Lead",
                start_on=date(2026, 3, 2),
                end_on=date(2026, 3, 4),
            ),
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.update_inspection,
        lambda s, a: inspections.update_inspection(
            s,
            actor=a,
            ref="I1",
            expected_version=1,
            draft=InspectionDraft(
                group_code="G1",
                inspection_type="comprehensive",
                lead_inspector="Ina Lead",
                start_on=date(2025, 3, 3),
                end_on=date(2025, 3, 5),
            ),
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.record_judgements,
        lambda s, a: inspections.record_judgements(
            s, actor=a, ref="I1", judgements={"safe": "meeting"}, opened_versions={}
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.record_evidence,
        lambda s, a: inspections.record_evidence(
            s,
            actor=a,
            ref="I1",
            evidence=Evidence(survey_responses=4, staff_interviewed=2),
            internal_notes="Rota checked.",
            expected_version=1,
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.add_information_request,
        lambda s, a: inspections.add_information_request(
            s, actor=a, ref="I1", text="Fire risk assessment.", asked_on=date(2025, 3, 5)
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        inspections.mark_request_received,
        lambda s, a: inspections.mark_request_received(
            s,
            actor=a,
            request_id=_only_id(s, InformationRequest),
            received_on=date(2025, 3, 10),
            expected_version=1,
        ),
        LEADS_OF_I1,
        prepare=lambda s: inspections.add_information_request(
            s,
            actor=ACTORS[Persona.MANAGER],
            ref="I1",
            text="Staff rota.",
            asked_on=date(2025, 3, 5),
        ),
    ),
    WriteFunction(
        recommendations.add_good_practice,
        lambda s, a: recommendations.add_good_practice(
            s, actor=a, inspection_ref="I1", theme="staffing and training", text="Peer support."
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        escalations.add_escalation,
        lambda s, a: escalations.add_escalation(
            s,
            actor=a,
            ref="ESC-900",
            inspection_ref="I1",
            raised_on=date(2025, 3, 4),
            concern="Fire doors propped open.",
            escalated_to=["prime contractor"],
        ),
        MANAGERS,
    ),
    WriteFunction(
        escalations.resolve_escalation,
        lambda s, a: escalations.resolve_escalation(
            s,
            actor=a,
            ref="ESC-901",
            resolved_on=date(2025, 4, 1),
            note="Fixed.",
            expected_version=1,
        ),
        MANAGERS,
        prepare=lambda s: escalations.add_escalation(
            s,
            actor=ACTORS[Persona.MANAGER],
            ref="ESC-901",
            inspection_ref="I1",
            raised_on=date(2025, 3, 4),
            concern="Night admissions without a risk assessment.",
        ),
    ),
    # Recommendations (R1 is from I1): follow-ups, evidence, due dates.
    WriteFunction(
        recommendations.update_due_date,
        lambda s, a: recommendations.update_due_date(
            s,
            actor=a,
            ref="R1",
            due_on=date(2025, 7, 1),
            reason="Works booked.",
            expected_version=1,
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.record_follow_up,
        lambda s, a: follow_ups.record_follow_up(s, actor=a, **FOLLOW_UP),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.record_follow_up_with_evidence,
        lambda s, a: follow_ups.record_follow_up_with_evidence(
            s, actor=a, files=[PDF_FILE], **FOLLOW_UP
        ),
        LEADS_OF_I1,
    ),
    WriteFunction(
        follow_ups.attach_evidence,
        lambda s, a: follow_ups.attach_evidence(
            s,
            actor=a,
            follow_up_id=_only_id(s, FollowUp),
            filename="photo.png",
            data=b"\x89PNG\r\n\x1a\nimage",
        ),
        LEADS_OF_I1,
        prepare=_follow_up_with_evidence,
    ),
    # Evidence may be read and downloaded by every logged-in role, partners included.
    WriteFunction(
        follow_ups.evidence_for,
        lambda s, a: follow_ups.evidence_for(s, actor=a, follow_up_id=_only_id(s, FollowUp)),
        frozenset(Persona),
        audited=False,
        prepare=_follow_up_with_evidence,
    ),
    WriteFunction(
        follow_ups.evidence_for_recommendation,
        lambda s, a: follow_ups.evidence_for_recommendation(s, actor=a, recommendation_ref="R1"),
        frozenset(Persona),
        audited=False,
        prepare=_follow_up_with_evidence,
    ),
    WriteFunction(
        follow_ups.evidence_download,
        lambda s, a: follow_ups.evidence_download(
            s, actor=a, evidence_id=_only_id(s, EvidenceFile)
        ),
        frozenset(Persona),
        audited=False,
        prepare=_follow_up_with_evidence,
    ),
)

# Public functions taking `session` and `actor` that are not write functions a person calls:
# the layers below the role checks (their callers check) and the command line's own writers.
MECHANISMS: dict[str, str] = {
    "dashboard.core.audit.record_change": "adds the audit entry for a write its caller checked",
    "dashboard.core.editing.save_edit": "optimistic-locking save; its calling service checks roles",
    "dashboard.exchange.importer.import_programme": "CLI and seeding; people use "
    "dashboard.exchange.service.import_programme_as",
    "dashboard.accounts.service.add_demo_users": "demo seeding from the command line",
    "dashboard.cli.data.seed_demo": "demo seeding from the command line",
}


@dataclass(frozen=True)
class FreeTextWrite:
    """A write function storing free text, called with the payload on the demo database."""

    what: str
    write: Callable[[Session, Actor, str], object]


def _demo_import(file: str, **cells: str) -> Callable[[Session, Actor, str], object]:
    """Update one demo row through the importer with the payload in its free-text columns."""

    def write(session: Session, actor: Actor, text: str) -> object:
        filled = {name: text if value == PAYLOAD else value for name, value in cells.items()}
        return data_exchange.import_programme_as(
            session, one_row_source(file, **filled), actor=actor
        )

    return write


FREE_TEXT_WRITES: tuple[FreeTextWrite, ...] = (
    FreeTextWrite(
        "user display name",
        lambda s, a, text: accounts.add_user(
            s,
            actor=a,
            username="payload",
            role=Role.INSPECTOR,
            password="payload-password",
            display_name=text,
        ),
    ),
    FreeTextWrite(
        "provider name and contact (import)",
        _demo_import(
            "providers",
            code="P01",
            name=PAYLOAD,
            lead_contact_name=PAYLOAD,
        ),
    ),
    FreeTextWrite(
        "recommendation text and theme (import)",
        _demo_import(
            "recommendations",
            ref="REC-INS-2021-001-01",
            inspection_ref="INS-2021-001",
            risk="low",
            text=PAYLOAD,
            theme=PAYLOAD,
            status="closed",
            closed_on="2021-06-22",
        ),
    ),
    FreeTextWrite(
        "meeting notes (import)",
        _demo_import(
            "meetings",
            ref="MTG-2021-01-PB",
            held_on="2021-01-21",
            kind="programme board",
            notes=PAYLOAD,
        ),
    ),
    FreeTextWrite(
        "action text (import)",
        _demo_import(
            "actions",
            ref="ACT-2021-01-PB-1",
            meeting_ref="MTG-2021-01-PB",
            text=PAYLOAD,
            owner_org="cqc",
            due_on="2021-02-11",
            status="done",
            closed_on="2021-02-09",
        ),
    ),
    FreeTextWrite(
        "escalation concern (import)",
        _demo_import(
            "escalations",
            ref="ESC-001",
            inspection_ref="INS-2021-021",
            raised_on="2021-12-10",
            concern=PAYLOAD,
        ),
    ),
    FreeTextWrite(
        "follow-up note (import)",
        _demo_import(
            "follow_ups",
            recommendation_ref="REC-INS-2021-001-01",
            on="2021-06-22",
            note=PAYLOAD,
        ),
    ),
    FreeTextWrite(
        "follow-up note",
        lambda s, a, text: follow_ups.record_follow_up(
            s,
            actor=a,
            recommendation_ref="REC-INS-2026-030-03",
            on=date(2026, 10, 20),
            note=text,
            new_status="in progress",
        ),
    ),
    FreeTextWrite(
        "information request",
        lambda s, a, text: inspections.add_information_request(
            s,
            actor=a,
            ref="INS-2026-030",
            text=text,
            asked_on=date(2026, 10, 8),
        ),
    ),
    FreeTextWrite(
        "inspection internal notes",
        lambda s, a, text: inspections.record_evidence(
            s,
            actor=a,
            ref="INS-2026-030",
            evidence=Evidence(),
            internal_notes=text,
            expected_version=1,
        ),
    ),
    FreeTextWrite(
        "good practice theme and text",
        lambda s, a, text: recommendations.add_good_practice(
            s,
            actor=a,
            inspection_ref="INS-2021-021",
            theme=text,
            text=text,
        ),
    ),
    FreeTextWrite(
        "escalation resolution note",
        lambda s, a, text: escalations.resolve_escalation(
            s,
            actor=a,
            ref="ESC-006",
            resolved_on=date(2026, 10, 20),
            note=text,
            expected_version=1,
        ),
    ),
    FreeTextWrite(
        "recommendation due-date reason",
        lambda s, a, text: recommendations.update_due_date(
            s,
            actor=a,
            ref="REC-INS-2026-026-01",
            due_on=date(2026, 12, 18),
            reason=text,
            expected_version=1,
        ),
    ),
    FreeTextWrite(
        "action update note",
        lambda s, a, text: governance_service.add_action_update(
            s,
            actor=a,
            action_ref="ACT-2026-10-PB-1",
            expected_version=1,
            on=date(2026, 10, 20),
            note=text,
        ),
    ),
    FreeTextWrite(
        "meeting attendees and notes",
        lambda s, a, text: governance_service.create_meeting(
            s,
            actor=a,
            ref="MTG-2026-10-PAYLOAD",
            held_on=date(2026, 10, 20),
            kind="programme board",
            attendees=text,
            notes=text,
        ),
    ),
)
