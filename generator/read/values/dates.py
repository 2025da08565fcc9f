"""Dates, months, quarters and date ranges as staff write them (and as Excel stores them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from generator.errors import codes
from generator.read.values.problem import YEARS, ValueProblem, clean, match, value_problem

# code -> (short title, hint), and the message for a value that is wrong
DATE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "date.invalid": (
            "日期写法不对",
            "请写成 2025-04-08、2025/4/8 或 2025年4月8日，并确认日历上有这一天。",
        ),
        "month.invalid": (
            "月份写法不对",
            "请写成 2019-12、2019/12 或 2019年12月；只知道年份时写 2017年。",
        ),
        "quarter.invalid": (
            "季度写法不对",
            "请写成 2025-Q1、2025Q1 或 2025年第一季度（季度只有一至四）。",
        ),
        "date_range.invalid": (
            "日期范围写法不对",
            "请写成 2025-10-01..2025-10-08 或 2025-10-01至2025-10-08。",
        ),
        "date_range.order": (
            "日期范围的结束早于开始",
            "结束日期不能早于开始日期，请检查是否写反了。",
        ),
        "period.invalid": (
            "每年的起止日期写法不对",
            "请写成 5月1日—9月30日；跨年的写成 10月1日—次年4月30日。",
        ),
    }
)
_MESSAGES = {
    "date.invalid": "「{v}」不是有效的日期",
    "month.invalid": "「{v}」不是有效的月份",
    "quarter.invalid": "「{v}」不是有效的季度",
    "date_range.invalid": "「{v}」不是有效的日期范围",
    "date_range.order": "日期范围「{v}」的结束日期早于开始日期",
    "period.invalid": "「{v}」不是有效的每年起止日期",
}

_NOUNS = {
    "date": "日期", "month": "月份", "quarter": "季度", "date_range": "日期范围",
    "period": "起止日期",
}  # fmt: skip


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS, detail)


def _make_date(value: object, year: int, month: int, day: int) -> date:
    if year not in YEARS:
        raise _problem("date.invalid", value, f"年份 {year} 不对")
    try:
        return date(year, month, day)
    except ValueError:
        raise _problem("date.invalid", value, f"日历上没有{year}年{month}月{day}日") from None


def parse_date(value: object) -> date:
    """2025-04-08, 2025/4/8, 2025.4.8, 2025年4月8日, or a date/datetime cell."""
    if isinstance(value, date):  # datetime and pandas Timestamp too; NaT fails here
        try:
            year, month, day = int(value.year), int(value.month), int(value.day)
        except (TypeError, ValueError):
            raise _problem("date.invalid", value) from None
        return _make_date(value, year, month, day)
    if not isinstance(value, str):
        raise _problem("date.invalid", value)
    text = clean(value)
    # a timestamp (what Excel or a records system writes): the date part is the date
    clock = r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
    found = match(r"([0-9]{4})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})" + clock, text)
    if found is None:
        found = match(r"([0-9]{4})\s*(年)\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?", text)
    if found is None:
        raise _problem("date.invalid", value)
    return _make_date(value, int(found[1]), int(found[3]), int(found[4]))


def parse_date_range(value: object) -> tuple[date, date]:
    """2025-10-01..2025-10-08, 2025-10-01至2025-10-08, 2025-10-01~2025-10-08, or [start, end]."""
    if isinstance(value, list | tuple) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str):
        parts = re.split(r"\s*(?:\.{2,3}|至|到|~|〜)\s*", clean(value))
        if len(parts) != 2 or not all(parts):
            raise _problem("date_range.invalid", value)
    else:
        raise _problem("date_range.invalid", value)
    start, end = parse_date(parts[0]), parse_date(parts[1])
    if end < start:
        raise _problem("date_range.order", value)
    return start, end


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, e.g. the month residents moved in; only a year when that is all
    staff know (2017年), shown as the year."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if self.year not in YEARS or (self.month is not None and self.month not in range(1, 13)):
            raise _problem("month.invalid", f"{self.year}-{self.month}")

    def __str__(self) -> str:
        return f"{self.year}年" + (f"{self.month}月" if self.month is not None else "")

    @property
    def iso(self) -> str:
        return f"{self.year:04d}" + (f"-{self.month:02d}" if self.month is not None else "")


def parse_month(value: object) -> Month:
    """2019-12, 2019/12, 2019.12, 2019年12月, a date cell, or only the year: 2017年."""
    if isinstance(value, Month):
        return value
    if isinstance(value, date):
        try:
            day = parse_date(value)
        except ValueProblem:
            raise _problem("month.invalid", value) from None
        return Month(day.year, day.month)
    if not isinstance(value, str):
        raise _problem("month.invalid", value)
    text = clean(value)
    found = match(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})", text)
    found = found or match(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月?", text)
    if found is None:
        year = match(r"([0-9]{4})\s*年?", text)
        if year is None or int(year[1]) not in YEARS:
            raise _problem("month.invalid", value)
        return Month(int(year[1]))
    if int(found[1]) not in YEARS or int(found[2]) not in range(1, 13):
        raise _problem("month.invalid", value)
    return Month(int(found[1]), int(found[2]))


_QUARTER_NAMES = "一二三四"


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: the unit in which funds are disclosed."""

    year: int
    q: int

    kind = "quarter"
    noun = "季度"

    def __post_init__(self) -> None:
        if self.year not in YEARS or self.q not in range(1, 5):
            raise _problem("quarter.invalid", f"{self.year}-Q{self.q}")

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def end(self) -> date:
        if self.q == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.q + 1, 1) - timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.q}"

    @property
    def label(self) -> str:
        return f"{self.year}年第{_QUARTER_NAMES[self.q - 1]}季度"

    def __str__(self) -> str:
        return self.key

    def next(self) -> Quarter:
        return Quarter(self.year + 1, 1) if self.q == 4 else Quarter(self.year, self.q + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - 1, 4) if self.q == 1 else Quarter(self.year, self.q - 1)

    def contains(self, day: date) -> bool:
        day = day.date() if isinstance(day, datetime) else day
        return self.start <= day <= self.end

    @classmethod
    def of_date(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)


