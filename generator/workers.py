"""Building many MkDocs sites fast: one process per core, each building many sites.

The hub and the portals are tasks for the same workers (generator/pool.py), so
a one-settlement rebuild builds its portal and the hub side by side. A worker
gets a settlement's validated data from the cache (generator/validated.py) and
holds one settlement at a time. Inside every process MkDocs' Jinja environment
gets a shared bytecode cache, so Material's templates are compiled once, not
once per site.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from tqdm import tqdm

from generator import segmenter
from generator.assets import share_assets
from generator.errors import PortalError
from generator.models.portal import Portal
from generator.pages import environment
from generator.pool import parallel
from generator.project import Project
from generator.render import BASE_CONFIG, SiteSpec, hub_spec, portal_spec, write_docs
from generator.validated import Cache, Checked, load_checked


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


HUB = ""  # the hub's task name among the portals' slugs


@dataclass(frozen=True)
class Job:
    """What every worker needs to build the hub and the portals."""

    data_dir: Path
    work: Path  # render/<slug>/ (Markdown), site/<slug>/ (portals) and hub/ go under here
    today: dt.date
    pdf: bool
    portal: Portal
    cache: Cache
    checked: dict[str, Checked]  # every settlement, for the hub and the portals' data
    quiet: bool = True


_state: dict[str, object] = {}


def _init(job: Job) -> None:
    if job.quiet:
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
    segmenter.warm(job.cache.folder.parent if job.cache.folder else None)
    _state.update(job=job, env=environment())


def _build(task: str) -> tuple[str, str | None]:
    """Build the hub (into work/hub) or one portal (into work/site/<slug>).

    Returns (task, None), or (task, error message) when MkDocs failed.
    """
    job: Job = _state["job"]  # type: ignore[assignment]
    env: jinja2.Environment = _state["env"]  # type: ignore[assignment]
    try:
        if task == HUB:
            entries = [c.entry for c in job.checked.values() if c.entry is not None]
            spec = hub_spec(job.portal, entries, job.today, env)
            build_site(spec, job.work / "render" / "_hub", job.work / "hub")
            return task, None
        settlement = load_checked(job.cache, job.checked[task])
        project = Project(job.data_dir, job.portal, (settlement,))
        spec = portal_spec(project, settlement, job.today, env, job.pdf)
        site = job.work / "site" / task
        build_site(spec, job.work / "render" / task, site)
    except SiteFailed as exc:
        return task, str(exc.args[1])
    except PortalError as exc:
        return task, str(exc)
    share_assets(site, spec.overrides["site_url"], job.portal.base_url)
    return task, None


def build_all(job: Job, tasks: list[str], jobs: int) -> Iterator[str]:
    """Build the hub and the portals named, yielding each when done; SiteFailed on a failure."""
    bar = tqdm(total=len(tasks), unit="站", desc="生成", disable=not sys.stderr.isatty())
    try:
        for task, error in parallel(_build, tasks, jobs, _init, (job,)):
            if error is not None:
                raise SiteFailed("hub" if task == HUB else task, error)
            bar.update()
            yield task
    finally:
        bar.close()
