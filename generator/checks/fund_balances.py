"""Balances: closing = opening + income − expense for the account and every sub-fund,
opening = the previous closing (or 0 when the year starts and 结余不得转存), the running
余额 a ledger writes, no two periods covering the same days, the seal, the year's plan."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from decimal import Decimal

from generator.contract.data import FundBudget, FundPeriod
from generator.contract.funds import Account
from generator.errors import Report, codes

ZERO = Decimal("0.00")

BALANCE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "funds.balance": (
            "期末余额对不上",
            "期末余额 = 期初余额 + 本期收入合计 − 本期支出合计。请核对台账和余额。",
        ),
        "funds.opening": (
            "期初余额与上一期期末余额不一致",
            "本期的期初余额必须等于上一期公开的期末余额；account.yml 写了 carry_over: false"
            "（结余不得转存）的，每年第一期的期初余额是 0。",
        ),
        "funds.subfund_balance": (
            "专项经费的余额对不上",
            "有专项经费的账户，每期文件的 subfunds 要写每个专项的期初、期末余额；"
            "各专项相加等于账户的余额，每个专项的期末 = 期初 + 该专项收入 − 该专项支出。",
        ),
        "funds.running_balance": (
            "台账“余额”一列对不上",
            "每行的余额 = 上一行的余额 + 本行收入 − 本行支出（第一行从期初余额算起）。"
            "请核对这一行或它上面的金额。",
        ),
        "funds.overlap": (
            "两期公开的日期重叠",
            "同一段时间只能公开一次：按月公开后就不要再写包含这些月份的季度文件（或反过来）。",
        ),
        "funds.seal_broken": (
            "已封存的台账被改动了",
            "已公开并封存的台账不能悄悄修改：如确需更正，请在 corrections 中写明更正日期和原因，"
            "网站会公开显示这条更正；然后运行 portal funds seal 重新封存。",
        ),
        "funds.budget": (
            "年度收支计划有误",
            "文件名写成 budget-2026.yml，里面 year: 2026；来源和类别要用 account.yml 里的；"
            "决算（final）的日期要在这一年结束之后。",
        ),
    }
)


def place(period: FundPeriod, *key: str | int) -> tuple[int, int]:
    return period.source.place(key) if period.source else (1, 1)


def totals(period: FundPeriod, fund: tuple[str, ...] = ()) -> tuple[Decimal, Decimal]:
    """Total income and total expense of a period's ledger (or of the rows of the sub-fund
    written as any of fund: its id and its name)."""
    rows = [r for r in period.ledger.rows if not fund or r.fund in fund]
    income = sum((r.income for r in rows if r.income is not None), ZERO)
    expense = sum((r.expense for r in rows if r.expense is not None), ZERO)
    return income, expense


def expected_opening(
    account: Account | None, period: FundPeriod, previous: FundPeriod | None
) -> tuple[Decimal, str] | None:
    """What the opening balance must be, and why; None when nothing says."""
    start = period.header.period.start
    if account is not None and not account.carry_over and (start.month, start.day) == (1, 1):
        return ZERO, "account.yml 写了结余不得转存（carry_over: false），每年第一期从 0 开始"
    if previous is not None and previous.header.period.end + dt.timedelta(days=1) == start:
        label = previous.header.period.label
        return previous.header.closing_balance, f"上一期（{label}）的期末余额"
    return None


def check_balances(
    account: Account | None, period: FundPeriod, previous: FundPeriod | None, report: Report
) -> None:
    header = period.header
    wrong = _closing(header.opening_balance, *totals(period), header.closing_balance)
    if wrong:
        report.add("funds.balance", wrong, period.path, *place(period, "closing_balance"))
    opening = expected_opening(account, period, previous)
    if opening is not None and opening[0] != header.opening_balance:
        report.add(
            "funds.opening",
            f"期初余额 {header.opening_balance} 与{opening[1]} {opening[0]} 不一致",
            period.path,
            *place(period, "opening_balance"),
        )
    _check_stated_opening(period, report)
    _check_running(period, report)
    if account is not None:
        _check_subfunds(account, period, previous, report)


def _closing(opening: Decimal, income: Decimal, expense: Decimal, written: Decimal) -> str:
    """What is wrong with a written closing balance, or "" when it is opening + in − out."""
    expected = opening + income - expense
    if expected == written:
        return ""
    sums = f"期初 {opening} + 收入 {income} − 支出 {expense} = {expected}"
    return f"期末余额写的是 {written}，但 {sums}"


def _check_stated_opening(period: FundPeriod, report: Report) -> None:
    """A 上期结余 row's 余额 must be the header's opening balance."""
    if period.ledger.opening is None:
        return
    line, stated = period.ledger.opening
    if stated != period.header.opening_balance:
        report.add(
            "funds.running_balance",
            f"台账的上期结余行写的是 {stated} 元，但本期文件的期初余额是 "
            f"{period.header.opening_balance} 元",
            period.ledger.path,
            line,
        )


def _check_running(period: FundPeriod, report: Report) -> None:
    """The 余额 column, where the ledger has one, row by row from the opening balance."""
    running = period.header.opening_balance
    for row in period.ledger.rows:
        running += (row.income or ZERO) - (row.expense or ZERO)
        if row.balance is not None and row.balance != running:
            report.add(
                "funds.running_balance",
                f"这一行的余额写的是 {row.balance} 元，按上面各行算应是 {running} 元",
                period.ledger.path,
                row.line,
                row.columns.get("balance", 0),
            )
            return  # one is enough: every row below would differ too


def _check_subfunds(
    account: Account, period: FundPeriod, previous: FundPeriod | None, report: Report
) -> None:
    header = period.header
    written = dict(header.subfunds)
    for key in written:
        if account.subfund(key) is None:
            known = "、".join(f.name for f in account.subfunds) or "（账户没有专项经费）"
            report.add(
                "funds.unknown_subfund",
                f"subfunds 中的「{key}」不在 account.yml 的专项经费中：{known}",
                period.path,
                *place(period, "subfunds", key),
            )
    if not account.subfunds or period.ledger.layout == "board":
        return  # a board's posting does not say which sub-fund paid: nothing to check
    openings, closings = ZERO, ZERO
    for fund in account.subfunds:
        key = next((k for k in written if k in (fund.id, fund.name)), None)
        if key is None:
            report.add(
                "funds.subfund_balance",
                f"缺少专项「{fund.name}」的期初、期末余额（在 subfunds 下写 {fund.id}: "
                "{opening_balance: …, closing_balance: …}）",
                period.path,
                *place(period, "subfunds"),
            )
            continue
        balances = written[key]
        openings += balances.opening_balance
        closings += balances.closing_balance
        rows = totals(period, (fund.id, fund.name))
        wrong = _closing(balances.opening_balance, *rows, balances.closing_balance)
        if wrong:
            report.add(
                "funds.subfund_balance",
                f"专项「{fund.name}」{wrong}",
                period.path,
                *place(period, "subfunds", key, "closing_balance"),
            )
        before = _previous_subfund(account, period, previous, fund.id)
        if before is not None and before[0] != balances.opening_balance:
            report.add(
                "funds.opening",
                f"专项「{fund.name}」期初余额 {balances.opening_balance} 与{before[1]} "
                f"{before[0]} 不一致",
                period.path,
                *place(period, "subfunds", key, "opening_balance"),
            )
    if len(written) >= len(account.subfunds):
        for what, total, whole in (
            ("期初", openings, header.opening_balance),
            ("期末", closings, header.closing_balance),
        ):
            if total != whole:
                report.add(
                    "funds.subfund_balance",
                    f"各专项{what}余额相加是 {total}，但账户的{what}余额写的是 {whole}",
                    period.path,
                    *place(period, "subfunds"),
                )


def _previous_subfund(
    account: Account, period: FundPeriod, previous: FundPeriod | None, fund_id: str
) -> tuple[Decimal, str] | None:
    """What a sub-fund's opening balance must be, and why; None when nothing says."""
    start = period.header.period.start
    if not account.carry_over and (start.month, start.day) == (1, 1):
        return ZERO, "结余不得转存时每年第一期的 0"
    if previous is None or previous.header.period.end + dt.timedelta(days=1) != start:
        return None
    fund = account.subfund(fund_id)
    assert fund is not None
    key = next((k for k in previous.header.subfunds if k in (fund.id, fund.name)), None)
    if key is None:
        return None
    label = previous.header.period.label
    return previous.header.subfunds[key].closing_balance, f"上一期（{label}）该专项的期末余额"


