"""Days and opening times as staff write them: 周一至周五, 法定工作日, 节假日, 上午8:30-12:00.

Days are weekdays (周一至周五, 周六, 周一、三、五, 工作日, 周末, 每天, [mon, tue]) or the
official calendar's days (法定工作日 its working days, 法定节假日 its holidays,
节假日 every day off: holidays and ordinary weekends; generator/read/calendar.py).
Times are ranges on a 24-hour clock (08:30-12:00, 8:30——12:00, 8:30~11:30,
8：30-12：00) or with the period of the day (上午8:30-12:00, 下午2:30-6:00 is
14:30-18:00), overnight (18:00-次日8:00) or all day (24小时). A time that could be
morning or afternoon (1:30-5:30 with no 上午/下午) is refused, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from itertools import pairwise
from typing import Any

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

# code -> (short title, hint), and the message for a value that is wrong
SCHEDULE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "days.invalid": (
            "星期写法不对",
            "请写成“周一至周五”“周六”“周一、三、五”“工作日”“周末”“每天”，"
            "或“法定工作日”“法定节假日”“节假日”，也可写成列表 [周一, 周三]。",
        ),
        "times.invalid": (
            "时段写法不对",
            "请写成 08:30-12:00 或 上午8:30-12:00、下午2:30-6:00；跨过午夜写 18:00-次日8:00，"
            '全天写 24小时；有几段就写成列表，例如 ["08:30-12:00", "14:30-18:00"]。',
        ),
        "times.ambiguous": (
            "时段看不出是上午还是下午",
            "请加上“上午”“下午”或改用24小时制，例如 下午1:30-5:30 或 13:30-17:30。",
        ),
        "times.order": (
            "时段的结束早于开始",
            "结束时间要晚于开始时间；跨过午夜的请写成 20:00-次日06:00。",
        ),
        "times.overlap": ("时段互相重叠", "同一天的各个时段不能重叠，请合并成一段或改正时间。"),
    }
)
_MESSAGES = {
    "days.invalid": "「{v}」不是有效的星期写法",
    "times.invalid": "「{v}」不是有效的时段",
    "times.ambiguous": "「{v}」看不出是上午还是下午",
    "times.order": "时段「{v}」的结束时间不晚于开始时间",
    "times.overlap": "时段「{v}」互相重叠",
}

_NOUNS = {"days": "星期", "times": "时段"}


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS, detail)


# ---------------------------------------------------------------- days


class DaySet(frozenset[int]):
    """Weekdays (Mon=0 … Sun=6), and which of the official calendar's days.

    ``workdays``: 法定工作日 (the calendar's working days, 调休上班 included);
    ``holidays``: 法定节假日 (the calendar's holidays); ``days_off``: 节假日 (every day
    off: holidays and the weekends that are not worked). Weekdays alone follow the
    calendar too (generator/pages/hours.py): they do not open on a holiday.
    """

    workdays: bool
    holidays: bool
    days_off: bool

    def __new__(
        cls,
        weekdays: Any = (),
        *,
        workdays: bool = False,
        holidays: bool = False,
        days_off: bool = False,
    ) -> DaySet:
        made = super().__new__(cls, weekdays)
        made.workdays, made.holidays, made.days_off = workdays, holidays, days_off
        return made

    @property
    def flags(self) -> tuple[bool, bool, bool]:
        return (self.workdays, self.holidays, self.days_off)

    @property
    def every_day(self) -> bool:
        """All seven weekdays: the official calendar changes nothing for such a rule."""
        return len(frozenset(self)) == 7

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DaySet):
            return frozenset(self) == frozenset(other) and self.flags == other.flags
        return frozenset.__eq__(self, other) and not any(self.flags)

    def __hash__(self) -> int:
        return hash((frozenset(self), self.flags))

    def __or__(self, other: Any) -> DaySet:  # type: ignore[override]
        flags = other.flags if isinstance(other, DaySet) else (False, False, False)
        merged = (a or b for a, b in zip(self.flags, flags, strict=True))
        return DaySet(frozenset(self) | frozenset(other), **dict(zip(_FLAGS, merged, strict=True)))

    def __reduce__(self) -> tuple:  # pickling keeps the flags (the validation cache)
        return (_make_dayset, (tuple(sorted(self)), *self.flags))

    def __repr__(self) -> str:
        flags = ", ".join(f"{k}=True" for k, v in zip(_FLAGS, self.flags, strict=True) if v)
        return f"DaySet({sorted(self)}{', ' + flags if flags else ''})"


_FLAGS = ("workdays", "holidays", "days_off")


def _make_dayset(
    weekdays: tuple[int, ...], workdays: bool, holidays: bool, days_off: bool
) -> DaySet:
    return DaySet(weekdays, workdays=workdays, holidays=holidays, days_off=days_off)


_ALL_DAYS = frozenset(range(7))
_DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_DAY_CHARS = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_EN_DAYS = {name: i for i, names in enumerate(
    ("mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
     "fri friday", "sat saturday", "sun sunday")
) for name in names.split()}  # fmt: skip
_DAY_GROUPS = {
    **dict.fromkeys(("工作日", "weekdays", "weekday"), DaySet(range(5))),
    **dict.fromkeys(("周末", "双休日", "weekend", "weekends"), DaySet({5, 6})),
    **dict.fromkeys(("每天", "每日", "全天", "天天", "daily", "everyday"), DaySet(_ALL_DAYS)),
    **dict.fromkeys(("法定工作日", "国家法定工作日"), DaySet(workdays=True)),
    **dict.fromkeys(("法定节假日", "法定假日", "国家法定节假日"), DaySet(holidays=True)),
    **dict.fromkeys(
        ("节假日", "休息日", "公休日", "节假日和双休日", "双休日和节假日"), DaySet(days_off=True)
    ),
}
# a note in brackets after the days: 周一至周五（法定节假日除外） says what the calendar does
# anyway; （含节假日） adds the days off
_EXCEPT = re.compile(r"[(（]\s*(?:法定)?(?:节假日|假日|节日)(?:除外|休息|不办公|不上班)\s*[)）]$")
_INCLUDING = re.compile(r"[(（]\s*(?:含|包括)(?:法定)?节假日\s*[)）]$|[(（]\s*节假日照常\s*[)）]$")
_DAY_TOKEN = r"(?P<prefix>每?(?:周|星期|礼拜))?(?P<char>[一二三四五六日天])"
_RANGE = r"(?P<a>.+?)\s*(?:至|到|-+|—+|–|~|〜)\s*(?P<b>.+)"


def _day(token: str, prefixed: bool) -> tuple[int, bool] | None:
    """A weekday number and whether a 周/星期 prefix has been seen so far."""
    if token in _EN_DAYS:
        return _EN_DAYS[token], prefixed
    found = re.fullmatch(_DAY_TOKEN, token)
    if found is None or not (found["prefix"] or prefixed):
        return None
    return _DAY_CHARS[found["char"]], True


def _days_of_text(value: str) -> DaySet | None:
    text = clean(value).lower()
    extra = DaySet()
    if _EXCEPT.search(text):
        text = _EXCEPT.sub("", text).strip()
    elif _INCLUDING.search(text):
        text = _INCLUDING.sub("", text).strip()
        extra = DaySet(days_off=True)
    if text in _DAY_GROUPS:
        return _DAY_GROUPS[text] | extra
    days = DaySet()
    prefixed = False
    text = re.sub(r"\s*(至|到|-+|—+|–|~|〜)\s*", r"\1", text)
    for part in re.split(r"\s*(?:[、,;/]|和|及)\s*|\s+", text):
        if part in _DAY_GROUPS:
            days |= _DAY_GROUPS[part]
            continue
        ends = match(_RANGE, part)
        first = _day(ends["a"] if ends else part, prefixed)
        if first is None:
            return None
        start, prefixed = first
        end = start
        if ends:
            last = _day(ends["b"], prefixed)
            if last is None:
                return None
            end, prefixed = last
        days |= DaySet((start + i) % 7 for i in range((end - start) % 7 + 1))
    return days | extra


def parse_days(value: object) -> DaySet:
    """Weekdays and calendar days from 周一至周五, 周一、三、五, 法定工作日, 节假日, [mon, tue] …"""
    if isinstance(value, DaySet):
        return value
    if (
        isinstance(value, set | frozenset)
        and value
        and all(type(d) is int and 0 <= d <= 6 for d in value)
    ):
        return DaySet(value)  # weekday numbers, as code writes them
    items = list(value) if isinstance(value, list | tuple) else [value]
    days = DaySet()
    for item in items:
        parsed = _days_of_text(item) if isinstance(item, str) and item.strip() else None
        if parsed is None:
            raise _problem("days.invalid", item if isinstance(value, list | tuple) else value)
        days |= parsed
    if not days and not any(days.flags):
        raise _problem("days.invalid", value)
    return days


def _weekdays_text(days: frozenset[int]) -> str:
    if days == _ALL_DAYS:
        return "每天"
    first = next(d for d in range(7) if d in days and (d - 1) % 7 not in days)
    runs: list[list[int]] = []
    for d in ((first + i) % 7 for i in range(7)):
        if d in days:
            if runs and (runs[-1][-1] + 1) % 7 == d:
                runs[-1].append(d)
            else:
                runs.append([d])
    parts = [
        f"{_DAY_NAMES[r[0]]}至{_DAY_NAMES[r[-1]]}"
        if len(r) >= 3
        else "、".join(_DAY_NAMES[d] for d in r)
        for r in runs
    ]
    return "、".join(parts)


def describe_days(days: frozenset[int]) -> str:
    """Chinese for a set of days: 每天, 周一至周五, 周一、周三、周五, 法定工作日, 节假日."""
    weekdays = frozenset(days)
    flags = days.flags if isinstance(days, DaySet) else (False, False, False)
    if (not weekdays and not any(flags)) or not weekdays <= _ALL_DAYS:
        raise _problem("days.invalid", set(days))
    if weekdays == _ALL_DAYS and flags[2]:
        return "每天（含节假日）"
    words = [_weekdays_text(weekdays)] if weekdays else []
    names = ("法定工作日", "法定节假日", "节假日")
    words += [word for word, flag in zip(names, flags, strict=True) if flag]
    return "、".join(words)


# ---------------------------------------------------------------- opening times

END_OF_DAY = time.max  # "24:00"


def _format_time(moment: time) -> str:
    return "24:00" if moment == END_OF_DAY else moment.strftime("%H:%M")


@dataclass(frozen=True)
class TimeRange:
    """Opening time within one day; end may be END_OF_DAY (written 24:00).

    An overnight range (18:00-次日8:00) ends on the next day: ``overnight`` is True
    and ``end`` is the next day's time; it is split at midnight when a day is looked up.
    """

    start: time
    end: time
    overnight: bool = False

    def __post_init__(self) -> None:
        if not self.overnight and self.end <= self.start:
            raise _problem("times.order", f"{_format_time(self.start)}-{_format_time(self.end)}")

    def __str__(self) -> str:
        end = ("次日" if self.overnight else "") + _format_time(self.end)
        if (self.start, self.end) == (time(0, 0), END_OF_DAY):
            return "24小时"
        return f"{_format_time(self.start)}-{end}"

    @property
    def whole_day(self) -> bool:
        """00:00-24:00 (24小时)."""
        return (self.start, self.end) == (time(0, 0), END_OF_DAY) and not self.overnight

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end or (self.end == END_OF_DAY and moment == END_OF_DAY)

    @property
    def today_part(self) -> TimeRange:
        """The part before midnight (the whole range unless overnight)."""
        return TimeRange(self.start, END_OF_DAY) if self.overnight else self

    @property
    def next_day_part(self) -> TimeRange | None:
        """The part after midnight of an overnight range."""
        if not self.overnight or self.end == time(0, 0):
            return None
        return TimeRange(time(0, 0), self.end)


# the period words before a time: 上午8:30, 下午2:30, 晚上7:00 (12-hour clock words)
_MORNING = ("上午", "早上", "早晨", "清晨", "凌晨", "am")
_AFTERNOON = ("下午", "晚上", "夜间", "傍晚", "中午", "pm")
_PERIOD = r"(?P<{n}>上午|早上|早晨|清晨|凌晨|中午|下午|傍晚|晚上|夜间|am|pm)?"
_CLOCK = (
    r"(?P<h{n}>[0-9]{{1,2}})"
    r"(?::(?P<m{n}>[0-9]{{2}})|点(?:(?P<half{n}>半)|(?P<pm{n}>[0-9]{{1,2}})分?)?)"
)
_DASH = r"\s*(?:-+|—+|–|―|~|〜|至|到)\s*"
_TIME_RANGE = re.compile(
    _PERIOD.format(n="p1") + r"\s*" + _CLOCK.format(n="1") + _DASH
    + r"(?P<next>次日|第二天|翌日)?\s*" + _PERIOD.format(n="p2") + r"\s*" + _CLOCK.format(n="2"),
    re.I,
)  # fmt: skip
_ALL_DAY = re.compile(r"(?:全天)?\s*24\s*(?:小时|h)(?:营业|开放|服务|值班)?|全天(?:开放|候)?", re.I)


def _minutes(found: re.Match[str], n: str) -> tuple[int, int]:
    hour = int(found[f"h{n}"])
    if found[f"m{n}"] is not None:
        minute = int(found[f"m{n}"])
    elif found[f"half{n}"]:
        minute = 30
    elif found[f"pm{n}"]:
        minute = int(found[f"pm{n}"])
    else:
        minute = 0
    return hour, minute


def _clock_of(hour: int, minute: int, period: str | None, end: bool) -> time | None:
    """A time of day, the period word (上午/下午 …) turning a 12-hour time into 24 hours."""
    if period:
        period = period.lower()
        if hour > 12:
            return None  # 下午15:00: a 24-hour time with a 12-hour word
        if period in ("晚上", "夜间") and hour == 12:
            hour = 24  # 晚上12点: midnight
        elif period in _AFTERNOON and hour < 12 and not (period == "中午" and hour >= 11):
            hour += 12  # 下午2:30 → 14:30; 中午1:00 → 13:00, 中午11:30 stays
    if hour == 24 and minute == 0:
        return END_OF_DAY if end else None
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _time_range(text: str, original: object) -> TimeRange:
    if _ALL_DAY.fullmatch(text):
        return TimeRange(time(0, 0), END_OF_DAY)
    found = _TIME_RANGE.fullmatch(text)
    if found is None:
        raise _problem("times.invalid", text or original)
    (h1, m1), (h2, m2) = _minutes(found, "1"), _minutes(found, "2")
    period1 = found["p1"]
    # the end keeps the start's word (下午2:30-6:00), unless it is a 24-hour time (中午12:00-14:00)
    period2 = found["p2"] or (found["p1"] if h2 <= 12 else None)
    written_24 = all(len(found[f"h{n}"]) == 2 for n in "12")  # 01:30-05:30 is clear
    # no 上午/下午: 1:30-5:30 could be morning or afternoon; 8:30-5:30 ends before it starts;
    # an end after 12 (6:00-22:00) says the times are on the 24-hour clock
    unclear = h2 <= 12 and (1 <= h1 <= 6 or (h2 < h1 and not found["next"]))
    if not period1 and not found["p2"] and not written_24 and unclear:
        raise _problem("times.ambiguous", text)
    start = _clock_of(h1, m1, period1, end=False)
    end = _clock_of(h2, m2, period2, end=True)
    if start is None or end is None:
        raise _problem("times.invalid", text or original)
    if found["next"]:
        if end == END_OF_DAY:
            raise _problem("times.invalid", text)
        return TimeRange(start, end, overnight=True)
    if end <= start:
        raise _problem("times.order", text)
    return TimeRange(start, end)


_SEPARATOR = re.compile(r"\s*[,、;]\s*|\s+")


def _parts(text: str, original: object) -> list[str]:
    """The ranges written in one text, separated by 、 , ; or spaces (8:30-12:00 14:30-18:00)."""
    parts, at = [], 0
    while at < len(text):
        found = _TIME_RANGE.match(text, at) or _ALL_DAY.match(text, at)
        if found is None or found.end() == at:
            raise _problem("times.invalid", original)
        parts.append(found[0])
        at = found.end()
        gap = _SEPARATOR.match(text, at)
        if gap is not None:
            at = gap.end()
            if at == len(text):  # a separator with nothing after it
                raise _problem("times.invalid", original)
    return parts


def parse_times(value: object) -> tuple[TimeRange, ...]:
    """08:30-12:00, 上午8:30-12:00, 18:00-次日8:00, 24小时; several joined by 、 or a list."""
    items = list(value) if isinstance(value, list | tuple) else [value]
    ranges: list[TimeRange] = []
    for item in items:
        if isinstance(item, TimeRange):  # already parsed (pydantic revalidation)
            ranges.append(item)
            continue
        if not isinstance(item, str) or not item.strip():
            raise _problem("times.invalid", item if isinstance(value, list | tuple) else value)
        ranges += [_time_range(part, item) for part in _parts(clean(item), item)]
    if not ranges:
        raise _problem("times.invalid", value)
    ranges.sort(key=lambda r: (r.start, r.end))
    for before, after in pairwise(ranges):
        if after.start < before.today_part.end:
            raise _problem("times.overlap", f"{before}、{after}")
    return tuple(ranges)
