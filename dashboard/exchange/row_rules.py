"""Rules across several cells of one row, beyond date order and `only_when`.

The importer applies them to every row, and every form saves through the importer, so a form
and an upload refuse the same rows. A rule looks only at the cells a row gives: an update that
leaves a column out is not checked against the database's value for it.
"""

from collections.abc import Callable, Mapping
from typing import Any

from dashboard.concerns.rules import concern_row_problems
from dashboard.inspections.rules import JUDGEMENT_MAY_CHANGE

# (field, message) for each problem found in a row's typed values.
RowRule = Callable[[Mapping[str, Any]], list[tuple[str, str]]]

LANGUAGE_NAME_LENGTH = 40
_LANGUAGE_PUNCTUATION = frozenset(" -'()")
_LANGUAGE = "survey_languages"


def _language_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each name is a language's (no names of people, no dates); no more than the responses."""
    names = [name.strip() for name in (values.get(_LANGUAGE) or "").split(";") if name.strip()]
    for name in names:
        if len(name) > LANGUAGE_NAME_LENGTH or not all(
            ch.isalpha() or ch in _LANGUAGE_PUNCTUATION for ch in name
        ):
            return [
                (
                    _LANGUAGE,
                    f"{name!r} is not a language name (letters, spaces, hyphens and brackets, "
                    f"at most {LANGUAGE_NAME_LENGTH} characters)",
                )
            ]
    responses = values.get("survey_responses") or 0
    if "survey_responses" in values and len(names) > responses:
        return [(_LANGUAGE, f"{len(names)} languages named for {responses} survey responses")]
    return []


def inspection_evidence(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Languages need responses; a factual accuracy outcome needs the draft sent; the quality
    panel can only have changed a judgement when comments were accepted."""
    problems = _language_problems(values) if _LANGUAGE in values else []
    outcome = values.get("fa_outcome")
    if outcome is not None and "draft_sent_on" in values and values["draft_sent_on"] is None:
        message = "the draft report has not been sent, so there is no factual accuracy outcome"
        problems.append(("fa_outcome", message))
    panel_changed = values.get("quality_panel_review") and "fa_outcome" in values
    if panel_changed and outcome not in JUDGEMENT_MAY_CHANGE:
        message = (
            "a judgement can only have changed when factual accuracy comments were "
            "accepted or partly accepted"
        )
        problems.append(("quality_panel_review", message))
    return problems


ROW_RULES: Mapping[str, tuple[RowRule, ...]] = {
    "inspections": (inspection_evidence,),
    "concerns": (concern_row_problems,),
}
