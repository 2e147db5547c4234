"""The recommendations register as the page shows it: filters, due windows, age and counts.

Pure functions over rows read by `dashboard.recommendations.queries`, so the rules can be tested
with hand-worked dates and no database.
"""

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from enum import StrEnum

import pandas as pd

from dashboard.core.programme_year import month_end, months_between, year_label
from dashboard.core.vocabulary import (
    OPEN_RECOMMENDATION_STATUSES,
    RecommendationStatus,
    Risk,
    in_words,
)
from dashboard.recommendations.rules import (
    DUE_ONCE_FINAL_SENT,
    RecommendationFacts,
    ThemeCount,
    default_due_on,
)

SOON_DAYS = 30


class DueWindow(StrEnum):
    """Where an open recommendation's due date falls relative to the as-of date."""

    OVERDUE = "overdue"
    NEXT_30_DAYS = "next 30 days"
    LATER = "later"


@dataclass(frozen=True)
class RegisterFilter:
    """The values chosen in each filter; an empty choice keeps every row."""

    providers: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    key_questions: tuple[str, ...] = ()
    kloes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    due_windows: tuple[str, ...] = ()
    inspections: tuple[str, ...] = ()


# Which attribute of a row each filter field is matched against.
_FILTER_ATTRIBUTES = {
    "providers": "provider_code",
    "groups": "group_code",
    "services": "service_code",
    "key_questions": "key_question",
    "kloes": "kloe",
    "themes": "theme",
    "risks": "risk",
    "owners": "owner",
    "statuses": "status",
    "inspections": "inspection_ref",
}


def is_open(status: str) -> bool:
    """Open, in progress or evidence submitted: neither closed nor superseded."""
    return status in OPEN_RECOMMENDATION_STATUSES


def due_window(row: RecommendationFacts, as_of: date) -> DueWindow | None:
    """Overdue (due before as-of), due in the next 30 days (inclusive), or later; None if not
    open or undated."""
    if not is_open(row.status) or row.due_on is None:
        return None
    if row.due_on < as_of:
        return DueWindow.OVERDUE
    if row.due_on <= as_of + timedelta(days=SOON_DAYS):
        return DueWindow.NEXT_30_DAYS
    return DueWindow.LATER


def age_days(row: RecommendationFacts, as_of: date) -> int:
    """Calendar days since the inspection ended (0 while it is still under way)."""
    return max(0, (as_of - row.inspection_end_on).days)


def days_overdue(row: RecommendationFacts, as_of: date) -> int | None:
    """Calendar days past the due date for an open recommendation (0 if not yet due); None
    when closed, superseded or undated."""
    if not is_open(row.status) or row.due_on is None:
        return None
    return max(0, (as_of - row.due_on).days)


def raised_by(rows: Iterable[RecommendationFacts], as_of: date) -> list[RecommendationFacts]:
    """Recommendations from inspections that had started on or before the as-of date."""
    return [row for row in rows if row.inspection_start_on <= as_of]


def matches(row: RecommendationFacts, chosen: RegisterFilter, as_of: date) -> bool:
    """Whether a row passes every filter that has a choice."""
    for name, attribute in _FILTER_ATTRIBUTES.items():
        wanted = getattr(chosen, name)
        if wanted and getattr(row, attribute) not in wanted:
            return False
    if chosen.due_windows:
        return due_window(row, as_of) in chosen.due_windows
    return True


def apply_filters(
    rows: Iterable[RecommendationFacts], chosen: RegisterFilter, as_of: date
) -> list[RecommendationFacts]:
    """The rows passing the filters, oldest due date first (undated last), then by ref."""
    kept = raised_by(rows, as_of)
    if any(getattr(chosen, name) for name in filter_names()):  # else all pass: skip 250,000 checks
        kept = [row for row in kept if matches(row, chosen, as_of)]
    return sorted(kept, key=lambda r: (r.due_on is None, r.due_on or as_of, r.ref))


def filter_options(rows: Sequence[RecommendationFacts]) -> dict[str, list[str]]:
    """The distinct values each filter can offer: sorted, or in their natural order."""
    options = {
        name: sorted({value for row in rows if (value := getattr(row, attribute))})
        for name, attribute in _FILTER_ATTRIBUTES.items()
    }
    options["due_windows"] = [window.value for window in DueWindow]
    options["risks"] = [risk.value for risk in Risk if risk.value in options["risks"]]
    options["statuses"] = [s.value for s in RecommendationStatus if s.value in options["statuses"]]
    return options


