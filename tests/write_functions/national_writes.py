"""The national recommendations' write functions for the role matrix: managers only."""

from datetime import date

from dashboard.national import service as national
from tests.write_functions.world import MANAGERS, WriteFunction

NATIONAL_WRITES: tuple[WriteFunction, ...] = (
    WriteFunction(
        national.save_national_recommendation,
        lambda s, a: national.save_national_recommendation(
            s,
            actor=a,
            ref="NR9",
            programme_year=2025,
            owner_org="home office",
            text="Reduce decision waiting times.",
            due_on=date(2026, 3, 31),
        ),
        MANAGERS,
    ),
    WriteFunction(
        national.add_national_update,
        lambda s, a: national.add_national_update(
            s, actor=a, ref="NR1", expected_version=1, on=date(2025, 6, 2), status="in progress"
        ),
        MANAGERS,
    ),
)
