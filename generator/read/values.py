"""Parsers for the values staff write by hand: dates, months, quarters, money, phones, hours.

Staff type these in YAML or export them from Excel/WPS, so each parser accepts the
forms listed in shared/spec/data-format.md ("Common value formats") and a few obvious
variants (full-width digits, Chinese punctuation, Excel numbers and dates). Anything
else raises ValueProblem with a stable code from VALUE_CODES, a Chinese message that
names the value received, and a Chinese hint on how to write it.
"""

from __future__ import annotations

import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import pairwise

from generator.errors import codes


class ValueProblem(ValueError):
    """A value staff wrote that cannot be read: a stable code, a Chinese message and hint."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(code, message, hint)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}。{self.hint}" if self.hint else self.message


# code -> (short title, hint); the error catalogue and the staff guide are built from it.
VALUE_CODES: dict[str, tuple[str, str]] = codes({
    "date.invalid": (
        "日期写法不对",
        "请写成 2025-04-08、2025/4/8 或 2025年4月8日，并确认日历上有这一天。",
    ),
    "month.invalid": ("月份写法不对", "请写成 2019-12、2019/12 或 2019年12月。"),
    "quarter.invalid": (
        "季度写法不对",
        "请写成 2025-Q1、2025Q1 或 2025年第一季度（季度只有一至四）。",
    ),
    "amount.invalid": (
        "金额写法不对",
        "请只写阿拉伯数字，例如 1234.5、1,234.50、¥1234.50 或 1.2万，不要写大写金额或其他文字。",
    ),
    "amount.too_precise": (
        "金额超过两位小数",
        "金额只能精确到分（最多两位小数）。"
        "若是 Excel 公式算出的数，请用 =ROUND(公式,2) 取两位小数。",
    ),
    "amount.negative": (
        "金额是负数",
        "金额不能写负数：花出去的钱请写在“支出”列，冲正或退款请另起一行并在备注中说明。",
    ),
    "amount.too_large": ("金额大得不合理", "请检查是否多写了几位数，或把“万”和“元”弄混了。"),
    "phone.invalid": (
        "电话号码写法不对",
        "请写成 0359-1234567、13800000000、400-123-4567 或 12345 这样的号码，一项只写一个号码；"
        "Excel 中请把电话列设为“文本”格式，以免丢掉开头的 0。",
    ),
    "days.invalid": (
        "星期写法不对",
        "请写成“周一至周五”“周六”“周一、三、五”“工作日”“周末”或“每天”，也可写成列表 [周一, 周三]。",
    ),
    "times.invalid": (
        "时段写法不对",
        '请按24小时制写成 08:30-12:00；有几段就写成列表，例如 ["08:30-12:00", "14:30-18:00"]。',
    ),
    "times.order": (
        "时段的结束早于开始",
        "结束时间要晚于开始时间；跨过午夜的请拆成两段，例如 20:00-24:00 和 00:00-06:00。",
    ),
    "times.overlap": ("时段互相重叠", "同一天的各个时段不能重叠，请合并成一段或改正时间。"),
    "date_range.invalid": (
        "日期范围写法不对",
        "请写成 2025-10-01..2025-10-08 或 2025-10-01至2025-10-08。",
    ),
    "date_range.order": ("日期范围的结束早于开始", "结束日期不能早于开始日期，请检查是否写反了。"),
})

_MESSAGES: dict[str, str] = {
    "date.invalid": "「{v}」不是有效的日期",
    "month.invalid": "「{v}」不是有效的月份",
    "quarter.invalid": "「{v}」不是有效的季度",
    "amount.invalid": "「{v}」不是有效的金额",
    "amount.too_precise": "金额「{v}」超过两位小数",
    "amount.negative": "金额「{v}」是负数",
    "amount.too_large": "金额「{v}」大得不合理",
    "phone.invalid": "「{v}」不是有效的电话号码",
    "days.invalid": "「{v}」不是有效的星期写法",
    "times.invalid": "「{v}」不是有效的时段",
    "times.order": "时段「{v}」的结束时间不晚于开始时间",
    "times.overlap": "时段「{v}」互相重叠",
    "date_range.invalid": "「{v}」不是有效的日期范围",
    "date_range.order": "日期范围「{v}」的结束日期早于开始日期",
}
_NOUNS = {"date": "日期", "month": "月份", "quarter": "季度", "amount": "金额", "phone": "电话"}
_NOUNS |= {"days": "星期", "times": "时段", "date_range": "日期范围"}

_YEARS = range(1900, 2101)  # a year outside this is a typo in this project's data
_AMOUNT_LIMIT = Decimal("1e12")
_CENT = Decimal("0.01")


def _show(value: object, limit: int = 30) -> str:
    """The value as staff would recognise it: text as written, others via repr; truncated."""
    text = value if isinstance(value, str) else repr(value)
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    if value is None or (isinstance(value, str) and not value.strip()):
        message = f"{_NOUNS[code.split('.')[0]]}没有填写"
    else:
        message = _MESSAGES[code].format(
            v=_show(value.strip() if isinstance(value, str) else value)
        )
    if detail:
        message += f"：{detail}"
    return ValueProblem(code, message, VALUE_CODES[code][1])


def normalise_digits(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (Unicode NFKC)."""
    return unicodedata.normalize("NFKC", text)