def parse_quarter(value: object) -> Quarter:
    """2025-Q1, 2025Q1, 2025q1, 2025年第一季度, 2025年第1季度, 2025年一季度."""
    if isinstance(value, Quarter):
        return value
    if not isinstance(value, str):
        raise _problem("quarter.invalid", value)
    text = clean(value)
    found = match(r"([0-9]{4})\s*-?\s*Q\s*([1-4])", text)
    found = found or match(r"([0-9]{4})\s*年\s*第?\s*([1-4一二三四])\s*季度?", text)
    if found is None or int(found[1]) not in YEARS:
        raise _problem("quarter.invalid", value)
    q = found[2]
    return Quarter(int(found[1]), int(q) if q.isdigit() else _QUARTER_NAMES.index(q) + 1)


# ---------------------------------------------------------------- every year's period


@dataclass(frozen=True)
class YearlyPeriod:
    """The same dates every year: 5月1日—9月30日, or across the new year 10月1日—次年4月30日."""

    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    @property
    def across_years(self) -> bool:
        return self.end < self.start

    def covers(self, day: date) -> bool:
        here = (day.month, day.day)
        if self.across_years:
            return here >= self.start or here <= self.end
        return self.start <= here <= self.end

    def __str__(self) -> str:
        (m1, d1), (m2, d2) = self.start, self.end
        return f"{m1}月{d1}日至{'次年' if self.across_years else ''}{m2}月{d2}日"


_MONTH_DAY = (
    r"(?P<m{n}>[0-9]{{1,2}})\s*"
    r"(?:月\s*(?P<d{n}>[0-9]{{1,2}})\s*[日号]?|[-/.](?P<e{n}>[0-9]{{1,2}}))"
)
_PERIOD = re.compile(
    _MONTH_DAY.format(n="1")
    + r"\s*(?:-+|—+|–|~|〜|至|到|\.\.)\s*(?:次年|第二年|翌年)?\s*"
    + _MONTH_DAY.format(n="2")
)


def parse_yearly_period(value: object) -> YearlyPeriod:
    """5月1日—9月30日, 10月1日—次年4月30日, 05-01..09-30 (every year)."""
    if isinstance(value, YearlyPeriod):
        return value
    if not isinstance(value, str):
        raise _problem("period.invalid", value)
    found = _PERIOD.fullmatch(clean(value))
    if found is None:
        raise _problem("period.invalid", value)
    ends = []
    for n in "12":
        month, day = int(found[f"m{n}"]), int(found[f"d{n}"] or found[f"e{n}"])
        try:
            date(2024, month, day)  # a leap year: 2月29日 is a day
        except ValueError:
            raise _problem("period.invalid", value, f"没有{month}月{day}日") from None
        ends.append((month, day))
    return YearlyPeriod(ends[0], ends[1])
