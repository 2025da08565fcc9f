"""Our stylesheets and scripts as one minified, fingerprinted file each.

mkdocs.yml lists our CSS (``extra_css``) and JavaScript (``extra_javascript``) one file a
concern, as they are written in ``site_overrides/assets/``. A resident's phone gets them
joined in that order and minified (rcssmin, rjsmin), under a name that carries the first
8 hex digits of the content's SHA-256::

    assets/stylesheets/portal.3f2a9c1b.min.css
    assets/javascripts/portal.9d04e1aa.min.js

so one request each, and a host may let browsers keep them for a year (a change makes a
new name; every page of the build names the new file). ``lazy-search.js`` is not listed:
it is inlined, minified, in every page's ``<head>`` (main.html), since it must run before
Material's bundle.

generator/sites/assets_hook.py applies this to every site MkDocs builds.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

from generator.paths import OVERRIDES

LAZY_SEARCH = "assets/javascripts/lazy-search.js"
NAME = "portal"


@dataclass(frozen=True)
class Bundle:
    """One joined, minified file: where it goes in a site and what it replaces."""

    path: str  # e.g. assets/stylesheets/portal.3f2a9c1b.min.css
    text: str
    sources: tuple[str, ...]  # the site paths of the files it joins


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _sources(paths: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((p, (OVERRIDES / p).read_text(encoding="utf-8")) for p in paths)


@functools.lru_cache(maxsize=8)
def _bundle(kind: str, sources: tuple[tuple[str, str], ...], name: str = NAME) -> Bundle:
    if kind == "css":
        text = rcssmin.cssmin("\n".join(text for _, text in sources))
        folder = "assets/stylesheets"
    else:
        # every script is a statement list of its own: a ; between them keeps it so
        text = rjsmin.jsmin(";\n".join(text for _, text in sources))
        folder = "assets/javascripts"
    return Bundle(f"{folder}/{name}.{fingerprint(text)}.min.{kind}", text,
                  tuple(p for p, _ in sources))  # fmt: skip


def css(paths: Sequence[str]) -> Bundle:
    """The stylesheets at these site paths (under site_overrides/), joined and minified."""
    return _bundle("css", _sources(paths))


def js(paths: Sequence[str]) -> Bundle:
    """The scripts at these site paths (under site_overrides/), joined and minified."""
    return _bundle("js", _sources(paths))


def page_js(path: str) -> Bundle:
    """A script one page loads itself (the hub's hubsearch.js), minified and fingerprinted
    under its own name: assets/javascripts/hubsearch.1c2d3e4f.min.js."""
    return _bundle("js", _sources([path]), Path(path).name.removesuffix(".js"))


@functools.lru_cache(maxsize=2)
def _inline(text: str) -> str:
    # "</" cannot end the inline <script> early: the source has none, and this keeps it so
    return rjsmin.jsmin(text).replace("</", "<\\/")


def lazy_search() -> str:
    """lazy-search.js, minified, for main.html's <head>."""
    return _inline((OVERRIDES / LAZY_SEARCH).read_text(encoding="utf-8"))


def ours(site_paths: Sequence[str]) -> bool:
    """Whether every path is one of our files under site_overrides/ (not a theme's or a URL)."""
    return bool(site_paths) and all(
        not p.startswith(("/", "http:", "https:")) and (OVERRIDES / p).is_file()
        for p in site_paths
    )


def write(site_dir: Path, bundle: Bundle) -> None:
    """Write the bundle into a built site and remove the copies of its sources."""
    target = site_dir / bundle.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bundle.text, encoding="utf-8")
    for source in bundle.sources:
        (site_dir / source).unlink(missing_ok=True)