def filter_names() -> tuple[str, ...]:
    """The RegisterFilter fields, in the order the page lays them out."""
    return tuple(field.name for field in fields(RegisterFilter))


def status_counts(rows: Iterable[RecommendationFacts]) -> dict[str, int]:
    """Rows per status, every status present, in lifecycle order."""
    counts = Counter(row.status for row in rows)
    return {status.value: counts.get(status.value, 0) for status in RecommendationStatus}


def open_risk_counts(rows: Iterable[RecommendationFacts]) -> dict[str, int]:
    """Open rows per risk, every risk present, high first."""
    counts = Counter(row.risk for row in rows if is_open(row.status))
    return {risk.value: counts.get(risk.value, 0) for risk in Risk}


REGISTER_COLUMNS = (
    "ref",
    "provider",
    "group",
    "service",
    "inspection",
    "key question",
    "KLOE",
    "theme",
    "risk",
    "owner",
    "status",
    "due on",
    "due window",
    "age (days)",
    "days overdue",
)


def _window_text(row: RecommendationFacts, as_of: date) -> str | None:
    """The due window in words; an open one whose clock has not started says so."""
    window = due_window(row, as_of)
    if window is not None:
        return window.value
    return DUE_ONCE_FINAL_SENT if is_open(row.status) and row.due_on is None else None


def register_frame(rows: Sequence[RecommendationFacts], as_of: date) -> pd.DataFrame:
    """The register as a table, one recommendation a row, with age and days overdue."""
    records = [
        (
            row.ref,
            row.provider_code,
            row.group_code,
            row.service_code,
            row.inspection_ref,
            row.key_question,
            row.kloe,
            row.theme,
            row.risk,
            in_words(row.owner),
            row.status,
            row.due_on,
            _window_text(row, as_of),
            age_days(row, as_of),
            days_overdue(row, as_of),
        )
        for row in rows
    ]
    frame = pd.DataFrame.from_records(records, columns=list(REGISTER_COLUMNS))
    frame["days overdue"] = frame["days overdue"].astype("Int64")
    return frame


def _month_ends(first: date, last: date) -> list[date]:
    """The last day of each month from first's month to last's, with `last` itself at the end."""
    return [min(month_end(month), last) for month in months_between(first, last)]


def _is_closed_by(row: RecommendationFacts, day: date) -> bool:
    """Closed or superseded on or before the day (the register's closed_on records both)."""
    return not is_open(row.status) and row.closed_on is not None and row.closed_on <= day


def open_closed_over_time(rows: Sequence[RecommendationFacts], as_of: date) -> pd.DataFrame:
    """Open and closed recommendations at each month end up to as-of, raised on inspection end."""
    raised = [row for row in rows if row.inspection_end_on <= as_of]
    if not raised:
        return pd.DataFrame(columns=["month end", "state", "recommendations"])
    # Counted by bisecting sorted dates: one pass per month over 250,000 rows is too slow.
    raised_on = sorted(row.inspection_end_on for row in raised)
    # A row counts as closed from the later of its raising and its closing.
    closed_from = sorted(
        max(row.closed_on, row.inspection_end_on)
        for row in raised
        if _is_closed_by(row, as_of) and row.closed_on is not None
    )
    points = []
    for day in _month_ends(raised_on[0], as_of):
        current, closed = bisect_right(raised_on, day), bisect_right(closed_from, day)
        points.append((day, "open", current - closed))
        points.append((day, "closed", closed))
    frame = pd.DataFrame(points, columns=["month end", "state", "recommendations"])
    frame["month end"] = pd.to_datetime(frame["month end"])
    return frame


def open_closed_by_provider(rows: Sequence[RecommendationFacts], as_of: date) -> pd.DataFrame:
    """Per provider, recommendations open and closed (or superseded) as of the date."""
    counts: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if row.inspection_end_on <= as_of:
            counts[row.provider_code, "closed" if _is_closed_by(row, as_of) else "open"] += 1
    records = [(provider, state, n) for (provider, state), n in sorted(counts.items())]
    return pd.DataFrame(records, columns=["provider", "state", "recommendations"])