def _clean(value: str) -> str:
    return normalise_digits(value).strip()


def _match(pattern: str, text: str) -> re.Match[str] | None:
    return re.fullmatch(pattern, text, re.ASCII | re.IGNORECASE)


# ---------------------------------------------------------------- dates


def _make_date(value: object, year: int, month: int, day: int) -> date:
    if year not in _YEARS:
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
    text = _clean(value)
    midnight = r"(?:[ T]0?0:00(?::00)?)?"  # what Excel writes after a pure date
    found = _match(r"([0-9]{4})\s*([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})" + midnight, text)
    if found is None:
        found = _match(r"([0-9]{4})\s*(年)\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?", text)
    if found is None:
        raise _problem("date.invalid", value)
    return _make_date(value, int(found[1]), int(found[3]), int(found[4]))


def parse_date_range(value: object) -> tuple[date, date]:
    """2025-10-01..2025-10-08, 2025-10-01至2025-10-08, 2025-10-01~2025-10-08, or [start, end]."""
    if isinstance(value, list | tuple) and len(value) == 2:
        parts = list(value)
    elif isinstance(value, str):
        parts = re.split(r"\s*(?:\.{2,3}|至|到|~|〜)\s*", _clean(value))
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
    """A calendar month, e.g. the month residents moved in."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if self.year not in _YEARS or self.month not in range(1, 13):
            raise _problem("month.invalid", f"{self.year}-{self.month}")

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(value: object) -> Month:
    """2019-12, 2019/12, 2019.12, 2019年12月, or a date cell."""
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
    text = _clean(value)
    found = _match(r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})", text)
    found = found or _match(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月?", text)
    if found is None or int(found[1]) not in _YEARS or int(found[2]) not in range(1, 13):
        raise _problem("month.invalid", value)
    return Month(int(found[1]), int(found[2]))


_QUARTER_NAMES = "一二三四"


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: the unit in which funds are disclosed."""

    year: int
    q: int

    def __post_init__(self) -> None:
        if self.year not in _YEARS or self.q not in range(1, 5):
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
    text = _clean(value)
    found = _match(r"([0-9]{4})\s*-?\s*Q\s*([1-4])", text)
    found = found or _match(r"([0-9]{4})\s*年\s*第?\s*([1-4一二三四])\s*季度?", text)
    if found is None or int(found[1]) not in _YEARS:
        raise _problem("quarter.invalid", value)
    q = found[2]
    return Quarter(int(found[1]), int(q) if q.isdigit() else _QUARTER_NAMES.index(q) + 1)


# ---------------------------------------------------------------- money

_AMOUNT = (
    r"(?P<sign>[-−])?\s*[¥]?\s*(?P<sign2>[-−])?\s*"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>万元|万|元)?"
)


