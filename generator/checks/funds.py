"""The fund rules of the data contract: every quarter's header against its ledger.

Row rules (vouchers, dates, sources, categories, two signatures), balance
rules (closing = opening + income − expense, opening = the previous closing) and
the seal (a sealed ledger may change only with a correction that explains why),
each failure reported with its file and row or header line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from generator.contract.data import FundQuarter
from generator.contract.funds import Account
from generator.errors import Report, codes
from generator.read.ledger import LedgerRow

# code -> (title, hint): the money rules
FUNDS_CODES: dict[str, tuple[str, str]] = codes(
    {
        "funds.duplicate_voucher": (
            "凭证号重复",
            "同一账户的凭证号不能重复：请核对原始凭证，改正重复的编号。",
        ),
        "funds.date_outside": (
            "日期不在本季度内",
            "请把这一笔移到它所属季度的台账中，或改正日期。",
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
        "funds.signers": (
            "支出没有做到双签字",
            "每笔支出的经办人、审批人、审签人必须是三个不同的人。",
        ),
        "funds.balance": (
            "期末余额对不上",
            "期末余额 = 期初余额 + 本季度收入合计 − 本季度支出合计。请核对台账和余额。",
        ),
        "funds.opening": (
            "期初余额与上季度期末余额不一致",
            "本季度的期初余额必须等于上一季度公开的期末余额。",
        ),
        "funds.seal_broken": (
            "已封存的季度台账被改动了",
            "已公开并封存的台账不能悄悄修改：如确需更正，请在 corrections 中写明更正日期和原因，"
            "网站会公开显示这条更正；然后运行 portal funds seal 重新封存。",
        ),
        "funds.quarter_name": (
            "季度文件名与内容不一致",
            "文件名应与 quarter 一致，例如 2025-Q1.yml 里写 quarter: 2025-Q1。",
        ),
        "funds.not_ended": (
            "季度还没有结束就公开了",
            "请在季度结束后再公开，或检查 quarter 和 published 是否写错。",
        ),
    }
)


def check_funds(
    account: Account | None,
    quarters: Iterable[FundQuarter],
    report: Report,
    account_path: Path,
) -> None:
    """Every fund rule on what loaded: without account.yml the rows' sources and
    categories wait, and a ledger with mistakes is not summed; both are said."""
    vouchers: dict[str, str] = {}
    previous: FundQuarter | None = None
    if account is None and account_path.is_file():
        report.skipped(account_path, "台账中的资金来源和类别是否在 account.yml 中")
    for quarter in quarters:
        _check_header(quarter, report)
        for row in quarter.ledger.rows:
            _check_row(account, quarter, row, vouchers, report)
        if quarter.ledger.complete:
            _check_balances(quarter, previous, report)
            _check_seal(quarter, report)
        else:
            what = f"{quarter.header.quarter.label}的余额是否对得上、封存后是否被改动"
            report.skipped(quarter.ledger.path, what)
        previous = quarter


def totals(quarter: FundQuarter) -> tuple[Decimal, Decimal]:
    """Total income and total expense of a quarter's ledger, exact."""
    rows = quarter.ledger.rows
    income = sum((r.income for r in rows if r.income is not None), Decimal("0.00"))
    expense = sum((r.expense for r in rows if r.expense is not None), Decimal("0.00"))
    return income, expense


def _place(quarter: FundQuarter, key: str) -> tuple[int, int]:
    return quarter.source.place((key,)) if quarter.source else (1, 1)


def _check_header(quarter: FundQuarter, report: Report) -> None:
    header = quarter.header
    if quarter.path.stem != header.quarter.key:
        report.add(
            "funds.quarter_name",
            f"文件名是 {quarter.path.name}，但里面写的是 {header.quarter.key}",
            quarter.path,
            *_place(quarter, "quarter"),
        )
    if header.published <= header.quarter.end:
        report.add(
            "funds.not_ended",
            f"{header.quarter.label}到 {header.quarter.end} 才结束，不能在 {header.published} 公开",
            quarter.path,
            *_place(quarter, "published"),
        )


