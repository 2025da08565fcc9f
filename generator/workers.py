"""Building many MkDocs sites fast: one process per core, each building many sites.

Workers are forked where the platform allows it (they inherit the loaded
project, jieba's dictionary and the imported theme), else spawned (they load
the project again, only the settlements they are given). Inside every
process MkDocs' Jinja environment gets a shared bytecode cache, so Material's
templates are compiled once, not once per site.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from tqdm import tqdm

from generator.assets import share_assets
from generator.pages import environment
from generator.project import Project, load_project
from generator.render import BASE_CONFIG, SiteSpec, portal_spec, write_docs


class SiteFailed(Exception):
    """MkDocs failed on one site (picklable: carries plain strings only)."""


def install_bytecode_cache() -> None:
    """Give every Jinja environment MkDocs makes for a theme one shared bytecode cache."""
    from mkdocs.theme import Theme

    if getattr(Theme.get_env, "_portal_cached", False):
        return
    original = Theme.get_env
    cache = jinja2.FileSystemBytecodeCache()  # a private per-user folder in the temp dir

    def get_env(self: Theme) -> jinja2.Environment:
        env = original(self)
        env.bytecode_cache = cache
        return env

    get_env._portal_cached = True  # type: ignore[attr-defined]
    Theme.get_env = get_env  # type: ignore[method-assign]


def build_site(spec: SiteSpec, render: Path, site: Path) -> None:
    """Write a site's Markdown and files, then run MkDocs on it into site."""
    install_bytecode_cache()
    docs = render / "docs"
    write_docs(spec.pages, docs)
    try:
        config = load_config(
            config_file=str(BASE_CONFIG),
            docs_dir=str(docs),
            site_dir=str(site),
            nav=spec.nav,
            **spec.overrides,
        )
        mkdocs_build(config)
    except (MkDocsException, OSError) as exc:
        raise SiteFailed(spec.name, str(exc)) from exc


@dataclass(frozen=True)
class Job:
    """What every worker needs to build portals: where, for which day, with PDFs or not."""

    data_dir: Path
    work: Path  # render/<slug>/ (Markdown) and site/<slug>/ (HTML) go under here
    today: dt.date
    pdf: bool
    hub_url: str


_state: dict[str, object] = {}


def _init(job: Job, project: Project | None, slugs: list[str], quiet: bool) -> None:
    if quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    if project is None:  # spawned: load only what this run builds
        project, report = load_project(job.data_dir, only=slugs)
        report.raise_if_errors()
    _state.update(job=job, project=project, env=environment())


def _build_portal(slug: str) -> tuple[str, str | None]:
    """Build one portal into work/site/<slug>; (slug, None) or (slug, error message)."""
    job: Job = _state["job"]  # type: ignore[assignment]
    project: Project = _state["project"]  # type: ignore[assignment]
    settlement = project.settlement(slug)
    spec = portal_spec(project, settlement, job.today, _state["env"], job.pdf)  # type: ignore[arg-type]
    site = job.work / "site" / slug
    try:
        build_site(spec, job.work / "render" / slug, site)
    except SiteFailed as exc:
        return slug, str(exc.args[1])
    share_assets(site, spec.overrides["site_url"], job.hub_url)
    return slug, None


def build_portals(job: Job, project: Project, slugs: list[str], jobs: int) -> Iterator[str]:
    """Build the portals, yielding each slug when done; raise SiteFailed on the first failure."""
    quiet = logging.getLogger("mkdocs").level >= logging.WARNING
    bar = tqdm(total=len(slugs), unit="站", desc="生成", disable=not sys.stderr.isatty())
    try:
        if jobs <= 1 or len(slugs) <= 1:
            _init(job, project, slugs, quiet)
            results: Iterator[tuple[str, str | None]] = map(_build_portal, slugs)
            yield from _checked(results, bar)
            return
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        inherited = project if context.get_start_method() == "fork" else None
        with context.Pool(min(jobs, len(slugs)), _init, (job, inherited, slugs, quiet)) as pool:
            yield from _checked(pool.imap_unordered(_build_portal, slugs), bar)
    finally:
        bar.close()


def _checked(results: Iterator[tuple[str, str | None]], bar: tqdm) -> Iterator[str]:
    for slug, error in results:
        if error is not None:
            raise SiteFailed(slug, error)
        bar.update()
        yield slug
