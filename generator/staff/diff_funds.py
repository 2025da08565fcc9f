"""What changed in a settlement's fund disclosure, with the figures a reviewer checks.

A period's figures are the ledger's own: its rows' income and expense added as
Decimal (checks.fund_balances.totals, the sums the pages publish), the header's
opening balance, and the closing balance the pages show (opening + income −
expense). A change to a period that was sealed in the old version is an alert,
listed before everything else: the seal is the promise that published money
does not change silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from generator.checks.fund_balances import totals
from generator.contract.data import FundPeriod, Funds
from generator.read.ledger import LedgerRow

SHOWN_ROWS = 8  # changed vouchers listed in an alert before 等


def yuan(amount: Decimal) -> str:
    """12,345.60 元: exact, two decimals, as the pages print amounts."""
    return f"{amount:,.2f} 元"


@dataclass(frozen=True)
class Money:
    """A period's figures as published."""

    opening: Decimal
    income: Decimal
    expense: Decimal
    closing: Decimal  # opening + income − expense, as the pages show it
    written: Decimal  # the closing balance the header states

    @classmethod
    def of(cls, period: FundPeriod) -> Money:
        income, expense = totals(period)
        opening = period.header.opening_balance
        return cls(
            opening, income, expense, opening + income - expense, period.header.closing_balance
        )

    def figures(self) -> str:
        text = (
            f"期初余额 {yuan(self.opening)}，收入合计 {yuan(self.income)}，"
            f"支出合计 {yuan(self.expense)}，期末余额 {yuan(self.closing)}"
        )
        return text + self._mismatch()

    def compared(self, old: Money) -> str:
        """Each figure, old → new where it changed."""
        parts = [
            _change(name, before, after)
            for name, before, after in (
                ("期初余额", old.opening, self.opening),
                ("收入合计", old.income, self.income),
                ("支出合计", old.expense, self.expense),
                ("期末余额", old.closing, self.closing),
            )
        ]
        return "，".join(parts) + self._mismatch()

    def _mismatch(self) -> str:
        if self.written == self.closing:
            return ""
        return f"（表头写的期末余额是 {yuan(self.written)}，与台账算出的不一致）"


def _change(name: str, before: Decimal, after: Decimal) -> str:
    if before == after:
        return f"{name} {yuan(after)}（未变）"
    return f"{name} {yuan(before)} → {yuan(after)}"


def _amount(row: LedgerRow) -> str:
    if row.income is not None:
        return f"收入 {yuan(row.income)}"
    if row.expense is not None:
        return f"支出 {yuan(row.expense)}"
    return "无金额"


def row_changes(old: FundPeriod, new: FundPeriod) -> list[str]:
    """The ledger rows whose money changed, by voucher number (published on the ledger page)."""
    before = _by_voucher(old.ledger.rows)
    after = _by_voucher(new.ledger.rows)
    if before is None or after is None:  # no voucher numbers, or repeated: count the rows
        gone = _multiset_minus(old.ledger.rows, new.ledger.rows)
        came = _multiset_minus(new.ledger.rows, old.ledger.rows)
        return [f"台账改动 {len(gone) + len(came)} 行"] if gone or came else []
    lines = []
    for voucher, row in after.items():
        was = before.get(voucher)
        if was is None:
            lines.append(f"新增凭证 {voucher}（{_amount(row)}）")
        elif (was.income, was.expense) != (row.income, row.expense):
            lines.append(f"凭证 {voucher} {_amount(was)} → {_amount(row)}")
        elif _content(was) != _content(row):
            lines.append(f"凭证 {voucher} 金额未变、其他内容修改")
    lines += [f"删除凭证 {v}（{_amount(r)}）" for v, r in before.items() if v not in after]
    if len(lines) > SHOWN_ROWS:
        return [*lines[:SHOWN_ROWS], f"等共 {len(lines)} 处"]
    return lines


def _content(row: LedgerRow) -> tuple[object, ...]:
    """What a row says, wherever it stands in the file."""
    return tuple(getattr(row, f.name) for f in fields(row) if f.compare and f.name != "line")


def _by_voucher(rows: Iterable[LedgerRow]) -> dict[str, LedgerRow] | None:
    found: dict[str, LedgerRow] = {}
    for row in rows:
        if not row.voucher or row.voucher in found:
            return None
        found[row.voucher] = row
    return found


def _multiset_minus(rows: Iterable[LedgerRow], others: Iterable[LedgerRow]) -> list[LedgerRow]:
    left = [_content(r) for r in others]
    out = []
    for row in rows:
        key = _content(row)
        if key in left:
            left.remove(key)
        else:
            out.append(row)
    return out


def _money_changed(old: FundPeriod, new: FundPeriod) -> bool:
    return (
        old.ledger.digest() != new.ledger.digest()
        or Money.of(old) != Money.of(new)
        or old.header.subfunds != new.header.subfunds
    )


def funds(old: Funds | None, new: Funds | None) -> list[str]:
    """New, changed and withdrawn periods with their figures."""
    before = {q.header.period.key: q for q in old.periods} if old else {}
    after = {q.header.period.key: q for q in new.periods} if new else {}
    lines = []
    for key, period in sorted(after.items()):
        label = period.header.period.label
        was = before.get(key)
        if was is None:
            lines.append(f"{label}经费新公开：{Money.of(period).figures()}")
            continue
        if _money_changed(was, period):
            what = "台账修改" if was.ledger.digest() != period.ledger.digest() else "余额修改"
            lines.append(f"{label}{what}：{Money.of(period).compared(Money.of(was))}")
        extra = len(period.header.corrections) - len(was.header.corrections)
        if extra > 0:
            lines.append(f"{label}新增更正说明 {extra} 条")
        if was.header.seal is None and period.header.seal is not None:
            lines.append(f"{label}已封存")
        ignored = {"seal", "corrections", "opening_balance", "closing_balance", "subfunds"}
        if was.header.model_dump(exclude=ignored) != period.header.model_dump(exclude=ignored):
            lines.append(f"{label}公开信息修改（公开日期、台账文件或审核意见）")
    for key in sorted(set(before) - set(after)):
        lines.append(f"{before[key].header.period.label}经费撤下")
    return lines


def sealed(old: Funds | None, new: Funds | None) -> list[str]:
    """Every money change to a period sealed in the old version, with what changed and why."""
    if old is None:
        return []
    after = {q.header.period.key: q for q in new.periods} if new else {}
    alerts = []
    for was in old.periods:
        if not was.header.seal:
            continue
        label = was.header.period.label
        period = after.get(was.header.period.key)
        if period is None:
            alerts.append(f"{label}已封存，这次被撤下（原{Money.of(was).figures()}）")
            continue
        if not _money_changed(was, period):
            continue
        parts = [f"{label}已封存，这次改动了经费：{Money.of(period).compared(Money.of(was))}"]
        rows = row_changes(was, period)
        parts += [f"改动的台账：{'；'.join(rows)}"] if rows else []
        if was.header.subfunds != period.header.subfunds:
            parts.append("专项经费余额也有修改")
        known = {(c.date, c.reason) for c in was.header.corrections}
        added = [c for c in period.header.corrections if (c.date, c.reason) not in known]
        if added:
            parts.append(
                "更正说明：" + "；".join(f"{c.date.isoformat()} {c.reason}" for c in added)
            )
        elif period.header.corrections:
            parts.append("没有为这次改动新写更正说明")
        else:
            parts.append("没有写更正说明（检查会报错，网站不会更新）")
        alerts.append("。".join(parts))
    return alerts
