"""Which type of inspection a group should have next, and why, from its history and its open
concerns."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from dashboard.core.vocabulary import (
    ALL_KEY_QUESTIONS,
    ASSURANCE_KEY_QUESTIONS,
    InspectionType,
    KeyQuestion,
    Trigger,
)


@dataclass(frozen=True)
class ServiceOpening:
    """One service of the group: its code and when it opened (and closed, if it did)."""

    code: str
    opened_on: date
    closed_on: date | None = None


@dataclass(frozen=True)
class PastInspection:
    """One inspection of the group, done or planned, with what triggered it."""

    ref: str
    start_on: date
    trigger: str | None = None


@dataclass(frozen=True)
class GroupHistory:
    """Everything the suggestion looks at for one group, as of a date.

    `open_recommendation_key_questions` holds one entry per open recommendation (its key
    question, or None when it names none); `unresolved_escalations` holds escalation refs.
    """

    group_code: str
    as_of: date
    services: tuple[ServiceOpening, ...] = ()
    inspections: tuple[PastInspection, ...] = ()
    open_recommendation_key_questions: tuple[str | None, ...] = ()
    unresolved_escalations: tuple[str, ...] = ()
    home_office_request: bool = False


@dataclass(frozen=True)
class GroupConcern:
    """A concern open on the group on the plan's date: its ref, the key questions it names
    (none named: it may touch all five) and whether its risk is high."""

    ref: str
    key_questions: tuple[str, ...] = ()
    high_risk: bool = False


@dataclass(frozen=True)
class Suggestion:
    """The suggested type, key questions in scope and trigger of the next inspection, with why."""

    inspection_type: InspectionType
    key_questions: tuple[KeyQuestion, ...]
    reason: str
    trigger: Trigger = Trigger.ROUTINE


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _words(items: Iterable[str]) -> str:
    """Items as prose: 'a', 'a and b', 'a, b and c'."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return f"{', '.join(listed[:-1])} and {listed[-1]}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def new_services(history: GroupHistory) -> list[ServiceOpening]:
    """Services not closed by the date that no inspection done by then has started since."""
    done = [i.start_on for i in history.inspections if i.start_on <= history.as_of]
    return sorted(
        (
            service
            for service in history.services
            if (service.closed_on is None or service.closed_on > history.as_of)
            and not any(start >= service.opened_on for start in done)
        ),
        key=lambda s: (s.opened_on, s.code),
    )


def home_office_asked(history: GroupHistory) -> str | None:
    """Why the Home Office request applies (the flag, the latest or a planned inspection)."""
    if history.home_office_request:
        return "the Home Office has asked for one"
    done = [i for i in history.inspections if i.start_on <= history.as_of]
    latest = max(done, key=lambda i: (i.start_on, i.ref), default=None)
    planned = sorted(
        (i for i in history.inspections if i.start_on > history.as_of),
        key=lambda i: (i.start_on, i.ref),
    )
    for inspection in ([latest] if latest else []) + planned:
        if inspection.trigger == Trigger.HOME_OFFICE_REQUEST:
            return f"the Home Office asked for it ({inspection.ref})"
    return None


def focused_key_questions(history: GroupHistory) -> tuple[KeyQuestion, ...]:
    """The open recommendations' key questions in canonical order, else safe and well-led."""
    named = {kq for kq in history.open_recommendation_key_questions if kq}
    in_scope = tuple(kq for kq in ALL_KEY_QUESTIONS if kq in named)
    return in_scope or ASSURANCE_KEY_QUESTIONS


def _new_service_reason(services: list[ServiceOpening]) -> str:
    if len(services) == 1:
        only = services[0]
        return (
            f"Comprehensive: service {only.code} opened on {_long_date(only.opened_on)} "
            "and has not been inspected since."
        )
    codes = _words(s.code for s in services)
    return f"Comprehensive: services {codes} have not been inspected since they opened."


