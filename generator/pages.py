"""Models → page contexts → Markdown pages, through the Jinja2 templates in templates/.

Every template receives one typed context object (``PortalContext`` or
``HubContext``); what a template may use is exactly what that object holds.
A section of a portal is registered in SECTIONS with the page it renders and
the condition under which the settlement has it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator import values, views
from generator.markup import escape_md, render_markdown
from generator.models.portal import Portal
from generator.models.settlement import Settlement
from generator.models.windows import Window
from generator.project import Project, SettlementData

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@dataclass(frozen=True)
class Page:
    """One Markdown file of a site: where it goes, its nav title, its text."""

    path: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Section:
    """A section of a portal: its page, its home-page button, when it exists."""

    slug: str  # the page's folder in the portal: profile/ → profile.md
    title: str
    description: str
    template: str
    present: Callable[[SettlementData], bool]


SECTIONS: tuple[Section, ...] = (
    Section(
        "handbook",
        "办事指南",
        "我要办事：带什么材料、去哪个窗口、多久办好",
        "portal/handbook.md.j2",
        lambda s: s.handbook is not None,
    ),
    Section(
        "windows",
        "服务窗口",
        "大厅和各窗口的办公时间、现在是否开放",
        "portal/windows.md.j2",
        lambda s: s.windows is not None,
    ),
    Section(
        "profile",
        "社区概况",
        "社区简介、组织机构、服务设施",
        "portal/profile.md.j2",
        lambda s: True,
    ),
)


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

    @property
    def profile(self) -> Settlement:
        return self.settlement.profile

    @property
    def finder(self) -> tuple[views.FinderEntry, ...]:
        return views.finder(self.settlement.handbook) if self.settlement.handbook else ()

    @property
    def windows(self) -> tuple[views.WindowView, ...]:
        s = self.settlement
        return views.window_views(s.windows, s.handbook) if s.windows else ()

    @property
    def window_by_id(self) -> dict[str, Window]:
        return views.window_names(self.settlement.windows)

    @property
    def commitments(self) -> dict[str, str]:
        return views.COMMITMENTS

    @property
    def windows_hours_json(self) -> Markup | None:
        return views.schedules_json(self.settlement.windows, [], self.today)

    @property
    def facilities_hours_json(self) -> Markup | None:
        return views.schedules_json(None, self.profile.facilities, self.today)


@dataclass(frozen=True)
class HubEntry:
    slug: str
    name: str
    full_name: str
    town: str
    region: str
    households: int
    population: int


@dataclass(frozen=True)
class HubContext:
    """What the county hub's template receives."""

    portal: Portal
    entries: tuple[HubEntry, ...]
    today: dt.date
    towns: tuple[str, ...] = field(default=())


def _date_cn(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
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
    project: Project, settlement: SettlementData, today: dt.date, env: jinja2.Environment
) -> list[Page]:
    """Every page of one settlement's portal, home first."""
    present = [s for s in SECTIONS if s.present(settlement)]
    links = tuple(SectionLink(s.title, s.description, f"{s.slug}/") for s in present)
    context = PortalContext(project.portal, settlement, links, today)
    pages = [Page("index.md", "首页", _render(env, "portal/home.md.j2", context))]
    for section in present:
        pages.append(
            Page(f"{section.slug}.md", section.title, _render(env, section.template, context))
        )
    return pages


def hub_pages(project: Project, today: dt.date, env: jinja2.Environment) -> list[Page]:
    entries = tuple(
        HubEntry(
            s.slug,
            s.profile.name,
            s.profile.full_name or s.profile.name,
            s.profile.town,
            s.profile.region,
            s.profile.households,
            s.profile.population,
        )
        for s in project.settlements
    )
    towns = tuple(sorted({e.town for e in entries}))
    context = HubContext(project.portal, entries, today, towns)
    return [Page("index.md", "首页", _render(env, "hub/index.md.j2", context))]


def _render(env: jinja2.Environment, template: str, context: object) -> str:
    return env.get_template(template).render(c=context)
