"""Incremental builds: a content hash per settlement and a manifest in the published tree.

A settlement's hash covers everything its portal is made from: every file in
its data folder, portal.yml, the templates/ and site_overrides/ trees,
mkdocs.yml, the generator's version and source, the versions of the libraries
that shape a page, the "today" date (statuses and opening hours depend on it)
and the PDF flag. A portal whose hash matches the manifest of the published
site is left as published instead of being rebuilt. The hub's hash covers
every settlement's hash: it is rebuilt when any of them changed, else left too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import generator
from generator.datafiles import ANY_FILE
from generator.pages import ROOT

MANIFEST = ".portal-build.json"
SHARED_TREES = ("templates", "site_overrides", "generator")
SHARED_FILES = ("mkdocs.yml",)
# the libraries whose version changes what a page or a validated settlement is
PACKAGES = (
    "mkdocs", "mkdocs-material", "pydantic", "jieba", "Markdown", "nh3", "weasyprint", "pillow",
)


def _feed_tree(digest: hashlib._Hash, root: Path, base: Path) -> None:
    """Every entry under root, never following a symlink: a link counts by its target's
    name, a special file (a FIFO would block) or a very large file by its kind and size."""
    entries = []
    for top, folders, files in os.walk(root):  # os.walk does not enter linked folders
        folders[:] = [f for f in folders if f != "__pycache__"]
        entries += [Path(top, name) for name in folders + files]
    for path in sorted(entries):
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(_content(path) + b"\0")


def _content(path: Path) -> bytes:
    """What stands for an entry in a hash; never read through a link or from a FIFO."""
    try:
        info = path.lstat()
    except OSError:
        return b"missing"
    if stat.S_ISLNK(info.st_mode):
        return b"link:" + os.fsencode(os.readlink(path))
    if stat.S_ISREG(info.st_mode) and info.st_size <= ANY_FILE:
        return path.read_bytes()
    return f"{stat.S_IFMT(info.st_mode)}:{info.st_size}".encode()


def shared_hash(data_dir: Path, today: dt.date, pdf: bool) -> str:
    """What every portal depends on: code, theme, templates, portal.yml, today, pdf flag."""
    digest = hashlib.sha256()
    stamp = [generator.__version__, *(version(name) for name in PACKAGES)]
    digest.update(json.dumps([*stamp, today.isoformat(), pdf]).encode())
    for name in SHARED_TREES:
        _feed_tree(digest, ROOT / name, ROOT)
    for name in SHARED_FILES:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    digest.update(b"portal.yml\0" + _content(data_dir / "portal.yml"))
    return digest.hexdigest()


def settlement_hash(folder: Path, shared: str) -> str:
    digest = hashlib.sha256(shared.encode())
    _feed_tree(digest, folder, folder)
    return digest.hexdigest()


def hub_hash(shared: str, hashes: dict[str, str]) -> str:
    """The hub lists every settlement: it depends on all of their hashes."""
    return hashlib.sha256(json.dumps([shared, sorted(hashes.items())]).encode()).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """What the published site was built from: each portal's hash, the hub's hash and files."""

    portals: dict[str, str] = field(default_factory=dict)
    hub: str = ""
    hub_files: tuple[str, ...] = ()  # the hub's top-level files and folders

    def portal_intact(self, site: Path, slug: str, key: str) -> bool:
        """The published portal was built from exactly these inputs and is still there."""
        return self.portals.get(slug) == key and (site / slug).is_dir()

    def hub_intact(self, site: Path, key: str) -> bool:
        """The published hub was built from exactly these inputs and is still all there."""
        files = self.hub_files
        return (
            bool(key)
            and self.hub == key
            and bool(files)
            and all((site / f).exists() for f in files)
        )


    def entries_only(self, site: Path) -> bool:
        """The published site holds exactly what the manifest lists, nothing more."""
        listed = {*self.portals, *self.hub_files, MANIFEST}
        return {entry.name for entry in os.scandir(site)} == listed


def read_manifest(site: Path) -> Manifest:
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        portals = {str(k): str(v) for k, v in data.get("portals", {}).items()}
        hub = data.get("hub", {})
        return Manifest(portals, str(hub.get("hash", "")), tuple(map(str, hub.get("files", []))))
    except (OSError, ValueError, AttributeError, TypeError):
        return Manifest()


def write_manifest(site: Path, manifest: Manifest) -> None:
    data = {
        "version": 2,
        "hub": {"hash": manifest.hub, "files": sorted(manifest.hub_files)},
        "portals": dict(sorted(manifest.portals.items())),
    }
    (site / MANIFEST).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
