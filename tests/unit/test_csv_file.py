"""The one CSV writer guards formula-like text, keeps numbers and dates, and is the only one."""

import csv
import io
import re
from pathlib import Path

import pytest

from dashboard.core.csv_file import csv_text, guard_formula, unguard_formula

ROOT = Path(__file__).resolve().parents[2]
THE_WRITER = ROOT / "dashboard" / "core" / "csv_file.py"
# What would write a CSV without the guard: the csv module's writers and pandas' to_csv.
OTHER_WRITERS = re.compile(r"\bcsv\s*\.\s*(writer|DictWriter)\b|\.to_csv\s*\(")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("- a list item", "'- a list item"),
        # numbers are values a spreadsheet never runs: kept as they are
        ("-5", "-5"),
        ("+12", "+12"),
        ("-1.5e3", "-1.5e3"),
        # a digit first, as in ISO dates and timestamps: never a formula
        ("2026-11-02", "2026-11-02"),
        ("2026-03-02T14:05:00+00:00", "2026-03-02T14:05:00+00:00"),
        ("Fire exits blocked", "Fire exits blocked"),
        ("", ""),
        # a quote before a formula gets one more, so reading it back is exact
        ("'=1+1", "''=1+1"),
        ("'tis", "'tis"),
        ("'-5", "'-5"),
    ],
)
def test_a_cell_is_guarded_only_when_a_spreadsheet_would_run_it(text: str, written: str) -> None:
    assert guard_formula(text) == written
    assert unguard_formula(written) == text


@pytest.mark.parametrize("typed", ["'tis", "'", "''", "'5", "a'=b", "'-5"])
def test_a_cell_never_guarded_is_read_back_as_it_is(typed: str) -> None:
    assert unguard_formula(typed) == typed


def test_the_writer_guards_text_but_writes_numbers_and_empty_cells_as_they_are() -> None:
    written = csv_text(["ref", "n", "note"], [["=1+1", -5, None], ["R2", 3, "@x"]])
    assert written == "ref,n,note\r\n'=1+1,-5,\r\nR2,3,'@x\r\n"
    assert list(csv.reader(io.StringIO(written))) == [
        ["ref", "n", "note"],
        ["'=1+1", "-5", ""],
        ["R2", "3", "'@x"],
    ]


def test_no_csv_is_written_outside_the_one_writer() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("dashboard", "pages", "models", "seed_data", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path != THE_WRITER
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OTHER_WRITERS.search(line)
    ]
    assert found == [], "write CSV with dashboard.core.csv_file.write_csv:\n" + "\n".join(found)


def test_the_grep_finds_a_writer() -> None:
    assert OTHER_WRITERS.search("writer = csv.writer(handle)")
    assert OTHER_WRITERS.search("csv.DictWriter(handle, fieldnames=names)")
    assert OTHER_WRITERS.search("frame.to_csv(path, index=False)")
    assert not OTHER_WRITERS.search("reader = csv.reader(handle)")
    assert OTHER_WRITERS.search(THE_WRITER.read_text(encoding="utf-8"))
