"""Per-portal MkDocs configs, the builds, the hub, and the atomic publish.

Everything is gathered and checked first; every site is built into a staging
folder beside ``--out``; ``--out`` is swapped for the staging folder only when
every build succeeded. A failed build leaves the published site as it was.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from generator import values
from generator.errors import PortalError, Report
from generator.pages import ROOT, File, Page, environment, hub_pages, portal_pages
from generator.project import Project, SettlementData, load_project

BASE_CONFIG = ROOT / "mkdocs.yml"


class BuildError(PortalError):
    """MkDocs failed on a site: not a data mistake, but the site is not published."""

    def __init__(self, site: str, detail: str) -> None:
        self.site = site
        self.detail = detail
        super().__init__(f"生成「{site}」时出错：{detail}")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    portals: tuple[str, ...]
    report: Report


def build(
    data_dir: Path,
    out_dir: Path,
    only: Iterable[str] | None = None,
    today: dt.date | None = None,
    pdf: bool = True,
) -> BuildResult:
    """Validate the data, build the hub and every (or only the named) portal, publish."""
    today = today or dt.date.today()
    wanted = list(only or [])
    project, report = load_project(data_dir)
    if wanted:
        known = {s.slug for s in project.settlements} if project else set()
        for slug in wanted:
            if project and slug not in known:
                report.add(
                    "file.missing", f"没有名为「{slug}」的安置点文件夹", data_dir / "settlements"
                )
    report.raise_if_errors()
    assert project is not None
    chosen = [s for s in project.settlements if not wanted or s.slug in wanted]

    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out_dir.parent))
    try:
        staging = work / "site"
        env = environment()
        _build_site(
            "hub", hub_pages(project, today, env), _hub_config(project), work / "hub", staging
        )
        if wanted and out_dir.is_dir():
            _carry_over(out_dir, staging, keep={s.slug for s in project.settlements} - set(wanted))
        for settlement in chosen:
            pages = portal_pages(project, settlement, today, env, pdf=pdf)
            _build_site(
                settlement.slug,
                pages,
                _portal_config(project, settlement),
                work / "render" / settlement.slug,
                staging / settlement.slug,
            )
        publish(staging, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out_dir, tuple(s.slug for s in chosen), report)


def _portal_config(project: Project, settlement: SettlementData) -> dict:
    profile = settlement.profile
    return {
        # MkDocs themes print these unescaped: escape staff text here
        "site_name": html.escape(profile.name),
        "site_description": html.escape(f"{profile.full_name or profile.name}信息公开"),
        "site_url": f"{project.portal.base_url}{settlement.slug}/",
        "extra": _extra(project, profile.name, profile.supervision_phone, profile.updated, "../"),
    }


def _hub_config(project: Project) -> dict:
    return {
        "site_name": html.escape(project.portal.title),
        "site_description": html.escape(f"{project.portal.publisher}主办"),
        "site_url": project.portal.base_url,
        "extra": _extra(project, project.portal.title, project.portal.contact_phone, None, ""),
    }


def _extra(
    project: Project, name: str, phone: str | None, updated: dt.date | None, hub: str
) -> dict:
    return {
        "generator": False,
        "portal": {
            "name": name,
            "publisher": project.portal.publisher,
            "supervision_phone": phone or "",
            "supervision_tel": values.tel_href(phone) if phone else "",
            "updated": f"{updated.year}年{updated.month}月{updated.day}日" if updated else "",
            "hub": hub,
        },
    }


def _build_site(
    name: str, pages: list[Page | File], overrides: dict, render: Path, site: Path
) -> None:
    """Write a site's Markdown and files, then run MkDocs on it into site."""
    docs = render / "docs"
    docs.mkdir(parents=True)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, File):
            target.write_bytes(page.data)
        else:
            target.write_text(page.markdown, encoding="utf-8")
    nav = [{p.title: p.path} for p in pages if isinstance(p, Page) and p.nav]
    try:
        config = load_config(
            config_file=str(BASE_CONFIG),
            docs_dir=str(docs),
            site_dir=str(site),
            nav=nav,
            **overrides,
        )
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise BuildError(name, str(exc)) from exc


def _carry_over(published: Path, staging: Path, keep: set[str]) -> None:
    """Copy the portals that are not rebuilt from the published site into staging."""
    for slug in sorted(keep):
        source = published / slug
        if source.is_dir():
            shutil.copytree(source, staging / slug)


def publish(staging: Path, out_dir: Path) -> None:
    """Swap the staging folder in for out_dir; the old site is removed afterwards."""
    old = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
        os.replace(out_dir, old)
    try:
        os.replace(staging, out_dir)
    except OSError:
        if old is not None:
            os.replace(old, out_dir)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def quiet_mkdocs() -> None:
    """MkDocs logs every page at INFO; staff only need warnings."""
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)
