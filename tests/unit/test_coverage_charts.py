"""The Coverage page's judgement chart draws what it is given (issue 20: "Judgements over time"
showed words that overflowed their cells). Rendered offline to SVG, as the pack renders its
charts, and its marks and labels counted."""

import re

import pandas as pd
import vl_convert

from dashboard.coverage.charts import judgement_history_chart


def _svg(chart) -> str:  # type: ignore[no-untyped-def]
    return str(vl_convert.vegalite_to_svg(chart.to_json()))


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_judgements_over_time_draw_a_mark_per_judgement_and_every_key_question():
    frame = pd.DataFrame(
        [
            ("2024-07-10", "INS-1", "safe", "not meeting"),
            ("2024-07-10", "INS-1", "well-led", "meeting"),
            ("2025-07-07", "INS-2", "safe", "meeting"),
        ],
        columns=["start", "inspection", "key question", "judgement"],
    )
    texts = _texts(_svg(judgement_history_chart(frame)))
    assert (texts.count("✓"), texts.count("✗")) == (2, 1)
    for label in ("safe", "effective", "caring", "responsive", "well-led", "Judgements over time"):
        assert label in texts  # every key question has its row, even one never judged
