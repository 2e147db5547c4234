"""Working days in England and Wales, so programme deadlines skip weekends and bank holidays."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

# One cached calendar: it fills in each year's bank holidays the first time a date in it is asked.
_BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")
_ONE_DAY = timedelta(days=1)
# The calendar never changes while the app runs, and a register asks for the same few thousand
# (date, offset) pairs on every rerun: remembered, they cost a lookup instead of a day-by-day walk.
_REMEMBERED = 1 << 16


@lru_cache(maxsize=_REMEMBERED)
def is_working_day(day: date) -> bool:
    """True for Monday to Friday when the day is not an England and Wales bank holiday."""
    return day.weekday() < 5 and day not in _BANK_HOLIDAYS


@lru_cache(maxsize=_REMEMBERED)
def add_working_days(start: date, n: int) -> date:
    """The Nth working day after start (start not counted); negative n counts back the same way."""
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days d with start < d <= end; negative (days in end < d <= start) if end < start."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        if is_working_day(day):
            count += 1
    return count
