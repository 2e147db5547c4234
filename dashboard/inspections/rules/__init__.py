"""Inspection rules: the milestone schedule and SLA performance, and the rules for inspection
input the exchange format does not cover (fixed key questions, the evidence base as counts,
information request dates) with the refusal that names each field.

SLA quarters are quarters of the programme year (1 April – 31 March) that a milestone's due date
falls in: Q1 April–June, Q2 July–September, Q3 October–December, Q4 January–March.
Only milestones that are done (on time or late) or overdue as of the date are counted; pending
ones have not yet had their chance.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dashboard.core.key_questions import key_questions_in_scope
from dashboard.core.programme_year import quarter_of, year_label
from dashboard.core.refusal import Problem, Refused
from dashboard.core.report import Cell, Report
from dashboard.core.vocabulary import InspectionType, KeyQuestion
from dashboard.core.workdays import add_working_days, is_working_day
from dashboard.inspections.rules.milestones import (
    MILESTONE_LABELS as MILESTONE_LABELS,
)
from dashboard.inspections.rules.milestones import (
    REPORTED_MILESTONES as REPORTED_MILESTONES,
)
from dashboard.inspections.rules.milestones import (
    REPORTS as REPORTS,
)
from dashboard.inspections.rules.milestones import (
    REPORTS_OVERDUE as REPORTS_OVERDUE,
)
from dashboard.inspections.rules.milestones import (
    REPORTS_OVERDUE_HELP as REPORTS_OVERDUE_HELP,
)
from dashboard.inspections.rules.milestones import (
    WITHHELD_MILESTONES as WITHHELD_MILESTONES,
)
from dashboard.inspections.rules.milestones import (
    InspectionDates as InspectionDates,
)
from dashboard.inspections.rules.milestones import (
    Milestone as Milestone,
)
from dashboard.inspections.rules.milestones import (
    MilestoneDue as MilestoneDue,
)
from dashboard.inspections.rules.milestones import (
    MilestoneState as MilestoneState,
)
from dashboard.inspections.rules.milestones import (
    as_seen_by as as_seen_by,
)
from dashboard.inspections.rules.milestones import (
    has_reported_milestone_to_do as has_reported_milestone_to_do,
)
from dashboard.inspections.rules.milestones import (
    may_fall_due_between as may_fall_due_between,
)
from dashboard.inspections.rules.milestones import (
    milestone_schedule as milestone_schedule,
)
from dashboard.inspections.rules.milestones import (
    milestone_state as milestone_state,
)
from dashboard.inspections.rules.milestones import (
    overdue_reports as overdue_reports,
)
from dashboard.inspections.rules.milestones import (
    reports_overdue as reports_overdue,
)
from dashboard.inspections.rules.milestones import (
    status_words as status_words,
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


@dataclass(frozen=True)
class Evidence:
    """The evidence base of an inspection, as counts only, and the factual accuracy outcome."""

    survey_responses: int | None = None
    survey_languages: tuple[str, ...] = ()
    survivors_spoken_with: int | None = None
    staff_interviewed: int | None = None
    cases_reviewed: int | None = None
    fa_outcome: str | None = None
    quality_panel_review: bool | None = None


@dataclass(frozen=True)
class InspectionDraft:
    """An inspection as a form holds it, in the exchange format's names (`group_code` etc.)."""

    group_code: str | None = None
    inspection_type: str | None = None
    mode: str | None = None
    key_questions: tuple[str, ...] = ()
    trigger: str | None = None
    lead_inspector: str | None = None
    announced_on: date | None = None
    pir_requested_on: date | None = None
    pir_returned_on: date | None = None
    start_on: date | None = None
    end_on: date | None = None
    draft_sent_on: date | None = None
    fa_returned_on: date | None = None
    final_sent_on: date | None = None
    early_outcome_letter_on: date | None = None

    def milestone_dates(self) -> InspectionDates | None:
        """The dates milestones fall due from, once the start date is known."""
        if self.start_on is None:
            return None
        return InspectionDates(
            self.start_on,
            self.end_on,
            self.announced_on,
            self.pir_requested_on,
            self.pir_returned_on,
            self.draft_sent_on,
            self.fa_returned_on,
            self.final_sent_on,
        )


REQUEST_DUE_WORKING_DAYS = 7


class FactualAccuracyOutcome(StrEnum):
    NO_COMMENTS = "no comments"
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly accepted"
    NOT_ACCEPTED = "not accepted"


# A judgement can only have changed when the provider's comments were (partly) accepted.
JUDGEMENT_MAY_CHANGE = frozenset(
    {FactualAccuracyOutcome.ACCEPTED, FactualAccuracyOutcome.PARTLY_ACCEPTED}
)


