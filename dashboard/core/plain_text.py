"""User text made safe to place inside Streamlit markdown (titles, captions, alerts, labels).

Markdown would turn user text into links, images, emphasis, colour directives, LaTeX, lists or
headings; never into HTML (nothing here enables HTML), but a provider called `![x](http://…)`
must still show exactly as typed. Prefer widgets that take plain text (`st.text`, `st.dataframe`).
"""

import re

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
