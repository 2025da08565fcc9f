"""Building many MkDocs sites fast: one process per core, each building many sites.

The hub and the portals are tasks for the same workers (generator/sites/pool.py), so
a one-settlement rebuild builds its portal and the hub side by side. A worker
gets a settlement's validated data from the cache (generator/sites/checked.py) and
holds one settlement at a time. Inside every process the theme's Jinja environment,
with its compiled templates, and its file list are made once (install_theme_caches),
not once per site.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
from tqdm import tqdm

from generator.contract.data import Project
from generator.contract.portal import Portal
from generator.pages.templates import BYTECODE, environment
from generator.pages.turns import hub_day
from generator.paths import BASE_CONFIG, TEMPLATES
from generator.sites import engine, memory_docs, pinyin, segmenter, theme_css
from generator.sites.assets import SharedAssets, precompress
from generator.sites.cachefiles import PrivateFolder
from generator.sites.checked import Cache, Checked, load_checked
from generator.sites.pool import WorkerDied, Workers
from generator.sites.render import HUB as HUB_FOLDER
from generator.sites.render import SiteSpec, hub_spec, portal_spec


class SiteFailed(Exception):
    """MkDocs failed on one site (picklable: carries plain strings only)."""


def install_theme_caches() -> None:
    """Make every Jinja environment MkDocs makes for a theme cheap to make again.

    Three caches, all keyed so that they cannot go stale within a build:

    * one environment per theme (its folders, locale and static templates), so a
      process loads and compiles each of Material's templates once, not once per
      site: MkDocs' environment never reloads a template (``auto_reload=False``), and
      what a build sets on it is the same for every site (our hooks' globals
      ``pp_lazy_search`` and ``pp_text``; the ``config`` Material's search plugin
      hands ``partials/language.html`` when it translates, which a page's own
      context overrides);
    * one shared bytecode cache, so a new process does not compile them again either
      (Jinja checks each template's source checksum);
    * the theme's file list: MkDocs walks every file of the theme (Material ships
      some 14,000, mostly icons) and filters them on every build, about 0.3 s a
      site; the result is kept with the theme's environment, per filter.
    """
    if getattr(engine.Theme.get_env, "_portal_cached", False):
        return
    original = engine.Theme.get_env
    made: dict[tuple, jinja2.Environment] = {}

    def get_env(self: engine.Theme) -> jinja2.Environment:
        theme = (tuple(self.dirs), tuple(sorted(self.static_templates)), str(self.locale))
        if theme in made:
            return made[theme]
        env = original(self)
        env.bytecode_cache = BYTECODE
        walk = env.list_templates
        listed: dict[tuple, list[str]] = {}  # this theme's file lists

        def list_templates(extensions=None, filter_func=None):  # type: ignore[no-untyped-def]
            key = (tuple(extensions or ()), getattr(filter_func, "__code__", None))
            if key not in listed:
                listed[key] = walk(extensions, filter_func)
            return list(listed[key])

        env.list_templates = list_templates  # type: ignore[method-assign]
        made[theme] = env
        return env

    get_env._portal_cached = True  # type: ignore[attr-defined]
    engine.Theme.get_env = get_env  # type: ignore[method-assign]


def build_site(
    spec: SiteSpec, render: Path, site: Path, shared: SharedAssets | None = None
) -> None:
    """Run MkDocs on a site's pages and files, handed over in memory, into site.

    shared: a portal's, whose copy of the theme's assets/ is removed after the build
    (``shared.share``), so MkDocs need not copy it, and whose pages are pointed at the
    hub's assets/ as MkDocs makes them (generator/sites/memory_docs.py).
    """
    install_theme_caches()
    docs = render / "docs"  # empty: the pages come from memory_docs
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    try:
        config = engine.load_config(
            config_file=str(BASE_CONFIG),
            docs_dir=str(docs),
            site_dir=str(site),
            nav=spec.nav,
            **spec.overrides,
        )
        memory_docs.add(config, spec.pages, shared)
        engine.build(config)
    except (engine.MkDocsException, OSError) as exc:
        raise SiteFailed(spec.name, str(exc)) from exc


HUB = ""  # the hub's task name among the portals' slugs


@dataclass(frozen=True)
class Job:
    """What every site of a build needs: where, for which day, with PDFs or not."""

    data_dir: Path
    work: Path  # render/<slug>/ (Markdown), site/<slug>/ (portals) and hub/ go under here
    today: dt.date
    pdf: bool
    portal: Portal
    cache: Cache


_state: dict[str, object] = {}  # this process's warm-up flag and Jinja environment


def warm(cache: PrivateFolder | None) -> None:
    """Ready a worker before its first site: jieba, our templates, Material's theme.

    Only a head start, done once per process: a failure here is left for the
    real build to report.
    """
    if "warm" in _state:
        return
    _state["warm"] = True
    engine.quiet()
    segmenter.warm(cache)
    if not pinyin.recall(cache):  # no word known from earlier builds:
        pinyin.pinyin("低保")  # pypinyin loads its dictionaries on first use, 0.16 s
    _environment()
    install_theme_caches()
    try:
        config = engine.load_config(config_file=str(BASE_CONFIG), docs_dir=str(TEMPLATES))
        engine.Files([]).add_files_from_theme(config.theme.get_env(), config)
        theme_css.warm(config.theme.dirs, cache)  # Material's main.css, trimmed
    except Exception:  # a head start only: the build itself reports what is wrong
        pass


def finish(cache: PrivateFolder | None) -> None:
    """When a worker stops: keep the pinyin it worked out for the next build."""
    pinyin.keep(cache)


def _environment() -> jinja2.Environment:
    if "env" not in _state:
        _state["env"] = environment()
    return _state["env"]  # type: ignore[return-value]


Task = tuple[Job, str, object]  # (job, HUB, hub entries) or (job, slug, its Checked)


def _build(task: Task) -> tuple[str, str | None]:
    """Build the hub (into work/hub) or one portal (into work/site/<slug>).

    Returns (name, None), or (name, error message) when MkDocs failed.
    """
    job, name, what = task
    warm(job.cache.shared)  # returns at once if done before
    env = _environment()
    try:
        if name == HUB:
            spec = hub_spec(job.portal, what, hub_day(job.today), env)  # type: ignore[arg-type]
            build_site(spec, job.work / "render" / HUB_FOLDER, job.work / "hub")
            precompress(job.work / "hub", job.cache.shared)
            return name, None
        checked: Checked = what  # type: ignore[assignment]
        settlement = load_checked(job.cache, checked)
        project = Project(job.data_dir, job.portal, (settlement,))
        # rendered for its latest turn: the same bytes on every day until the next one
        day = checked.since or job.today
        spec = portal_spec(project, settlement, day, env, job.pdf, job.cache.shelf(name))
        site = job.work / "site" / name
        shared = SharedAssets(spec.overrides["site_url"], job.portal.base_url)
        build_site(spec, job.work / "render" / name, site, shared)
    except SiteFailed as exc:
        return name, str(exc.args[1])
    shared.share(site)
    precompress(site, job.cache.shared)
    return name, None


def build_all(
    workers: Workers, job: Job, checked: dict[str, Checked], names: list[str]
) -> Iterator[str]:
    """Build the hub and the portals named, yielding each when done; SiteFailed on a failure."""
    entries = tuple(c.entry for c in checked.values() if c.entry is not None)
    tasks: list[Task] = [(job, n, entries if n == HUB else checked[n]) for n in names]
    bar = tqdm(total=len(tasks), unit="站", desc="生成", disable=not sys.stderr.isatty())
    try:
        for name, error in workers.map(_build, tasks):
            if error is not None:
                raise SiteFailed("hub" if name == HUB else name, error)
            bar.update()
            yield name
    except WorkerDied as died:
        _, name, _ = died.item  # type: ignore[misc]
        raise SiteFailed("全县平台" if name == HUB else name, died.why) from None
    finally:
        bar.close()
