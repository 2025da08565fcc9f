"""What the fund pages show, worked out once: each period with its figures and status,
each ledger row as residents read it, and the signing rules in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.checks.fund_balances import seal_of
from generator.contract.data import FundPeriod, Funds
from generator.contract.funds import Account
from generator.pages import disclosure, funds
from generator.pages.disclosure import Disclosure
from generator.pages.funds import Figures
from generator.pages.types import PortalContext
from generator.read.ledger import SIGNATURE_COLUMNS, LedgerRow
from generator.read.values import KIND_NAMES, Period


@dataclass(frozen=True)
class PeriodView:
    """One kept month or quarter, with what both the overview and its own page show."""

    item: FundPeriod
    figures: Figures
    disclosure: Disclosure  # as of today
    sealed: bool  # a seal is written and still matches the ledger

    @property
    def period(self) -> Period:
        return self.item.header.period

    @property
    def noun(self) -> str:
        """季度 or 月."""
        return KIND_NAMES[self.period.kind]

    @property
    def short(self) -> str:
        """季 or 月: 本季收入合计, 本月收入合计."""
        return "月" if self.period.kind == "month" else "季"

    @property
    def page(self) -> str:
        """The page's folder, relative to the overview."""
        return f"{self.period.key}/"

    @property
    def csv(self) -> str:
        """The period's CSV, relative to the overview."""
        return f"{self.period.key}.csv"

    @property
    def xlsx(self) -> str:
        return f"{self.period.key}.xlsx"

    @property
    def missing(self) -> tuple[str, ...]:
        """What this ledger does not say, in words (a notice board's posting says little)."""
        present = self.item.ledger.present
        wanted = {
            "date": "日期", "voucher": "凭证号", "category": "支出类别", "source": "资金来源",
            "handler": "经办人", "approver": "审批签字",
        }  # fmt: skip
        return tuple(name for key, name in wanted.items() if key not in present)


@dataclass(frozen=True)
class TrendRow:
    """One period in the trend chart: bars scaled to the largest amount of any period."""

    view: PeriodView
    income_width: str
    expense_width: str


@dataclass(frozen=True)
class StatusView:
    """The latest ended period's disclosure (or the one before), with its page if published."""

    disclosure: Disclosure
    view: PeriodView | None


@dataclass(frozen=True)
class RowView:
    """A ledger row as the card and the table show it."""

    date: str
    voucher: str
    summary: str
    category: str
    source: str
    fund: str
    kind: str  # 收入 or 支出
    side: str  # income or expense
    amount: str  # with separators
    signatures: tuple[tuple[str, str], ...]  # (role in words, name)
    approval: str  # the level that approves this amount, when the account has levels
    rule: str  # how many sign an expense of this amount: 双签字, 四人签字
    note: str
    cells: dict[str, str]  # the table's cells by column key


def period_views(context: PortalContext, data: Funds) -> tuple[PeriodView, ...]:
    """Every kept period, newest first."""
    policy = context.portal.funds
    views = []
    for item in funds.kept(data.periods):
        header = item.header
        days = disclosure.deadline_days(policy, header.period.kind)
        status = disclosure.status(header.period, header.published, context.today, days)
        sealed = header.seal == seal_of(item)
        views.append(PeriodView(item, funds.figures(item, data.account), status, sealed))
    return tuple(views)


def trend(views: Sequence[PeriodView]) -> tuple[TrendRow, ...]:
    """Income and expense of every period, oldest first, as bar widths."""
    largest = max((max(v.figures.income, v.figures.expense) for v in views), default=Decimal("0"))

    def width(amount: Decimal) -> str:
        share = (amount * 100 / largest).quantize(Decimal("0.1")) if largest else Decimal("0")
        return f"{share}%"

    return tuple(
        TrendRow(v, width(v.figures.income), width(v.figures.expense)) for v in reversed(views)
    )


def statuses(context: PortalContext, views: Sequence[PeriodView]) -> tuple[StatusView, ...]:
    by_period = {v.period: v for v in views}
    recent = disclosure.recent(context.settlement.funds, context.today, context.portal.funds)
    return tuple(StatusView(d, by_period.get(d.period)) for d in recent)


