"""三资公开 as residents read it: each item a card, each file a downloadable table, totals.

Every figure stays exact: values, amounts and areas are ``Decimal`` and are added as
``Decimal``; areas are totalled per unit (亩 and 平方米 are never added together).
A contract's status depends on the day the site is built (``today``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.contract.sanzi import Asset, Contract, Resource
from generator.pages.tables import Cell
from generator.read.values import Month

ZERO = Decimal("0.00")


def when(value: dt.date | Month | None) -> str:
    """2017年5月3日, 2019年12月 or 2017年; empty when not known."""
    if value is None:
        return ""
    if isinstance(value, Month):
        return str(value)
    return f"{value.year}年{value.month}月{value.day}日"


def term_text(first: dt.date | None, last: dt.date | None) -> str:
    if last is None:
        return ""
    return f"{when(first)}至{when(last)}" if first else f"至{when(last)}"


@dataclass(frozen=True)
class ContractStatus:
    """A contract on the day of the build: 未开始, 履行中 or 已到期."""

    status: str  # "future" | "active" | "expired"
    label: str


def contract_status(contract: Contract, today: dt.date) -> ContractStatus:
    if contract.last_day < today:
        return ContractStatus("expired", "已到期")
    first = contract.first_day
    if first is not None and first > today:
        return ContractStatus("future", "未开始")
    return ContractStatus("active", "履行中")


@dataclass(frozen=True)
class Card:
    """One item as a card: a heading, its amount in large type, a badge, its other facts."""

    anchor: str  # the card's id on its page: asset-1
    title: str
    amount_label: str  # 原值, 合同金额, 租金
    amount: Decimal | None
    amount_note: str  # after "元": （每年）
    badge: ContractStatus | None
    facts: tuple[tuple[str, str], ...]  # (label, text), only those written


def _facts(pairs: Sequence[tuple[str, str | None]]) -> tuple[tuple[str, str], ...]:
    return tuple((label, text) for label, text in pairs if text)


@dataclass(frozen=True)
class Table:
    """A kind's items as the downloads hold them: Chinese headers, typed cells."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


# ---------------------------------------------------------------- assets

ASSET_HEADERS = ("序号", "资产名称", "类别", "原值（元）", "坐落位置", "使用单位或使用人",
                 "购建时间", "使用状况", "备注")  # fmt: skip


def asset_card(index: int, a: Asset) -> Card:
    facts = _facts([("类别", a.kind), ("使用状况", a.status), ("坐落位置", a.location),
                    ("使用单位或使用人", a.user), ("购建时间", when(a.acquired)),
                    ("备注", a.note)])  # fmt: skip
    return Card(f"asset-{index}", a.name, "原值", a.value, "", None, facts)


def asset_table(items: Sequence[Asset]) -> Table:
    rows = tuple(
        (i, a.name, a.kind, a.value, a.location, a.user, when(a.acquired), a.status, a.note)
        for i, a in enumerate(items, 1)
    )
    return Table(ASSET_HEADERS, rows)


# ---------------------------------------------------------------- contracts

CONTRACT_HEADERS = ("序号", "合同编号", "合同内容", "对方单位或个人", "合同金额（元）",
                    "开始日期", "结束日期", "签订日期", "付款方式", "合同状态", "备注")  # fmt: skip


def contract_card(index: int, c: Contract, today: dt.date) -> Card:
    facts = _facts([("合同编号", c.number), ("对方", c.party),
                    ("合同期限", term_text(c.first_day, c.last_day)), ("签订日期", when(c.signed)),
                    ("付款方式", c.payment), ("备注", c.note)])  # fmt: skip
    return Card(
        f"contract-{index}", c.subject, "合同金额", c.amount, "", contract_status(c, today), facts
    )


def contract_table(items: Sequence[Contract], today: dt.date) -> Table:
    rows = tuple(
        (
            i,
            c.number,
            c.subject,
            c.party,
            c.amount,
            c.first_day,
            c.last_day,
            c.signed,
            c.payment,
            contract_status(c, today).label,
            c.note,
        )
        for i, c in enumerate(items, 1)
    )
    return Table(CONTRACT_HEADERS, rows)


# ---------------------------------------------------------------- resources

RESOURCE_HEADERS = ("序号", "资源名称", "类别", "面积", "面积单位", "坐落位置", "使用状况",
                    "承租方或使用人", "租金（元）", "租金期间", "租用开始", "租用结束",
                    "合同编号", "备注")  # fmt: skip


def resource_card(index: int, r: Resource) -> Card:
    first, last = r.term if r.term else (None, None)
    facts = _facts([("类别", r.kind), ("面积", str(r.area) if r.area else None),
                    ("使用状况", r.status), ("坐落位置", r.location),
                    ("承租方或使用人", r.tenant), ("租用期限", term_text(first, last)),
                    ("合同编号", r.contract), ("备注", r.note)])  # fmt: skip
    note = f"（{r.rent_period}）" if r.rent is not None and r.rent_period else ""
    return Card(f"resource-{index}", r.name, "租金", r.rent, note, None, facts)


def resource_table(items: Sequence[Resource]) -> Table:
    def row(i: int, r: Resource) -> tuple[Cell, ...]:
        first, last = r.term if r.term else (None, None)
        area, unit = (r.area.value, r.area.unit) if r.area else (None, None)
        return (i, r.name, r.kind, area, unit, r.location, r.status, r.tenant, r.rent,
                r.rent_period, first, last, r.contract, r.note)  # fmt: skip

    return Table(RESOURCE_HEADERS, tuple(row(i, r) for i, r in enumerate(items, 1)))


def area_totals(items: Sequence[Resource]) -> tuple[tuple[str, Decimal], ...]:
    """Each unit's total area, in the order units first appear: (("亩", 32.5), ("平方米", 1200))."""
    totals: dict[str, Decimal] = {}
    for r in items:
        if r.area is not None:
            totals[r.area.unit] = totals.get(r.area.unit, Decimal(0)) + r.area.value
    return tuple(totals.items())


def area_text(totals: Sequence[tuple[str, Decimal]]) -> str:
    """32.5亩、1,200平方米"""
    return "、".join(f"{value:,}{unit}" for unit, value in totals)


def total(amounts: Sequence[Decimal | None]) -> Decimal:
    return sum((a for a in amounts if a is not None), ZERO)
