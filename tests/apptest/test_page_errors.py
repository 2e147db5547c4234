"""A page's own unexpected error: one sentence with a reference on screen, the same reference
logged once with the traceback (never Streamlit's bare "This app has encountered an error")."""

import logging
import re

from streamlit.testing.v1 import AppTest


def _failing_page() -> None:
    from dashboard.ui.errors import run_logged

    def page() -> None:
        raise ZeroDivisionError("a bug in a page")

    run_logged(page, "pm")


def _working_page() -> None:
    import streamlit as st

    from dashboard.ui.errors import run_logged

    run_logged(lambda: st.write("drawn"), "pm")


def test_an_unexpected_error_shows_a_sentence_with_the_reference_it_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = AppTest.from_function(_failing_page).run()
    assert not at.exception
    [shown] = [error.value for error in at.error]
    reference = re.search(r"reference ([0-9a-f]{8})", shown)
    assert reference, shown
    [record] = [r for r in caplog.records if r.name == "dashboard"]
    assert reference.group(1) in record.getMessage() and "for pm" in record.getMessage()
    assert record.exc_info and record.exc_info[0] is ZeroDivisionError


def test_a_page_without_error_draws_as_usual(caplog):
    with caplog.at_level(logging.ERROR, logger="dashboard"):
        at = AppTest.from_function(_working_page).run()
    assert not at.error and [m.value for m in at.markdown] == ["drawn"]
    assert not [r for r in caplog.records if r.name == "dashboard"]
