"""Accessibility findings that come from Streamlit's own markup, which our pages cannot change.

Each entry names the axe rule, a pattern for the element's CSS selector and why it is
Streamlit's and not our content. Anything serious or critical not listed here fails the
accessibility tests; CONTRIBUTING.md (Accessibility) lists these entries for users of
assistive technology.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Allowed:
    """One allowed finding: an axe rule on elements whose selector and markup match."""

    rule: str
    selector: str  # a regular expression searched in the element's CSS selector
    markup: str  # a regular expression searched in the element's HTML
    reason: str

    def matches(self, rule: str, target: str, html: str) -> bool:
        """Whether a finding (rule id, element selector, element HTML) is this entry."""
        return (
            rule == self.rule
            and re.search(self.selector, target) is not None
            and re.search(self.markup, html) is not None
        )


ALLOWED: tuple[Allowed, ...] = (
    Allowed(
        rule="target-size",
        selector=r"^#react-aria\d+-",
        markup=r'^<span(?=[^>]*role="spinbutton")(?=[^>]*aria-label="(month|day), )',
        reason="st.date_input draws the month and day of a date as narrow typed segments "
        "(react-aria DateField) under 24 by 24 px. Streamlit's markup, not ours; the same "
        'field has a full-size "Choose date" calendar button and accepts typed dates '
        "(the 'equivalent control' exception of WCAG 2.5.8).",
    ),
)


def is_allowed(rule: str, target: str, html: str) -> bool:
    """Whether a finding is one of Streamlit's own that the allow-list accepts."""
    return any(entry.matches(rule, target, html) for entry in ALLOWED)
