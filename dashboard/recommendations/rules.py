"""Recommendations: due dates that follow the risk from the final report, the lifecycle, the
rows read.

The clock starts when the provider receives the recommendation, with the final report: one
without an explicit due date falls due its risk's working days (programme settings, by default
high 20, medium 60, low 120) after its inspection's `final_sent_on`; until then it has no due
date and is never overdue. An explicit `due_on` always wins.

The lifecycle: which status may follow which, and who may make each move.

open → in progress → evidence submitted → closed (verified by an inspector, programme manager or
admin) or superseded (by the recommendation that replaces it). Decisions beyond the bare chain:

- a follow-up may keep the status of an open recommendation (a progress note);
- open → evidence submitted is allowed: a provider may send evidence straight away;
- evidence submitted → in progress is allowed: the evidence was not enough, work goes on;
- open or in progress → closed is allowed: an inspector may verify it at an inspection;
- closed or superseded can only be reopened (→ open), which the follow-up records;
- in progress or evidence submitted → open is refused: only a closed or superseded one reopens;
- partners never change a status.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from dashboard.core.permissions import STAFF, Actor
from dashboard.core.refusal import Problem, Refused
from dashboard.core.vocabulary import RecommendationStatus, Risk, Role
from dashboard.core.workdays import add_working_days

DEFAULT_DUE_WORKING_DAYS: Mapping[Risk, int] = MappingProxyType(
    {Risk.HIGH: 20, Risk.MEDIUM: 60, Risk.LOW: 120}
)
# What the register and the recommendation show while the clock has not started.
DUE_ONCE_FINAL_SENT = "due once the final report is sent"


def default_due_on(
    risk: Risk | str,
    final_sent_on: date | None,
    working_days: Mapping[Risk, int] | None = None,
) -> date | None:
    """The default due date: its risk's working days after the provider received the final
    report; None while the final report is not sent (the clock has not started)."""
    if final_sent_on is None:
        return None
    timescales = DEFAULT_DUE_WORKING_DAYS if working_days is None else working_days
    return add_working_days(final_sent_on, timescales[Risk(risk)])


def falls_due_on(
    due_on: date | None,
    risk: Risk | str,
    final_sent_on: date | None,
    working_days: Mapping[Risk, int] | None = None,
) -> date | None:
    """When a recommendation falls due: its explicit due date always wins, else the default."""
    if due_on is not None:
        return due_on
    return default_due_on(risk, final_sent_on, working_days)


class TimescaleInvalid(Refused):
    """A timescale change was refused; each problem names the risk. Nothing was written."""


# Four years of working days: beyond any real timescale, and well inside what dates can hold
# (a value of 10**11 would take add_working_days hours, then overflow).
MAX_TIMESCALE_WORKING_DAYS = 1000


def checked_timescales(entered: Mapping[str, object]) -> dict[Risk, int]:
    """The three timescales as positive whole numbers of working days, or TimescaleInvalid
    naming each risk whose value is missing or not such a number."""
    problems: list[Problem] = []
    checked: dict[Risk, int] = {}
    for risk in Risk:
        value = entered.get(risk.value)
        text = str(value).strip() if value is not None else ""
        if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
            problems.append(
                Problem.about(
                    risk.value,
                    f"{text or 'nothing'} is not a whole number of working days of 1 or more",
                )
            )
            continue
        if int(text) > MAX_TIMESCALE_WORKING_DAYS:
            message = f"{text} working days is too long; at most {MAX_TIMESCALE_WORKING_DAYS}"
            problems.append(Problem.about(risk.value, message))
            continue
        checked[risk] = int(text)
    unknown = sorted(set(entered) - {risk.value for risk in Risk})
    if unknown:
        known = ", ".join(Risk)
        problems.append(Problem.about("risk", f"{', '.join(unknown)}: risk is one of {known}"))
    if problems:
        raise TimescaleInvalid(problems=problems)
    return checked


_S = RecommendationStatus

NEXT_STATUSES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        _S.OPEN: frozenset(
            {_S.OPEN, _S.IN_PROGRESS, _S.EVIDENCE_SUBMITTED, _S.CLOSED, _S.SUPERSEDED}
        ),
        _S.IN_PROGRESS: frozenset(
            {_S.IN_PROGRESS, _S.EVIDENCE_SUBMITTED, _S.CLOSED, _S.SUPERSEDED}
        ),
        _S.EVIDENCE_SUBMITTED: frozenset(
            {_S.EVIDENCE_SUBMITTED, _S.IN_PROGRESS, _S.CLOSED, _S.SUPERSEDED}
        ),
        _S.CLOSED: frozenset({_S.OPEN}),
        _S.SUPERSEDED: frozenset({_S.OPEN}),
    }
)
# Who may record a follow-up at all, and who may verify a recommendation closed.
MAY_RECORD: frozenset[Role] = STAFF
MAY_VERIFY: frozenset[Role] = STAFF
FINISHED: frozenset[str] = frozenset({_S.CLOSED, _S.SUPERSEDED})


class TransitionRefused(Refused):
    """A status change the lifecycle does not allow (or not for this role); nothing written."""


def is_reopening(current: str, new: str) -> bool:
    """Whether the change takes a closed or superseded recommendation back to open."""
    return current in FINISHED and new == _S.OPEN


def _status(value: str, which: str) -> RecommendationStatus:
    """A known status, or a refusal listing the known ones."""
    try:
        return RecommendationStatus(value)
    except ValueError:
        known = ", ".join(RecommendationStatus)
        message = f"{which} '{value}' is not a status; choose one of {known}"
        raise TransitionRefused(message) from None


def _allowed_list(current: str) -> str:
    """The statuses `current` may move to, in lifecycle order, as words."""
    return ", ".join(status for status in RecommendationStatus if status in NEXT_STATUSES[current])


def check_transition(current: str, new: str, actor: Actor) -> None:
    """Refuse (TransitionRefused) a status change the lifecycle or the actor's role forbids."""
    before, after = _status(current, "current status"), _status(new, "new status")
    who = f"{actor.display_name} ({actor.role.replace('_', ' ')})"
    if actor.role not in MAY_RECORD:
        raise TransitionRefused(f"{who} may not change a recommendation's status.")
    if after not in NEXT_STATUSES[before]:
        if before in FINISHED and after == before:
            raise TransitionRefused(
                f"The recommendation is already {before}; reopen it (status open) to change it."
            )
        raise TransitionRefused(
            f"A recommendation cannot go from {before} to {after}; "
            f"from {before} it may go to: {_allowed_list(before)}."
        )
    if after == _S.CLOSED and actor.role not in MAY_VERIFY:
        raise TransitionRefused(
            f"{who} may not close a recommendation: only an inspector or a programme manager "
            "verifies closure."
        )


@dataclass(frozen=True)
class RecommendationFacts:
    """One recommendation with the inspection, group, provider and service it belongs to."""

    ref: str
    inspection_ref: str
    inspection_start_on: date
    inspection_end_on: date
    lead_inspector: str | None
    provider_code: str
    provider_name: str
    group_code: str
    service_code: str | None
    key_question: str | None
    kloe: str | None
    theme: str | None
    risk: str
    owner: str | None
    status: str
    # When it falls due: the explicit due date, else the default from the final report; None
    # while the final report is not sent.
    due_on: date | None
    closed_on: date | None
    final_sent_on: date | None = None
    # The due date set explicitly (imported or changed with a reason), None when it follows
    # the default.
    explicit_due_on: date | None = None


@dataclass(frozen=True)
class ThemeCount:
    """Recommendations sharing a theme, key question, provider and programme year."""

    theme: str
    key_question: str
    provider_code: str
    programme_year: int
    total: int
    still_open: int
