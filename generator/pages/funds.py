"""Fund ledgers with pandas: totals, breakdowns, trends, 大写 amounts and disclosure status.

Money stays exact: the ledger's amounts are ``Decimal`` objects in an object-dtype
frame, and every sum here adds them as ``Decimal`` (never float), so the published
figures are the ledger's figures to the fen.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.contract.data import FundQuarter, Funds
from generator.contract.funds import Account
from generator.contract.portal import FundsPolicy

# write_csv's own cell rules, so a download is byte for byte what write_csv writes
from generator.read.ledger import COLUMNS, FORMULA, LedgerRow, canonical
from generator.read.values import Quarter

if TYPE_CHECKING:
    import pandas

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# ---------------------------------------------------------------- amounts as people read them

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ("", "拾", "佰", "仟")
_BIG = ("", "万", "亿", "万亿")


def money(amount: Decimal) -> str:
    """An amount with thousands separators and two decimals: 12,345.60."""
    return f"{_exact(amount):,.2f}"


def capital(amount: Decimal) -> str:
    """An amount in Chinese financial capitals (大写), as written on vouchers and cheques.

    1234.50 → 壹仟贰佰叁拾肆元伍角整; 100000.00 → 壹拾万元整; 0.05 → 伍分;
    10010.01 → 壹万零壹拾元零壹分; a negative amount starts with 负.
    """
    value = _exact(amount)
    if value < 0:
        return "负" + capital(-value)
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if yuan >= 10**16:
        raise ValueError(f"amount too large for 大写: {amount}")
    text = _integer_capital(yuan) + "元" if yuan else ""
    if not jiao and not fen:
        return (text or "零元") + "整"
    if not fen:
        return text + _DIGITS[jiao] + "角整"
    if not jiao:
        return text + ("零" if yuan else "") + _DIGITS[fen] + "分"
    return text + _DIGITS[jiao] + "角" + _DIGITS[fen] + "分"


def _integer_capital(number: int) -> str:
    """A positive whole number in capitals: zeros between digits are read as one 零."""
    digits = str(number)
    out, zero = "", False
    for index, char in enumerate(digits):
        place = len(digits) - 1 - index
        if char == "0":
            zero = bool(out)
        else:
            out += ("零" if zero else "") + _DIGITS[int(char)] + _SMALL[place % 4]
            zero = False
        if place % 4 == 0 and place and int(digits[max(0, index - 3) : index + 1]):
            out += _BIG[place // 4]  # 万 or 亿 after a group that is not all zeros
    return out


def _exact(amount: object) -> Decimal:
    """A Decimal of whole fen; a float (or anything inexact) is a bug, not an amount."""
    if not isinstance(amount, Decimal | int) or isinstance(amount, bool):
        raise TypeError(f"amounts must be Decimal, not {type(amount).__name__}: {amount!r}")
    value = Decimal(amount)
    if not value.is_finite() or value != value.quantize(CENT):
        raise ValueError(f"not an amount in whole fen: {amount}")
    return value.quantize(CENT)


def _sum(values: Iterable[object]) -> Decimal:
    """Exact sum of Decimal amounts (the aggregation pandas runs per group)."""
    return sum((_exact(v) for v in values), ZERO)


# ---------------------------------------------------------------- one quarter's figures


@dataclass(frozen=True)
class Share:
    """One line of a breakdown: a source or a category and its part of the total."""

    key: str  # source id, or category name
    label: str  # what residents read
    amount: Decimal
    percent: Decimal  # of the breakdown's total, one decimal: 42.5

    @property
    def width(self) -> str:
        """The bar's CSS width."""
        return f"{self.percent}%"


@dataclass(frozen=True)
class Figures:
    """A quarter as published: balances, totals and breakdowns, all exact."""

    quarter: Quarter
    published: dt.date
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal
    by_source: tuple[Share, ...]  # income, in the account's source order
    by_category: tuple[Share, ...]  # expense, in the account's category order


def source_names(account: Account) -> dict[str, str]:
    """Ledger 资金来源 (a source's id or its name) → the account's name for it."""
    names = {s.name: s.name for s in account.sources}
    return names | {s.id: s.name for s in account.sources}


def _source_ids(account: Account) -> dict[str, str]:
    return {s.name: s.id for s in account.sources} | {s.id: s.id for s in account.sources}


def figures(fund_quarter: FundQuarter, account: Account) -> Figures:
    """Totals and breakdowns of one quarter, summed with pandas on the ledger's Decimals."""
    header = fund_quarter.header
    frame = fund_quarter.ledger.frame()
    income_rows = frame[frame["income"].notna()]
    expense_rows = frame[frame["expense"].notna()]
    income = _sum(income_rows["income"])
    expense = _sum(expense_rows["expense"])

    ids = _source_ids(account)
    names = {s.id: s.name for s in account.sources}
    by_source = _grouped(income_rows.assign(key=income_rows["source"].map(ids)), "income")
    sources = tuple(
        _share(s.id, names[s.id], by_source.pop(s.id), income)
        for s in account.sources
        if s.id in by_source
    )
    by_category = _grouped(expense_rows.assign(key=expense_rows["category"]), "expense")
    categories = tuple(
        _share(name, name, by_category.pop(name), expense)
        for name in account.categories
        if name in by_category
    )
    # the checks allow nothing else; should a row slip through, it is still counted
    sources += tuple(_share(k, k, v, income) for k, v in by_source.items())
    categories += tuple(_share(k, k, v, expense) for k, v in by_category.items())
    return Figures(
        header.quarter,
        header.published,
        header.opening_balance,
        income,
        expense,
        header.opening_balance + income - expense,
        sources,
        categories,
    )