def _amount_number(value: object) -> Decimal:
    """The exact number written, before checks; raises amount.invalid."""
    if isinstance(value, bool) or value is None:
        raise _problem("amount.invalid", value)
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(float.__repr__(value))  # an Excel cell: its shortest repr is what staff saw
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if not isinstance(value, str):
        raise _problem("amount.invalid", value)
    found = _match(_AMOUNT, _clean(value))
    if found is None or (found["sign"] and found["sign2"]):
        raise _problem("amount.invalid", value)
    number = Decimal(found["num"].replace(",", ""))
    if found["unit"] in ("万", "万元"):
        number = number.scaleb(4)
    return -number if found["sign"] or found["sign2"] else number


def parse_amount(value: object) -> Decimal:
    """Yuan as an exact Decimal with 2 places: 1234.5, "1,234.50", "¥1234.50", "1.2万"."""
    number = _amount_number(value)
    if number < 0:
        raise _problem("amount.negative", value)
    if number >= _AMOUNT_LIMIT:
        raise _problem("amount.too_large", value)
    try:
        cents = number.quantize(_CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise _problem("amount.too_precise", value) from None
    if cents != number:
        raise _problem("amount.too_precise", value)
    return abs(cents)  # abs() turns -0.00 into 0.00


# ---------------------------------------------------------------- phones

_DASHES = str.maketrans(dict.fromkeys("—–―‐‑−", "-"))


def _phone_digits(text: str) -> str | None:
    """The digits of a phone written with optional spaces, dashes, (area code) or +86."""
    text = re.sub(r"\s+", "", normalise_digits(text).translate(_DASHES))
    text = re.sub(r"^\+86-?", "", text)
    text = re.sub(r"^\((0[0-9]{2,3})\)-?", r"\1-", text)
    if not _match(r"[0-9]+(?:-[0-9]+){0,2}", text):
        return None
    return text.replace("-", "")


def _phone_display(digits: str) -> str | None:
    if _match(r"1[3-9][0-9]{9}|[1-9][0-9]{2,4}|[2-9][0-9]{6,7}", digits):
        return digits  # mobile, short service number (110, 12345), local number
    if _match(r"[48]00[0-9]{7}", digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if _match(r"0[0-9]{9,11}", digits):
        area = digits[:3] if digits[1] in "12" else digits[:4]
        if len(digits) - len(area) in (7, 8):
            return f"{area}-{digits[len(area) :]}"
    return None


def parse_phone(value: object) -> str:
    """A phone number in display form: 0359-1234567, 13800000000, 400-123-4567, 12345, 110."""
    if isinstance(value, float) and value.is_integer() and value >= 0:
        value = int(value)  # an Excel number cell
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, str):
        text = value
    else:
        raise _problem("phone.invalid", value)
    digits = _phone_digits(text)
    shown = _phone_display(digits) if digits else None
    if shown is None:
        raise _problem("phone.invalid", value)
    return shown


def tel_href(phone: str) -> str:
    """The tel: link of a phone: digits and + only."""
    return "tel:" + re.sub(r"[^0-9+]", "", normalise_digits(phone))


def is_mobile(phone: str) -> bool:
    """Whether a phone is a Chinese mobile number (1[3-9] and 9 more digits)."""
    digits = _phone_digits(phone) if isinstance(phone, str) else None
    return bool(digits and _match(r"1[3-9][0-9]{9}", digits))


# ---------------------------------------------------------------- days of the week

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
    text = re.sub(r"\s*(至|到|-+|—+|–|~|〜)\s*", r"\1", _clean(value).lower())
    for part in re.split(r"\s*(?:[、,;/]|和|及)\s*|\s+", text):
        if part in _DAY_GROUPS:
            days |= _DAY_GROUPS[part]
            continue
        ends = _match(_RANGE, part)
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
    found = _match(_TIME_RANGE, text)
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
        ranges += [_time_range(part, item) for part in re.split(r"\s*[,、;]\s*", _clean(item))]
    if not ranges:
        raise _problem("times.invalid", value)
    ranges.sort(key=lambda r: (r.start, r.end))
    for before, after in pairwise(ranges):
        if after.start < before.end:
            raise _problem("times.overlap", f"{before}、{after}")
    return tuple(ranges)
