"""经费公开: the overview of every quarter, one page per quarter, the CSV downloads.

Pages and files (relative to the portal; under use_directory_urls a page at
funds/2026-Q3.md is served at funds/2026-Q3/, so its CSV is ../2026-Q3.csv):

* funds.md            the overview: this and last quarter's status, every quarter, trend
* funds/<key>.md      one quarter: balances, breakdowns, the full ledger, review, corrections
* funds/<key>.csv     that quarter's normalised ledger (UTF-8 with BOM, Chinese headers)
* funds/all.csv       every quarter's rows, with a 季度 column first
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import jinja2

from generator.checks.funds import seal_of
from generator.contract.data import FundQuarter, Funds
from generator.pages import funds
from generator.pages.funds import Disclosure, Figures
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section
from generator.read.ledger import LedgerRow
from generator.read.values import Quarter

ALL_CSV = "all.csv"


@dataclass(frozen=True)
class QuarterView:
    """One kept quarter, with what both the overview and its own page show."""

    item: FundQuarter
    figures: Figures
    disclosure: Disclosure  # as of today
    sealed: bool  # a seal is written and still matches the ledger

    @property
    def quarter(self) -> Quarter:
        return self.item.header.quarter

    @property
    def page(self) -> str:
        """The page's folder, relative to the overview."""
        return f"{self.quarter.key}/"

    @property
    def csv(self) -> str:
        """The quarter's CSV, relative to the overview."""
        return f"{self.quarter.key}.csv"


@dataclass(frozen=True)
class TrendRow:
    """One quarter in the trend chart: bars scaled to the largest amount of any quarter."""

    view: QuarterView
    income_width: str
    expense_width: str


@dataclass(frozen=True)
class StatusView:
    """This or last quarter's disclosure, with its page when it was published."""

    disclosure: Disclosure
    view: QuarterView | None


def quarter_views(context: PortalContext, data: Funds) -> tuple[QuarterView, ...]:
    """Every kept quarter, newest first."""
    policy = context.portal.funds
    views = []
    for item in funds.kept(data.quarters):
        header = item.header
        disclosure = funds.status(
            header.quarter, header.published, context.today, policy.deadline_days
        )
        sealed = header.seal == seal_of(item)
        views.append(QuarterView(item, funds.figures(item, data.account), disclosure, sealed))
    return tuple(views)


def trend(views: tuple[QuarterView, ...]) -> tuple[TrendRow, ...]:
    """Income and expense of every quarter, oldest first, as bar widths."""
    largest = max((max(v.figures.income, v.figures.expense) for v in views), default=Decimal("0"))

    def width(amount: Decimal) -> str:
        share = (amount * 100 / largest).quantize(Decimal("0.1")) if largest else Decimal("0")
        return f"{share}%"

    return tuple(
        TrendRow(v, width(v.figures.income), width(v.figures.expense)) for v in reversed(views)
    )


def statuses(context: PortalContext, views: tuple[QuarterView, ...]) -> tuple[StatusView, ...]:
    by_quarter = {v.quarter: v for v in views}
    recent = funds.recent(context.settlement.funds, context.today, context.portal.funds)
    return tuple(StatusView(d, by_quarter.get(d.quarter)) for d in recent)


def ledger_rows(item: FundQuarter, names: dict[str, str]) -> tuple[dict[str, str], ...]:
    """The ledger as the table shows it: amounts with separators, sources by name."""

    def amount(value: Decimal | None) -> str:
        return funds.money(value) if value is not None else ""

    def shown(row: LedgerRow) -> dict[str, str]:
        return {
            "date": row.date.isoformat() if row.date else "",
            "voucher": row.voucher,
            "summary": row.summary,
            "category": row.category,
            "source": names.get(row.source, row.source),
            "income": amount(row.income),
            "expense": amount(row.expense),
            "handler": row.handler,
            "approver": row.approver,
            "countersigner": row.countersigner,
            "note": row.note,
        }

    return tuple(shown(row) for row in item.ledger.rows)


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    data = context.settlement.funds
    assert data is not None
    views = quarter_views(context, data)
    helpers = {"money": funds.money, "capital": funds.capital}
    overview = render_template(
        env,
        "portal/funds.md.j2",
        context,
        account=data.account,
        quarters=views,
        statuses=statuses(context, views),
        trend=trend(views),
        trend_max=max((max(v.figures.income, v.figures.expense) for v in views), default=0),
        policy=context.portal.funds,
        all_csv=ALL_CSV,
        **helpers,
    )
    out: list[Page | File] = [Page("funds.md", SECTION.title, overview)]
    names = funds.source_names(data.account)
    for index, view in enumerate(views):
        newer = views[index - 1] if index > 0 else None
        older = views[index + 1] if index + 1 < len(views) else None
        text = render_template(
            env,
            "portal/funds_quarter.md.j2",
            context,
            q=view,
            header=view.item.header,
            account=data.account,
            rows=ledger_rows(view.item, names),
            newer=newer,
            older=older,
            **helpers,
        )
        key = view.quarter.key
        out.append(Page(f"funds/{key}.md", f"{view.quarter.label}经费公开", text, nav=False))
        out.append(File(f"funds/{key}.csv", funds.ledger_csv(view.item.ledger.rows)))
    out.append(File(f"funds/{ALL_CSV}", funds.all_quarters_csv(data.quarters)))
    return out


SECTION = Section(
    slug="funds",
    title="经费公开",
    description="每季度收支、余额和监督委员会意见",
    order=40,
    present=lambda s: s.funds is not None,
    render=render,
)
