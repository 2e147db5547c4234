"""User text shown in markdown reads exactly as typed: markdown in it is escaped, plain
punctuation left alone."""

import pytest

from dashboard.core.plain_text import escape_markdown


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("![x](http://evil.example)", r"\!\[x\](http\://evil\.example)"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        (":red[loud] :smile:", r"\:red\[loud\] \:smile:"),
        ("$x^2$ and **bold** and `code`", r"\$x^2\$ and \*\*bold\*\* and \`code\`"),
        ("# heading", r"\# heading"),
        ("- not a list", r"\- not a list"),
        ("1. not a list either", r"1\. not a list either"),
        ("_emphasis_ but snake_case", r"\_emphasis\_ but snake_case"),
        ("R&amp;D", r"R\&amp;D"),
        ("back\\slash", "back\\\\slash"),
        (
            "Ends on: 2027-03-12 is before start_on (x)",
            "Ends on: 2027-03-12 is before start_on (x)",
        ),
        ("Planned INS-2027-008.", "Planned INS-2027-008."),
        ("", ""),
    ],
)
def test_markdown_in_user_text_is_escaped_and_plain_punctuation_kept(
    typed: str, escaped: str
) -> None:
    assert escape_markdown(typed) == escaped