class InvalidInput(Refused):
    """The input breaks a rule; `problems` names each field. Nothing was written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("", problems)


class DuplicateRequest(InvalidInput):
    """The same information request was already logged on this inspection."""


class DuplicateInspection(InvalidInput):
    """The same inspection (group, type and start date) is already in the programme."""


class OverlapUnconfirmed(InvalidInput):
    """The inspection's dates overlap another of the same group, and nobody said that is meant."""

    def __init__(self, problems: Sequence[Problem], refs: Sequence[str]) -> None:
        super().__init__(problems)
        self.refs = tuple(refs)


class UnknownInspector(InvalidInput):
    """The lead inspector is not a known name and adding a new one was not asked for."""


@dataclass(frozen=True)
class BookedInspection:
    """Another inspection of the same group, not cancelled: what a new one may clash with."""

    ref: str
    inspection_type: str
    start_on: date
    end_on: date | None = None

    @property
    def last_day(self) -> date:
        return self.end_on or self.start_on


def overlaps(first: date, last: date, booked: BookedInspection) -> bool:
    """Whether the days first to last share at least one day with the booked inspection."""
    return booked.start_on <= last and first <= booked.last_day


def clash_problems(
    draft: InspectionDraft, booked: Iterable[BookedInspection], *, overlap_confirmed: bool
) -> Refused | None:
    """Refuse an exact repeat of a booked inspection (same type and start; the group is the
    caller's), and an overlap with one unless it was confirmed; None when neither."""
    if draft.start_on is None:
        return None
    first, last = draft.start_on, max(draft.end_on or draft.start_on, draft.start_on)
    clashing = [b for b in booked if overlaps(first, last, b)]
    for other in clashing:
        if other.inspection_type == draft.inspection_type and other.start_on == draft.start_on:
            message = (
                f"{other.ref} is the same inspection ({other.inspection_type}, "
                f"{draft.group_code}, starting {other.start_on}); open {other.ref} to change "
                "it rather than planning it twice"
            )
            return DuplicateInspection([Problem.about("form", message)])
    if clashing and not overlap_confirmed:
        named = "; ".join(
            f"{b.ref} ({b.inspection_type}, {b.start_on} to {b.last_day})" for b in clashing
        )
        message = (
            f"these dates overlap another inspection of {draft.group_code}: {named}. "
            "Tick 'Save it anyway' if both are meant"
        )
        return OverlapUnconfirmed([Problem.about("form", message)], [b.ref for b in clashing])
    return None


def not_a_working_day(day: date | None) -> str | None:
    """Why an inspection should not start on this day ("a Sunday", "a bank holiday"), or None
    on a working day: a warning, since inspections sometimes do."""
    if day is None or is_working_day(day):
        return None
    return f"a {day:%A}" if day.weekday() >= 5 else "a bank holiday"


def same_name(first: str, second: str) -> bool:
    """Two names that differ only in case or spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def inspector_problem(name: str | None, known: Iterable[str], *, new_name: bool) -> Problem | None:
    """A lead inspector must be a known inspector, or a new name added on purpose; a name that
    differs from a known one only in case or spacing is refused even then (a typo)."""
    name = " ".join((name or "").split())
    if not name:
        return None
    names = list(known)
    if name in names:
        return None
    if near := next((known_name for known_name in names if same_name(known_name, name)), None):
        return Problem.about("lead_inspector", f"{name!r} is written {near!r}; choose {near!r}")
    if not new_name:
        return Problem.about(
            "lead_inspector",
            f"{name!r} is not a known inspector; choose one from the list, or tick "
            "'Add a new inspector name' to add it",
        )
    return None


def fixed_key_questions(inspection_type: str | None) -> tuple[KeyQuestion, ...] | None:
    """The fixed scope of a comprehensive or assurance inspection; None for focused or unknown."""
    if inspection_type not in (InspectionType.COMPREHENSIVE, InspectionType.ASSURANCE):
        return None
    return key_questions_in_scope(InspectionType(inspection_type), ())


def default_request_due_on(end_on: date, asked_on: date | None = None) -> date:
    """Additional information is due 7 working days after the inspection ends, or after the
    request when it is asked later than the end."""
    latest = max(end_on, asked_on) if asked_on else end_on
    return add_working_days(latest, REQUEST_DUE_WORKING_DAYS)


def tidy_language_names(given: Iterable[str]) -> list[str]:
    """Language names with spaces tidied, blanks dropped and repeats (any case) removed; the
    importer's row rules then check each is a language name."""
    names: list[str] = []
    for item in given:
        name = " ".join(item.split())
        if name and name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    return names


DEADLINE_COLUMNS = ("inspection_ref", "milestone", "due_on", "done_on", "state")


def deadline_report(inspections: Mapping[str, InspectionDates], as_of: date) -> Report:
    """One row per reported milestone that has a due date, inspection by inspection."""
    rows: list[tuple[Cell, ...]] = []
    for ref, dates in inspections.items():
        for item in milestone_schedule(dates):
            if item.milestone in REPORTED_MILESTONES:
                state = milestone_state(item.due_on, item.done_on, as_of)
                rows.append((ref, item.milestone, item.due_on, item.done_on, state))
    return Report(DEADLINE_COLUMNS, rows)
