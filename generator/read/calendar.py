"""China's official 放假调休 calendar: which dates are holidays and which weekends are worked.

The dates come from the ``chinesecalendar`` package (pinned in pyproject.toml),
which transcribes the State Council's yearly 部分节假日安排 notice. It covers the
years 2004 to 2026 in version 1.11.0; a year it does not cover is *unknown* here,
never guessed: the State Council announces each year's arrangement in the
autumn before, and a new release of the package follows.

The ``holidays`` package (0.109) was the other candidate. It answers for any
year by computing "observed" days from rules (for 2027 it already lists Spring
Festival as 6–10 February), which is a guess at a notice not yet published, and
it offers no list of make-up working days (调休上班) at all. A page that says a
hall is open or closed on a guessed day misleads a resident, so we take the
package that knows only what was announced.

``kind(day)`` says what a date is: a holiday (放假), a make-up working day
(调休上班), an ordinary weekday or weekend day, or None when unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar

HOLIDAY, MAKEUP, WEEKDAY, WEEKEND = "holiday", "makeup", "weekday", "weekend"
# the package's English names → what a resident reads
NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
FIRST_YEAR = min(chinese_calendar.holidays).year
LAST_YEAR = max(chinese_calendar.holidays).year


@dataclass(frozen=True)
class CalendarDay:
    """What the official calendar says of one date."""

    kind: str  # HOLIDAY, MAKEUP, WEEKDAY or WEEKEND
    name: str | None = None  # the holiday's Chinese name, for a holiday or a make-up day

    @property
    def working(self) -> bool:
        """A working day by law (法定工作日): an ordinary weekday or a make-up day."""
        return self.kind in (WEEKDAY, MAKEUP)

    @property
    def day_off(self) -> bool:
        """A day off (休息日): a holiday or an ordinary weekend day."""
        return self.kind in (HOLIDAY, WEEKEND)


def covers(day: dt.date) -> bool:
    """Whether the calendar knows this date's year."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def known(day: dt.date, staff: Iterable[tuple[dt.date, dt.date]] = ()) -> bool:
    """Whether a schedule knows this date's arrangement: the calendar covers its year, or
    staff wrote an exception (staff: their spans) on or after it in the same year, that
    is, they have entered that year's arrangement so far."""
    return covers(day) or any(end.year == day.year and end >= day for _, end in staff)


def first_unknown(
    start: dt.date, days: int, staff: Iterable[tuple[dt.date, dt.date]] = ()
) -> dt.date | None:
    """The first date of start … start+days-1 that is not known, or None."""
    spans = list(staff)
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if not known(day, spans):
            return day
    return None


def unpublished_within(start: dt.date, days: int) -> dt.date | None:
    """The first date the calendar does not cover (1 January after its last year), when it
    comes within start … start+days-1 or has passed: a page says that year's arrangement
    is not yet published. The same on every day once it is within the window."""
    first = dt.date(LAST_YEAR + 1, 1, 1)
    return first if first < start + dt.timedelta(days=days) else None


@lru_cache(maxsize=4096)
def kind(day: dt.date) -> CalendarDay | None:
    """The date as the official calendar has it, or None when its year is not covered."""
    if not covers(day):
        return None
    if day in chinese_calendar.holidays:
        return CalendarDay(HOLIDAY, _name(chinese_calendar.holidays[day]))
    if day in chinese_calendar.workdays:
        return CalendarDay(MAKEUP, _name(chinese_calendar.workdays[day]))
    return CalendarDay(WEEKEND if day.weekday() >= 5 else WEEKDAY)


def _name(english: str) -> str:
    return NAMES.get(english, english)


def holidays_between(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The holidays (name, first day, last day) that touch start … end, in order."""
    runs: list[tuple[str, dt.date, dt.date]] = []
    day = start
    while day <= end:
        found = kind(day)
        if found is not None and found.kind == HOLIDAY:
            name = found.name or "节假日"
            if runs and runs[-1][0] == name and runs[-1][2] == day - dt.timedelta(days=1):
                runs[-1] = (name, runs[-1][1], day)
            else:
                runs.append((name, day, day))
        day += dt.timedelta(days=1)
    return runs


def makeup_days_between(start: dt.date, end: dt.date) -> list[tuple[str, dt.date]]:
    """The make-up working days (holiday name, date) from start to end, in order."""
    found = []
    day = start
    while day <= end:
        official = kind(day)
        if official is not None and official.kind == MAKEUP:
            found.append((official.name or "节假日", day))
        day += dt.timedelta(days=1)
    return found


@dataclass(frozen=True)
class Arrangement:
    """One national holiday as the State Council arranged it: the days off and the
    weekend days worked in exchange."""

    name: str
    start: dt.date
    end: dt.date
    makeup: tuple[dt.date, ...]


def arrangements(start: dt.date, days: int) -> tuple[Arrangement, ...]:
    """The official holidays that touch the days from start on, with their make-up days
    (those of the same holiday within three weeks of it), for a page to list."""
    end = start + dt.timedelta(days=days - 1)
    makeups = makeup_days_between(start - dt.timedelta(days=21), end + dt.timedelta(days=21))
    return tuple(
        Arrangement(
            name,
            first,
            last,
            tuple(
                d
                for n, d in makeups
                if n == name and first - dt.timedelta(days=21) <= d <= last + dt.timedelta(days=21)
            ),
        )
        # a holiday already begun is listed whole: the list is the same on each of its days
        for name, first, last in holidays_between(start - dt.timedelta(days=14), end)
        if last >= start
    )
