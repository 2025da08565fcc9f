"""Material's search plugin, dividing a page into sections without html.parser's slow loop.

Material's search plugin (material/plugins/search/plugin.py) feeds every page's HTML to
its ``Parser``, an ``html.parser.HTMLParser`` whose callbacks split the page into sections
(one per heading with an id) and collect each section's title and text. Tokenising in
pure Python with callbacks that compare elements through ``__eq__`` and ``__hash__``
written in Python was most of the search index's cost: a fifth of a portal's build.

``Parser`` here is Material's ``Parser`` with a fast path: ``close`` reads the page with a
few regular expressions and keeps Material's callbacks' state (open elements, skipped
tags, current section) in plain dicts and lists, and hands Material the very same
``Section`` objects its own parser makes: same sections, ids, depths, titles and text,
so ``search_index.json`` is byte for byte the same.

Material's code does the work itself (the page is fed to Material's parser exactly as
Material would) whenever the fast path cannot be sure it reads the page the same way:

* anything in the HTML other than plain start tags (ASCII names, attributes written
  ``name``, ``name="…"``, ``name='…'`` or ``name=bare-word``, separated by ASCII
  whitespace), end tags written ``</name>``, text, and ``<script>``/``<style>`` bodies
  that end at a plain ``</script>``/``</style>`` with no ``<!--`` before it: comments,
  doctypes, CDATA, processing instructions, a bare ``<``, a tag html.parser would read
  leniently, the elements newer Pythons read as raw text (textarea, title, …);
* a start tag with ``&`` in an attribute: html.parser itself reads that tag alone (how
  attribute values are unescaped differs between Python versions);
* the parser fed more than once, or without ``convert_charrefs``;
* any exception in the fast path (Material's parser then raises its own, if any);
* Material's ``Parser``, ``Element`` or ``Section`` not being the code this was checked
  against (``MATERIAL_FINGERPRINT``): then ``install`` leaves Material alone entirely.

tests/test_search_parser.py compares both parsers' sections on every page of the sample,
the realworld and the hostile fixtures' portals, and on generated odd HTML.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import Any

try:
    from material.plugins.search import plugin as _material
except ImportError:  # pragma: no cover - Material is a dependency
    _material = None  # type: ignore[assignment]

# sha256 of the source of Material's Parser, Element and Section classes and its void
# tags, as this module mirrors them (mkdocs-material 9.8.1). Another Material: read its
# parser again, run tests/test_search_parser.py, then update this.
MATERIAL_FINGERPRINT = "5df7bdb5cc1761c338a5481ddf8345c7d5401051ff87c83ff0fc04558a0b6dc9"

_WS = "[ \t\n\r\f]"
_NAME = "[a-zA-Z][a-zA-Z0-9-]*"
_ATTR_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_BARE = "[-a-zA-Z0-9_.:]+"
_TOKEN = re.compile(  # text | </name> | <name attributes> or <name attributes/>
    rf"([^<]+)|</({_NAME})>|<({_NAME})((?:{_WS}+{_ATTR_NAME}(?:{_WS}*={_WS}*"
    rf"(?:\"[^\"]*\"|'[^']*'|{_BARE}(?={_WS}|>)))?)*){_WS}*(/?)>"
)
_READ_ATTRS = re.compile("class|data-search-exclude", re.I).search
_ATTR = re.compile(rf"{_WS}+({_ATTR_NAME})(?:{_WS}*={_WS}*(?:\"([^\"]*)\"|'([^']*)'|({_BARE})))?")
_RAW_END = {  # where a <script>/<style> body may end, in any Python's html.parser
    "script": re.compile(r"</\s*script", re.I),
    "style": re.compile(r"</\s*style", re.I),
}
# read as raw or escapable raw text by some Python's html.parser: Material's parser reads
# them (none is in our pages)
_UNSURE = frozenset(
    {"textarea", "title", "plaintext", "xmp", "iframe", "noembed", "noframes", "noscript"}
)
_KEEP = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})  # Material's Parser.keep
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NOT_UNSKIPPED = ("script", "style", "object")


class CannotTell(Exception):
    """The fast path cannot be sure to read this page as html.parser would."""


class _Attrs(HTMLParser):
    """html.parser's own reading of one start tag's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


