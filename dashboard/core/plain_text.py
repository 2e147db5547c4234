"""User text made safe to place inside Streamlit markdown (titles, captions, alerts, labels).

Markdown would turn user text into links, images, emphasis, colour directives or LaTeX; never
into HTML (nothing here enables HTML), but a provider called `![x](http://…)` must still show
exactly as typed. Prefer widgets that take plain text (`st.text`, `st.dataframe`).
"""

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; Streamlit adds
# `:` (emoji, icons, colours) and `$` (LaTeX), both covered here.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def escape_markdown(text: object) -> str:
    """The text with every markdown punctuation character escaped, so it shows as typed."""
    return _PUNCTUATION.sub(r"\\\1", str(text))
