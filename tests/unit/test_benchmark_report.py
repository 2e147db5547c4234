"""RESULTS.md's verdicts follow the issue's budgets: 150 ms at 1×; 1 s and 2× the floor at 100×."""

from datetime import date

from benchmarks.browser import BrowserTiming
from benchmarks.pages import PageTiming
from benchmarks.report import render
from benchmarks.run import ScaleResult


def _page(rerun_s: float, floor_s: float) -> PageTiming:
    return PageTiming("overview", rerun_s * 2, rerun_s, 4, 2, floor_s)


def _result(scale: int, *pages: PageTiming) -> ScaleResult:
    result = ScaleResult(
        scale, rows=20_000 * scale, import_s=2.0 * scale, pages=list(pages), pack_s=(8.0, 7.5)
    )
    result.browser = BrowserTiming(1.2, 5.0, 9.5, 0.2, 300.0)
    return result


def _verdicts(text: str, scale: int) -> list[str]:
    return [
        line.rsplit("|", 2)[1].strip()
        for line in text.splitlines()
        if line.startswith(f"| {scale}× | /")
    ]


def test_each_scale_is_judged_by_its_own_budget() -> None:
    text = render(
        [
            _result(1, _page(0.149, 0.01), _page(0.151, 0.01)),
            _result(10, _page(5.0, 0.01)),
            _result(100, _page(0.9, 0.45), _page(0.9, 0.44), _page(1.1, 1.0)),
        ],
        machine="test machine",
        on=date(2026, 11, 26),
    )

    assert _verdicts(text, 1) == ["met", "missed"]
    assert _verdicts(text, 10) == ["—"]  # the issue sets no budget at 10×
    assert _verdicts(text, 100) == ["met", "missed", "missed"]  # 2.0× met, 2.05× and 1.1 s not
    assert "| 100× | 2,000,000 | 10,000 | 1.2 / 5.0 / 9.5 | 0.20 | 8.0 / 7.5 | 300 |" in text
