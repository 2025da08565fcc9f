"""The year's plan (年度收支计划) against what the ledgers say was spent, and its 决算.

The actual figures are the sums of the year's disclosed periods, exact; a line the plan
did not have but the ledgers do shows as 计划外. The comparison is a 决算 only when
final: is written and every period of the year is disclosed; before that it is the
plan's execution so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.contract.data import FundBudget, FundPeriod
from generator.contract.funds import Account
from generator.pages.funds import source_names
from generator.pages.tables import Cell

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetLine:
    """One source or category: planned, actual and how much of the plan was used."""

    label: str
    planned: Decimal | None  # None: not in the plan (计划外)
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        return self.actual - (self.planned or ZERO)

    @property
    def rate(self) -> str:
        """执行率: actual as a share of the plan, one decimal; "—" without a plan."""
        if not self.planned:
            return "—"
        return f"{(self.actual * 100 / self.planned).quantize(Decimal('0.1'))}%"


@dataclass(frozen=True)
class BudgetView:
    item: FundBudget
    income: tuple[BudgetLine, ...]
    expense: tuple[BudgetLine, ...]
    covered: tuple[str, ...]  # the labels of the year's disclosed periods, oldest first
    complete: bool  # every period of the year is disclosed

    @property
    def year(self) -> int:
        return self.item.budget.year

    @property
    def final(self) -> bool:
        """The comparison is the year's 决算."""
        return self.item.budget.final is not None and self.complete

    @property
    def page(self) -> str:
        return f"budget-{self.year}/"

    @property
    def stem(self) -> str:
        return f"budget-{self.year}"

    def total(self, side: str) -> BudgetLine:
        lines = self.income if side == "income" else self.expense
        planned = sum((line.planned or ZERO for line in lines), ZERO)
        return BudgetLine("合计", planned, sum((line.actual for line in lines), ZERO))


def budget_view(item: FundBudget, account: Account, periods: Sequence[FundPeriod]) -> BudgetView:
    year = item.budget.year
    mine = [p for p in periods if p.header.period.start.year == year]
    names = source_names(account)
    income: dict[str, Decimal] = {}
    expense: dict[str, Decimal] = {}
    for period in mine:
        for row in period.ledger.rows:
            if row.income is not None:
                key = names.get(row.source, row.source or "未写来源")
                income[key] = income.get(key, ZERO) + row.income
            if row.expense is not None:
                key = row.category or "未分类"
                expense[key] = expense.get(key, ZERO) + row.expense
    planned_income = [(names.get(x.source, x.source), x.amount) for x in item.budget.income]
    planned_expense = [(x.category, x.amount) for x in item.budget.expense]
    return BudgetView(
        item,
        _lines(planned_income, income),
        _lines(planned_expense, expense),
        tuple(p.header.period.label for p in mine),
        _covers_year(mine, year),
    )


def _lines(
    planned: list[tuple[str, Decimal]], actual: dict[str, Decimal]
) -> tuple[BudgetLine, ...]:
    plan: dict[str, Decimal] = {}
    for label, amount in planned:
        plan[label] = plan.get(label, ZERO) + amount
    lines = [BudgetLine(label, amount, actual.get(label, ZERO)) for label, amount in plan.items()]
    lines += [BudgetLine(k, None, value) for k, value in actual.items() if k not in plan]
    return tuple(lines)


def _covers_year(periods: Sequence[FundPeriod], year: int) -> bool:
    day, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for period in sorted(periods, key=lambda p: p.header.period.start):
        if period.header.period.start != day:
            return False
        day = period.header.period.end + dt.timedelta(days=1)
    return day > end


HEADERS = ["收支", "项目", "计划（元）", "实际（元）", "差额（元）", "执行率"]


def budget_table(view: BudgetView) -> tuple[list[str], list[list[Cell]]]:
    rows: list[list[Cell]] = []
    for side, lines in (("收入", view.income), ("支出", view.expense)):
        key = "income" if side == "收入" else "expense"
        for line in (*lines, view.total(key)):
            label = line.label if line.planned is not None else f"{line.label}（计划外）"
            rows.append([side, label, line.planned, line.actual, line.difference, line.rate])
    return HEADERS, rows
