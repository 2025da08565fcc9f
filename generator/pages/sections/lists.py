"""公示名单: the beneficiary lists posted today, an overview and one page per list.

Only lists within their period on the build's ``today`` exist on the site: before
their publishing day and after their last day there is no page, no link, no nav
entry and no sitemap line; with none posted the section itself is gone. The
overview names no one (kind, period, households, total); a list's own page carries
the names and keeps them out of the search index (front matter ``search: exclude``)
and out of search engines (``robots: noindex``, site_overrides/main.html and
sitemap.xml). No list is offered as a file to download.

Pages: lists.md (the overview) and lists/<published>-<n>.md, an ASCII name that
stays the same while the list is posted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import jinja2

from generator.contract.data import PostedList, SettlementData
from generator.contract.lists import ListMeta
from generator.pages.funds import money
from generator.pages.templates import render_template
from generator.pages.types import File, Page, PortalContext, Section


def _date_cn(day: dt.date, year: bool = True) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class ListRow:
    """One line of a list's table, as shown."""

    number: int
    name: str
    household: int
    amount: str  # 1,260.00
    category: str


@dataclass(frozen=True)
class ListView:
    """A posted list as its pages show it: totals, period words, its page's name."""

    item: PostedList
    stem: str  # its page: lists/<stem>.md
    today: dt.date

    @property
    def meta(self) -> ListMeta:
        return self.item.meta

    @property
    def households(self) -> int:
        return len(self.item.people)

    @property
    def persons(self) -> int:
        return sum(p.household for p in self.item.people)

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.item.people), Decimal("0.00"))

    @property
    def total_text(self) -> str:
        return money(self.total)

    @property
    def rows(self) -> tuple[ListRow, ...]:
        return tuple(
            ListRow(n, p.name, p.household, money(p.amount), p.category or "")
            for n, p in enumerate(self.item.people, 1)
        )

    @property
    def has_category(self) -> bool:
        return any(p.category for p in self.item.people)

    @property
    def period_text(self) -> str:
        """公示期：2026年11月20日至11月27日, or 长期公示."""
        ends = self.meta.ends
        start = self.meta.published
        if ends is None:
            return f"长期公示（{_date_cn(start)}起）"
        return f"公示期：{_date_cn(start)}至{_date_cn(ends, year=ends.year != start.year)}"

    @property
    def left_text(self) -> str:
        """还剩 5 天 / 今天是公示期最后一天 / 长期公示."""
        ends = self.meta.ends
        if ends is None:
            return "长期公示"
        left = (ends - self.today).days
        return "今天是公示期最后一天" if left == 0 else f"还剩 {left} 天"


def posted(lists: Iterable[PostedList], today: dt.date) -> list[ListView]:
    """The lists posted on today, newest first, each with its stable page name."""
    seen: Counter[str] = Counter()
    views = []
    for item in sorted(lists, key=lambda i: i.path.name):
        prefix = item.meta.published.isoformat()
        seen[prefix] += 1  # counted over every list, posted or not: names do not shift
        if item.meta.posted(today):
            views.append(ListView(item, f"{prefix}-{seen[prefix]}", today))
    return sorted(views, key=lambda v: v.meta.published, reverse=True)


def render(context: PortalContext, env: jinja2.Environment) -> list[Page | File]:
    views = posted(context.settlement.lists, context.today)
    text = render_template(env, "portal/lists.md.j2", context, lists=views)
    pages: list[Page | File] = [Page(f"{SECTION.slug}.md", SECTION.title, text)]
    for view in views:
        text = render_template(env, "portal/list.md.j2", context, l=view)
        pages.append(Page(f"{SECTION.slug}/{view.stem}.md", view.meta.title, text, nav=False))
    return pages


def _live(settlement: SettlementData, today: dt.date) -> bool:
    return any(item.meta.posted(today) for item in settlement.lists)


SECTION = Section(
    slug="lists",
    title="公示名单",
    description="低保、特困等名单，公示期内可查看",
    order=65,
    present=lambda s: bool(s.lists),
    render=render,
    live=_live,
)
