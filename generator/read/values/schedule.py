"""Days of the week and opening times: 周一至周五, 工作日, \"08:30-12:00\" and lists of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from itertools import pairwise

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

# code -> (short title, hint), and the message for a value that is wrong
SCHEDULE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "days.invalid": (
            "星期写法不对",
            "请写成“周一至周五”“周六”“周一、三、五”“工作日”“周末”或“每天”，"
            "也可写成列表 [周一, 周三]。",
        ),
        "times.invalid": (
            "时段写法不对",
            "请按24小时制写成 08:30-12:00；有几段就写成列表，"
            '例如 ["08:30-12:00", "14:30-18:00"]。',
        ),
        "times.order": (
            "时段的结束早于开始",
            "结束时间要晚于开始时间；跨过午夜的请拆成两段，例如 20:00-24:00 和 00:00-06:00。",
        ),
        "times.overlap": ("时段互相重叠", "同一天的各个时段不能重叠，请合并成一段或改正时间。"),
    }
)
_MESSAGES = {
    "days.invalid": "「{v}」不是有效的星期写法",
    "times.invalid": "「{v}」不是有效的时段",
    "times.order": "时段「{v}」的结束时间不晚于开始时间",
    "times.overlap": "时段「{v}」互相重叠",
}

_NOUNS = {"days": "星期", "times": "时段"}


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS, detail)


_ALL_DAYS = frozenset(range(7))
_DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_DAY_CHARS = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_EN_DAYS = {name: i for i, names in enumerate(
    ("mon monday", "tue tues tuesday", "wed weds wednesday", "thu thur thurs thursday",
     "fri friday", "sat saturday", "sun sunday")
) for name in names.split()}  # fmt: skip
_DAY_GROUPS = {
    **dict.fromkeys(("工作日", "weekdays", "weekday"), frozenset(range(5))),
    **dict.fromkeys(("周末", "双休日", "weekend", "weekends"), frozenset({5, 6})),
    **dict.fromkeys(("每天", "每日", "全天", "天天", "daily", "everyday"), _ALL_DAYS),
}
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


def _days_of_text(value: str) -> frozenset[int] | None:
    days: set[int] = set()
    prefixed = False
    text = re.sub(r"\s*(至|到|-+|—+|–|~|〜)\s*", r"\1", clean(value).lower())
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
        days.update((start + i) % 7 for i in range((end - start) % 7 + 1))
    return frozenset(days)


def parse_days(value: object) -> frozenset[int]:
    """Weekday numbers (Mon=0 … Sun=6) from 周一至周五, 周一、三、五, 工作日, 每天, [mon, tue] …"""
    if (
        isinstance(value, set | frozenset)
        and value
        and all(type(d) is int and 0 <= d <= 6 for d in value)
    ):
        return frozenset(value)  # already parsed (pydantic revalidation)
    items = list(value) if isinstance(value, list | tuple) else [value]
    days: set[int] = set()
    for item in items:
        parsed = _days_of_text(item) if isinstance(item, str) and item.strip() else None
        if parsed is None:
            raise _problem("days.invalid", item if isinstance(value, list | tuple) else value)
        days |= parsed
    if not days:
        raise _problem("days.invalid", value)
    return frozenset(days)


def describe_days(days: frozenset[int]) -> str:
    """Chinese for a set of weekdays: 每天, 周一至周五, 周一、周三、周五, 周五至周一."""
    days = frozenset(days)
    if not days or not days <= _ALL_DAYS:
        raise _problem("days.invalid", set(days))
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


# ---------------------------------------------------------------- opening times

END_OF_DAY = time.max  # "24:00"


def _format_time(moment: time) -> str:
    return "24:00" if moment == END_OF_DAY else moment.strftime("%H:%M")


@dataclass(frozen=True)
class TimeRange:
    """Opening time within one day; end may be END_OF_DAY (written 24:00)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise _problem("times.order", f"{_format_time(self.start)}-{_format_time(self.end)}")

    def __str__(self) -> str:
        return f"{_format_time(self.start)}-{_format_time(self.end)}"

    def contains(self, moment: time) -> bool:
        return self.start <= moment < self.end or (self.end == END_OF_DAY and moment == END_OF_DAY)


_TIME_RANGE = (
    r"(?P<h1>[0-9]{1,2}):(?P<m1>[0-9]{2})\s*(?:-+|—+|–|―|~|〜|至|到)\s*"
    r"(?P<h2>[0-9]{1,2}):(?P<m2>[0-9]{2})"
)


def _clock(hour: str, minute: str, end: bool) -> time | None:
    h, m = int(hour), int(minute)
    if end and (h, m) == (24, 0):
        return END_OF_DAY
    return time(h, m) if h < 24 and m < 60 else None


def _time_range(text: str, original: object) -> TimeRange:
    found = match(_TIME_RANGE, text)
    start = _clock(found["h1"], found["m1"], end=False) if found else None
    end = _clock(found["h2"], found["m2"], end=True) if found else None
    if start is None or end is None:
        raise _problem("times.invalid", text or original)
    return TimeRange(start, end)


def parse_times(value: object) -> tuple[TimeRange, ...]:
    """08:30-12:00 (also 8:30—12:00, 08：30至12：00), several joined by 、 or a list; sorted."""
    items = list(value) if isinstance(value, list | tuple) else [value]
    ranges: list[TimeRange] = []
    for item in items:
        if isinstance(item, TimeRange):  # already parsed (pydantic revalidation)
            ranges.append(item)
            continue
        if not isinstance(item, str) or not item.strip():
            raise _problem("times.invalid", item if isinstance(value, list | tuple) else value)
        ranges += [_time_range(part, item) for part in re.split(r"\s*[,、;]\s*", clean(item))]
    if not ranges:
        raise _problem("times.invalid", value)
    ranges.sort(key=lambda r: (r.start, r.end))
    for before, after in pairwise(ranges):
        if after.start < before.end:
            raise _problem("times.overlap", f"{before}、{after}")
    return tuple(ranges)
