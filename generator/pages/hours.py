"""Opening hours: which times a window or facility keeps on a given day, and whether it is open now.

This module is the one source of truth for schedules. The browser script
(site_overrides/assets/javascripts/hours.js) knows no rules: it reads the days that
``Schedule.to_json`` precomputed, compares the clock and writes the same status line
that ``Schedule.status_at`` writes here (the tests run both and compare).

Rules, in order of precedence, for one date:

* An exception staff wrote (a holiday, a make-up working day 调休上班) replaces
  everything else: ``closed: true`` means no opening at all, ``times`` are the only
  times. When several cover one date, the one with the shortest span wins (a single
  duty day inside a holiday beats the holiday); on a tie, the one written later.
* Otherwise China's official calendar (generator/read/calendar.py) says what the
  date is, and the weekly rules of the season in force (or the plain weekly rules)
  that apply to it are merged (overlapping or touching ranges become one; distinct
  notes joined with "；"):
  - on a holiday (放假) only rules for 法定节假日 or 节假日, and rules written for
    every day of the week (每天), apply: a hall open 周一至周五 is closed;
  - on a make-up working day (调休上班) the rules for 法定工作日 and Monday's rules
    apply, whatever its weekday;
  - on an ordinary day, the rules for its weekday, 法定工作日 on a weekday, 节假日 on a
    weekend.
* An overnight range (18:00-次日8:00) keeps on after midnight into the next date.
* A window whose ``hours`` is null keeps the hall's schedule, exceptions included.
  A window with its own ``hours`` keeps its own weekly rules; its exceptions and
  duty are its own if it writes any, else the hall's.

A date is *known* when the calendar covers its year, or when staff wrote an
exception on or after it in the same year (they have entered that year's
arrangement so far). On an unknown date the status line claims neither open nor
closed: it says the arrangement is not yet published.

All times are wall-clock times in Asia/Shanghai (UTC+8, no daylight saving). A naive
datetime is taken as Shanghai time; an aware one is converted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from generator.contract.schedules import (
    Duty,
    HallHours,
    Hours,
    HoursException,
    RosterEntry,
    Season,
    follows_calendar,
)
from generator.contract.windows import Window, Windows
from generator.pages.hours_words import (
    LATER_UNKNOWN,
    UNKNOWN,
    clock,
    closed_head,
    duty_text,
    noted,
    when,
)
from generator.read import calendar
from generator.read.values import END_OF_DAY, DaySet, TimeRange

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
LOOKAHEAD_DAYS = 14  # no opening within this many days: "近期不开放"
FOLLOW_DAYS = 7  # open across midnight for longer than this: "24小时"
JSON_VERSION = 2
_MIDNIGHT = time(0, 0)


@dataclass(frozen=True)
class Day:
    """The opening times of one date; closed when ranges == ()."""

    date: date
    ranges: tuple[TimeRange, ...]  # this date's own times (an overnight range's morning too)
    note: str | None
    exception: bool  # staff's exception or the official calendar decided it, not the week
    known: bool = True  # the calendar or staff know whether this date is a holiday
    duty: str | None = None  # who is on duty: 值班电话 0743-…, or 值班：李某某 0743-…

    @property
    def closed(self) -> bool:
        return not self.ranges


@dataclass(frozen=True)
class Status:
    """Whether a schedule is open at one moment, and the Chinese line that says so."""

    open: bool | None  # None: the date is not known (neither open nor closed is claimed)
    today: Day
    closes_at: time | None  # when open: the end of the current range (END_OF_DAY for 24:00)
    next_open: datetime | None  # when closed: the next opening (Shanghai wall clock), if soon
    text: str


def _merge(ranges: Iterable[TimeRange]) -> tuple[TimeRange, ...]:
    merged: list[TimeRange] = []
    for span in sorted(ranges, key=lambda r: (r.start, r.end)):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = TimeRange(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)


def _notes(notes: Iterable[str | None]) -> str | None:
    return "；".join(dict.fromkeys(n for n in notes if n)) or None


def _plain_match(days: DaySet, weekday: int) -> bool:
    """Whether a rule applies to an ordinary day of this weekday (no holiday, no make-up)."""
    if weekday in days:
        return True
    return (days.workdays and weekday < 5) or (days.days_off and weekday >= 5)


def _matches(days: DaySet, day: date, official: calendar.CalendarDay | None) -> bool:
    """Whether a rule applies to this date, as the official calendar has it."""
    if official is None or official.kind in (calendar.WEEKDAY, calendar.WEEKEND):
        return _plain_match(days, day.weekday())
    if official.kind == calendar.HOLIDAY:
        return days.holidays or days.days_off or len(frozenset(days)) == 7
    return days.workdays or 0 in days  # a make-up working day keeps Monday's hours


@dataclass(frozen=True)
class _Table:
    """Each weekday's times, notes and duty when nothing special happens: what the browser
    assumes unless a date says otherwise."""

    ranges: tuple[tuple[TimeRange, ...], ...]
    notes: tuple[str | None, ...]
    duty: tuple[str | None, ...]


class Schedule:
    """Weekly rules, seasons, exceptions and duty, with the official calendar underneath."""

    def __init__(
        self,
        weekly: Iterable[Hours],
        exceptions: Iterable[HoursException] = (),
        seasons: Iterable[Season] = (),
        duty: Iterable[Duty] = (),
        roster: Iterable[RosterEntry] = (),
    ) -> None:
        self.rules: tuple[Hours, ...] = tuple(weekly)
        self.exceptions: tuple[HoursException, ...] = tuple(exceptions)
        self.seasons: tuple[Season, ...] = tuple(seasons)
        self.duty_rules: tuple[Duty, ...] = tuple(duty)
        self.roster: tuple[RosterEntry, ...] = tuple(roster)
        self.table = self._table(self.rules, None)
        self.season_tables = {s.name: self._table(s.weekly, s.name) for s in self.seasons}
        self._owned: dict[date, tuple[tuple[TimeRange, ...], str | None, bool]] = {}
        self._spans = tuple(e.span for e in self.exceptions)  # what staff entered so far
        self.follows_calendar = follows_calendar(self.rules, self.seasons)  # False: 每天 rules

    @property
    def inputs(self) -> tuple[tuple, ...]:
        """All a schedule is made from (with the official calendar, the same in a process):
        two schedules with equal inputs answer alike."""
        return (self.rules, self.exceptions, self.seasons, self.duty_rules, self.roster)

    @property
    def weekly(self) -> tuple[tuple[tuple[TimeRange, ...], str | None], ...]:
        """Each weekday's ordinary times and note (Monday first)."""
        return tuple(zip(self.table.ranges, self.table.notes, strict=True))

    # ------------------------------------------------------------ one date

    def known(self, day: date) -> bool:
        """Whether this date's arrangement is known: the calendar's year, or staff's."""
        return not self.follows_calendar or calendar.known(day, self._spans)

    def season(self, day: date) -> Season | None:
        return next((s for s in self.seasons if s.period.covers(day)), None)

    def _exception(self, day: date) -> HoursException | None:
        covering = [(i, e) for i, e in enumerate(self.exceptions) if e.covers(day)]
        if not covering:
            return None
        return min(covering, key=lambda ie: (ie[1].span[1] - ie[1].span[0], -ie[0]))[1]

    def _own(self, day: date) -> tuple[tuple[TimeRange, ...], str | None, bool]:
        """The date's ranges as written (overnight ones whole), its note, and whether an
        exception or the calendar decided it (remembered: a page asks for a year of dates)."""
        found = self._owned.get(day)
        if found is None:
            found = self._owned[day] = self._resolve(day)
        return found

    def _resolve(self, day: date) -> tuple[tuple[TimeRange, ...], str | None, bool]:
        exception = self._exception(day)
        if exception is not None:
            return (() if exception.closed else tuple(exception.times or ())), exception.note, True
        official = calendar.kind(day)
        season = self.season(day)
        rules = season.weekly if season else self.rules
        kept = [rule for rule in rules if _matches(rule.days, day, official)]
        ranges = tuple(span for rule in kept for span in rule.times)
        special = official is not None and official.kind in (calendar.HOLIDAY, calendar.MAKEUP)
        head = None
        if official is not None and official.kind == calendar.HOLIDAY:
            head = f"{official.name}放假" if not kept else official.name
        elif official is not None and official.kind == calendar.MAKEUP:
            head = "调休上班"
        note = _notes([head, season.name if season else None, *(r.note for r in kept)])
        return ranges, note, special

    def day(self, day: date) -> Day:
        """The opening times of date day: its exception's, else the calendar's and the week's."""
        ranges, note, special = self._own(day)
        before, _, _ = self._own(day - timedelta(days=1))
        spill = (r.next_day_part for r in before if r.overnight)
        merged = _merge([*(r.today_part for r in ranges), *(s for s in spill if s)])
        return Day(day, merged, note, special, self.known(day), self._duty(day))

    def _duty(self, day: date) -> str | None:
        for entry in self.roster:
            if entry.covers(day):
                phone = f" {entry.phone}" if entry.phone else ""
                return f"值班：{entry.name}{phone}"
        official = calendar.kind(day)
        for rule in self.duty_rules:
            if _matches(rule.days, day, official):
                return duty_text(rule)
        return None

    # ------------------------------------------------------------ now

    def status_at(self, moment: datetime) -> Status:
        """Open or closed at this moment, until when, and the status line shown on the page."""
        if moment.tzinfo is not None:
            moment = moment.astimezone(SHANGHAI).replace(tzinfo=None)
        today, now = self.day(moment.date()), moment.time()
        if not today.known:
            return Status(None, today, None, None, UNKNOWN)
        for span in today.ranges:
            if span.contains(now):
                text = f"{noted(today.note, '现在开放')} · {self._closing(today, span)}"
                return Status(True, today, span.end, None, text)
        later = [s for s in today.ranges if s.start > now]
        head = closed_head(today.ranges, now, later)
        parts = [noted(today.note, head)]
        if today.duty:
            parts.append(today.duty)
        next_open = datetime.combine(today.date, later[0].start) if later else None
        if next_open is not None:
            at = clock(later[0].start) if head == "午休中" else when(today.date, next_open)
            return Status(False, today, None, next_open, " · ".join([*parts, f"{at} 开门"]))
        for ahead in range(1, LOOKAHEAD_DAYS + 1):
            after = self.day(today.date + timedelta(days=ahead))
            if not after.known:
                return Status(False, today, None, None, " · ".join([*parts, LATER_UNKNOWN]))
            if after.ranges:
                next_open = datetime.combine(after.date, after.ranges[0].start)
                text = " · ".join([*parts, f"{when(today.date, next_open)} 开门"])
                return Status(False, today, None, next_open, text)
        parts[0] = noted(today.note, "近期不开放")
        return Status(False, today, None, None, " · ".join(parts))

    def _closing(self, today: Day, span: TimeRange) -> str:
        """When an open range really ends, following it across midnight: 18:00 下班, 明天 08:00
        下班, or 24小时 when it goes on for days."""
        end, day = span.end, today.date
        for step in range(1, FOLLOW_DAYS + 1):
            if end != END_OF_DAY:
                break
            following = self.day(day + timedelta(days=1))
            first = following.ranges[0] if following.ranges else None
            if first is None or first.start != _MIDNIGHT or not following.known:
                break
            end, day = first.end, following.date
            if step == FOLLOW_DAYS and end == END_OF_DAY:
                return "24小时"
        if day == today.date:
            return f"{clock(end)} 下班"
        return f"{when(today.date, datetime.combine(day, end))} 下班"

    # ------------------------------------------------------------ the browser's data

    def to_json(self, start: date, days: int = 366) -> dict[str, Any]:
        """What the browser needs for dates start … start+days-1.

        {"v": 2, "from": "2026-11-22", "to": "2026-12-31", "until": "2027-11-22",
         "weekly": [[["08:30", "12:00"], ["14:30", "18:00"]], … Mon … Sun],
         "notes_weekly": [null, …, "错时服务", null], "duty_weekly": [null, …, "0359-…"],
         "seasons": [{"from": "2027-05-01", "to": "2027-09-30", "weekly": …, "notes": …}],
         "dates": {"2026-10-01": {"r": [], "n": "国庆节放假", "d": "0359-…"}, …}}

        "to" is the last known date (from "from" on, without a gap); after it, up to
        "until", the browser says the arrangement is not yet published. A date is in
        "dates" exactly when it differs from its weekday in the week in force (the
        season's, else the plain one); "n" and "d" are left out when empty.
        """
        if days < 1:
            raise ValueError("days must be at least 1")
        until = start + timedelta(days=days - 1)
        last_known = start - timedelta(days=1)
        dates: dict[str, dict[str, Any]] = {}
        seasons: list[dict[str, Any]] = []
        for offset in range(days):
            current = start + timedelta(days=offset)
            if not self.known(current):
                break
            last_known = current
            season = self.season(current)
            table = self.season_tables[season.name] if season else self.table
            if season is not None:
                if seasons and seasons[-1]["name"] == season.name and seasons[-1]["to"] == (
                    current - timedelta(days=1)
                ).isoformat():
                    seasons[-1]["to"] = current.isoformat()
                else:
                    seasons.append(_season_json(season.name, table, current))
            found = self.day(current)
            weekday = current.weekday()
            expected = (table.ranges[weekday], table.notes[weekday], table.duty[weekday])
            if (found.ranges, found.note, found.duty) != expected:
                entry: dict[str, Any] = {"r": _ranges_json(found.ranges)}
                if found.note:
                    entry["n"] = found.note
                if found.duty:
                    entry["d"] = found.duty
                dates[current.isoformat()] = entry
        return {
            "v": JSON_VERSION,
            "from": start.isoformat(),
            "to": last_known.isoformat(),
            "until": until.isoformat(),
            "weekly": [_ranges_json(r) for r in self.table.ranges],
            "notes_weekly": list(self.table.notes),
            "duty_weekly": list(self.table.duty),
            "seasons": seasons,
            "dates": dates,
        }

    def _table(self, rules: Sequence[Hours], season: str | None) -> _Table:
        """Each weekday's times, notes and duty on an ordinary week (no holiday, no make-up)."""
        own = []
        for weekday in range(7):
            kept = [rule for rule in rules if _plain_match(rule.days, weekday)]
            own.append(([s for rule in kept for s in rule.times], [r.note for r in kept]))
        ranges, notes, duty = [], [], []
        for weekday in range(7):
            spans, rule_notes = own[weekday]
            spill = [s.next_day_part for s in own[(weekday - 1) % 7][0] if s.overnight]
            ranges.append(_merge([*(s.today_part for s in spans), *(s for s in spill if s)]))
            notes.append(_notes([season, *rule_notes]))
            found = next((r for r in self.duty_rules if _plain_match(r.days, weekday)), None)
            duty.append(duty_text(found) if found else None)
        return _Table(tuple(ranges), tuple(notes), tuple(duty))


def _season_json(name: str, table: _Table, first: date) -> dict[str, Any]:
    return {
        "name": name,
        "from": first.isoformat(),
        "to": first.isoformat(),
        "weekly": [_ranges_json(r) for r in table.ranges],
        "notes": list(table.notes),
        "duty": list(table.duty),
    }


def _ranges_json(ranges: tuple[TimeRange, ...]) -> list[list[str]]:
    return [[clock(span.start), clock(span.end)] for span in ranges]


def schedule_of(windows: Windows, window: Window | None = None) -> Schedule:
    """The schedule of a window (see the module docstring for whose exceptions), or the hall's."""
    hall = windows.hours
    own = hall if window is None else windows.hours_of(window)
    return Schedule(
        own.weekly,
        own.exceptions or hall.exceptions,
        own.seasons,
        own.duty or hall.duty,
        own.roster or hall.roster,
    )


def facility_schedule(hours: HallHours) -> Schedule:
    """A facility's schedule: its own rules, seasons, exceptions and duty, with the calendar."""
    return Schedule(hours.weekly, hours.exceptions, hours.seasons, hours.duty, hours.roster)