def row_views(item: FundPeriod, account: Account) -> tuple[RowView, ...]:
    names = funds.source_names(account)
    roles = {s.column: s.role for s in account.signer_rules}

    def amount(value: Decimal | None) -> str:
        return funds.money(value) if value is not None else ""

    def view(row: LedgerRow) -> RowView:
        side = "income" if row.income is not None else "expense"
        value = row.income if row.income is not None else row.expense
        signed = [("经办人", row.handler)] if row.handler else []
        for key, column in SIGNATURE_COLUMNS.items():
            name = getattr(row, key)
            if name:
                role = roles.get(key)
                signed.append((f"{column}（{role}）" if role else column, name))
        level = account.approval_for(row.expense) if row.expense is not None else None
        approval = f"{level[1].by}审批" if level and account.approval else ""
        if item.ledger.layout == "board":  # a posting has no signatures to show a rule for
            approval = ""
        signing = row.expense is not None and item.ledger.layout != "board"
        needed = len(account.required_signatures(row.expense)) if signing else 0
        rule = ("双签字" if needed == 2 else f"{_count(needed)}人签字") if needed else ""
        cells = {
            "date": row.date.isoformat() if row.date else "",
            "voucher": row.voucher,
            "summary": row.summary,
            "category": row.category,
            "source": names.get(row.source, row.source),
            "fund": fund.name if (fund := account.subfund(row.fund)) else row.fund,
            "income": amount(row.income),
            "expense": amount(row.expense),
            "handler": row.handler,
            "note": row.note,
        } | {key: getattr(row, key) for key in SIGNATURE_COLUMNS}
        return RowView(
            cells["date"], row.voucher, row.summary, row.category, cells["source"],
            cells["fund"], "收入" if side == "income" else "支出", side,
            amount(value), tuple(signed), approval, rule, row.note, cells,
        )  # fmt: skip

    return tuple(view(row) for row in item.ledger.rows)


def table_columns(item: FundPeriod) -> tuple[tuple[str, str], ...]:
    """The ledger table's columns: those the file has (a board posting has three)."""
    present = item.ledger.present | {"summary"}
    if "amount" in present:
        present |= {"income", "expense"} if item.ledger.layout == "ledger" else {"expense"}
    if item.ledger.layout == "board":
        present = present - {"income"}
    order = (
        ("date", "日期"), ("voucher", "凭证号"), ("summary", "摘要"), ("category", "类别"),
        ("source", "资金来源"), ("fund", "专项"), ("income", "收入"), ("expense", "支出"),
        ("handler", "经办人"), ("approver", "审批人"), ("countersigner", "审签人"),
        ("third", "第三签字人"), ("witness", "证明人"), ("note", "备注"),
    )  # fmt: skip
    return tuple((key, name) for key, name in order if key in present)


def signing_rules(account: Account) -> tuple[str, ...]:
    """The account's signing and approval rules in sentences; "双签字" only where it is two."""
    rules = account.signer_rules
    always = [s for s in rules if s.over is None]
    more = [s for s in rules if s.over is not None]
    parts = "、".join(f"{s.role}（{SIGNATURE_COLUMNS[s.column]}）" for s in always)
    count = "双签字" if len(always) == 2 else f"{_count(len(always))}人签字"
    lines = [f"每笔支出除经办人外，由{parts}签字" + ("。" if more else f"（{count}）。")]
    if not always:
        lines = []
    elif len(always) == 2 and {s.column for s in always} == {"approver", "countersigner"}:
        first, second = sorted(always, key=lambda s: s.column)
        end = "。" if more else f"（{count}）。"
        lines = [f"每笔支出由{first.role}审批、{second.role}审签{end}"]
    for over in sorted({s.over for s in more if s.over is not None}):
        extra = [s for s in more if s.over == over]
        names = "、".join(f"{s.role}（{SIGNATURE_COLUMNS[s.column]}）" for s in extra)
        total = len(account.required_signatures(over + Decimal("0.01")))
        lines.append(
            f"超过 {yuan(over)} 元的支出，还须{names}签字（共{_count(total)}人签字）。"
        )
    if account.approval:
        steps, low = [], None
        for a in account.approval:
            if a.up_to is None:
                steps.append(f"{yuan(low or Decimal(0))} 元以上由{a.by}审批")
            elif low is None:
                steps.append(f"{yuan(a.up_to)} 元及以下由{a.by}审批")
            else:
                steps.append(f"{yuan(low)} 元以上至 {yuan(a.up_to)} 元由{a.by}审批")
            low = a.up_to
        lines.append("审批权限：" + "；".join(steps) + "。")
    return tuple(lines)


def yuan(amount: Decimal) -> str:
    """An amount in a sentence: 1,000 元 for whole yuan, 1,234.50 元 otherwise."""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else funds.money(amount)


def _count(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 0 < n <= 10 else str(n)