def _grouped(rows: pandas.DataFrame, column: str) -> dict[str, Decimal]:
    """key → exact sum of column: a pandas groupby whose aggregation adds Decimals."""
    if rows.empty:
        return {}
    frame = rows.assign(key=rows["key"].fillna("").astype(object))
    sums = frame.groupby("key", sort=False)[column].agg(_sum)
    return {str(key): _exact(value) for key, value in sums.items()}


def _share(key: str, label: str, amount: Decimal, total: Decimal) -> Share:
    percent = (amount * 100 / total).quantize(Decimal("0.1")) if total else Decimal("0.0")
    return Share(key, label, amount, percent)


def kept(quarters: Sequence[FundQuarter]) -> tuple[FundQuarter, ...]:
    """The quarters kept online, newest first.

    portal.yml's retention_quarters is a minimum, not a limit: every quarter in
    funds/ stays online (nothing published about public money is taken down), so
    the newest retention_quarters are always among them.
    """
    return tuple(sorted(quarters, key=lambda q: q.header.quarter, reverse=True))


# ---------------------------------------------------------------- disclosure status

STATUS_LABELS = {
    "on_time": "按时公开",
    "late": "逾期公开",
    "overdue": "逾期未公开",
    "pending": "待公开",
    "not_due": "未到期",
    "absent": "未公开",  # the settlement has no fund disclosure at all
}


@dataclass(frozen=True)
class Disclosure:
    """Whether a quarter was disclosed on time, as of a given day."""

    quarter: Quarter
    status: str  # a key of STATUS_LABELS
    deadline: dt.date
    published: dt.date | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def days_late(self) -> int:
        """Days past the deadline a late quarter was published; 0 otherwise."""
        if self.status == "late" and self.published:
            return (self.published - self.deadline).days
        return 0


def deadline(quarter: Quarter, deadline_days: int) -> dt.date:
    """The last day on which a quarter's disclosure is on time."""
    return quarter.end + dt.timedelta(days=deadline_days)


def status(
    quarter: Quarter, published: dt.date | None, today: dt.date, deadline_days: int
) -> Disclosure:
    """on_time, late, overdue, pending or not_due for one quarter as of today.

    A publication date after today counts as not yet published (a preview of a past day).
    """
    due = deadline(quarter, deadline_days)
    if today <= quarter.end:
        return Disclosure(quarter, "not_due", due)
    if published is not None and published <= today:
        return Disclosure(quarter, "on_time" if published <= due else "late", due, published)
    return Disclosure(quarter, "pending" if today <= due else "overdue", due)


def current_quarter(today: dt.date) -> Quarter:
    """The most recent quarter that has ended as of today (on 2026-11-22: 2026-Q3)."""
    return Quarter.of_date(today).previous()


def disclosure(
    funds: Funds | None, quarter: Quarter, today: dt.date, policy: FundsPolicy
) -> Disclosure:
    """A settlement's status for one quarter; "absent" when it has no funds/ at all."""
    if funds is None:
        return Disclosure(quarter, "absent", deadline(quarter, policy.deadline_days))
    found = next((q for q in funds.quarters if q.header.quarter == quarter), None)
    published = found.header.published if found else None
    return status(quarter, published, today, policy.deadline_days)


def recent(
    funds: Funds | None, today: dt.date, policy: FundsPolicy
) -> tuple[Disclosure, Disclosure]:
    """The status of the current and the previous quarter."""
    current = current_quarter(today)
    return (
        disclosure(funds, current, today, policy),
        disclosure(funds, current.previous(), today, policy),
    )


SUMMARY_ORDER = ("on_time", "late", "pending", "overdue", "absent")


def summary_line(quarter: Quarter, statuses: Iterable[str]) -> str:
    """2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个."""
    listed = list(statuses)
    counts = [f"{STATUS_LABELS[s]} {listed.count(s)} 个" for s in SUMMARY_ORDER if s in listed]
    return f"{quarter.label}：{'，'.join(counts) or '没有安置点'}"


# ---------------------------------------------------------------- downloads

HEADERS = [names[0] for names in COLUMNS.values()]


def _cells(row: LedgerRow) -> list[str]:
    cells = [canonical(getattr(row, key)) for key in COLUMNS]
    return [FORMULA.sub("'", c) for c in cells]  # no formula runs when the file is opened


def ledger_csv(rows: Iterable[LedgerRow]) -> bytes:
    """The normalised ledger, byte for byte as ledger.write_csv writes it.

    UTF-8 with a BOM (so Excel/WPS open it in Chinese), Chinese headers, ISO dates,
    amounts like 1234.50.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(_cells(row) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def all_quarters_csv(quarters: Iterable[FundQuarter]) -> bytes:
    """Every quarter's rows in one file, oldest first, with a 季度 column first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["季度", *HEADERS])
    for q in sorted(quarters, key=lambda q: q.header.quarter):
        writer.writerows([q.header.quarter.key, *_cells(row)] for row in q.ledger.rows)
    return out.getvalue().encode("utf-8-sig")
