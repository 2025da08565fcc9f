"""Disclosure periods: a calendar month (2025-07) or a quarter (2025-Q3).

The law asks for monthly disclosure where transactions are many, quarterly otherwise;
both kinds answer the same questions (start, end, label, the next and previous one), so
the fund rules and pages work on either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from generator.errors import codes
from generator.read.values.dates import Quarter, parse_quarter
from generator.read.values.problem import YEARS, ValueProblem, clean, match, value_problem

PERIOD_CODES: dict[str, tuple[str, str]] = codes(
    {
        "fund_month.invalid": (
            "公开月份写法不对",
            "按月公开的写成 2025-07 或 2025年7月（要有年和月）；按季度公开的写 quarter: 2025-Q3。",
        ),
    }
)


@dataclass(frozen=True, order=True)
class FundMonth:
    """A calendar month disclosed on its own (按月公开)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if self.year not in YEARS or self.month not in range(1, 13):
            raise _invalid(f"{self.year}-{self.month}")

    kind = "month"
    noun = "月"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"

    def __str__(self) -> str:
        return self.key

    def next(self) -> FundMonth:
        if self.month == 12:
            return FundMonth(self.year + 1, 1)
        return FundMonth(self.year, self.month + 1)

    def previous(self) -> FundMonth:
        if self.month == 1:
            return FundMonth(self.year - 1, 12)
        return FundMonth(self.year, self.month - 1)

    def contains(self, day: date) -> bool:
        day = day.date() if isinstance(day, datetime) else day
        return self.start <= day <= self.end

    @classmethod
    def of_date(cls, day: date) -> FundMonth:
        return cls(day.year, day.month)


Period = Quarter | FundMonth
KINDS = {"quarter": Quarter, "month": FundMonth}
KIND_NAMES = {"quarter": "季度", "month": "月"}


def _invalid(value: object) -> ValueProblem:
    return value_problem(
        "fund_month.invalid", value, "「{v}」不是有效的公开月份", {"fund_month": "月份"}, ""
    )


def parse_fund_month(value: object) -> FundMonth:
    """2025-07, 2025/7, 2025.07, 2025年7月 (a date cell gives its month)."""
    if isinstance(value, FundMonth):
        return value
    if isinstance(value, date):
        return FundMonth(value.year, value.month)
    if not isinstance(value, str):
        raise _invalid(value)
    text = clean(value)
    found = match(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})", text)
    found = found or match(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月(?:份)?", text)
    if found is None or int(found[1]) not in YEARS or int(found[2]) not in range(1, 13):
        raise _invalid(value)
    return FundMonth(int(found[1]), int(found[2]))


def parse_period(value: object) -> Period:
    """A month or a quarter: 2025-07 and 2025年7月, or 2025-Q3 and 2025年第三季度."""
    if isinstance(value, Quarter | FundMonth):
        return value
    try:
        return parse_quarter(value)
    except ValueProblem:
        return parse_fund_month(value)


def period_of(kind: str, day: date) -> Period:
    """The month or quarter (by kind) that day falls in."""
    return KINDS[kind].of_date(day)
