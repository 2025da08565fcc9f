"""三资公开: the overview, one page per kind (资产, 合同, 资源), and each kind's downloads.

Pages and files (relative to the portal; sanzi/assets.md is served at sanzi/assets/,
so its downloads are ../assets.csv and ../assets.xlsx):

* sanzi.md                the overview: per kind its as-of date, count, totals and links
* sanzi/<kind>.md         every item as a card (heading, large amount, facts), no wide table
* sanzi/<kind>.csv|.xlsx  the same items as a table (generator/pages/tables.py)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import jinja2

from generator.contract.data import Sanzi
from generator.contract.sanzi import SANZI_FILES, SanziReview
from generator.pages import sanzi as views
from generator.pages.funds import capital, money
from generator.pages.tables import csv_bytes, xlsx_bytes
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section, size_text


@dataclass(frozen=True)
class Download:
    file_name: str  # beside the overview: assets.csv
    label: str  # CSV 表格，1 KB
    mime: str


@dataclass(frozen=True)
class KindView:
    """One kind's disclosure, with what the overview and its page show."""

    kind: str  # assets | contracts | resources
    name: str  # 资产
    title: str  # 资产公开
    as_of: dt.date
    published: dt.date
    review: SanziReview | None
    note: str | None
    cards: tuple[views.Card, ...]
    count_text: str  # 5 项
    totals: tuple[tuple[str, str], ...]  # (label, text) in the order shown
    total_amount: Decimal | None  # the prominent total, with its 大写
    total_label: str
    downloads: tuple[Download, ...]

    @property
    def page(self) -> str:
        """The page's folder, relative to the overview: ./assets/, never assets/ or ../assets/,
        which the build takes for the theme's shared assets/ folder and rewrites
        (generator/sites/assets.py)."""
        return f"./{self.kind}/"


_UNITS = {"assets": "项", "contracts": "份", "resources": "处"}


def _downloads(
    kind: str, title: str, table: views.Table
) -> tuple[list[File], tuple[Download, ...]]:
    csv = csv_bytes(table.headers, table.rows)
    xlsx = xlsx_bytes(title, table.headers, table.rows)
    files = [File(f"sanzi/{kind}.csv", csv), File(f"sanzi/{kind}.xlsx", xlsx)]
    links = (
        Download(f"{kind}.csv", f"CSV 表格，{size_text(len(csv))}", "text/csv"),
        Download(
            f"{kind}.xlsx",
            f"Excel 表格 .xlsx，{size_text(len(xlsx))}",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    )
    return files, links


def kind_views(data: Sanzi, today: dt.date) -> tuple[list[File], tuple[KindView, ...]]:
    """Each present kind, in the order 资产, 合同, 资源, and its download files."""
    files: list[File] = []
    out = []
    for kind, (_, name) in SANZI_FILES.items():
        disclosure = getattr(data, kind)
        if disclosure is None:
            continue
        items = disclosure.items
        totals: list[tuple[str, str]] = []
        if kind == "assets":
            cards = tuple(views.asset_card(i, a) for i, a in enumerate(items, 1))
            table = views.asset_table(items)
            amount, label = views.total([a.value for a in items]), "资产原值合计"
        elif kind == "contracts":
            cards = tuple(views.contract_card(i, c, today) for i, c in enumerate(items, 1))
            table = views.contract_table(items, today)
            amount, label = views.total([c.amount for c in items]), "合同金额合计"
            expired = sum(1 for card in cards if card.badge and card.badge.status == "expired")
            totals.append(("其中已到期", f"{expired} 份"))
        else:
            cards = tuple(views.resource_card(i, r) for i, r in enumerate(items, 1))
            table = views.resource_table(items)
            areas = views.area_totals(items)
            amount, label = None, ""
            totals.append(("面积合计", views.area_text(areas) or "未填面积"))
        title = f"{name}公开"
        made, downloads = _downloads(kind, f"{name}清单", table)
        files += made
        count = f"{len(items)} {_UNITS[kind]}"
        out.append(
            KindView(kind, name, title, disclosure.date, disclosure.published, disclosure.review,
                     disclosure.note, cards, count, tuple(totals), amount, label, downloads)
        )  # fmt: skip
    return files, tuple(out)


def hub_line(data: Sanzi | None) -> str:
    """What the county hub says of a settlement's 三资: 资产 5 项、合同 3 份、资源 2 处."""
    if data is None:
        return ""
    parts = []
    for kind, (_, name) in SANZI_FILES.items():
        disclosure = getattr(data, kind)
        if disclosure is not None:
            parts.append(f"{name} {len(disclosure.items)} {_UNITS[kind]}")
    return "、".join(parts)


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    data = context.settlement.sanzi
    assert data is not None
    files, kinds = kind_views(data, context.today)
    helpers = {"money": money, "capital": capital}
    overview = render_template(env, "portal/sanzi.md.j2", context, kinds=kinds, **helpers)
    out: list[Page | File] = [Page("sanzi.md", SECTION.title, overview)]
    for kind in kinds:
        text = render_template(env, "portal/sanzi_kind.md.j2", context, k=kind, **helpers)
        out.append(Page(f"sanzi/{kind.kind}.md", kind.title, text, nav=False))
    return out + list(files)


SECTION = Section(
    slug="sanzi",
    title="三资公开",
    description="集体资产、合同和资源",
    order=45,
    present=lambda s: s.sanzi is not None and s.sanzi.present,
    render=render,
)
