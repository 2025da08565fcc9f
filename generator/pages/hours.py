"""Opening hours: which times a window or facility keeps on a given day, and whether it is open now.

This module is the one source of truth for schedules. The browser script
(site_overrides/assets/javascripts/hours.js) knows no rules: it reads the days that
``Schedule.to_json`` precomputed, compares the clock and writes the same status line
that ``Schedule.status_at`` writes here (the tests run both and compare).

Rules, in order of precedence:

* An exception (a holiday, a make-up working day 调休上班) replaces the weekly rules for
  every date it covers: ``closed: true`` means no opening at all that day, ``times``
  are the only times that day. When several exceptions cover one date, the one with
  the shortest span wins (a single duty day inside a holiday beats the holiday); on a
  tie, the one written later in the file.
* Weekly rules that name the same weekday add up: their times are merged (overlapping
  or touching ranges become one) and their distinct notes joined with "；".
* A window whose ``hours`` is null keeps the hall's schedule, exceptions included.
* A window with its own ``hours`` keeps its own weekly rules, never the hall's. Its
  exceptions are its own if it writes any; if it writes none, the hall's exceptions
  apply to it, because a holiday closes the whole hall. Note what that implies: a
  hall's make-up working day (with the hall's times) then opens such a window too, so a
  window whose hours differ should list its own exceptions (the sample ``legal`` does).
* Facilities have weekly rules only.

All times are wall-clock times in Asia/Shanghai (UTC+8, no daylight saving). A naive
datetime is taken as Shanghai time; an aware one is converted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from generator.contract.common import Hours
from generator.contract.windows import HoursException, Window, Windows
from generator.read.values import END_OF_DAY, TimeRange

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
LOOKAHEAD_DAYS = 14  # no opening within this many days: "近期不开放"
JSON_VERSION = 1
_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class Day:
    """The opening times of one date; closed when ranges == ()."""

    date: date
    ranges: tuple[TimeRange, ...]
    note: str | None
    exception: bool  # an exception (holiday, make-up day) decided this day, not the weekly rules

    @property
    def closed(self) -> bool:
        return not self.ranges


@dataclass(frozen=True)
class Status:
    """Whether a schedule is open at one moment, and the Chinese line that says so."""

    open: bool
    today: Day
    closes_at: time | None  # when open: the end of the current range (END_OF_DAY for 24:00)
    next_open: datetime | None  # when closed: the next opening (Shanghai wall clock), if soon
    text: str


def clock(moment: time) -> str:
    """08:30, or 24:00 for END_OF_DAY."""
    return "24:00" if moment == END_OF_DAY else f"{moment.hour:02d}:{moment.minute:02d}"


def _merge(ranges: Iterable[TimeRange]) -> tuple[TimeRange, ...]:
    merged: list[TimeRange] = []
    for span in sorted(ranges, key=lambda r: (r.start, r.end)):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = TimeRange(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def _when(today: date, moment: datetime) -> str:
    """今天 / 明天 / 周五 (within a week) / 10月9日（周五）, then the time."""
    ahead = (moment.date() - today).days
    weekday = "周" + _WEEKDAYS[moment.weekday()]
    if ahead == 0:
        label = "今天"
    elif ahead == 1:
        label = "明天"
    elif ahead < 7:
        label = weekday
    else:
        label = f"{moment.month}月{moment.day}日（{weekday}）"
    return f"{label} {clock(moment.time())}"


def _status_text(today: Day, now: time, closes_at: time | None, next_open: datetime | None) -> str:
    def noted(head: str) -> str:
        return f"{head}（{today.note}）" if today.note else head

    if closes_at is not None:
        return f"{noted('现在开放')} · {clock(closes_at)} 下班"
    if next_open is None:
        return noted("近期不开放")
    head = "今天休息" if today.closed else "未开门" if now < today.ranges[0].start else "已下班"
    return f"{noted(head)} · {_when(today.date, next_open)} 开门"


class Schedule:
    """Weekly rules plus dated exceptions; answers for any date and any moment."""

    def __init__(self, weekly: Iterable[Hours], exceptions: Iterable[HoursException] = ()) -> None:
        rules = list(weekly)
        self.exceptions: tuple[HoursException, ...] = tuple(exceptions)
        self.weekly: tuple[tuple[tuple[TimeRange, ...], str | None], ...] = tuple(
            self._weekday(rules, weekday) for weekday in range(7)
        )

    @staticmethod
    def _weekday(rules: list[Hours], weekday: int) -> tuple[tuple[TimeRange, ...], str | None]:
        kept = [rule for rule in rules if weekday in rule.days]
        ranges = _merge(span for rule in kept for span in rule.times)
        notes = list(dict.fromkeys(rule.note for rule in kept if rule.note))
        return ranges, "；".join(notes) or None

    def _exception(self, day: date) -> HoursException | None:
        covering = [(i, e) for i, e in enumerate(self.exceptions) if e.covers(day)]
        if not covering:
            return None
        return min(covering, key=lambda ie: (ie[1].span[1] - ie[1].span[0], -ie[0]))[1]

    def day(self, d: date) -> Day:
        """The opening times of date d: its exception's if one covers it, else the weekly rule's."""
        exception = self._exception(d)
        if exception is not None:
            ranges = () if exception.closed else _merge(exception.times or ())
            return Day(d, ranges, exception.note, True)
        ranges, note = self.weekly[d.weekday()]
        return Day(d, ranges, note, False)

    def status_at(self, moment: datetime) -> Status:
        """Open or closed at this moment, until when, and the status line shown on the page."""
        if moment.tzinfo is not None:
            moment = moment.astimezone(SHANGHAI).replace(tzinfo=None)
        today, now = self.day(moment.date()), moment.time()
        for span in today.ranges:
            if span.contains(now):
                text = _status_text(today, now, span.end, None)
                return Status(True, today, span.end, None, text)
        next_open = next(
            (datetime.combine(today.date, s.start) for s in today.ranges if s.start > now), None
        )
        for ahead in range(1, LOOKAHEAD_DAYS + 1):
            if next_open is not None:
                break
            later = self.day(today.date + timedelta(days=ahead))
            if later.ranges:
                next_open = datetime.combine(later.date, later.ranges[0].start)
        return Status(False, today, None, next_open, _status_text(today, now, None, next_open))

    def to_json(self, start: date, days: int = 366) -> dict[str, Any]:
        """What the browser needs for dates start … start+days-1 (both in "from"/"to").

        {"v": 1, "from": "2026-11-22", "to": "2027-11-22",
         "weekly": [[["08:30", "12:00"], ["14:30", "18:00"]], … seven entries, Mon … Sun],
         "notes_weekly": [null, …, "错时服务", null],
         "dates": {"2026-10-01": {"r": [], "n": "国庆节休息"}, …}}

        "dates" lists exactly the exception days inside the range; "n" is left out when a
        day has no note. Outside the range the browser shows no status at all.
        """
        if days < 1:
            raise ValueError("days must be at least 1")
        end = start + timedelta(days=days - 1)
        dates: dict[str, dict[str, Any]] = {}
        for offset in range(days):
            day = self.day(start + timedelta(days=offset))
            if day.exception:
                entry: dict[str, Any] = {"r": _ranges_json(day.ranges)}
                if day.note:
                    entry["n"] = day.note
                dates[day.date.isoformat()] = entry
        return {
            "v": JSON_VERSION,
            "from": start.isoformat(),
            "to": end.isoformat(),
            "weekly": [_ranges_json(ranges) for ranges, _ in self.weekly],
            "notes_weekly": [note for _, note in self.weekly],
            "dates": dates,
        }


def _ranges_json(ranges: tuple[TimeRange, ...]) -> list[list[str]]:
    return [[clock(span.start), clock(span.end)] for span in ranges]


def schedule_of(windows: Windows, window: Window | None = None) -> Schedule:
    """The schedule of a window (see the module docstring for whose exceptions), or the hall's."""
    own = windows.hours if window is None else windows.hours_of(window)
    exceptions = own.exceptions or windows.hours.exceptions
    return Schedule(own.weekly, exceptions)


def facility_schedule(hours: list[Hours]) -> Schedule:
    """A facility's schedule: its weekly hours, no exceptions."""
    return Schedule(hours)
