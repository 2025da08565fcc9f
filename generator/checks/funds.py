"""The fund rules of the data contract: every period's header and rows against account.yml.

Row rules here (vouchers unique in their scope, dates inside the period, sources,
categories and sub-funds from account.yml, signatures by amount, the approval level);
balances, sub-funds, the running 余额, the seal and the year's plan in
checks/fund_balances.py. Each failure names its file and row or header line.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from generator.checks.fund_balances import (
    BALANCE_CODES,
    check_balances,
    check_budgets,
    check_overlaps,
    check_seal,
    place,
    seal_of,
    totals,
)
from generator.contract.data import FundBudget, FundPeriod
from generator.contract.funds import Account
from generator.errors import Report, codes
from generator.read.ledger import SIGNATURE_COLUMNS, LedgerRow
from generator.read.values import FundMonth, Quarter
from generator.read.values.periods import KIND_NAMES

__all__ = ["FUNDS_CODES", "check_funds", "seal_of", "totals"]

# code -> (title, hint): the money rules
FUNDS_CODES: dict[str, tuple[str, str]] = codes(
    {
        "funds.duplicate_voucher": (
            "凭证号重复",
            "凭证号在 account.yml 的 voucher_scope 范围内（默认整个账户）不能重复：请核对原始凭证，"
            "改正重复的编号；如果凭证号每月或每年从 1 重新编，请在 account.yml 写 voucher_scope。",
        ),
        "funds.date_outside": (
            "日期不在本期内",
            "请把这一笔移到它所属那一期的台账中，或改正日期。",
        ),
        "funds.unknown_source": (
            "资金来源不在账户说明中",
            "资金来源要写 account.yml 中 sources 的编号或名称；新的来源请先加到 account.yml。",
        ),
        "funds.missing_category": (
            "支出没有填写类别",
            "每笔支出都要写类别，类别须是 account.yml 的 categories 之一。",
        ),
        "funds.unknown_category": (
            "类别不在账户说明中",
            "类别要写 account.yml 中 categories 列出的名称；新的类别请先加到 account.yml。",
        ),
        "funds.unknown_subfund": (
            "专项不在账户说明中",
            "“专项”一列要写 account.yml 中 subfunds 的编号或名称；没有专项经费的账户不要写这一列。",
        ),
        "funds.signers": (
            "支出的签字不符合签字规则",
            "每笔支出要按 account.yml 的 signers 签字：该签的列都要签，经办人和各签字人"
            "必须是不同的人。",
        ),
        "funds.approval": (
            "支出的审批人不符合审批权限",
            "按 account.yml 的 approval，每一级只能批不超过它 up_to 的金额；"
            "更大的支出要由上一级审批。",
        ),
        "funds.quarter_name": (
            "文件名与内容不一致",
            "文件名应与公开的那一期一致，例如 2025-Q1.yml 里写 quarter: 2025-Q1，"
            "2025-07.yml 里写 month: 2025-07。",
        ),
        "funds.not_ended": (
            "这一期还没有结束就公开了",
            "请在这一期结束后再公开，或检查 quarter/month 和 published 是否写错。",
        ),
    }
    | BALANCE_CODES
)


def check_funds(
    account: Account | None,
    periods: Iterable[FundPeriod],
    report: Report,
    account_path: Path,
    budgets: Iterable[FundBudget] = (),
) -> None:
    """Every fund rule on what loaded: without account.yml the rows' sources, categories
    and signatures wait, and a ledger with mistakes is not summed; both are said."""
    periods = tuple(periods)
    vouchers: dict[tuple[str, str], str] = {}
    previous: FundPeriod | None = None
    if account is None and account_path.is_file():
        report.skipped(account_path, "台账中的资金来源、类别、专项和签字是否符合 account.yml")
    check_overlaps(periods, report)
    for period in periods:
        _check_header(period, report)
        for row in period.ledger.rows:
            _check_row(account, period, row, vouchers, report)
        if period.ledger.complete:
            check_balances(account, period, previous, report)
            check_seal(period, report)
        else:
            what = f"{period.header.period.label}的余额是否对得上、封存后是否被改动"
            report.skipped(period.ledger.path, what)
        previous = period
    if account is not None:
        check_budgets(account, periods, tuple(budgets), report)


def _check_header(period: FundPeriod, report: Report) -> None:
    header = period.header
    if period.path.stem != header.period.key:
        key = "quarter" if header.quarter else "month"
        report.add(
            "funds.quarter_name",
            f"文件名是 {period.path.name}，但里面写的是 {header.period.key}",
            period.path,
            *place(period, key),
        )
    if header.published <= header.period.end:
        noun = KIND_NAMES[header.period.kind]
        report.add(
            "funds.not_ended",
            f"{header.period.label}到 {header.period.end} 才结束，这一{noun}不能在 "
            f"{header.published} 公开",
            period.path,
            *place(period, "published"),
        )


def _voucher_scope(account: Account | None, period: FundPeriod, row: LedgerRow) -> str:
    """The stretch of time in which the row's voucher number must be unique."""
    scope = account.voucher_scope if account else "account"
    day = row.date or period.header.period.start
    if scope == "month":
        return FundMonth.of_date(day).key
    if scope == "quarter":
        return Quarter.of_date(day).key
    return str(day.year) if scope == "year" else ""