def _stdlib_attrs(tag_text: str, tag: str) -> list[tuple[str, str | None]]:
    reader = _Attrs()
    reader.feed(tag_text)
    reader.close()
    if len(reader.found) != 1 or reader.found[0][0] != tag:
        raise CannotTell(tag_text)
    return reader.found[0][1]


def start_tag_attrs(text: str, tag_text: str, tag: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as html.parser gives them (text: what follows the name)."""
    if "&" in text:
        return _stdlib_attrs(tag_text, tag)
    found: list[tuple[str, str | None]] = []
    for m in _ATTR.finditer(text):
        name, double, single, bare = m.groups()
        if double is not None:
            found.append((name.lower(), double))
        elif single is not None:
            found.append((name.lower(), single))
        else:
            found.append((name.lower(), bare))  # None: a name without a value
    return found


def sections(html: str) -> list[Any]:
    """What Material's ``Parser().feed(html); close()`` leaves in its ``data``.

    Raises CannotTell (or whatever Material's callbacks would raise) when the page is
    not one the fast path reads exactly as html.parser does.

    Material's callbacks (handle_starttag, handle_endtag, handle_data), step by step,
    with its state kept cheaply: Material keeps the open elements as Element objects
    that compare equal by tag alone, so ``el in self.context`` and
    ``self.skip.intersection(self.context)`` ask only which tags are open; here a count
    per open tag answers them, and ``skipped`` counts the open elements whose tag is
    in the skip set.
    """
    Element, Section, void = _material.Element, _material.Section, _material.void
    keep = _KEEP
    data: list[Any] = []  # the sections
    section: Any = None
    context: list[str] = []  # the open elements' tags
    open_count: dict[str, int] = {}  # how many of each tag are open
    permalinks: list[int] = []  # the depths of open <a class="headerlink">
    skip = {"object", "script", "style"}  # Material's skip set: a set of tags, in effect
    skipped = 0  # open elements whose tag is in skip: Material's intersection, counted
    token = _TOKEN.match
    pos, n = 0, len(html)
    closing: str | None = None  # a tag to close next: <x/>, or a script's or style's end

    while True:
        if closing is None:
            if pos >= n:
                break
            m = token(html, pos)
            if m is None:
                raise CannotTell(html[pos : pos + 40])
            pos = m.end()
            kind = m.lastindex
            if kind == 1:  # text: handle_data
                if skipped:
                    continue
                chunk = m.group(1)
                if "&" in chunk:
                    chunk = unescape(chunk)
                pre = "pre" in open_count
                if not pre:
                    chunk = " " if chunk.isspace() else chunk.replace("\n", " ")
                if section is None:
                    section = Section(Element("hx"))
                    data.append(section)
                if section.el.tag in open_count:
                    if not permalinks:
                        section.title.append(escape(chunk, quote=False))
                elif chunk.isspace():
                    out = section.text
                    if not out or not out[-1].isspace() or pre:
                        out.append(chunk)
                else:
                    section.text.append(escape(chunk, quote=False))
                continue
            if kind == 2:  # </tag>: handle_endtag below
                tag = m.group(2).lower()
            else:  # <tag ...> or <tag .../>: handle_starttag (and handle_endtag)
                tag = m.group(3).lower()
                if tag in void:  # Material ignores void elements, open or closed
                    continue
                if tag in _UNSURE:
                    raise CannotTell(tag)
                attr_text = m.group(4)
                if not attr_text:
                    named: dict[str, str | None] = {}
                elif tag in _HEADINGS or _READ_ATTRS(attr_text):
                    named = dict(start_tag_attrs(attr_text, m.group(), tag))
                else:  # no class and no data-search-exclude: nothing Material reads
                    named = {}
                context.append(tag)
                open_count[tag] = open_count.get(tag, 0) + 1
                if tag in skip:
                    skipped += 1
                if tag == "a" and named.get("class") == "headerlink":
                    permalinks.append(len(context))
                if tag in _HEADINGS and "id" in named:
                    depth = len(context)
                    if tag != "h1" and not data:
                        section = Section(Element("hx"), depth)
                        data.append(section)
                    section = Section(Element(tag, named), depth)
                    if data:
                        section.id = named["id"]
                    data.append(section)
                if section is None:
                    section = Section(Element("hx"))
                    data.append(section)
                if "data-search-exclude" in named or named.get("class") == "linenodiv":
                    if tag not in skip:
                        skip.add(tag)
                        skipped += open_count[tag]
                elif tag in keep and not skipped:
                    if section.el.tag in open_count:
                        section.title.append(f"<{tag}>")
                    else:
                        section.text.append(f"<{tag}>")
                if m.group(5):  # <tag/>: handle_startendtag, so handle_endtag too
                    if tag in _RAW_END:
                        raise CannotTell(tag)
                    closing = tag
                elif tag in _RAW_END:
                    # html.parser's CDATA mode: the body is one text, and Material skips
                    # it (script and style never leave its skip set)
                    found = _RAW_END[tag].search(html, pos)
                    closing_at = n if found is None else found.start()
                    after = closing_at + len(tag) + 3
                    if html[closing_at:after].lower() != f"</{tag}>":
                        raise CannotTell(tag)
                    if "<!--" in html[pos:closing_at] or not skipped:
                        raise CannotTell(tag)
                    pos = after
                    closing = tag
                continue
        else:
            tag, closing = closing, None

        # handle_endtag(tag)
        if not context or context[-1] != tag:
            continue
        depth = len(context)
        if section.depth > depth:
            for earlier in reversed(data):
                if earlier.depth <= depth:
                    section.depth = float("inf")
                    section = earlier
                    break
        context.pop()
        left = open_count[tag] - 1
        if left:
            open_count[tag] = left
        else:
            del open_count[tag]
        if permalinks and permalinks[-1] == depth:
            permalinks.pop()
        if tag in skip:
            skipped -= 1
            if tag not in _NOT_UNSKIPPED:
                skip.remove(tag)
                skipped -= left
            continue
        if tag in keep and not skipped:
            out = section.title if section.el.tag in open_count else section.text
            index = out.index(f"<{tag}>")
            for i in range(index + 1, len(out)):
                if not out[i].isspace():
                    index = len(out)
                    break
            if len(out) > index:
                del out[index:]
            else:
                out.append(f"</{tag}>")
    return data


@functools.cache
def _fingerprint() -> str:
    if _material is None:
        return ""
    source = "\n".join(
        inspect.getsource(cls) for cls in (_material.Parser, _material.Element, _material.Section)
    )
    source += "\n" + repr(sorted(_material.void))
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _parser_class(material_parser: type) -> type:
    class Parser(material_parser):  # type: ignore[misc, valid-type]
        """Material's search Parser: the same sections, read fast when that is sure.

        ``feed`` keeps the HTML; ``close`` divides it into sections with ``sections``,
        or, when that cannot be sure to read it as html.parser does (see the module),
        feeds it to Material's own parser (this class's base) as Material would.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._fed: list[str] = []

        def feed(self, data: str) -> None:
            self._fed.append(data)

        def close(self) -> None:
            fed, self._fed = self._fed, []
            if len(fed) == 1 and self.convert_charrefs and not self.data and not self.rawdata:
                try:
                    self.data = sections(fed[0])
                    return
                except Exception:  # Material's parser, below, says what is wrong (if anything)
                    pass
            for chunk in fed:
                super().feed(chunk)
            super().close()

    Parser.__qualname__ = Parser.__name__
    Parser._material_parser = material_parser  # type: ignore[attr-defined]
    return Parser


def install() -> bool:
    """Give Material's search plugin the fast Parser (once per process).

    Nothing changes when Material's parser is not the one this module mirrors
    (MATERIAL_FINGERPRINT). Returns whether the fast Parser is in place.
    """
    if _material is None:
        return False
    current = _material.Parser
    if getattr(current, "_material_parser", None) is not None:
        return True
    if _fingerprint() != MATERIAL_FINGERPRINT:
        return False
    _material.Parser = _parser_class(current)
    return True


def material_parser() -> type:
    """Material's own Parser class, whether or not ours is installed."""
    current = _material.Parser
    return getattr(current, "_material_parser", current)
