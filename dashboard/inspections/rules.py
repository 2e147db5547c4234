"""Rules for inspection input the exchange format does not cover: fixed key questions, the
evidence base as counts, information request dates; and the refusal that names each field."""

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from dashboard.core.key_questions import key_questions_in_scope
from dashboard.core.refusal import Problem, Refused
from dashboard.core.vocabulary import InspectionType, KeyQuestion
from dashboard.core.workdays import add_working_days
from dashboard.inspections.queries import Evidence
from models.base import TEXT_LENGTH
from models.inspections import LANGUAGES_LENGTH

REQUEST_DUE_WORKING_DAYS = 7
MAX_COUNT = 100_000
LANGUAGE_NAME_LENGTH = 40
_LANGUAGE_PUNCTUATION = frozenset(" -'()")
_COUNT_FIELDS = ("survey_responses", "survivors_spoken_with", "staff_interviewed", "cases_reviewed")


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


def language_names(given: Iterable[str], problems: list[Problem]) -> list[str]:
    """Language names tidied and de-duplicated; anything else is a problem."""
    names: list[str] = []
    for item in given:
        name = " ".join(item.split())
        if not name:
            continue
        if len(name) > LANGUAGE_NAME_LENGTH or not all(
            ch.isalpha() or ch in _LANGUAGE_PUNCTUATION for ch in name
        ):
            message = (
                f"{name!r} is not a language name (letters, spaces, hyphens and "
                f"brackets, at most {LANGUAGE_NAME_LENGTH} characters)"
            )
            problems.append(Problem.about("survey_languages", message))
        elif name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    return names


def evidence_problems(
    evidence: Evidence, notes: str, draft_sent_on: date | None, languages: list[str]
) -> list[Problem]:
    """Counts are whole numbers; languages need responses; the outcomes follow the draft."""
    problems = [
        Problem.about(name, f"must be a whole number from 0 to {MAX_COUNT}")
        for name in _COUNT_FIELDS
        if getattr(evidence, name) is not None and not 0 <= getattr(evidence, name) <= MAX_COUNT
    ]
    responses = evidence.survey_responses or 0
    if languages and len(languages) > responses:
        message = f"{len(languages)} languages named for {responses} survey responses"
        problems.append(Problem.about("survey_languages", message))
    if len(";".join(languages)) > LANGUAGES_LENGTH:
        problems.append(Problem.about("survey_languages", "too many languages to store"))
    outcome = evidence.fa_outcome
    if outcome is not None and outcome not in tuple(FactualAccuracyOutcome):
        allowed = ", ".join(FactualAccuracyOutcome)
        problems.append(Problem.about("fa_outcome", f"{outcome!r} is not one of: {allowed}"))
    elif outcome is not None and draft_sent_on is None:
        message = "the draft report has not been sent, so there is no factual accuracy outcome"
        problems.append(Problem.about("fa_outcome", message))
    if evidence.quality_panel_review and outcome not in JUDGEMENT_MAY_CHANGE:
        message = (
            "a judgement can only have changed when factual accuracy comments were "
            "accepted or partly accepted"
        )
        problems.append(Problem.about("quality_panel_review", message))
    if len(notes) > TEXT_LENGTH:
        problems.append(Problem.about("internal_notes", f"at most {TEXT_LENGTH} characters"))
    return problems
