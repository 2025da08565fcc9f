"""Incremental builds: a content hash per settlement and a manifest in the published tree.

A settlement's hash covers everything its portal is made from: every file in
its data folder, portal.yml, the templates/ and site_overrides/ trees,
mkdocs.yml, the generator's version and source, the MkDocs and Material
versions, the "today" date (statuses and opening hours depend on it) and the
PDF flag. A portal whose hash matches the manifest of the published site is
carried over from it (hard links where possible) instead of being rebuilt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

import generator
from generator.pages import ROOT

MANIFEST = ".portal-build.json"
SHARED_TREES = ("templates", "site_overrides", "generator")
SHARED_FILES = ("mkdocs.yml",)


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
    stamp = [generator.__version__, version("mkdocs"), version("mkdocs-material")]
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


def read_manifest(site: Path) -> dict[str, str]:
    try:
        data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("portals", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(site: Path, portals: dict[str, str]) -> None:
    text = json.dumps({"version": 1, "portals": dict(sorted(portals.items()))}, indent=1)
    (site / MANIFEST).write_text(text + "\n", encoding="utf-8")


def up_to_date(published: Path, hashes: dict[str, str]) -> set[str]:
    """The slugs whose published portal was built from exactly the same inputs."""
    old = read_manifest(published)
    return {s for s, h in hashes.items() if old.get(s) == h and (published / s).is_dir()}


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def carry_over(published: Path, staging: Path, slugs: set[str]) -> None:
    """Bring these portals from the published site into staging (hard links, else copies)."""
    for slug in sorted(slugs):
        source = published / slug
        if source.is_dir():
            shutil.copytree(source, staging / slug, copy_function=_link_or_copy)