def check_overlaps(periods: Sequence[FundPeriod], report: Report) -> None:
    """A month inside a disclosed quarter (or two files for one period) is refused."""
    ordered = sorted(periods, key=lambda p: (p.header.period.start, p.path.name))
    for before, after in itertools.pairwise(ordered):
        if after.header.period.start <= before.header.period.end:
            report.add(
                "funds.overlap",
                f"{after.header.period.label}与 {before.path.name}（{before.header.period.label}）"
                "的日期重叠",
                after.path,
                *place(after, "quarter" if after.header.quarter else "month"),
            )


SEAL = re.compile(r"sha256:[0-9a-f]{64}")


def seal_of(period: FundPeriod) -> str:
    """The seal `portal funds seal` writes: the digest of the ledger's rows."""
    return f"sha256:{period.ledger.digest()}"


def check_seal(period: FundPeriod, report: Report) -> None:
    """A sealed ledger that changed fails, unless corrections say when and why."""
    header = period.header
    if not header.seal or header.seal == seal_of(period) or header.corrections:
        return
    ledger = period.ledger.path.name
    if SEAL.fullmatch(header.seal):
        why = f"台账 {ledger} 在封存后被改动过，与封存时的内容不一致"
    else:
        why = f"封存标记「{header.seal}」不是 seal 命令写入的（应由 portal funds seal 生成）"
    report.add(
        "funds.seal_broken",
        f"{why}；如确需更正，请在 corrections 中写明更正日期和原因",
        period.path,
        *place(period, "seal"),
    )


def check_budgets(
    account: Account,
    periods: Sequence[FundPeriod],
    budgets: Sequence[FundBudget],
    report: Report,
) -> None:
    sources = {s.id for s in account.sources} | {s.name for s in account.sources}
    for item in budgets:
        budget, path = item.budget, item.path

        def at(*key: str | int, item: FundBudget = item) -> tuple[int, int]:
            return item.source.place(key) if item.source else (1, 1)

        if path.stem != f"budget-{budget.year}":
            message = f"文件名是 {path.name}，但里面写的是 year: {budget.year}"
            report.add("funds.budget", message, path, *at("year"))
        for index, line in enumerate(budget.income):
            if line.source not in sources:
                message = f"计划收入的资金来源「{line.source}」不在 account.yml 的 sources 中"
                report.add("funds.unknown_source", message, path, *at("income", index, "source"))
        for index, line in enumerate(budget.expense):
            if line.category not in account.categories:
                message = f"计划支出的类别「{line.category}」不在 account.yml 的 categories 中"
                report.add(
                    "funds.unknown_category", message, path, *at("expense", index, "category")
                )
        if budget.final is not None and budget.final.date <= dt.date(budget.year, 12, 31):
            message = f"{budget.year}年的决算日期 {budget.final.date} 早于这一年结束"
            report.add("funds.budget", message, path, *at("final", "date"))
