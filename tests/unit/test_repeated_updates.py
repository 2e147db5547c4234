"""A note that repeats one recorded on the same record for the same day (a second click)."""

import pytest

from dashboard.follow_ups.rules import repeats_an_update


@pytest.mark.parametrize(
    ("note", "earlier", "repeats"),
    [
        ("Chased the SCA.", ["Chased the SCA."], True),
        ("  chased the   SCA. ", ["Chased the SCA."], True),  # case and spacing aside
        ("Chased the SCA again.", ["Chased the SCA."], False),
        ("Chased the SCA.", [], False),
        (None, [""], True),  # a status change alone, twice
        (None, ["Chased the SCA."], False),
    ],
)
def test_the_same_words_on_the_same_day_repeat_an_update(note, earlier, repeats):
    assert repeats_an_update(note, earlier) is repeats
