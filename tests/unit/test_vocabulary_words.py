"""Codes people read are shown in words, through one function."""

import pytest

from dashboard.core.vocabulary import in_words


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("programme_manager", "Programme manager"),
        ("admin", "Administrator"),
        ("inspector", "Inspector"),
        ("partner", "Partner"),
        ("home office", "Home Office"),
        ("cqc", "CQC"),
        ("prime contractor", "Prime contractor"),
        ("provider", "Provider"),
        ("not_started", "not started"),  # any other code: its underscores as spaces
        (None, ""),
    ],
)
def test_in_words_names_roles_and_organisations_as_people_say_them(code, words):
    assert in_words(code) == words
