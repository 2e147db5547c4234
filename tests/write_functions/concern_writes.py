"""Write functions on concerns: managers, admins and every inspector; partners never."""

from dataclasses import replace
from datetime import date

from dashboard.concerns import service as concerns
from dashboard.concerns.rules import ConcernDraft
from tests.write_functions.world import ACTORS, STAFF, Persona, WriteFunction

DRAFT = ConcernDraft(
    received_on=date(2025, 3, 10),
    source="home office",
    provider_code="P1",
    group_code="G1",
    key_questions=("safe",),
    summary="Night staffing below the agreed level.",
    risk="high",
)

CONCERN_WRITES: tuple[WriteFunction, ...] = (
    WriteFunction(
        concerns.record_concern,
        lambda s, a: concerns.record_concern(s, actor=a, draft=DRAFT, ref="CON-2025-900"),
        STAFF,
    ),
    WriteFunction(
        concerns.update_concern,
        lambda s, a: concerns.update_concern(
            s,
            actor=a,
            ref="CON-2025-901",
            draft=replace(DRAFT, status="closed", closed_on=date(2025, 4, 1)),
            expected_version=1,
        ),
        STAFF,
        prepare=lambda s: concerns.record_concern(
            s, actor=ACTORS[Persona.MANAGER], draft=DRAFT, ref="CON-2025-901"
        ),
    ),
)
