"""Opening times as staff write them: 08:30-12:00, 上午8:30-12:00, 18:00-次日8:00, 24小时.

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

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, value_problem

# code -> (short title, hint), and the message for a value that is wrong
TIME_CODES: dict[str, tuple[str, str]] = codes(
    {
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
    "times.invalid": "「{v}」不是有效的时段",
    "times.ambiguous": "「{v}」看不出是上午还是下午",
    "times.order": "时段「{v}」的结束时间不晚于开始时间",
    "times.overlap": "时段「{v}」互相重叠",
}


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], {"times": "时段"}, detail)


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
