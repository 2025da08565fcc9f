"""Models → page contexts → Markdown pages, through the Jinja2 templates in templates/.

Every template receives one typed context object as ``c`` (``PortalContext`` or
``HubContext``) and, for a section that derives more, that section's own view
as ``v``; what a template may use is exactly what those objects hold. Each
section of a portal is a module in generator/sections/.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator import funds, values
from generator.funds import Disclosure
from generator.markup import escape_md, render_markdown
from generator.models.portal import Portal
from generator.models.settlement import Settlement
from generator.project import Project, SettlementData

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


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

    Sections live in generator/sections/, one module each, and are found there;
    ``order`` places the section's button on the home page and in the nav.
    """

    slug: str  # the section's folder in the portal: handbook/ ← handbook.md
    title: str
    description: str
    order: int
    present: Callable[[SettlementData], bool]
    render: Callable[[PortalContext, jinja2.Environment], list[Page | File]]


def sections() -> tuple[Section, ...]:
    from generator.sections import SECTIONS

    return SECTIONS


@dataclass(frozen=True)
class SectionLink:
    title: str
    description: str
    href: str  # relative to the portal's home page


@dataclass(frozen=True)
class PortalContext:
    """What every portal template receives."""

    portal: Portal
    settlement: SettlementData
    sections: tuple[SectionLink, ...]
    today: dt.date
    pdf: bool = True  # render the printable handbook PDFs (portal build --no-pdf turns it off)

    @property
    def profile(self) -> Settlement:
        return self.settlement.profile

    @property
    def handbook_pdfs(self) -> tuple:
        """The printed handbooks (PrintedHandbook, A5 and A4), rendered once per build;
        none without a handbook or under --no-pdf."""
        from generator.handbook_pdf import downloads

        return downloads(self.portal, self.settlement, self.today, self.pdf)

    @property
    def latest_notices(self) -> tuple:
        """The home page's notices: up to three current ones (NoticeView), pinned first."""
        from generator.sections.notices import latest

        return latest(self.settlement.notices, self.today)


@dataclass(frozen=True)
class HubEntry:
    slug: str
    name: str
    full_name: str
    town: str
    region: str
    households: int
    population: int
    # fund disclosure of the latest ended quarter and the one before (status "absent"
    # when the settlement publishes no funds/)
    current: Disclosure | None = None
    previous: Disclosure | None = None

    @property
    def search(self) -> str:
        """What the hub's filter box matches: names, region and the disclosure status words."""
        words = [self.name, self.full_name, self.region]
        words += [f"{d.quarter.label}{d.label}" for d in (self.current, self.previous) if d]
        return " ".join(words)


@dataclass(frozen=True)
class HubContext:
    """What the county hub's template receives."""

    portal: Portal
    entries: tuple[HubEntry, ...]
    today: dt.date
    towns: tuple[str, ...] = field(default=())
    funds_summary: str = ""  # 2026年第三季度：按时公开 1 个，逾期公开 1 个，逾期未公开 1 个


def _date_cn(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


# compiled templates, shared by every process (Jinja checks each template's source checksum)
BYTECODE = jinja2.FileSystemBytecodeCache()  # a private per-user folder in the temp dir


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=BYTECODE,
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # attr_list's heading ids ({#id}) would open a Jinja comment: comments are {## ##}
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(
        md=render_markdown,
        mdesc=escape_md,
        tel=values.tel_href,
        days=values.describe_days,
        date_cn=_date_cn,
        # front matter: JSON is valid YAML; the theme prints titles unescaped, so the
        # value is HTML-escaped first
        fm=lambda v: Markup(json.dumps(str(escape(v)), ensure_ascii=False)),
    )
    return env


def portal_pages(
    project: Project,
    settlement: SettlementData,
    today: dt.date,
    env: jinja2.Environment,
    pdf: bool = True,
) -> list[Page | File]:
    """Every page and file of one settlement's portal, home first."""
    present = [s for s in sections() if s.present(settlement)]
    links = tuple(SectionLink(s.title, s.description, f"{s.slug}/") for s in present)
    context = PortalContext(project.portal, settlement, links, today, pdf)
    pages: list[Page | File] = [
        Page("index.md", "首页", render_template(env, "portal/home.md.j2", context))
    ]
    for section in present:
        pages.extend(section.render(context, env))
    return pages


def hub_entry(settlement: SettlementData, today: dt.date, portal: Portal) -> HubEntry:
    """What the hub lists of one settlement: its profile and its latest fund disclosures."""
    profile = settlement.profile
    return HubEntry(
        settlement.slug,
        profile.name,
        profile.full_name or profile.name,
        profile.town,
        profile.region,
        profile.households,
        profile.population,
        *funds.recent(settlement.funds, today, portal.funds),
    )


def hub_pages(
    portal: Portal, entries: Iterable[HubEntry], today: dt.date, env: jinja2.Environment
) -> list[Page]:
    listed = tuple(entries)
    towns = tuple(sorted({e.town for e in listed}))
    summary = funds.summary_line(
        funds.current_quarter(today), [e.current.status for e in listed if e.current]
    )
    context = HubContext(portal, listed, today, towns, summary)
    return [Page("index.md", "首页", render_template(env, "hub/index.md.j2", context))]


def render_template(env: jinja2.Environment, template: str, context: object, **view: object) -> str:
    """Render a template with the page context as `c` and a section's own view as `v`."""
    return env.get_template(template).render(c=context, **({"v": view} if view else {}))
