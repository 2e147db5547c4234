"""Governance pack build time: the latest meeting's pack, built twice in this process.

The first build pays vl-convert's start-up; the second is what a manager waits for once the
app has drawn one chart. Both are reported; the budget applies to the first.
"""

import time

from sqlmodel import Session, col, select

from dashboard.core import db
from dashboard.core.vocabulary import Role
from dashboard.governance.pack.build import build_pack
from models import Meeting


def time_pack(database_url: str) -> tuple[float, float]:
    """Seconds for the first and the second build of the latest meeting's pack."""
    engine = db.make_engine(database_url)
    try:
        with Session(engine) as session:
            latest = session.exec(select(Meeting).order_by(col(Meeting.held_on).desc())).first()
            if latest is None:
                return float("nan"), float("nan")
            timings = []
            for _ in range(2):
                started = time.perf_counter()
                build_pack(session, latest.ref, role=Role.ADMIN)
                timings.append(time.perf_counter() - started)
        return timings[0], timings[1]
    finally:
        engine.dispose()
