"""An inspection's evidence counts, languages and notes at the edges of what is accepted."""

import pytest

from dashboard.core.refusal import Problem
from dashboard.inspections.rules import MAX_COUNT, Evidence, evidence_problems, language_names
from models.base import TEXT_LENGTH
from models.inspections import LANGUAGES_LENGTH


def fields_with_problems(evidence: Evidence, notes: str = "", languages=()) -> list[str]:
    return [p.field for p in evidence_problems(evidence, notes, None, list(languages))]


@pytest.mark.parametrize(
    ("count", "accepted"),
    [
        (-1, False),
        (0, True),  # from 0
        (1, True),
        (MAX_COUNT - 1, True),
        (MAX_COUNT, True),  # to 100,000
        (MAX_COUNT + 1, False),
    ],
)
def test_a_count_is_a_whole_number_from_0_to_100000(count: int, accepted: bool) -> None:
    problems = fields_with_problems(Evidence(staff_interviewed=count, cases_reviewed=count))
    assert problems == ([] if accepted else ["staff_interviewed", "cases_reviewed"])


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(LANGUAGES_LENGTH - 1, True), (LANGUAGES_LENGTH, True), (LANGUAGES_LENGTH + 1, False)],
)
def test_languages_fit_in_their_column_as_stored(length: int, accepted: bool) -> None:
    # ten names of 37 letters, then one that brings the `;`-joined text to the length
    names = ["a" * 36 + chr(ord("a") + n) for n in range(10)]
    names.append("z" * (length - len(";".join(names)) - 1))
    assert len(";".join(names)) == length
    problems = fields_with_problems(Evidence(survey_responses=20), languages=names)
    assert problems == ([] if accepted else ["survey_languages"])


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(TEXT_LENGTH - 1, True), (TEXT_LENGTH, True), (TEXT_LENGTH + 1, False)],
)
def test_internal_notes_hold_at_most_4000_characters(length: int, accepted: bool) -> None:
    problems = fields_with_problems(Evidence(), notes="n" * length)
    assert problems == ([] if accepted else ["internal_notes"])


@pytest.mark.parametrize(
    ("languages", "accepted"),
    [
        (("Arabic",), True),
        (("Arabic", "Tigrinya"), True),  # as many languages as survey responses
        (("Arabic", "Tigrinya", "Polish"), False),  # more languages than responses
    ],
)
def test_no_more_languages_than_survey_responses(
    languages: tuple[str, ...], accepted: bool
) -> None:
    problems = fields_with_problems(Evidence(survey_responses=2), languages=languages)
    assert problems == ([] if accepted else ["survey_languages"])


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(39, True), (40, True), (41, False)],  # a language name of at most 40 characters
)
def test_a_language_name_has_at_most_40_characters(length: int, accepted: bool) -> None:
    problems: list[Problem] = []
    names = language_names(["k" * length], problems)
    assert (names, [p.field for p in problems]) == (
        (["k" * length], []) if accepted else ([], ["survey_languages"])
    )
