"""SLA performance: the share of each milestone met on time, per programme-year quarter.

Quarters are quarters of the programme year (1 April – 31 March) that a milestone's due date
falls in: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March.
Only milestones that are done (on time or late) or overdue as of the date are counted; pending
ones have not yet had their chance.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard.core.programme_year import quarter_of, year_label
from dashboard.inspections.deadlines import (
    REPORTED_MILESTONES,
    InspectionDates,
    Milestone,
    MilestoneState,
    milestone_schedule,
    milestone_state,
)


@dataclass(frozen=True, order=True)
class ProgrammeQuarter:
    """Quarter 1–4 of programme year Y (Q1 starts 1 April Y, Q4 ends 31 March Y+1)."""

    year: int
    quarter: int

    @property
    def label(self) -> str:
        """As a governance paper writes it, e.g. `2026/27 Q3`."""
        return f"{year_label(self.year)} Q{self.quarter}"


@dataclass(frozen=True)
class SlaCell:
    """One milestone in one quarter: how many were counted and how many met their due date."""

    quarter: ProgrammeQuarter
    milestone: Milestone
    met: int
    counted: int

    @property
    def share(self) -> float | None:
        """Met on time as a fraction of those counted; None when none was counted."""
        return self.met / self.counted if self.counted else None


def programme_quarter(day: date) -> ProgrammeQuarter:
    """The programme-year quarter a date falls in."""
    return ProgrammeQuarter(*quarter_of(day))


def sla_performance(inspections: Iterable[InspectionDates], as_of: date) -> list[SlaCell]:
    """Every reported milestone in every quarter with anything counted, earliest quarter first."""
    met: Counter[tuple[ProgrammeQuarter, Milestone]] = Counter()
    counted: Counter[tuple[ProgrammeQuarter, Milestone]] = Counter()
    for dates in inspections:
        for item in milestone_schedule(dates):
            if item.milestone not in REPORTED_MILESTONES:
                continue
            state = milestone_state(item.due_on, item.done_on, as_of)
            if state is MilestoneState.PENDING:
                continue
            key = (programme_quarter(item.due_on), item.milestone)
            counted[key] += 1
            met[key] += state is MilestoneState.ON_TIME
    quarters = sorted({quarter for quarter, _ in counted})
    return [
        SlaCell(quarter, milestone, met[quarter, milestone], counted[quarter, milestone])
        for quarter in quarters
        for milestone in REPORTED_MILESTONES
    ]
