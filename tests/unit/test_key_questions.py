"""Key questions in scope by inspection type, and their `;`-separated exchange form."""

import pytest

from dashboard.core.key_questions import (
    format_key_questions,
    key_questions_in_scope,
    parse_key_questions,
    scope_problem,
)
from dashboard.core.vocabulary import InspectionType, KeyQuestion

SAFE, EFFECTIVE, CARING, RESPONSIVE, WELL_LED = (
    KeyQuestion.SAFE,
    KeyQuestion.EFFECTIVE,
    KeyQuestion.CARING,
    KeyQuestion.RESPONSIVE,
    KeyQuestion.WELL_LED,
)


@pytest.mark.parametrize(
    ("inspection_type", "given", "expected"),
    [
        (InspectionType.COMPREHENSIVE, [], (SAFE, EFFECTIVE, CARING, RESPONSIVE, WELL_LED)),
        (InspectionType.ASSURANCE, [], (SAFE, WELL_LED)),
        (InspectionType.FOCUSED, [CARING], (CARING,)),
        # named key questions come back in canonical order, without duplicates
        (InspectionType.FOCUSED, [WELL_LED, SAFE, WELL_LED], (SAFE, WELL_LED)),
        (InspectionType.COMPREHENSIVE, [RESPONSIVE, EFFECTIVE], (EFFECTIVE, RESPONSIVE)),
        (InspectionType.ASSURANCE, [SAFE], (SAFE,)),
        ("assurance", [], (SAFE, WELL_LED)),  # the exchange-format spelling works too
    ],
)
def test_key_questions_in_scope_default_by_type_in_canonical_order(
    inspection_type: InspectionType, given: list[KeyQuestion], expected: tuple[KeyQuestion, ...]
) -> None:
    assert key_questions_in_scope(inspection_type, given) == expected


def test_focused_inspection_must_name_a_key_question() -> None:
    with pytest.raises(ValueError, match="focused inspection must name at least one"):
        key_questions_in_scope(InspectionType.FOCUSED, [])


ALL = [SAFE, EFFECTIVE, CARING, RESPONSIVE, WELL_LED]


@pytest.mark.parametrize(
    ("inspection_type", "given", "problem"),
    [
        (InspectionType.COMPREHENSIVE, [], None),
        (InspectionType.COMPREHENSIVE, ALL, None),
        (InspectionType.COMPREHENSIVE, [WELL_LED, *ALL], None),  # a repeat is still all five
        (InspectionType.COMPREHENSIVE, ALL[:4], "covers all five"),
        (InspectionType.ASSURANCE, [], None),
        (InspectionType.ASSURANCE, [WELL_LED, SAFE], None),
        (InspectionType.ASSURANCE, [SAFE, CARING, WELL_LED], None),  # widened during the visit
        (InspectionType.ASSURANCE, ALL, None),
        (InspectionType.ASSURANCE, [SAFE], "safe and well-led at least"),
        (InspectionType.ASSURANCE, [CARING, RESPONSIVE], "safe and well-led at least"),
        (InspectionType.FOCUSED, [], "must name at least one"),
        (InspectionType.FOCUSED, [RESPONSIVE], None),
        (InspectionType.FOCUSED, ALL, None),
    ],
)
def test_scope_problem_by_type(
    inspection_type: InspectionType, given: list[KeyQuestion], problem: str | None
) -> None:
    found = scope_problem(inspection_type, given)
    assert found is None if problem is None else problem in (found or "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("  ;  ; ", ()),
        ("safe", (SAFE,)),
        ("safe;well-led", (SAFE, WELL_LED)),
        (" caring ; ;responsive; ", (CARING, RESPONSIVE)),
        ("well-led;safe", (WELL_LED, SAFE)),  # order as written; scope puts it in order
    ],
)
def test_parse_key_questions_strips_and_ignores_empty_items(
    text: str, expected: tuple[KeyQuestion, ...]
) -> None:
    assert parse_key_questions(text) == expected


@pytest.mark.parametrize(
    ("text", "unknown"),
    [("safe;kind", "kind"), ("Safe", "Safe"), ("caring; well led", "well led")],
)
def test_parse_key_questions_names_the_unknown_value(text: str, unknown: str) -> None:
    with pytest.raises(ValueError, match=f"unknown key question '{unknown}'"):
        parse_key_questions(text)


@pytest.mark.parametrize(
    ("kqs", "expected"),
    [((), ""), ((SAFE,), "safe"), ((SAFE, WELL_LED), "safe;well-led")],
)
def test_format_key_questions_joins_with_semicolons(
    kqs: tuple[KeyQuestion, ...], expected: str
) -> None:
    assert format_key_questions(kqs) == expected
    assert parse_key_questions(expected) == kqs
