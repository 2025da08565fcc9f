"""Days as staff write them: 周一至周五, 周一、三、五, 工作日, 每天, 法定工作日, 节假日.

Days are weekdays (周一至周五, 周六, 周一、三、五, 工作日, 周末, 每天, [mon, tue]) or the
official calendar's days (法定工作日 its working days, 法定节假日 its holidays,
节假日 every day off: holidays and ordinary weekends; generator/read/calendar.py).
"""

from __future__ import annotations

import re
from typing import Any

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

DAY_CODES: dict[str, tuple[str, str]] = codes(
    {
        "days.invalid": (
            "星期写法不对",
            "请写成“周一至周五”“周六”“周一、三、五”“工作日”“周末”“每天”，"
            "或“法定工作日”“法定节假日”“节假日”，也可写成列表 [周一, 周三]。",
        ),
    }
)


def _problem(code: str, value: object) -> ValueProblem:
    return value_problem(code, value, "「{v}」不是有效的星期写法", {"days": "星期"})


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
