"""The builds, the hub, incremental reuse, shards, and the atomic publish.

Everything is gathered and checked first; every site is built into a staging
folder beside ``--out``; ``--out`` is swapped for the staging folder only when
every build succeeded. A failed build leaves the published site as it was.

Portals whose inputs did not change since the published build (see
generator/incremental.py) are carried over from it; the others are built in
worker processes (generator/workers.py); the hub is always rebuilt. Portals
share the hub's theme assets (generator/assets.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import PortalError, Report
from generator.incremental import (
    carry_over,
    read_manifest,
    settlement_hash,
    shared_hash,
    up_to_date,
    write_manifest,
)
from generator.pages import environment
from generator.project import Project, load_project
from generator.render import hub_spec
from generator.workers import Job, SiteFailed, build_portals, build_site


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
) -> BuildResult:
    """Validate the data, build the hub and every changed (or named) portal, publish.

    With ``only`` the named portals are rebuilt whatever their hash and the
    others are kept as published. With ``shard`` only that share of the
    portals is written, with the shared assets and without the hub.
    """
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
    chosen = [
        s.slug
        for s in project.settlements
        if (not wanted or s.slug in wanted) and in_shard(s.slug, shard)
    ]
    shared = shared_hash(data_dir, today, pdf)
    hashes = {s.slug: settlement_hash(s.folder, shared) for s in project.settlements}

    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    reused = set() if wanted else up_to_date(out_dir, {k: hashes[k] for k in chosen})
    todo = [slug for slug in chosen if slug not in reused]
    manifest = {slug: hashes[slug] for slug in chosen}
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out_dir.parent))
    try:
        staging = work / "site"
        env = environment()
        if shard is None:
            _build_hub(project, today, env, work, staging)
        else:
            _build_hub(project, today, env, work, work / "hub")
            staging.mkdir()
            shutil.copytree(work / "hub" / "assets", staging / "assets")
        if wanted and out_dir.is_dir():
            kept = {s.slug for s in project.settlements} - set(wanted)
            carry_over(out_dir, staging, kept)
            old = read_manifest(out_dir)
            manifest.update({slug: old[slug] for slug in kept if slug in old})
        carry_over(out_dir, staging, reused)
        job = Job(data_dir, work, today, pdf, project.portal.base_url)
        try:
            built = list(build_portals(job, project, todo, jobs or os.cpu_count() or 1))
        except SiteFailed as exc:
            raise BuildError(*exc.args) from exc
        write_manifest(staging, manifest)
        publish(staging, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out_dir, tuple(chosen), report, tuple(sorted(built)), tuple(sorted(reused)))


def merge(
    shards: Iterable[Path], data_dir: Path, out_dir: Path, today: dt.date | None = None
) -> BuildResult:
    """Assemble shard outputs into one deployment with a fresh hub, and publish it."""
    today = today or dt.date.today()
    project, report = load_project(data_dir)
    report.raise_if_errors()
    assert project is not None
    slugs = {s.slug for s in project.settlements}
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out_dir.parent))
    manifest: dict[str, str] = {}
    try:
        staging = work / "site"
        _build_hub(project, today, environment(), work, staging)
        for shard in shards:
            found = {k: v for k, v in read_manifest(shard).items() if k in slugs}
            carry_over(shard, staging, set(found) - set(manifest))
            manifest.update(found)
        missing = sorted(slugs - set(manifest))
        if missing:
            raise BuildError("合并", f"分片中缺少这些安置点：{'、'.join(missing)}")
        write_manifest(staging, manifest)
        publish(staging, out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = tuple(sorted(manifest))
    return BuildResult(out_dir, names, report, (), names)


def _build_hub(project: Project, today: dt.date, env: object, work: Path, site: Path) -> None:
    try:
        build_site(hub_spec(project, today, env), work / "render" / "_hub", site)  # type: ignore[arg-type]
    except SiteFailed as exc:
        raise BuildError("hub", exc.args[1]) from exc


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
