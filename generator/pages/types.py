"""What a site is made of, and what each template receives: the pages' types.

Every template receives one typed context object as ``c`` (``PortalContext`` or
``HubContext``) and, for a section that derives more, that section's own view
as ``v``; what a template may use is exactly what those objects hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import jinja2

from generator.contract.data import Notice, SettlementData
from generator.contract.notices import NoticeMeta
from generator.contract.portal import Portal
from generator.contract.settlement import Settlement
from generator.pages.disclosure import Disclosure


@dataclass(frozen=True)
class Page:
    """One Markdown file of a site: where it goes, its nav title, its text."""

    path: str
    title: str
    markdown: str
    nav: bool = True  # listed in the site's navigation (sub-pages are reached by links)


@dataclass(frozen=True)
class File:
    """A file published as it is, beside the pages: a CSV download, a PDF."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Section:
    """A section of a portal: its home-page button, when it exists, how it renders.

    Sections live in generator/pages/sections/, one module each, and are found there;
    ``order`` places the section's button on the home page and in the nav.
    """

    slug: str  # the section's folder in the portal: handbook/ ← handbook.md
    title: str
    description: str
    order: int
    present: Callable[[SettlementData], bool]
    render: Callable[[PortalContext, jinja2.Environment], list[Page | File]]
    # whether it has anything to show on the build day (a list past its period has not);
    # None: whenever present
    live: Callable[[SettlementData, dt.date], bool] | None = None


@dataclass(frozen=True)
class SectionLink:
    title: str
    description: str
    href: str  # relative to the portal's home page


def size_text(size: int) -> str:
    """A file's size as a download link says it: 356 KB, or 1.2 MB from one megabyte on."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def handbook_file_name(slug: str, paper: str) -> str:
    return f"{slug}-handbook-{paper}.pdf"


@dataclass(frozen=True)
class PrintedHandbook:
    """One rendered PDF of the handbook (generator/print/) and what a download link says."""

    slug: str
    paper: str  # "a5" | "a4"
    paper_name: str  # "A5"
    data: bytes
    pages: int

    @property
    def file_name(self) -> str:
        return handbook_file_name(self.slug, self.paper)

    @property
    def size_text(self) -> str:
        """356 KB, or 1.2 MB from one megabyte on."""
        return size_text(len(self.data))

    @property
    def label(self) -> str:
        """A5，24 页，356 KB"""
        return f"{self.paper_name}，{self.pages} 页，{self.size_text}"


@dataclass(frozen=True)
class NoticeView:
    """A notice with its page's stable name (generator/pages/sections/notices.py)."""

    notice: Notice
    stem: str  # its page: notices/<stem>.md

    @property
    def meta(self) -> NoticeMeta:
        return self.notice.meta

    def expired(self, today: dt.date) -> bool:
        expires = self.notice.meta.expires
        return expires is not None and expires < today


@dataclass(frozen=True)
class PortalContext:
    """What every portal template receives."""

    portal: Portal
    settlement: SettlementData
    sections: tuple[SectionLink, ...]
    today: dt.date
    # the printed handbooks, A5 and A4, rendered by the build (none without a handbook
    # or under portal build --no-pdf)
    handbook_pdfs: tuple[PrintedHandbook, ...] = ()
    latest_notices: tuple[NoticeView, ...] = ()  # the home page's: up to three, pinned first

    @property
    def profile(self) -> Settlement:
        return self.settlement.profile


@dataclass(frozen=True)
class HubService:
    """One handbook service as the hub's search by need knows it (generator/pages/needs.py).

    Small on purpose: every settlement's hub entry carries one per service, and the
    entries are cached and pickled per settlement.
    """

    id: str  # its page: <slug>/handbook/<id>/
    name: str
    category: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class HubEntry:
    slug: str
    name: str
    full_name: str
    town: str
    region: str
    households: int
    population: int
    # fund disclosure of the latest ended month or quarter and the one before (status "absent"
    # when the settlement publishes no funds/)
    current: Disclosure | None = None
    previous: Disclosure | None = None
    sanzi: str = ""  # 三资公开 counts: 资产 5 项、合同 3 份、资源 2 处 ("" when none is published)
    services: tuple[HubService, ...] = ()  # the handbook's services, for the hub's search by need

    @property
    def search(self) -> str:
        """What the hub's filter box matches: names, region and the disclosure status words."""
        words = [self.name, self.full_name, self.region]
        words += [f"{d.period.label}{d.label}" for d in (self.current, self.previous) if d]
        return " ".join(words)


@dataclass(frozen=True)
class HubContext:
    """What the county hub's template receives."""

    portal: Portal
    entries: tuple[HubEntry, ...]
    today: dt.date
    towns: tuple[str, ...] = field(default=())
    funds_summary: str = ""  # 2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个
    # 按事项找: the needs some settlement offers (generator/pages/needs.py), portal.yml's order
    needs: tuple[Need, ...] = ()
    search_index: str = ""  # the search by need's folder: search/hub/<version>/ (hub_index)


# 按事项找 (generator/pages/needs.py): a need and where the county offers it
NEEDS_FOLDER = "search/needs"  # inside the hub's reserved search/ folder: never a slug


@dataclass(frozen=True)
class Offer:
    """One settlement that offers a need: its services about it, each with its page."""

    slug: str
    name: str
    services: tuple[HubService, ...]


@dataclass(frozen=True)
class TownOffers:
    town: str
    anchor: str  # the town's heading id on the need's page: town-1
    offers: tuple[Offer, ...]


@dataclass(frozen=True)
class Need:
    """One need and where it is offered, town by town."""

    word: str  # what residents call it: the group's first word, 低保
    words: tuple[str, ...]  # every word of the group (底保, 最低生活保障 …)
    stem: str  # its page: search/needs/<stem>/
    towns: tuple[TownOffers, ...]

    @property
    def settlements(self) -> int:
        return sum(len(t.offers) for t in self.towns)

    @property
    def path(self) -> str:
        return f"{NEEDS_FOLDER}/{self.stem}.md"
