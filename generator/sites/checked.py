"""Checking every settlement once: validated settlements cached under their hash.

A settlement's hash (generator/sites/hashes.py) covers its files, the code, the
templates and portal.yml, not the day. A build looks each hash up in the cache:
found, and no turn (generator/pages/turns.py) has come since it was checked,
the settlement is not read again (its warnings and its hub entry come
from the cache, and the worker building its portal loads the validated
SettlementData from there); not found, it is validated, in worker processes
when several changed, and cached when it has no errors. The main process only
ever holds the hub entries, so memory stays flat as settlements are added.

The cache lives in the user's cache folder (~/.cache/settlement-portal/ on
Linux), or in $PORTAL_CACHE_DIR, never in the project: a pickle loads code, so
it must not be something a data change can bring in. Entries are loaded only
from a folder private to this user and only with a valid signature bound to
their settlement and hash (generator/sites/cachefiles.py). The cache holds no more
than the data already says, may be deleted at any time, and is written on a
best-effort basis: a build that cannot write it still builds, only slower.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path

from generator.checks.project import load_portal, load_settlement
from generator.contract.data import SettlementData
from generator.contract.load import named_folders
from generator.contract.portal import Portal
from generator.errors import PortalError, Problem, Report
from generator.pages.compose import hub_entry
from generator.pages.turns import Turns, turns
from generator.pages.types import HubEntry
from generator.sites.cachefiles import PrivateFolder
from generator.sites.hashes import portal_key, settlement_hash, shared_hash
from generator.sites.pool import WorkerDied, Workers

APP = "settlement-portal"
SUMMARY, DATA = "summary", "data"


def cache_root() -> Path:
    """$PORTAL_CACHE_DIR, else the user's cache folder for this program."""
    configured = os.environ.get("PORTAL_CACHE_DIR")
    return Path(configured) if configured else user_cache_path(APP, appauthor=False)


@dataclass(frozen=True)
class Checked:
    """One settlement after checking: what it is, its problems, its line on the hub."""

    slug: str
    folder: Path
    key: str  # the settlement's content hash
    problems: tuple[Problem, ...]
    entry: HubEntry | None  # None when it has errors
    turns: Turns | None = None  # None when it has errors
    since: dt.date | None = None  # the latest turn on the day it was checked

    @property
    def site_key(self) -> str:
        """What its published portal is made from: the content and the day rendered for."""
        return portal_key(self.key, self.since) if self.since else self.key

    def current(self, today: dt.date) -> bool:
        """No turn has come since it was checked: its line on the hub still holds."""
        return self.turns is None or self.turns.since(today) == self.since


