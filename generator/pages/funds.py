"""Fund ledgers with pandas: totals, breakdowns, sub-funds, 大写 amounts and downloads.

Money stays exact: the ledger's amounts are ``Decimal`` objects in an object-dtype
frame, and every sum here adds them as ``Decimal`` (never float), so the published
figures are the ledger's figures to the fen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from generator.checks.fund_balances import totals
from generator.contract.data import FundPeriod
from generator.contract.funds import Account, SubFund
from generator.pages.tables import Cell, csv_bytes, xlsx_bytes
from generator.read.ledger import COLUMNS, EXTRA_KEYS, ROW_KEYS, LedgerRow, canonical
from generator.read.values import Period

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
class FundFigures:
    """One sub-fund's part of a period."""

    fund: SubFund
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal


@dataclass(frozen=True)
class Figures:
    """A period as published: balances, totals and breakdowns, all exact."""

    period: Period
    published: dt.date
    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal
    by_source: tuple[Share, ...]  # income, in the account's source order
    by_category: tuple[Share, ...]  # expense, in the account's category order
    by_fund: tuple[FundFigures, ...] = ()  # the sub-funds, in the account's order


def source_names(account: Account) -> dict[str, str]:
    """Ledger 资金来源 (a source's id or its name) → the account's name for it."""
    names = {s.name: s.name for s in account.sources}
    return names | {s.id: s.name for s in account.sources}


def _source_ids(account: Account) -> dict[str, str]:
    return {s.name: s.id for s in account.sources} | {s.id: s.id for s in account.sources}


def fund_figures(period: FundPeriod, account: Account) -> tuple[FundFigures, ...]:
    """Each sub-fund's balances as the period's file gives them, and its rows' totals."""
    out = []
    for fund in account.subfunds:
        key = next((k for k in period.header.subfunds if k in (fund.id, fund.name)), None)
        if key is None:
            continue
        balances = period.header.subfunds[key]
        income, expense = totals(period, (fund.id, fund.name))
        out.append(
            FundFigures(fund, balances.opening_balance, income, expense, balances.closing_balance)
        )
    return tuple(out)


def figures(fund_quarter: FundPeriod, account: Account) -> Figures:
    """Totals and breakdowns of one period, summed with pandas on the ledger's Decimals."""
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
    if "" in by_category:  # a board's posting names no category
        categories += (_share("", "未分类", by_category.pop(""), expense),)
    # the checks allow nothing else; should a row slip through, it is still counted
    sources += tuple(_share(k, k, v, income) for k, v in by_source.items())
    categories += tuple(_share(k, k, v, expense) for k, v in by_category.items())
    return Figures(
        header.period,
        header.published,
        header.opening_balance,
        income,
        expense,
        header.opening_balance + income - expense,
        sources,
        categories,
        fund_figures(fund_quarter, account),
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


def kept(periods: Sequence[FundPeriod]) -> tuple[FundPeriod, ...]:
    """The periods kept online, newest first.

    portal.yml's retention_quarters is a minimum, not a limit: every period in
    funds/ stays online (nothing published about public money is taken down), so
    the newest retention_quarters are always among them.
    """
    return tuple(sorted(periods, key=lambda p: p.header.period.start, reverse=True))


# ---------------------------------------------------------------- downloads


def ledger_table(rows: Sequence[LedgerRow]) -> tuple[list[str], list[list[Cell]]]:
    """The ledger as a download: version 1's eleven columns, then any 证明人, 第三签字人 or
    专项 the rows have (so a version 1 ledger downloads byte for byte as write_csv writes it)."""
    extras = [key for key in EXTRA_KEYS if any(getattr(r, key) for r in rows)]
    keys = [*ROW_KEYS, *extras]
    body: list[list[Cell]] = [[_cell(getattr(r, key)) for key in keys] for r in rows]
    return [COLUMNS[key][0] for key in keys], body


def _cell(value: object) -> Cell:
    if isinstance(value, str):
        return canonical(value)
    assert value is None or isinstance(value, Decimal | dt.date)
    return value


def ledger_csv(rows: Sequence[LedgerRow]) -> bytes:
    """The normalised ledger: UTF-8 with a BOM (so Excel/WPS open it in Chinese), Chinese
    headers, ISO dates, amounts like 1234.50."""
    return csv_bytes(*ledger_table(rows))


def ledger_xlsx(title: str, rows: Sequence[LedgerRow]) -> bytes:
    return xlsx_bytes(title, *ledger_table(rows))


def periods_table(periods: Iterable[FundPeriod]) -> tuple[list[str], list[list[Cell]]]:
    """Every period's rows in one table, oldest first, with the period (季度/月份) first."""
    ordered = sorted(periods, key=lambda p: p.header.period.start)
    kinds = {p.header.period.kind for p in ordered}
    first = {"quarter": "季度", "month": "月份"}.get(kinds.pop(), "期") if len(kinds) == 1 else "期"
    rows = [row for p in ordered for row in p.ledger.rows]
    headers, _ = ledger_table(rows)
    body: list[list[Cell]] = []
    for p in ordered:
        _, cells = ledger_table(p.ledger.rows)
        width = len(headers) - 1
        body += [[p.header.period.key, *c, *[None] * (width - len(c))] for c in cells]
    return [first, *headers], body


def all_quarters_csv(periods: Iterable[FundPeriod]) -> bytes:
    """Every period's rows in one CSV, oldest first, with a 季度 (or 月份) column first."""
    return csv_bytes(*periods_table(periods))


def all_periods_xlsx(periods: Iterable[FundPeriod]) -> bytes:
    return xlsx_bytes("全部台账", *periods_table(periods))