def _check_row(
    account: Account | None,
    quarter: FundQuarter,
    row: LedgerRow,
    vouchers: dict[str, str],
    report: Report,
) -> None:
    path, line, col = quarter.ledger.path, row.line, row.columns

    def add(code: str, message: str, column: str) -> None:
        report.add(code, message, path, line, col.get(column, 0))

    if row.voucher in vouchers:
        add(
            "funds.duplicate_voucher",
            f"凭证号 {row.voucher} 重复（已出现在 {vouchers[row.voucher]}）",
            "voucher",
        )
    else:
        vouchers[row.voucher] = f"{path.name} 第 {line} 行"
    if row.date and not quarter.header.quarter.contains(row.date):
        add("funds.date_outside", f"日期 {row.date} 不在{quarter.header.quarter.label}内", "date")
    sources = {x.id for x in account.sources} | {x.name for x in account.sources} if account else ()
    if account is not None and row.source and row.source not in sources:
        add(
            "funds.unknown_source",
            f"资金来源「{row.source}」不在 account.yml 的 sources 中",
            "source",
        )
    if row.expense is not None and not row.category:
        add("funds.missing_category", "支出没有填写类别", "category")
    elif account is not None and row.category and row.category not in account.categories:
        add(
            "funds.unknown_category",
            f"类别「{row.category}」不在 account.yml 的 categories 中",
            "category",
        )
    if row.expense is not None:
        _check_signers(row, path, report)


def _check_signers(row: LedgerRow, path: Path, report: Report) -> None:
    """双签字: handler, approver and countersigner are three different people."""
    if not row.approver or not row.countersigner:
        return  # the ledger reader reports the empty cell
    names = {"经办人": row.handler, "审批人": row.approver, "审签人": row.countersigner}
    if len(set(names.values())) < 3:
        same = [k for k, v in names.items() if list(names.values()).count(v) > 1]
        report.add(
            "funds.signers",
            f"{'、'.join(same)}是同一个人（{names[same[0]]}），支出须由不同的人审批、审签",
            path,
            row.line,
            row.columns.get("approver", 0),
        )


def _check_balances(quarter: FundQuarter, previous: FundQuarter | None, report: Report) -> None:
    header = quarter.header
    income, expense = totals(quarter)
    expected = header.opening_balance + income - expense
    if expected != header.closing_balance:
        report.add(
            "funds.balance",
            f"期末余额写的是 {header.closing_balance}，但 期初 {header.opening_balance}"
            f" + 收入 {income} − 支出 {expense} = {expected}",
            quarter.path,
            *_place(quarter, "closing_balance"),
        )
    follows = previous is not None and previous.header.quarter.next() == header.quarter
    if follows and previous.header.closing_balance != header.opening_balance:
        report.add(
            "funds.opening",
            f"期初余额 {header.opening_balance} 与上一季度（{previous.header.quarter.label}）"
            f"的期末余额 {previous.header.closing_balance} 不一致",
            quarter.path,
            *_place(quarter, "opening_balance"),
        )


SEAL = re.compile(r"sha256:[0-9a-f]{64}")


def seal_of(quarter: FundQuarter) -> str:
    """The seal `portal funds seal` writes: the digest of the ledger's rows."""
    return f"sha256:{quarter.ledger.digest()}"


def _check_seal(quarter: FundQuarter, report: Report) -> None:
    """A sealed ledger that changed fails, unless corrections say when and why."""
    header = quarter.header
    if not header.seal or header.seal == seal_of(quarter) or header.corrections:
        return
    ledger = quarter.ledger.path.name
    if SEAL.fullmatch(header.seal):
        why = f"台账 {ledger} 在封存后被改动过，与封存时的内容不一致"
    else:
        why = f"封存标记「{header.seal}」不是 seal 命令写入的（应由 portal funds seal 生成）"
    report.add(
        "funds.seal_broken",
        f"{why}；如确需更正，请在 corrections 中写明更正日期和原因",
        quarter.path,
        *_place(quarter, "seal"),
    )
