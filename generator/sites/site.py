"""The build's path, in order, from this one place: hash → check → render and build → publish.

``_build`` calls each step's module in turn:

1. hashes (generator/sites/hashes.py): what every portal is made from;
2. checked (generator/sites/checked.py): each settlement from the validation
   cache by its hash, or read and checked now (generator/checks/project.py);
3. what changed since the published build (generator/sites/manifest.py) is
   rendered and built: generator/sites/workers.py renders its pages
   (generator/sites/render.py) and runs MkDocs, in worker processes
   (generator/sites/pool.py); portals share the hub's theme assets;
4. publish (generator/sites/publish.py): the unchanged portals join the new
   ones in a staging folder beside ``--out``, which is swapped in whole, in
   one atomic step, only once every build has succeeded. A failed or killed
   build leaves the published site as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PortalError, Report, codes
from generator.pages.turns import hub_day
from generator.sites import engine
from generator.sites.assets import ASSETS
from generator.sites.checked import Cache, Checked, cache_for, check_data
from generator.sites.hashes import hub_hash, shared_hash
from generator.sites.manifest import Manifest, read_manifest, write_manifest
from generator.sites.pool import Workers
from generator.sites.publish import OutFolder, link_tree, remove
from generator.sites.staging import Wanted, complete, set_aside
from generator.sites.workers import HUB, Job, SiteFailed, build_all, finish, warm

# code -> (title, hint): a site MkDocs could not build
BUILD_CODES: dict[str, tuple[str, str]] = codes(
    {
        "build.mkdocs": (
            "网站生成失败",
            "这通常不是数据的问题。请把这段提示发给技术支持。",
        ),
    }
)


class BuildError(PortalError):
    """MkDocs failed on a site: not a data mistake, but the site is not published."""

    def __init__(self, site: str, detail: str) -> None:
        self.site = site
        self.detail = detail
        super().__init__(f"生成「{site}」时出错：{detail}")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    portals: tuple[str, ...]  # every portal this run is about (built or reused)
    report: Report
    built: tuple[str, ...] = field(default=())
    reused: tuple[str, ...] = field(default=())


def in_shard(slug: str, shard: tuple[int, int] | None) -> bool:
    """Shard I of N (1-based) holds the slugs with sha1(slug) mod N == I - 1."""
    if shard is None:
        return True
    index, count = shard
    return int(hashlib.sha1(slug.encode()).hexdigest(), 16) % count == index - 1


def build(
    data_dir: Path,
    out_dir: Path,
    only: Iterable[str] | None = None,
    today: dt.date | None = None,
    pdf: bool = True,
    jobs: int | None = None,
    shard: tuple[int, int] | None = None,
    cache: Cache | None = None,
    publishing: bool = True,
) -> BuildResult:
    """Check the data, build the hub and every changed (or named) portal, publish.

    Not publishing (`portal serve`'s preview), placeholders left in are warnings
    and the settlement is built, so staff see it while they fill it in.

    With ``only`` the named portals are rebuilt whatever their hash and the
    others are kept as published. With ``shard`` only that share of the
    portals is written, with the shared assets and without the hub.
    """
    today = today or dt.date.today()
    cache = cache_for(data_dir, cache)
    with Workers(jobs or os.cpu_count() or 1, warm, (cache.shared,), finish) as workers:
        return _build(
            workers, data_dir, out_dir, set(only or []), today, pdf, shard, cache, publishing
        )


def _build(
    workers: Workers,
    data_dir: Path,
    out_dir: Path,
    wanted: set[str],
    today: dt.date,
    pdf: bool,
    shard: tuple[int, int] | None,
    cache: Cache,
    publishing: bool = True,
) -> BuildResult:
    shared = shared_hash(data_dir, pdf)
    portal, checked, report = check_data(
        data_dir, today, workers, shared, wanted, cache, publishing
    )
    hashes = {c.slug: c.site_key for c in checked.values()}
    chosen = [s for s in hashes if (not wanted or s in wanted) and in_shard(s, shard)]
    with OutFolder(out_dir, data_dir) as out:
        old = read_manifest(out.out)
        intact = {s for s in chosen if old.portal_intact(out.out, s, hashes[s])}
        reused = set() if wanted else intact
        # --only: the others stay as published
        kept = {s for s in old.portals if s in hashes and s not in wanted} if wanted else set()
        kept = {s for s in kept if (out.out / s).is_dir()}
        hub = hub_hash(shared, hub_lines(checked), hub_day(today)) if shard is None else ""
        hub_kept = old.hub_intact(out.out, hub)
        todo = [s for s in chosen if s not in reused]
        portals = {s: hashes[s] for s in chosen} | {s: old.portals[s] for s in kept}
        if not todo and hub_kept and portals == old.portals and old.entries_only(out.out):
            # nothing to publish: the site already is what this build would make
            return BuildResult(out.out, tuple(chosen), report, (), tuple(sorted(reused)))
        work = out.work_folder()
        try:
            # started from the site the last build replaced: only what changed since moves
            staging, base = out.staging(work)
            job = Job(data_dir, work, today, pdf, portal, cache)
            carried = reused | kept
            wanted = Wanted(
                {s: portals[s] for s in carried}, hub, old.hub_files if hub_kept else ()
            )
            trash = work / "trash"
            in_place = set_aside(staging, base, wanted, trash)
            missing = (carried | set(wanted.hub_files)) - in_place
            # the rest is linked into staging while the workers build: thousands of
            # directories for a whole site, time spent in the kernel, not in the workers' CPU
            linker = ThreadPoolExecutor(max_workers=1)
            linked = linker.submit(complete, out.out, staging, missing, trash)
            try:
                built = _run(workers, job, checked, ([] if hub_kept else [HUB]) + todo)
            finally:
                linker.shutdown(wait=True)  # nothing is removed while links are being made
            linked.result()
            if hub_kept:
                hub_files = old.hub_files
            else:
                hub_files = _place_hub(work / "hub", staging, assets_only=shard is not None)
            write_manifest(staging, Manifest(portals, hub, hub_files))
            out.swap_in(staging)
            out.keep_previous(staging)
        finally:
            remove(work)
    cache.keep_only(hashes)
    return BuildResult(out.out, tuple(chosen), report, tuple(sorted(built)), tuple(sorted(reused)))


def merge(
    shards: Iterable[Path],
    data_dir: Path,
    out_dir: Path,
    today: dt.date | None = None,
    cache: Cache | None = None,
) -> BuildResult:
    """Assemble shard outputs into one deployment with a fresh hub, and publish it."""
    today = today or dt.date.today()
    cache = cache_for(data_dir, cache)
    with Workers(os.cpu_count() or 1, None) as workers:
        portal, checked, report = check_data(data_dir, today, workers, cache=cache)
    slugs = set(checked)
    portals: dict[str, str] = {}
    with OutFolder(out_dir, data_dir) as out:
        work = out.work_folder()
        try:
            staging = work / "site"
            staging.mkdir()
            for shard in shards:
                found = {k: v for k, v in read_manifest(shard).portals.items() if k in slugs}
                link_tree(shard, staging, set(found) - set(portals))
                portals.update(found)
            missing = sorted(slugs - set(portals))
            if missing:
                raise BuildError("合并", f"分片中缺少这些安置点：{'、'.join(missing)}")
            job = Job(data_dir, work, today, True, portal, cache)
            _run(Workers(1, None), job, checked, [HUB])
            hub_files = _place_hub(work / "hub", staging, assets_only=False)
            # the hub's hash is not a build's: the next `portal build` into it rebuilds the hub
            write_manifest(
                staging, Manifest(portals, hub_hash("merge", portals, hub_day(today)), hub_files)
            )
            out.swap_in(staging)
        finally:
            remove(work)
    names = tuple(sorted(portals))
    return BuildResult(out.out, names, report, (), names)


def hub_lines(checked: dict[str, Checked]) -> dict[str, str]:
    """What the hub shows of each settlement, as a hash: its line on the hub (name, town,
    disclosure statuses, 三资, services). A change the hub does not show (a notice, a
    grid worker, a ledger row) leaves the hub as published."""
    return {
        slug: hashlib.sha256(repr(c.entry).encode()).hexdigest() for slug, c in checked.items()
    }


def _run(workers: Workers, job: Job, checked: dict[str, Checked], names: list[str]) -> list[str]:
    """Build the hub and portals named; the portals' slugs, once all succeeded."""
    try:
        return [name for name in build_all(workers, job, checked, names) if name != HUB]
    except SiteFailed as exc:
        raise BuildError(*exc.args) from exc


def _place_hub(hub: Path, staging: Path, assets_only: bool) -> tuple[str, ...]:
    """Move the built hub (or only its theme assets, for a shard) into the staging root."""
    names = [ASSETS] if assets_only else sorted(p.name for p in hub.iterdir())
    for name in names:
        os.replace(hub / name, staging / name)
    return tuple(names)


def quiet_mkdocs() -> None:
    """MkDocs logs every page at INFO; staff only need warnings (jieba: segmenter.warm)."""
    engine.quiet()
