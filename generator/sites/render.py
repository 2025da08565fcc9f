"""Per-site MkDocs inputs: the Markdown tree and the merged configuration.

`portal build` writes a site's docs and hands MkDocs the overrides directly;
`portal render` writes the same docs plus the full merged configuration as a
plain ``mkdocs.yml``, so that ``mkdocs build -f out/<slug>/mkdocs.yml`` builds
that one site on its own (and serves as the benchmark's baseline).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from generator.contract.data import Project, SettlementData
from generator.contract.portal import Portal
from generator.pages.compose import hub_pages, portal_pages
from generator.pages.templates import environment
from generator.pages.turns import hub_day
from generator.pages.types import File, HubEntry, Page
from generator.paths import BASE_CONFIG, OVERRIDES, ROOT
from generator.print.handbook import Shelf, downloads
from generator.read import values
from generator.sites.checked import cache_for, check_data, load_checked
from generator.sites.hashes import shared_hash
from generator.sites.hub_index import build_index
from generator.sites.pool import Workers
from generator.sites.search_terms import config_extra

HUB = "_hub"  # the hub's folder in `portal render` output (never a valid settlement slug)


@dataclass(frozen=True)
class SiteSpec:
    """One MkDocs site: its name in messages, its pages, its config overrides."""

    name: str
    pages: list[Page | File]
    overrides: dict

    @property
    def nav(self) -> list[dict[str, str]]:
        return [{p.title: p.path} for p in self.pages if isinstance(p, Page) and p.nav]


def hub_spec(
    portal: Portal, entries: Iterable[HubEntry], today: dt.date, env: jinja2.Environment
) -> SiteSpec:
    listed = tuple(entries)
    index = build_index(listed, portal.synonyms)  # the search by need (hub_index)
    pages: list[Page | File] = [*hub_pages(portal, listed, today, env, index.folder)]
    return SiteSpec("hub", [*pages, *index.files], hub_config(portal))


def portal_spec(
    project: Project,
    settlement: SettlementData,
    today: dt.date,
    env: jinja2.Environment,
    pdf: bool,
    shelf: Shelf | None = None,
) -> SiteSpec:
    pdfs = downloads(project.portal, settlement, today, pdf, shelf)  # the printed handbooks
    pages = portal_pages(project, settlement, today, env, pdfs)
    return SiteSpec(settlement.slug, pages, portal_config(project, settlement))


def portal_config(project: Project, settlement: SettlementData) -> dict:
    profile = settlement.profile
    return {
        # MkDocs themes print these unescaped: escape staff text here
        "site_name": html.escape(profile.name),
        "site_description": html.escape(f"{profile.full_name or profile.name}信息公开"),
        "site_url": f"{project.portal.base_url}{settlement.slug}/",
        "extra": _extra(
            project.portal, profile.name, profile.supervision_phone, profile.updated, "../"
        ),
    }


def hub_config(portal: Portal) -> dict:
    return {
        "site_name": html.escape(portal.title),
        "site_description": html.escape(f"{portal.publisher}主办"),
        "site_url": portal.base_url,
        "extra": _extra(portal, portal.title, portal.contact_phone, None, ""),
    }


def _extra(
    portal: Portal, name: str, phone: values.Phones | None, updated: dt.date | None, hub: str
) -> dict:
    return {
        "generator": False,
        "portal": {
            "name": name,
            "publisher": portal.publisher,
            # the footer's supervision numbers: each with its own call link
            "supervision_phones": [{"text": str(n), "tel": n.tel} for n in phone or ()],
            "updated": f"{updated.year}年{updated.month}月{updated.day}日" if updated else "",
            "hub": hub,
        },
        # read by the search hook (generator/sites/search_hook.py)
        "pp_search": config_extra(portal.synonyms),
    }


def write_docs(pages: list[Page | File], docs: Path) -> None:
    """Write a site's Markdown pages and files under docs."""
    docs.mkdir(parents=True, exist_ok=True)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, File):
            target.write_bytes(page.data)
        else:
            target.write_text(page.markdown, encoding="utf-8")


def merged_config(spec: SiteSpec) -> dict:
    """The base mkdocs.yml with the site's overrides: a config that stands on its own."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    config.update(spec.overrides)
    config["nav"] = spec.nav
    config["theme"] = {**config["theme"], "custom_dir": str(OVERRIDES)}
    config["hooks"] = [str(ROOT / hook) for hook in config.get("hooks", [])]
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    return config


def write_project(spec: SiteSpec, folder: Path) -> Path:
    """Write folder/mkdocs.yml and folder/docs/ for one site; return the config file."""
    write_docs(spec.pages, folder / "docs")
    config = folder / "mkdocs.yml"
    text = yaml.safe_dump(merged_config(spec), allow_unicode=True, sort_keys=False)
    config.write_text(text, encoding="utf-8")
    return config


def render(
    data_dir: Path,
    out_dir: Path,
    only: Iterable[str] | None = None,
    today: dt.date | None = None,
    pdf: bool = True,
) -> list[Path]:
    """Write every (or only the named) portal's MkDocs project, and the hub's, under out_dir.

    The data is checked as a build checks it (cached, generator/sites/checked.py) and
    one settlement at a time is held in memory.
    """
    today = today or dt.date.today()
    wanted = set(only or [])
    cache = cache_for(data_dir, None)
    shared = shared_hash(data_dir, pdf)
    with Workers(os.cpu_count() or 1, None) as workers:
        portal, checked, _ = check_data(data_dir, today, workers, shared, wanted, cache)
    env = environment()
    written = []
    if not wanted:
        entries = [c.entry for c in checked.values() if c.entry is not None]
        hub = hub_spec(portal, entries, hub_day(today), env)
        written.append(write_project(hub, out_dir / HUB))
    for slug, one in checked.items():
        if wanted and slug not in wanted:
            continue
        settlement = load_checked(cache, one)
        project = Project(data_dir, portal, (settlement,))
        spec = portal_spec(project, settlement, one.since or today, env, pdf, cache.shelf(slug))
        written.append(write_project(spec, out_dir / slug))
    return written
