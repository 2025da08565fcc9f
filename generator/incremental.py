"""Incremental builds: a content hash per settlement and a manifest in the published tree.

A settlement's hash covers everything its portal is made from: every file in
its data folder, portal.yml, the templates/ and site_overrides/ trees,
mkdocs.yml, the generator's version and source, the versions of the libraries
that shape a page, the "today" date (statuses and opening hours depend on it)
and the PDF flag. A portal whose hash matches the manifest of the published
site is left as published instead of being rebuilt. The hub's hash covers
every settlement's hash: it is rebuilt when any of them changed, else left too.
``carry_over`` (hard links where possible) assembles shards into one site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import generator
from generator.pages import ROOT

MANIFEST = ".portal-build.json"
SHARED_TREES = ("templates", "site_overrides", "generator")
SHARED_FILES = ("mkdocs.yml",)
# the libraries whose version changes what a page or a validated settlement is
PACKAGES = ("mkdocs", "mkdocs-material", "pydantic", "jieba", "Markdown", "nh3", "weasyprint")


def _feed_tree(digest: hashlib._Hash, root: Path, base: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def shared_hash(data_dir: Path, today: dt.date, pdf: bool) -> str:
    """What every portal depends on: code, theme, templates, portal.yml, today, pdf flag."""
    digest = hashlib.sha256()
    stamp = [generator.__version__, *(version(name) for name in PACKAGES)]
    digest.update(json.dumps([*stamp, today.isoformat(), pdf]).encode())
    for name in SHARED_TREES:
        _feed_tree(digest, ROOT / name, ROOT)
    for name in SHARED_FILES:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    portal = data_dir / "portal.yml"
    digest.update(b"portal.yml\0" + (portal.read_bytes() if portal.is_file() else b""))
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


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def carry_over(published: Path, staging: Path, names: Iterable[str]) -> None:
    """Bring these files and folders of the published site into staging (hard links or copies)."""
    for name in sorted(names):
        source = published / name
        if source.is_dir():
            shutil.copytree(source, staging / name, copy_function=_link_or_copy)
        elif source.is_file():
            _link_or_copy(str(source), str(staging / name))
