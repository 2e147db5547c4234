"""The programme year (1 April Y to 31 March Y+1): its label, bounds, months and quarters.

The one home for these: every page, report and rule asks here rather than working them out.
"""

from datetime import date, timedelta

FIRST_MONTH = 4  # April
_ONE_DAY = timedelta(days=1)


def programme_year_of(day: date) -> int:
    """The programme year Y (1 April Y to 31 March Y+1) that the day falls in."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def programme_year_bounds(year: int) -> tuple[date, date]:
    """First and last day of programme year Y: 1 April Y and 31 March Y+1."""
    return date(year, FIRST_MONTH, 1), date(year + 1, FIRST_MONTH - 1, 31)


def year_label(year: int) -> str:
    """Programme year Y as papers and reports write it, e.g. 2026 → '2026/27'."""
    return f"{year}/{(year + 1) % 100:02d}"


def month_start(day: date) -> date:
    """The first day of the day's month."""
    return day.replace(day=1)


def next_month(day: date) -> date:
    """The first day of the month after the day's month."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of the day's month."""
    return next_month(day) - _ONE_DAY


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from first's month to last's month."""
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def year_months(year: int) -> list[date]:
    """The first day of each of the twelve months of programme year Y, April first."""
    return months_between(*programme_year_bounds(year))


def quarter_of(day: date) -> tuple[int, int]:
    """The programme year and quarter 1–4 the day falls in (Q1 April–June, Q4 January–March)."""
    return programme_year_of(day), (day.month - FIRST_MONTH) % 12 // 3 + 1


def quarter_bounds(day: date) -> tuple[date, date]:
    """The programme-year quarter holding the day (April–June, July–September, ...)."""
    first = month_start(day).replace(month=(day.month - 1) // 3 * 3 + 1)
    return first, month_end(first.replace(month=first.month + 2))


def quarter_label(day: date) -> str:
    """The day's quarter as the coverage page writes it, e.g. 'Q1 (Apr–Jun 2026)'."""
    first, last = quarter_bounds(day)
    _, number = quarter_of(day)
    return f"Q{number} ({first:%b}–{last:%b %Y})"