def _focused_reason(history: GroupHistory, scope: tuple[KeyQuestion, ...]) -> str:
    parts = []
    recommendations = len(history.open_recommendation_key_questions)
    if recommendations:
        parts.append(_plural(recommendations, "open recommendation"))
    escalations = history.unresolved_escalations
    if escalations:
        noun = "unresolved escalation"
        parts.append(f"{_plural(len(escalations), noun)} ({', '.join(escalations)})")
    return f"Focused on {_words(scope)}: {_words(parts)} to follow up."


def suggest_next_inspection(history: GroupHistory) -> Suggestion:
    """Comprehensive for a new service or a Home Office request; focused to follow up open
    recommendations or an unresolved escalation; assurance otherwise."""
    fresh = new_services(history)
    if fresh:
        return Suggestion(
            InspectionType.COMPREHENSIVE,
            ALL_KEY_QUESTIONS,
            _new_service_reason(fresh),
            Trigger.NEW_SERVICE,
        )
    asked = home_office_asked(history)
    if asked:
        return Suggestion(
            InspectionType.COMPREHENSIVE,
            ALL_KEY_QUESTIONS,
            f"Comprehensive: {asked}.",
            Trigger.HOME_OFFICE_REQUEST,
        )
    if history.open_recommendation_key_questions or history.unresolved_escalations:
        scope = focused_key_questions(history)
        recommendations = history.open_recommendation_key_questions
        trigger = Trigger.FOLLOW_UP if recommendations else Trigger.CONCERN
        return Suggestion(InspectionType.FOCUSED, scope, _focused_reason(history, scope), trigger)
    return Suggestion(
        InspectionType.ASSURANCE,
        ASSURANCE_KEY_QUESTIONS,
        "Assurance: no new service, Home Office request, open recommendation or "
        "unresolved escalation.",
        Trigger.ROUTINE,
    )


def concern_key_questions(concerns: Iterable[GroupConcern]) -> tuple[KeyQuestion, ...]:
    """The concerns' key questions together in canonical order; one naming none brings all."""
    named: set[str] = set()
    for concern in concerns:
        named |= set(concern.key_questions) or set(ALL_KEY_QUESTIONS)
    return tuple(kq for kq in ALL_KEY_QUESTIONS if kq in named)


def _concern_words(concerns: Sequence[GroupConcern]) -> str:
    noun = "open concern" if len(concerns) == 1 else "open concerns"
    return f"{noun} {_words(sorted(c.ref for c in concerns))}"


def focus_on_concerns(suggestion: Suggestion, concerns: Sequence[GroupConcern]) -> Suggestion:
    """Open concerns on the group focus its next inspection on (at least) their key questions;
    a comprehensive one due anyway covers them, and a scope of all five is comprehensive."""
    if not concerns:
        return suggestion
    about = _concern_words(concerns)
    if suggestion.inspection_type == InspectionType.COMPREHENSIVE:
        return replace(suggestion, reason=f"{suggestion.reason} It also covers {about}.")
    named = set(concern_key_questions(concerns))
    if suggestion.inspection_type == InspectionType.FOCUSED:
        named |= set(suggestion.key_questions)
    scope = tuple(kq for kq in ALL_KEY_QUESTIONS if kq in named)
    if scope == ALL_KEY_QUESTIONS:
        return Suggestion(
            InspectionType.COMPREHENSIVE,
            ALL_KEY_QUESTIONS,
            f"Comprehensive: {about} on every key question.",
            Trigger.CONCERN,
        )
    also = ""
    if suggestion.inspection_type == InspectionType.FOCUSED:
        also = f" and {suggestion.reason.split(': ', 1)[-1].removesuffix(' to follow up.')}"
    reason = f"Focused on {_words(scope)}: {about}{also} to follow up."
    return Suggestion(InspectionType.FOCUSED, scope, reason, Trigger.CONCERN)
