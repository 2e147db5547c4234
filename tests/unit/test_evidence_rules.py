"""An inspection's evidence counts, languages and outcomes at the edges of what is accepted:
the importer's cell and row rules, which the evidence form saves through too."""

import pytest

from dashboard.exchange.cells import CellError, parse_cell
from dashboard.exchange.formats import FORMAT_BY_NAME, MAX_COUNT
from dashboard.exchange.row_rules import inspection_evidence
from dashboard.inspections.rules import tidy_language_names

INSPECTIONS = FORMAT_BY_NAME["inspections"]


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
    column = INSPECTIONS.column("staff_interviewed")
    if accepted:
        assert parse_cell(column, str(count)) == count
    else:
        with pytest.raises(CellError):
            parse_cell(column, str(count))


@pytest.mark.parametrize(
    ("text", "accepted"),
    [("2147483647", True), ("2147483648", False), ("99999999999999999999", False)],
)
def test_any_whole_number_fits_an_integer_column(text: str, accepted: bool) -> None:
    column = FORMAT_BY_NAME["services"].column("bed_spaces")
    if accepted:
        assert parse_cell(column, text) == int(text)
    else:
        with pytest.raises(CellError, match="must be at most 2,147,483,647"):
            parse_cell(column, text)


def fields(**values: object) -> list[str]:
    return [field for field, _ in inspection_evidence(values)]


@pytest.mark.parametrize(
    ("languages", "accepted"),
    [
        ("Arabic", True),
        ("Arabic;Tigrinya", True),  # as many languages as survey responses
        ("Arabic;Tigrinya;Polish", False),  # more languages than responses
    ],
)
def test_no_more_languages_than_survey_responses(languages: str, accepted: bool) -> None:
    problems = fields(survey_responses=2, survey_languages=languages)
    assert problems == ([] if accepted else ["survey_languages"])


def test_languages_without_any_responses_are_refused_unless_the_row_is_silent_on_them() -> None:
    assert fields(survey_responses=None, survey_languages="Farsi") == ["survey_languages"]
    assert fields(survey_languages="Farsi") == []  # an update of the languages only


@pytest.mark.parametrize(
    ("length", "accepted"),
    [(39, True), (40, True), (41, False)],  # a language name of at most 40 characters
)
def test_a_language_name_has_at_most_40_characters(length: int, accepted: bool) -> None:
    problems = fields(survey_responses=1, survey_languages="k" * length)
    assert problems == ([] if accepted else ["survey_languages"])


@pytest.mark.parametrize("name", ["Jane Doe 1985", "Kurdish/Sorani", "Arabic!"])
def test_a_language_name_is_letters_spaces_hyphens_and_brackets(name: str) -> None:
    assert fields(survey_responses=5, survey_languages=name) == ["survey_languages"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"fa_outcome": "accepted", "draft_sent_on": None}, ["fa_outcome"]),
        ({"fa_outcome": "accepted"}, []),  # the row is silent on the draft
        ({"quality_panel_review": True, "fa_outcome": "not accepted"}, ["quality_panel_review"]),
        ({"quality_panel_review": True, "fa_outcome": None}, ["quality_panel_review"]),
        ({"quality_panel_review": True, "fa_outcome": "partly accepted"}, []),
        ({"quality_panel_review": False, "fa_outcome": "no comments"}, []),
    ],
)
def test_the_outcomes_follow_the_draft_and_each_other(
    values: dict[str, object], expected: list[str]
) -> None:
    assert fields(**values) == expected


def test_language_names_are_tidied_and_repeats_dropped() -> None:
    given = ["Albanian", " tigrinya ", "ALBANIAN", "", "Kurdish  (Sorani)"]
    assert tidy_language_names(given) == ["Albanian", "tigrinya", "Kurdish (Sorani)"]
