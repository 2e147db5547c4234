"""Where an inspection fits: inspectors' monthly capacity, the days they are busy, and the
best free working day for an inspection a group needs within its window."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard.core.programme_year import month_start, months_between, next_month
from dashboard.core.workdays import add_working_days, is_working_day

DEFAULT_MONTHLY_CAPACITY = 3
# A proposal prefers the three months up to its due date, so the annual cycle is not shortened.
PREFERRED_WINDOW_DAYS = 91
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Capacity:
    """Inspections each inspector can start in a month: a default and named exceptions."""

    per_month: int = DEFAULT_MONTHLY_CAPACITY
    by_inspector: tuple[tuple[str, int], ...] = ()

    def of(self, inspector: str) -> int:
        """The monthly capacity of one inspector."""
        return dict(self.by_inspector).get(inspector, self.per_month)


@dataclass(frozen=True, order=True)
class Need:
    """An inspection a group needs: by due_by, starting between earliest and latest. Urgent
    ones (rank 0: a high-risk concern is open) are placed before the rest, as soon as they fit."""

    rank: int  # 0 urgent, 1 otherwise: the queue takes every urgent need first
    due_by: date
    group_code: str
    earliest: date
    latest: date
    late: bool  # the due date is before the first possible start: place it as soon as possible

    @property
    def as_soon_as_possible(self) -> bool:
        """Late or urgent: the earliest free day wins, not the one closest to the due date."""
        return self.late or self.rank == 0


def latest_working_day_on_or_before(day: date) -> date:
    """The day itself if it is a working day, else the working day before it."""
    return day if is_working_day(day) else add_working_days(day, -1)


class Book:
    """Starts per inspector per month, and the days each inspector is already busy."""

    def __init__(self, capacity: Capacity, inspectors: Iterable[str]) -> None:
        self.capacity = capacity
        self.inspectors = sorted(set(inspectors))
        self.load: Counter[tuple[str | None, date]] = Counter()
        self.busy: set[tuple[str | None, date]] = set()

    def add(self, inspector: str | None, day: date) -> None:
        self.load[(inspector, month_start(day))] += 1
        self.busy.add((inspector, day))

    def has_room(self, inspector: str, month: date) -> bool:
        return self.load[(inspector, month)] < self.capacity.of(inspector)

    def year_load(self, inspector: str) -> int:
        return sum(n for (who, _), n in self.load.items() if who == inspector)

    def free_day(self, inspector: str, month: date, need: Need) -> date | None:
        """A working day of the month in the need's window when the inspector is free."""
        low = max(need.earliest, month)
        high = min(need.latest, next_month(month) - _ONE_DAY)
        if need.as_soon_as_possible:
            days = [low + _ONE_DAY * n for n in range((high - low).days + 1)]
        else:
            target = min(max(_same_day_in(month, need.due_by), low), high)
            before = [target - _ONE_DAY * n for n in range((target - low).days + 1)]
            days = before + [target + _ONE_DAY * n for n in range(1, (high - target).days + 1)]
        return next(
            (d for d in days if is_working_day(d) and (inspector, d) not in self.busy), None
        )


def _same_day_in(month: date, due_by: date) -> date:
    """The due date's day of the month within another month (31st → that month's last day)."""
    last_day = (next_month(month) - _ONE_DAY).day
    return month.replace(day=min(due_by.day, last_day))


def _month_rank(need: Need, month: date, load: int) -> tuple[int, ...]:
    """Smaller is better: as soon as possible when late or urgent, else inside the preferred
    window, least loaded, then closest to the due date."""
    if need.as_soon_as_possible:
        return (month.toordinal(),)
    preferred_from = month_start(need.latest - timedelta(days=PREFERRED_WINDOW_DAYS))
    return (int(month < preferred_from), load, -month.toordinal())


def _slot_for(book: Book, inspector: str, need: Need) -> date | None:
    """The best start for this inspector within the need's window, if any month has room."""
    options = []
    for month in months_between(need.earliest, need.latest):
        if book.has_room(inspector, month):
            day = book.free_day(inspector, month, need)
            if day is not None:
                load = book.load[(inspector, month)]
                options.append((_month_rank(need, month, load), day))
    return min(options)[1] if options else None


def place(book: Book, need: Need, allocated: str | None) -> tuple[str, date] | None:
    """The allocated inspector when they have room, else the least-loaded one that has; an
    urgent need takes the earliest day any inspector has (the allocated one on a tie)."""
    if need.rank == 0:
        options = sorted(
            (day, who != allocated, book.year_load(who), who)
            for who in book.inspectors
            if (day := _slot_for(book, who, need)) is not None
        )
        return (options[0][3], options[0][0]) if options else None
    if allocated and allocated in book.inspectors:
        day = _slot_for(book, allocated, need)
        if day is not None:
            return allocated, day
    for inspector in sorted(book.inspectors, key=lambda who: (book.year_load(who), who)):
        if inspector != allocated:
            day = _slot_for(book, inspector, need)
            if day is not None:
                return inspector, day
    return None
