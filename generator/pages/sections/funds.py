"""经费公开: the overview, one page per month or quarter, per sub-fund and per year's plan,
and every table as CSV and .xlsx.

Pages and files (relative to the portal; under use_directory_urls a page at
funds/2026-Q3.md is served at funds/2026-Q3/, so its CSV is ../2026-Q3.csv):

* funds.md                  the overview: status, every period, trend, sub-funds, plans
* funds/<key>.md            one period: balances, breakdowns, every row, review, corrections
* funds/<key>.csv, .xlsx    that period's ledger
* funds/fund-<id>.md        one sub-fund: its balances period by period (+ .csv, .xlsx)
* funds/budget-<year>.md    the year's plan against the actual, and its 决算 (+ .csv, .xlsx)
* funds/all.csv, all.xlsx   every period's rows, with the period first
"""

from __future__ import annotations

import jinja2

from generator.contract.data import Funds
from generator.pages import funds
from generator.pages.budget import budget_table, budget_view
from generator.pages.fund_views import (
    PeriodView,
    period_views,
    row_views,
    signing_rules,
    statuses,
    table_columns,
    trend,
)
from generator.pages.tables import Cell, csv_bytes, xlsx_bytes
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section

ALL = "all"
FUND_HEADERS = ["期", "期初余额（元）", "收入（元）", "支出（元）", "期末余额（元）"]


def _committee(data: Funds, views: tuple[PeriodView, ...]) -> str:
    """The committee that reviews, as the data names it (村务 or 居务监督委员会)."""
    reviewed = [v.item.header.review for v in views if v.item.header.review]
    return reviewed[0].by if reviewed else data.account.committee


def _fund_rows(views: tuple[PeriodView, ...], fund_id: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for view in reversed(views):
        for f in view.figures.by_fund:
            if f.fund.id == fund_id:
                rows.append([view.period.label, f.opening, f.income, f.expense, f.closing])
    return rows


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    data = context.settlement.funds
    assert data is not None
    account = data.account
    views = period_views(context, data)
    budgets = tuple(budget_view(b, account, data.periods) for b in data.budgets)
    committee = _committee(data, views)
    helpers = {"money": funds.money, "capital": funds.capital}
    shared = {"account": account, "rules": signing_rules(account), "committee": committee}
    overview = render_template(
        env,
        "portal/funds.md.j2",
        context,
        periods=views,
        statuses=statuses(context, views),
        trend=trend(views),
        trend_max=max((max(v.figures.income, v.figures.expense) for v in views), default=0),
        policy=context.portal.funds,
        noun="月" if account.period == "month" else "季度",
        budgets=budgets,
        all=ALL,
        **shared,
        **helpers,
    )
    out: list[Page | File] = [Page("funds.md", SECTION.title, overview)]
    for index, view in enumerate(views):
        newer = views[index - 1] if index > 0 else None
        older = views[index + 1] if index + 1 < len(views) else None
        text = render_template(
            env,
            "portal/funds_quarter.md.j2",
            context,
            q=view,
            header=view.item.header,
            rows=row_views(view.item, account),
            columns=table_columns(view.item),
            newer=newer,
            older=older,
            **shared,
            **helpers,
        )
        key, rows = view.period.key, view.item.ledger.rows
        out.append(Page(f"funds/{key}.md", f"{view.period.label}经费公开", text, nav=False))
        out.append(File(f"funds/{key}.csv", funds.ledger_csv(rows)))
        out.append(File(f"funds/{key}.xlsx", funds.ledger_xlsx(f"{view.period.label}台账", rows)))
    for fund in account.subfunds:
        rows = _fund_rows(views, fund.id)
        text = render_template(
            env, "portal/funds_subfund.md.j2", context, fund=fund, periods=views,
            **shared, **helpers,
        )  # fmt: skip
        out.append(Page(f"funds/fund-{fund.id}.md", f"{fund.name}收支", text, nav=False))
        out.append(File(f"funds/fund-{fund.id}.csv", csv_bytes(FUND_HEADERS, rows)))
        out.append(File(f"funds/fund-{fund.id}.xlsx", xlsx_bytes(fund.name, FUND_HEADERS, rows)))
    for budget in budgets:
        text = render_template(
            env, "portal/funds_budget.md.j2", context, b=budget, **shared, **helpers
        )
        title = f"{budget.year}年收支计划"
        out.append(Page(f"funds/{budget.stem}.md", title, text, nav=False))
        out.append(File(f"funds/{budget.stem}.csv", csv_bytes(*budget_table(budget))))
        out.append(File(f"funds/{budget.stem}.xlsx", xlsx_bytes(title, *budget_table(budget))))
    out.append(File(f"funds/{ALL}.csv", funds.all_quarters_csv(data.periods)))
    out.append(File(f"funds/{ALL}.xlsx", funds.all_periods_xlsx(data.periods)))
    return out


SECTION = Section(
    slug="funds",
    title="经费公开",
    description="每一期收支、余额和监督委员会意见",
    order=40,
    present=lambda s: s.funds is not None,
    render=render,
)
