"""The pages of one site: a portal's (home, then each present section), or the hub's.

Each section of a portal is a module in generator/pages/sections/; the printed
handbooks are rendered by the build (generator/print/) and handed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import jinja2

from generator.contract.data import Project, SettlementData
from generator.contract.portal import Portal
from generator.pages import disclosure
from generator.pages.needs import needs
from generator.pages.sections import SECTIONS
from generator.pages.sections.notices import latest
from generator.pages.sections.sanzi import hub_line
from generator.pages.templates import render_template
from generator.pages.types import (
    NEEDS_FOLDER,
    File,
    HubContext,
    HubEntry,
    HubService,
    Page,
    PortalContext,
    PrintedHandbook,
    SectionLink,
)


def portal_pages(
    project: Project,
    settlement: SettlementData,
    today: dt.date,
    env: jinja2.Environment,
    handbook_pdfs: tuple[PrintedHandbook, ...] = (),
) -> list[Page | File]:
    """Every page and file of one settlement's portal, home first."""
    present = [
        s
        for s in SECTIONS
        if s.present(settlement) and (s.live is None or s.live(settlement, today))
    ]
    links = tuple(SectionLink(s.title, s.description, f"{s.slug}/") for s in present)
    notices = latest(settlement.notices, today)
    context = PortalContext(project.portal, settlement, links, today, handbook_pdfs, notices)
    pages: list[Page | File] = [
        Page("index.md", "首页", render_template(env, "portal/home.md.j2", context))
    ]
    for section in present:
        pages.extend(section.render(context, env))
    return pages


def hub_entry(settlement: SettlementData, today: dt.date, portal: Portal) -> HubEntry:
    """What the hub lists of one settlement: its profile, its latest fund disclosures, its 三资."""
    profile = settlement.profile
    return HubEntry(
        settlement.slug,
        profile.name,
        profile.full_name or profile.name,
        profile.town,
        profile.region,
        profile.households,
        profile.population,
        *disclosure.recent(settlement.funds, today, portal.funds),
        sanzi=hub_line(settlement.sanzi),
        services=hub_services(settlement),
    )


def hub_services(settlement: SettlementData) -> tuple[HubService, ...]:
    """The handbook's services as the hub's search by need indexes them (none without one)."""
    handbook = settlement.handbook
    if handbook is None:
        return ()
    return tuple(
        HubService(service.id, service.name, category.name, tuple(service.keywords))
        for category in handbook.categories
        for service in category.services
    )


def hub_pages(
    portal: Portal,
    entries: Iterable[HubEntry],
    today: dt.date,
    env: jinja2.Environment,
    search_index: str = "",
) -> list[Page]:
    """The hub's home, 按事项找 and one page per need; search_index: the index's folder."""
    listed = tuple(entries)
    towns = tuple(sorted({e.town for e in listed}))
    current = [e.current for e in listed if e.current]
    summary = disclosure.hub_summary(current) or disclosure.summary_line(
        disclosure.current_quarter(today), []
    )
    found = needs(portal.synonyms, listed)
    context = HubContext(portal, listed, today, towns, summary, found, search_index)
    pages = [
        Page("index.md", "首页", render_template(env, "hub/index.md.j2", context)),
        Page(f"{NEEDS_FOLDER}.md", "按事项找", render_template(env, "hub/needs.md.j2", context)),
    ]
    for need in found:
        text = render_template(env, "hub/need.md.j2", context, need=need)
        pages.append(Page(need.path, f"{need.word}：哪里能办", text, nav=False))
    return pages