def _check_row(
    account: Account | None,
    period: FundPeriod,
    row: LedgerRow,
    vouchers: dict[tuple[str, str], str],
    report: Report,
) -> None:
    ledger = period.ledger
    path, line, col = ledger.path, row.line, row.columns

    def add(code: str, message: str, column: str) -> None:
        report.add(code, message, path, line, col.get(column, 0))

    if row.voucher:
        key = (_voucher_scope(account, period, row), row.voucher)
        if key in vouchers:
            add(
                "funds.duplicate_voucher",
                f"凭证号 {row.voucher} 重复（已出现在 {vouchers[key]}）",
                "voucher",
            )
        else:
            vouchers[key] = f"{path.name} 第 {line} 行"
    if row.date and not period.header.period.contains(row.date):
        add("funds.date_outside", f"日期 {row.date} 不在{period.header.period.label}内", "date")
    categorised = ledger.layout != "board" or "category" in ledger.present
    if row.expense is not None and not row.category and categorised:
        add("funds.missing_category", "支出没有填写类别", "category")
    if account is None:
        return
    sources = {x.id for x in account.sources} | {x.name for x in account.sources}
    if row.source and row.source not in sources:
        add(
            "funds.unknown_source",
            f"资金来源「{row.source}」不在 account.yml 的 sources 中",
            "source",
        )
    if row.category and row.category not in account.categories:
        add(
            "funds.unknown_category",
            f"类别「{row.category}」不在 account.yml 的 categories 中",
            "category",
        )
    if row.fund and account.subfund(row.fund) is None:
        known = "、".join(f.name for f in account.subfunds) or "（账户没有专项经费）"
        add("funds.unknown_subfund", f"专项「{row.fund}」不在 account.yml 中：{known}", "fund")
    if row.expense is not None and ledger.layout != "board":
        _check_signatures(account, row, path, report)
        _check_approval(account, row, path, report)


def _check_signatures(account: Account, row: LedgerRow, path: Path, report: Report) -> None:
    """Every signature the amount needs is there, and no one signs twice."""
    assert row.expense is not None
    for rule in account.required_signatures(row.expense):
        if rule.over is not None and not getattr(row, rule.column):
            report.add(
                "funds.signers",
                f"支出 {row.expense} 元超过 {_yuan(rule.over)} 元，还须"
                f"{SIGNATURE_COLUMNS[rule.column]}（{rule.role}）签字",
                path,
                row.line,
                row.columns.get(rule.column, 0),
            )
    present = {key for key in SIGNATURE_COLUMNS if getattr(row, key)}
    if set(account.always_signed) - present:
        return  # a required signature is missing: the ledger reader reports the empty cell
    signed = {"经办人": row.handler} | {SIGNATURE_COLUMNS[k]: getattr(row, k) for k in present}
    names = [n for n in signed.values() if n]
    if len(set(names)) < len(names):
        same = [k for k, v in signed.items() if v and names.count(v) > 1]
        report.add(
            "funds.signers",
            f"{'、'.join(same)}是同一个人（{signed[same[0]]}），支出须由不同的人经办、签字",
            path,
            row.line,
            row.columns.get("approver", row.columns.get(_key_of(same[-1]), 0)),
        )


def _yuan(amount: Decimal | None) -> str:
    """1000 for a whole amount of yuan, 1000.50 otherwise."""
    return f"{amount:.2f}".removesuffix(".00")


def _key_of(name: str) -> str:
    return next((k for k, v in SIGNATURE_COLUMNS.items() if v == name), "handler")


def _check_approval(account: Account, row: LedgerRow, path: Path, report: Report) -> None:
    """审批权限: the amount picks the level; named approvers must be of that level or above."""
    if not account.approval:
        return
    assert row.expense is not None
    found = account.approval_for(row.expense)
    column = row.columns.get("approver", 0)
    if found is None:
        top = account.approval[-1]
        report.add(
            "funds.approval",
            f"支出 {row.expense} 元超过了审批权限最高一级"
            f"（{top.by}，不超过 {_yuan(top.up_to)} 元）",
            path,
            row.line,
            column,
        )
        return
    level, rule = found
    allowed = {name for higher in account.approval[level:] for name in higher.names}
    if allowed and row.approver and row.approver not in allowed:
        who = "、".join(rule.names) or rule.by
        report.add(
            "funds.approval",
            f"支出 {row.expense} 元应由{rule.by}（{who}）或更高一级审批，"
            f"台账写的审批人是「{row.approver}」",
            path,
            row.line,
            column,
        )

