"""Dates for the demo programme: the anchor date and working days in England and Wales."""

from datetime import date, timedelta

import holidays

ANCHOR = date(2026, 11, 2)  # the demo is "as of" this Monday
HORIZON = date(2027, 2, 26)  # planned inspections run up to about four months after it
DAY = timedelta(days=1)
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=range(2018, 2029))


def is_working_day(d):
    return d.weekday() < 5 and d not in BANK_HOLIDAYS


def add_wd(d, n):
    """The nth working day after d (before d when n is negative)."""
    step = DAY if n >= 0 else -DAY
    for _ in range(abs(n)):
        d += step
        while not is_working_day(d):
            d += step
    return d


def next_wd(d, latest_weekday=4):
    while not is_working_day(d) or d.weekday() > latest_weekday:
        d += DAY
    return d


def rand_date(rng, lo, hi):
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def working_days_between(lo, hi):
    """Working days strictly after lo and strictly before hi."""
    days, d = [], lo + DAY
    while d < hi:
        if is_working_day(d):
            days.append(d)
        d += DAY
    return days


def is_open(service, on):
    return service["opened_on"] <= on and (not service["closed_on"] or service["closed_on"] > on)


def nth_weekday(year, month, weekday, n):
    d = date(year, month, 1)
    d += timedelta((weekday - d.weekday()) % 7 + 7 * (n - 1))
    return next_wd(d)
