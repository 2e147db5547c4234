"""User text made safe to place inside Streamlit markdown (titles, captions, alerts, labels),
and the one check that refuses free text holding control characters.

Markdown would turn user text into links, images, emphasis, colour directives, LaTeX, lists or
headings; never into HTML (nothing here enables HTML), but a provider called `![x](http://…)`
must still show exactly as typed. Prefer widgets that take plain text (`st.text`, `st.dataframe`).
"""

import re

from dashboard.core.refusal import Problem, Refused

# What markdown (with Streamlit's `:colour[…]`, `:icon:` and `$LaTeX$`) would act on: link,
# image, emphasis, code, HTML-like and LaTeX characters; `_` at a word's edge; `:` before a
# word; `.` inside a would-be address; a line starting like a list or heading; `1.` or `1)` as
# an ordered list's number. Ordinary punctuation ("Ends on: 2027-03-12 is before start_on (…)")
# is left as typed, so a sentence reads the same in the page's source as on screen.
_MARKDOWN = re.compile(
    r"[\\`*\[\]<>$~|#!{}@&]|(?<!\w)_|_(?!\w)|:(?=\S)|\.(?=\w)"
    r"|(?m:^\s*[-+=])"
)
_ORDERED_LIST_NUMBER = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")


def escape_markdown(text: object) -> str:
    """The text with what markdown would act on escaped, so it shows as typed."""
    escaped = _MARKDOWN.sub(lambda found: "\\" + found.group(), str(text))
    return _ORDERED_LIST_NUMBER.sub(r"\1\\\2", escaped)


# Control characters (Unicode category Cc) free text may not hold: all but tab, newline and
# carriage return (a CSV cell written on Windows breaks its lines with CR LF). A vertical tab is
# Word's soft line break; NUL cannot be stored by PostgreSQL; neither can be written to .xlsx.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_message(text: str) -> str | None:
    """Why the text may not be stored (`contains a control character U+000B; remove it`), or
    None when it holds no control character but tab, newline or carriage return."""
    found = _CONTROL.search(text)
    return (
        None if found is None else f"contains a control character U+{ord(found[0]):04X}; remove it"
    )


class ControlCharacterRefused(Refused):
    """Free text holding a control character was refused; nothing was written."""


def refuse_control_characters(**fields: str | None) -> None:
    """Refuse, naming each field, when any of these texts holds a control character."""
    problems = [
        Problem.about(field, message)
        for field, text in fields.items()
        if text and (message := control_character_message(text)) is not None
    ]
    if problems:
        raise ControlCharacterRefused(problems=problems)
