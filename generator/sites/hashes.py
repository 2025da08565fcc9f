"""What each portal is made from, as a hash: a build rebuilds only what changed.

A settlement's hash covers everything its portal is made from: every file in
its data folder, portal.yml, the templates/ and site_overrides/ trees,
mkdocs.yml, the generator's version and source, the versions of the libraries
that shape a page, the "today" date (statuses and opening hours depend on it)
and the PDF flag. A portal whose hash matches the manifest of the published
site (generator/sites/manifest.py) is left as published instead of being
rebuilt. The hub's hash covers every settlement's hash: it is rebuilt when any
of them changed, else left too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from importlib.metadata import version
from pathlib import Path

import generator
from generator.paths import ROOT
from generator.read.files import ANY_FILE
from generator.sites import engine

SHARED_TREES = ("templates", "site_overrides", "generator")
SHARED_FILES = ("mkdocs.yml",)
# the libraries whose version changes what a page or a validated settlement is
PACKAGES = (
    engine.NAME, "mkdocs-material", "pydantic", "jieba", "Markdown", "nh3", "weasyprint", "pillow",
    "pypinyin",
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
