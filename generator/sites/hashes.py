"""What each portal is made from, as a hash: a build rebuilds only what changed.

A settlement's hash covers everything its portal is made from: every file in
its data folder, portal.yml, the templates/ and site_overrides/ trees,
mkdocs.yml, the generator's version and source, the versions of the libraries
that shape a page and the PDF flag. It has no date in it: the day a portal is
rendered for is its latest turn (generator/pages/turns.py), added by
``portal_key``. A portal whose key matches the manifest of the published site
(generator/sites/manifest.py) is left as published instead of being rebuilt.
The hub's hash covers what it shows of every settlement (its line: name, town,
disclosure statuses, services) and the hub's own day: it is rebuilt when any of
them changed, else left too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
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


def _feed_tree(
    digest: hashlib._Hash, root: Path, base: Path, skip: Callable[[str], bool] | None = None
) -> None:
    """Every entry under root, never following a symlink: a link counts by its target's
    name, a special file (a FIFO would block) or a very large file by its kind and size.
    ``skip`` leaves out the entries whose name it accepts."""
    entries = []
    for top, folders, files in os.walk(root):  # os.walk does not enter linked folders
        folders[:] = [f for f in folders if f != "__pycache__" and not (skip and skip(f))]
        entries += [Path(top, name) for name in folders + files if not (skip and skip(name))]
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


def shared_hash(data_dir: Path, pdf: bool) -> str:
    """What every portal depends on: code, theme, templates, portal.yml, the pdf flag."""
    digest = hashlib.sha256()
    stamp = [generator.__version__, *(version(name) for name in PACKAGES)]
    digest.update(json.dumps([*stamp, pdf]).encode())
    for name in SHARED_TREES:
        _feed_tree(digest, ROOT / name, ROOT)
    for name in SHARED_FILES:
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    digest.update(b"portal.yml\0" + _content(data_dir / "portal.yml"))
    return digest.hexdigest()


def content_hash(paths: Iterable[Path], skip: Callable[[str], bool] | None = None) -> str:
    """What files and folders hold, by content (names and bytes, as the build hashes them):
    reading or touching a file leaves it as it was, only a real change alters it."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(os.fsencode(path) + b"\0")
        if path.is_dir() and not path.is_symlink():
            _feed_tree(digest, path, path, skip)
        else:
            digest.update(_content(path) + b"\0")
    return digest.hexdigest()


def settlement_hash(folder: Path, shared: str) -> str:
    digest = hashlib.sha256(shared.encode())
    _feed_tree(digest, folder, folder)
    return digest.hexdigest()


def portal_key(content: str, since: dt.date) -> str:
    """A portal as published: its settlement's content hash, rendered for its latest turn."""
    return hashlib.sha256(f"{content}\0{since.isoformat()}".encode()).hexdigest()


def hub_hash(shared: str, keys: dict[str, str], day: dt.date) -> str:
    """The hub lists every settlement: it depends on each one's line (keys: slug → hash of
    what the hub shows of it), and on its own day."""
    text = json.dumps([shared, sorted(keys.items()), day.isoformat()])
    return hashlib.sha256(text.encode()).hexdigest()