def themes_frame(counts: Sequence[ThemeCount]) -> pd.DataFrame:
    """The theme counts as a long table, programme years labelled."""
    frame = pd.DataFrame(
        [
            (
                c.theme,
                c.key_question,
                c.provider_code,
                year_label(c.programme_year),
                c.total,
                c.still_open,
            )
            for c in counts
        ],
        columns=[
            "theme",
            "key question",
            "provider",
            "programme year",
            "recommendations",
            "still open",
        ],
    )
    return frame


def theme_pivot(frame: pd.DataFrame, across: str) -> pd.DataFrame:
    """Recommendations per theme (rows) by `across` (columns), with a total column."""
    if frame.empty:
        return pd.DataFrame()
    table = frame.pivot_table(
        index="theme", columns=across, values="recommendations", aggfunc="sum", fill_value=0
    )
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False)


def programme_year_options(counts: Sequence[ThemeCount]) -> list[str]:
    """The programme years holding recommendations, earliest first, as labels."""
    return [year_label(year) for year in sorted({c.programme_year for c in counts})]


def filter_themes(
    frame: pd.DataFrame, years: Sequence[str], providers: Sequence[str]
) -> pd.DataFrame:
    """The theme counts of the chosen programme years and providers (none chosen: all)."""
    keep = pd.Series(True, index=frame.index)
    if years:
        keep &= frame["programme year"].isin(list(years))
    if providers:
        keep &= frame["provider"].isin(list(providers))
    return frame[keep]


def default_due(row: RecommendationFacts, working_days: int) -> date | None:
    """The due date its risk sets by default: `working_days` after the final report was sent;
    None while the final report is not sent."""
    return default_due_on(row.risk, row.final_sent_on, {Risk(row.risk): working_days})


def default_due_text(row: RecommendationFacts, working_days: int) -> str:
    """The default in words, e.g. `19 Jan 2026 (20 working days after the final report was
    sent on 17 Dec 2025)`, or that it falls due once the final report is sent."""
    default_on = default_due(row, working_days)
    if default_on is None or row.final_sent_on is None:
        return f"{DUE_ONCE_FINAL_SENT} ({working_days} working days after it)"
    return (
        f"{default_on:%d %b %Y} ({working_days} working days after the final report was sent "
        f"on {row.final_sent_on:%d %b %Y})"
    )


def due_text(row: RecommendationFacts) -> str:
    """When it falls due in words: the date (`set explicitly` when given), or not yet."""
    if row.due_on is None:
        return DUE_ONCE_FINAL_SENT if is_open(row.status) else "no due date"
    explicit = " (set explicitly)" if row.explicit_due_on is not None else ""
    return f"{row.due_on:%d %b %Y}{explicit}"


@dataclass(frozen=True)
class RegisterView:
    """What the register tab shows for one choice of filters, worked out together so one cache
    entry holds it (at 100× the programme each part costs a second)."""

    shown: list[RecommendationFacts]  # the register's rows: its table is made a page at a time
    status_counts: dict[str, int]
    open_risk_counts: dict[str, int]
    over_time: pd.DataFrame
    by_provider: pd.DataFrame


def register_view(
    rows: Sequence[RecommendationFacts], chosen: RegisterFilter, as_of: date
) -> RegisterView:
    """The register narrowed by the filters, with its counts and both charts' tables."""
    shown = apply_filters(rows, chosen, as_of)
    return RegisterView(
        shown=shown,
        status_counts=status_counts(shown),
        open_risk_counts=open_risk_counts(shown),
        over_time=open_closed_over_time(shown, as_of),
        by_provider=open_closed_by_provider(shown, as_of),
    )


THEME_PIVOTS = (
    ("By key question", "key question"),
    ("By programme year", "programme year"),
    ("By provider", "provider"),
)


@dataclass(frozen=True)
class ThemesView:
    """The themes tab: the choices it offers, the chosen counts and their pivot tables."""

    year_options: list[str]
    provider_options: list[str]
    chosen: pd.DataFrame
    pivots: list[tuple[str, pd.DataFrame]]


def themes_view(
    counts: Sequence[ThemeCount], years: Sequence[str], providers: Sequence[str]
) -> ThemesView:
    """Theme counts narrowed to the chosen years and providers, pivoted each way."""
    frame = themes_frame(counts)
    chosen = filter_themes(frame, years, providers)
    return ThemesView(
        year_options=programme_year_options(counts),
        provider_options=sorted(frame["provider"].unique()),
        chosen=chosen,
        pivots=[(title, theme_pivot(chosen, across)) for title, across in THEME_PIVOTS],
    )
