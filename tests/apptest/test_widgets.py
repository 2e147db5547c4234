"""Shared widgets: choosing among many values, and long tables a page at a time."""

from streamlit.testing.v1 import AppTest

from dashboard.ui.widgets import MANY_OPTIONS


def _choose_script(count: int) -> None:
    import streamlit as st

    from dashboard.ui import widgets

    options = [f"R{n:05d}" for n in range(count)]
    st.text(repr(widgets.choose_many(st, "Refs", options, "refs")))


def _chosen(at: AppTest) -> str:
    return at.text[-1].value


def test_a_few_values_are_a_multiselect():
    at = AppTest.from_function(_choose_script, args=(3,)).run()
    at.multiselect(key="refs").set_value(["R00001"]).run()
    assert _chosen(at) == "['R00001']" and not at.text_input


def test_too_many_values_are_typed_and_unknown_ones_are_named():
    at = AppTest.from_function(_choose_script, args=(MANY_OPTIONS + 1,)).run()
    assert not at.multiselect
    at.text_input(key="refs_typed").input("R00007, nope ,R01000").run()
    assert _chosen(at) == "['R00007', 'R01000']"
    assert at.caption[0].value == "Not found: nope"


def _choose_one_script(count: int) -> None:
    import streamlit as st

    from dashboard.ui import widgets

    options = [f"R{n:05d}" for n in range(count)]
    st.text(repr(widgets.choose_one(st, "Ref", options, "ref")))


def test_a_few_values_are_a_select_box():
    at = AppTest.from_function(_choose_one_script, args=(3,)).run()
    at.selectbox(key="ref").set_value("R00002").run()
    assert _chosen(at) == "'R00002'" and not at.text_input


def test_one_of_too_many_values_is_typed_and_given_back_as_typed():
    at = AppTest.from_function(_choose_one_script, args=(MANY_OPTIONS + 1,)).run()
    assert not at.selectbox and _chosen(at) == "None"
    at.text_input(key="ref_typed").input("  R00999 ").run()
    assert _chosen(at) == "'R00999'"


def _paged_script(rows: int) -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.ui import widgets

    page = widgets.rows_on_page(pd.DataFrame({"n": range(rows)}), "page", per_page=10)
    st.text(f"{page['n'].min()}-{page['n'].max()}")


def test_a_long_table_is_shown_a_page_at_a_time():
    at = AppTest.from_function(_paged_script, args=(25,)).run()
    assert at.text[0].value == "0-9"
    assert at.caption[0].value.startswith("Rows 1–10 of 25")
    at.number_input(key="page").set_value(3).run()
    assert at.text[0].value == "20-24"


def test_a_short_table_has_no_page_picker():
    at = AppTest.from_function(_paged_script, args=(10,)).run()
    assert at.text[0].value == "0-9" and not at.number_input


def _items_script(count: int) -> None:
    import streamlit as st

    from dashboard.ui import widgets

    st.text(
        repr(list(widgets.items_on_page([f"I{n}" for n in range(count)], "items", per_page=10)))
    )


def test_a_long_list_is_taken_a_page_at_a_time():
    at = AppTest.from_function(_items_script, args=(25,)).run()
    assert at.text[0].value == repr([f"I{n}" for n in range(10)])
    at.number_input(key="items").set_value(3).run()
    assert at.text[0].value == repr([f"I{n}" for n in range(20, 25)])
    assert at.caption[0].value.startswith("Rows 21–25 of 25")
