"""A site's pages handed to MkDocs in memory: no docs/ folder written and read back.

``portal build`` used to write every page's Markdown and every file of a site under
``render/<slug>/docs/`` for MkDocs to read back: some 600 files opened per portal.
Here the build points MkDocs at an empty docs folder and adds the site's pages and
files to its file list (``on_files``) as MkDocs' in-memory files (``File.generated``,
MkDocs 1.6 and ProperDocs), exactly as MkDocs would have found them on disk:

* in the order its walk of docs/ lists them (folder by folder, ``index`` first), which
  is the order pages are built and indexed for search in;
* each page's text as reading the written file gives it: UTF-8 (a text that cannot be
  written fails as writing it did), line ends read as ``\\n``, a leading BOM dropped;
* a file of the site's replaces a theme file of the same path, as on disk.

A portal's copy of the theme's ``assets/`` is removed after the build
(generator/sites/assets.py, ``SharedAssets``), so for a portal those files stay in
the list (links to them resolve as before) but are not copied into the site; and each
page and template is pointed at the hub's assets/ as MkDocs makes it, last of every
plugin, rather than read back and written again after the build.

``portal render`` still writes real docs (generator/sites/render.py): that is the
baseline any site can be built from with ``mkdocs build``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from generator.pages import types
from generator.sites.assets import SharedAssets
from generator.sites.engine import BasePlugin, File, Files, event_priority

NAME = "portal-docs"  # the plugin's name among the site's plugins
ASSETS = "assets/"  # the theme's folder that portals share (generator/sites/assets.py)


def _walk_key(path: str) -> tuple[tuple[str, ...], tuple[bool, str]]:
    """Where os.walk of docs/ (folders sorted, index or README first) lists a file."""
    folder, _, name = path.rpartition("/")
    return (tuple(folder.split("/")) if folder else (), _name_key(name))


def _name_key(name: str) -> tuple[bool, str]:
    return (os.path.splitext(name)[0] not in ("index", "README"), name)  # MkDocs' own order


def _as_read(markdown: str) -> bytes:
    """A page's bytes as MkDocs reads them back from the file write_docs writes."""
    # written as UTF-8 (strict), read with universal newlines: \r\n and \r become \n
    return markdown.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")


class _PortalFiles(Files):
    """A portal's files: the theme's shared assets/ stays listed but is not copied."""

    def __init__(self, files: Sequence[File], shared: Sequence[File]) -> None:
        super().__init__(list(files))
        self._shared = {id(f) for f in shared}

    def copy_static_files(self, dirty: bool = False, **kwargs: Any) -> None:
        kept = [f for f in self if id(f) not in self._shared]
        Files(kept).copy_static_files(dirty, **kwargs)


class Docs(BasePlugin):
    """Adds a site's pages and files to MkDocs' file list (see the module's docstring)."""

    def __init__(
        self, pages: Sequence[types.Page | types.File], shared: SharedAssets | None
    ) -> None:
        super().__init__()
        self.pages = pages
        self.shared = shared

    @event_priority(100)  # first: any other plugin sees the files as if read from disk
    def on_files(self, files: Files, config: Any) -> Files:
        found: dict[str, bytes] = {}
        for page in self.pages:  # written in this order: a later one of a path wins
            data = page.data if isinstance(page, types.File) else _as_read(page.markdown)
            found[page.path] = data
        docs = [
            File.generated(config, path, content=found[path])
            for path in sorted(found, key=_walk_key)
        ]
        ours = {f.src_uri for f in docs}
        theme = [f for f in files if f.src_uri not in ours]  # docs/ files win over the theme's
        if self.shared is None:
            return Files(docs + theme)
        shared = [
            f for f in theme if not f.is_documentation_page() and f.dest_uri.startswith(ASSETS)
        ]
        return _PortalFiles(docs + theme, shared)

    @event_priority(-100)  # last: the page as every other plugin left it
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        if self.shared is None:
            return output
        return self.shared.rewrite(output, page.file.dest_uri)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        if self.shared is None or not template_name.endswith(".html"):
            return output_content
        return self.shared.rewrite(output_content, template_name)


def add(
    config: Any, pages: Sequence[types.Page | types.File], shared: SharedAssets | None
) -> None:
    """Make config's build take its pages and files from pages (config: a loaded config).

    shared: a portal's, whose pages link the hub's assets/ (None for the hub).
    """
    config.plugins[NAME] = Docs(pages, shared)