class Cache:
    """Validated settlements per slug and hash: <root>/<data folder tag>/<slug>/<hash>.<part>.

    Entries are signed and bound to their settlement, hash and part
    (generator/sites/cachefiles.py): one copied to another settlement's name is a miss.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.files = PrivateFolder(folder.parent if folder else None)

    @classmethod
    def for_data(cls, data_dir: Path) -> Cache:
        """One folder per data folder, named after it: data-1a2b3c4d."""
        data = data_dir.resolve()
        tag = hashlib.sha1(str(data).encode()).hexdigest()[:8]
        return cls(cache_root() / f"{data.name}-{tag}")

    @property
    def shared(self) -> PrivateFolder:
        """Where caches shared by every data folder go (jieba's dictionary)."""
        return self.files

    def _name(self, slug: str, key: str, part: str) -> str:
        assert self.folder is not None
        return f"{self.folder.name}/{slug}/{key}.{part}"

    def load(self, slug: str, key: str, part: str) -> object | None:
        """The stored value, or None when absent, unreadable or not ours (then it is made again)."""
        if self.folder is None:
            return None
        name = self._name(slug, key, part)
        return self.files.load(name, name)

    def store(self, slug: str, key: str, part: str, value: object) -> None:
        """Write atomically and drop the slug's older entries; never fails the build."""
        if self.folder is None or self.files.secret is None:
            return
        folder = self.folder / slug
        try:
            for old in folder.iterdir() if folder.is_dir() else ():
                if not old.name.startswith(key) and not old.is_dir():  # pdf/: PdfShelf's
                    old.unlink(missing_ok=True)
        except OSError:
            pass
        name = self._name(slug, key, part)
        self.files.store(name, name, value)

    def shelf(self, slug: str) -> PdfShelf:
        """Where the settlement's printed handbooks are kept (generator/print/handbook.py)."""
        return PdfShelf(self, slug)

    def keep_only(self, slugs: Iterable[str]) -> None:
        """Forget settlements that are no longer in the data."""
        if self.folder is None or not self.folder.is_dir():
            return
        kept = set(slugs)
        for entry in self.folder.iterdir():
            if entry.is_dir() and entry.name not in kept:
                shutil.rmtree(entry, ignore_errors=True)


@dataclass(frozen=True)
class PdfShelf:
    """A settlement's latest PDF of each paper, signed like every other entry: a PDF is
    published as it is, so a planted one must not load. <slug>/pdf/<paper>-<content key>."""

    cache: Cache
    slug: str

    def _name(self, name: str) -> str | None:
        folder = self.cache.folder
        return f"{folder.name}/{self.slug}/pdf/{name}" if folder is not None else None

    def get(self, name: str) -> object | None:
        path = self._name(name)
        return self.cache.files.load(path, path) if path else None

    def put(self, name: str, value: object) -> None:
        """Keep value, dropping the older PDFs of the same paper; never fails the build."""
        path = self._name(name)
        if path is None or self.cache.folder is None:
            return
        paper = name.split("-", 1)[0]
        try:
            for old in (self.cache.folder / self.slug / "pdf").glob(f"{paper}-*"):
                old.unlink(missing_ok=True)
        except OSError:
            pass
        self.cache.files.store(path, path, value)


@dataclass(frozen=True)
class _Task:
    """What a checking worker needs besides the folder."""

    root: Path  # the data folder: problems name files relative to it
    today: dt.date
    portal: Portal | None  # None when portal.yml has errors: then nothing is cached
    cache: Cache
    shared: str  # incremental.shared_hash: what every settlement's hash starts from


def check(
    root: Path,
    today: dt.date,
    portal: Portal | None,
    cache: Cache,
    folders: list[Path],
    shared: str,
    workers: Workers,
) -> list[Checked]:
    """Every folder checked, in order: from the cache by its hash, else validated now."""
    task = _Task(root, today, portal, cache, shared)
    found: dict[str, Checked] = {}
    missing = []
    for folder in folders:
        key = settlement_hash(folder, shared)
        cached = cache.load(folder.name, key, SUMMARY)
        bound = isinstance(cached, Checked) and (cached.slug, cached.key) == (folder.name, key)
        if bound and cached.folder == folder and cached.current(today):  # type: ignore[union-attr]
            found[folder.name] = cached
        else:
            missing.append((task, folder, key))
    if len(missing) == 1:
        # a one-settlement change: checked here while a worker warms up for its build
        workers.prestart()
    try:
        for checked in (workers.map if len(missing) > 1 else map)(_check_one, missing):
            found[checked.slug] = checked
    except WorkerDied as died:
        _, folder, _ = died.item  # type: ignore[misc]
        raise PortalError(f"检查「{folder.name}」的数据时{died.why}") from None
    return [found[f.name] for f in folders]


def check_data(
    data_dir: Path,
    today: dt.date,
    workers: Workers,
    shared: str | None = None,
    named: Iterable[str] = (),
    cache: Cache | None = None,
    publishing: bool = True,
) -> tuple[Portal, dict[str, Checked], Report]:
    """Check portal.yml and every settlement: from the cache when unchanged, else now.

    Raises DataError with every problem found when there is any error. Publishing
    (the default: build, render), a placeholder left in is an error; checking only
    (`portal validate`, the preview), a warning. The cache keeps them as found, so
    one check serves both.
    """
    shared = shared or shared_hash(data_dir, pdf=True)
    report = Report(root=data_dir)
    portal = load_portal(data_dir, report)
    folders = named_folders(data_dir, named, report)
    checked = check(data_dir, today, portal, cache_for(data_dir, cache), folders, shared, workers)
    for one in checked:
        report.extend(list(one.problems))
    if publishing:
        report.publishing()
    report.raise_if_errors()
    assert portal is not None
    return portal, {c.slug: c for c in checked}, report


def cache_for(data_dir: Path, cache: Cache | None) -> Cache:
    return cache if cache is not None else Cache.for_data(data_dir)


def load_checked(cache: Cache, checked: Checked) -> SettlementData:
    """A settlement that passed checking, from the cache or (when absent) from its files."""
    data = cache.load(checked.slug, checked.key, DATA)
    if isinstance(data, SettlementData) and data.slug == checked.slug:
        return data
    loaded = load_settlement(checked.folder, Report(root=checked.folder.parent.parent))
    if loaded is None:  # the files changed since they were checked
        raise PortalError(f"「{checked.slug}」的数据在生成过程中被改动，请重新生成")
    return loaded


def _check_one(item: tuple[_Task, Path, str]) -> Checked:
    task, folder, key = item
    report = Report(root=task.root)
    data = load_settlement(folder, report, task.today)
    entry, dated, since = None, None, None
    if data is not None and task.portal is not None:
        dated = turns(data, task.portal)
        since = dated.since(task.today)
        entry = hub_entry(data, since, task.portal)
    checked = Checked(folder.name, folder, key, tuple(report.problems), entry, dated, since)
    # cached only if the files are still those the hash was taken of (staff may be saving)
    if entry is not None and settlement_hash(folder, task.shared) == key:
        task.cache.store(folder.name, key, DATA, data)
        task.cache.store(folder.name, key, SUMMARY, checked)
    return checked
