"""Which key questions an inspection covers, and their `;`-separated exchange form."""

from collections.abc import Iterable, Sequence

from dashboard.core.vocabulary import (
    ALL_KEY_QUESTIONS,
    ASSURANCE_KEY_QUESTIONS,
    InspectionType,
    KeyQuestion,
)

_SEPARATOR = ";"


def key_questions_in_scope(
    inspection_type: InspectionType, given: Sequence[KeyQuestion]
) -> tuple[KeyQuestion, ...]:
    """The key questions in scope, in canonical order; an empty list takes the type's default."""
    kind = InspectionType(inspection_type)
    if given:
        named = {KeyQuestion(kq) for kq in given}
        return tuple(kq for kq in ALL_KEY_QUESTIONS if kq in named)
    if kind == InspectionType.COMPREHENSIVE:
        return ALL_KEY_QUESTIONS
    if kind == InspectionType.ASSURANCE:
        return ASSURANCE_KEY_QUESTIONS
    raise ValueError("a focused inspection must name at least one key question")


def scope_problem(inspection_type: InspectionType, given: Sequence[KeyQuestion]) -> str | None:
    """What is wrong with naming `given` for this type of inspection, or None when it is right.

    Comprehensive covers all five (name none, or all five); assurance covers safe and well-led
    and may be widened during an inspection (name none, or a list holding both); focused names
    the key questions it looks at.
    """
    kind, named = InspectionType(inspection_type), {KeyQuestion(kq) for kq in given}
    if not named and kind != InspectionType.FOCUSED:
        return None
    if kind == InspectionType.COMPREHENSIVE and named != set(ALL_KEY_QUESTIONS):
        return "a comprehensive inspection covers all five key questions: leave it empty"
    if kind == InspectionType.ASSURANCE and not set(ASSURANCE_KEY_QUESTIONS) <= named:
        return "an assurance inspection covers safe and well-led at least (it may add others)"
    if not named:
        return "a focused inspection must name at least one key question"
    return None


def parse_key_questions(text: str) -> tuple[KeyQuestion, ...]:
    """Key questions from their `;`-separated form, in the order written, blanks ignored."""
    parsed: list[KeyQuestion] = []
    for item in text.split(_SEPARATOR):
        value = item.strip()
        if not value:
            continue
        try:
            parsed.append(KeyQuestion(value))
        except ValueError:
            allowed = ", ".join(ALL_KEY_QUESTIONS)
            raise ValueError(
                f"unknown key question {value!r}; expected one of: {allowed}"
            ) from None
    return tuple(parsed)


def format_key_questions(kqs: Iterable[KeyQuestion]) -> str:
    """Key questions in their `;`-separated exchange form."""
    return _SEPARATOR.join(kqs)
