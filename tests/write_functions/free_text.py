"""Functions taking session and actor that are not a person's writes, and the writes that
store free text (for the no-HTML page test)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from dashboard.accounts import service as accounts
from dashboard.concerns import service as concerns
from dashboard.concerns.rules import ConcernDraft
from dashboard.core.permissions import Actor
from dashboard.core.vocabulary import Role
from dashboard.escalations import service as escalations
from dashboard.exchange import service as data_exchange
from dashboard.follow_ups import service as follow_ups
from dashboard.governance import service as governance_service
from dashboard.inspections import service as inspections
from dashboard.inspections.rules import Evidence
from dashboard.inspections.service import status as inspection_status
from dashboard.national import service as national
from dashboard.recommendations import service as recommendations
from models import Inspection
from tests.write_functions.world import (
    PAYLOAD,
    one_row_source,
)

# Public functions taking `session` and `actor` that are not write functions a person calls:
# the layers below the role checks (their callers check) and the command line's own writers.
MECHANISMS: dict[str, str] = {
    "dashboard.core.audit.record_change": "adds the audit entry for a write its caller checked",
    "dashboard.core.editing.save_edit": "optimistic-locking save; its calling service checks roles",
    "dashboard.exchange.importer.import_programme": "CLI and seeding; people use "
    "dashboard.exchange.service.import_programme_as",
    "dashboard.accounts.service.add_demo_users": "demo seeding from the command line",
    "dashboard.accounts.service.logins.end_user_sessions": "ends an account's sessions inside "
    "set_password, disable_user and change_role, after their role checks",
    "dashboard.cli.data.seed_demo": "demo seeding from the command line",
    "dashboard.inspections.service.checks.check_plan": "checks a plan or edit inside "
    "create_inspection and update_inspection, after their role checks",
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


def _cancel(session: Session, actor: Actor, reason: str) -> object:
    """Cancel a future demo inspection (first made planned) with the reason given."""
    row = session.exec(select(Inspection).where(Inspection.ref == "INS-2026-037")).one()
    row.status = "planned"
    session.flush()
    return inspection_status.cancel_inspection(
        session, actor=actor, ref=row.ref, reason=reason, expected_version=row.version
    )


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
    FreeTextWrite("inspection cancellation reason", lambda s, a, text: _cancel(s, a, text)),
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
        "national recommendation text",
        lambda s, a, text: national.save_national_recommendation(
            s,
            actor=a,
            ref="NR-2026-PAYLOAD",
            programme_year=2025,
            owner_org="cqc",
            text=text,
            due_on=date(2027, 1, 29),
        ),
    ),
    FreeTextWrite(
        "concern summary",
        lambda s, a, text: concerns.record_concern(
            s,
            actor=a,
            draft=ConcernDraft(
                received_on=date(2026, 10, 20),
                source="prime contractor",
                provider_code="P01",
                summary=text,
                risk="high",
            ),
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
