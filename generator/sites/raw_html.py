"""Python-Markdown's raw-HTML pass and MkDocs' anchor scan, without html.parser's loop.

Our pages are mostly HTML blocks written by our templates. Before Markdown reads a page,
two preprocessors feed the whole page to ``html.parser``, whose tokenising loop in pure
Python was a seventh of a portal's build:

* Python-Markdown's ``HtmlBlockPreprocessor`` (markdown/preprocessors.py, with
  ``HTMLExtractor`` of markdown/htmlparser.py) stores every raw HTML block in the
  ``htmlStash`` and leaves a placeholder in the text;
* MkDocs' ``_RawHTMLPreprocessor`` (mkdocs/structure/pages.py) collects the ids of every
  start tag (and ``name`` of ``<a>``), to check links to anchors.

Here both read the page with one regular expression instead, and give exactly what the
originals give: the same lines, the same stash entries in the same order, the same ids.
They do so only for pages made of what our templates write, where every html.parser
reads the same tokens:

* plain start tags (ASCII names, attributes ``name``, ``name="…"``, ``name='…'`` or
  ``name=bare-word``, ASCII whitespace), end tags written ``</name>``, and text;
* no ``<`` that begins anything else (comments, doctypes, CDATA, processing
  instructions, ``</>``, a bare ``<``), no character reference html.parser would
  rewrite (``&#`` not followed by digits and ``;``), no element read as raw text
  (``script``, ``style``, ``textarea``, ``title`` …);
* every HTML block (a block-level start tag at the start of a line) closed, and followed
  by a blank line, and no lone block-level ``<hr>`` or ``<x/>`` at the start of a line
  outside a block (those are the cases Python-Markdown's extractor handles with extra
  state, "intail").

Any other page, any exception, goes to the original code, unchanged. And nothing is
replaced unless the originals are the code this mirrors (fingerprints of their source:
Markdown 3.11.3; MkDocs 1.6.1, whose scan ProperDocs 1.6.7 has word for word); after an
upgrade the build is slower, never different.
tests/test_raw_html.py compares both on every page of the sample, the realworld and the
hostile fixtures, and on generated HTML.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import re
from typing import Any

import markdown
from markdown import htmlparser as md_htmlparser
from markdown import preprocessors as md_preprocessors

from generator.sites.engine import pages as mkdocs_pages
from generator.sites.search_parser import start_tag_attrs

# sha256 of the source this module mirrors. After an upgrade of either: read it again,
# run tests/test_raw_html.py, then update the fingerprint.
MARKDOWN_FINGERPRINT = "f1bcfba78dc7afe2a4669f099456d05eb53d0279d07b4db0ec3308ab331d1874"
MKDOCS_FINGERPRINT = "fbb8e3a011e446c737e51799f703243979dac23dc2004079895d9c94b20fd4cb"

_WS = "[ \t\n\r\f]"
_NAME = "[a-zA-Z][a-zA-Z0-9-]*"
_ATTR_NAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*"
_BARE = "[-a-zA-Z0-9_.:]+"
_TAG = re.compile(  # </name> | <name attributes> | <name attributes/>
    rf"</({_NAME})>|<({_NAME})((?:{_WS}+{_ATTR_NAME}(?:{_WS}*={_WS}*"
    rf"(?:\"[^\"]*\"|'[^']*'|{_BARE}(?={_WS}|>)))?)*){_WS}*(/?)>"
)
# html.parser rewrites a character reference it reads without its ";", and stops reading
# tags after a "&#" it cannot read at all
_ODD_CHARREF = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
_MAY_NAME_ANCHOR = re.compile(rf"{_WS}(?:id|name)\b", re.I).search  # may: parsed to be sure
# read as raw text by some Python's html.parser
_RAW_TEXT = frozenset(
    {"script", "style", "textarea", "title", "plaintext", "xmp", "iframe", "noembed",
     "noframes", "noscript"}
)  # fmt: skip
_BODY_END = {t: re.compile(rf"</\s*{t}", re.I) for t in ("script", "style")}
_BLANK_LINE = re.compile(r"(?:[ ]*\n){2}")  # Markdown's blank_line_re, matched at a position


class CannotTell(Exception):
    """The page holds something the fast path does not read as html.parser would."""


# (start, end, tag, attribute text or None for an end tag, self-closing)
Token = tuple[int, int, str, str | None, bool]


@functools.lru_cache(maxsize=4)
def tokens(source: str) -> tuple[Token, ...] | None:
    """Every tag of source in order, or None when it is not a page the fast path reads.

    Kept for the last few pages: MkDocs' scan and Markdown's pass read the same text.
    """
    found: list[Token] = []
    match = _TAG.match
    pos = 0
    while True:
        at = source.find("<", pos)
        text = source[pos:] if at < 0 else source[pos:at]
        if "&#" in text and _ODD_CHARREF.search(text):
            return None
        if at < 0:
            return tuple(found)
        m = match(source, at)
        if m is None:
            return None
        pos = m.end()
        if m.group(1) is not None:
            found.append((at, pos, m.group(1).lower(), None, False))
            continue
        tag = m.group(2).lower()
        closed = bool(m.group(4))
        found.append((at, pos, tag, m.group(3), closed))
        if tag in _RAW_TEXT:
            if closed or tag not in _BODY_END:
                return None
            # html.parser's CDATA mode: the body is text up to the first </script>
            # (Pythons differ on what else ends it, or on a "<!--" in it)
            body_end = _BODY_END[tag].search(source, pos)
            if body_end is None or "<!--" in source[pos : body_end.start()]:
                return None
            at, pos = body_end.start(), body_end.start() + len(tag) + 3
            if source[at:pos].lower() != f"</{tag}>":
                return None
            found.append((at, pos, tag, None, False))


def anchor_ids(source: str) -> set[Any]:
    """What MkDocs' _RawHTMLPreprocessor collects: every id, and every <a>'s name."""
    read = tokens(source)
    if read is None:
        raise CannotTell
    ids: set[Any] = set()
    for start, end, tag, attr_text, _ in read:
        if attr_text and _MAY_NAME_ANCHOR(attr_text):
            for key, value in start_tag_attrs(attr_text, source[start:end], tag):
                if key == "id" or (key == "name" and tag == "a"):
                    ids.add(value)
    return ids


def blocks(md: markdown.Markdown, source: str) -> list[str]:
    """What Markdown's HtmlBlockPreprocessor makes of source, as one list of pieces.

    Each raw HTML block is stored in md.htmlStash and replaced by its placeholder, as
    HTMLExtractor does; nothing is stored unless the whole page is read.
    """
    read = tokens(source)
    if read is None:
        raise CannotTell
    is_block = md.is_block_level
    doc: list[str] = []  # HTMLExtractor's cleandoc, with None where a block's placeholder goes
    raw: list[str] = []  # the stored blocks
    cache: list[str] = []
    stack: list[str] = []
    pos = 0
    for index, (start, end, tag, attr_text, closed) in enumerate(read):
        text = source[start:end]
        if start > pos:  # handle_data (and entity references, the same text)
            (cache if stack else doc).append(source[pos:start])
        pos = end
        if attr_text is None:  # handle_endtag
            if not stack:
                doc.append(text)
                continue
            cache.append(text)
            if tag in stack:
                while stack and stack.pop() != tag:
                    pass
            if not stack:
                if _BLANK_LINE.match(source, end):
                    cache.append("\n")
                else:  # "intail" until text with a line break: no tag or & before one
                    after = read[index + 1][0] if index + 1 < len(read) else len(source)
                    _ends_line(source[end:after], after == len(source))
                raw.append("".join(cache))
                doc.extend((None, "\n\n"))  # type: ignore[arg-type]
                cache = []
            continue
        if closed or tag == "hr":  # handle_startendtag → handle_empty_tag
            if stack:
                cache.append(text)
            elif is_block(tag) and _at_line_start(source, start):
                raise CannotTell  # a standalone block of its own, with "intail"
            else:
                doc.append(text)
            continue
        if not stack and is_block(tag) and _at_line_start(source, start):
            doc.append("\n")  # a raw block starts
            stack.append(tag)
            cache.append(text)
        elif stack:
            stack.append(tag)
            cache.append(text)
        elif tag in _RAW_TEXT:
            raise CannotTell  # HTMLExtractor reads its body as HTML: no page of ours
        else:
            doc.append(text)
    if stack:
        raise CannotTell  # a block never closed
    if pos < len(source):
        doc.append(source[pos:])
    placeholders = iter([md.htmlStash.store(block) for block in raw])
    return [next(placeholders) if piece is None else piece for piece in doc]


def _ends_line(text: str, last: bool) -> None:
    """Raise CannotTell unless text, after a block, ends HTMLExtractor's "intail" at once.

    In "intail", an entity reference or a tag goes into the next block; a text with a
    line break ends it.
    """
    line_break, amp = text.find("\n"), text.find("&")
    if line_break < 0 and not (last and amp < 0):
        raise CannotTell
    if 0 <= amp < line_break:
        raise CannotTell


def _at_line_start(source: str, at: int) -> bool:
    """HTMLExtractor.at_line_start: at most three spaces before it on its line."""
    column = at - (source.rfind("\n", 0, at) + 1)
    return column == 0 or (column <= 3 and not source[at - column : at].strip())


class HtmlBlockPreprocessor(md_preprocessors.HtmlBlockPreprocessor):
    """Markdown's html_block preprocessor, through ``blocks`` when that is sure."""

    def run(self, lines: list[str]) -> list[str]:
        try:
            return "".join(blocks(self.md, "\n".join(lines))).split("\n")
        except Exception:  # Markdown's own extractor reads it (and raises, if it does)
            return super().run(lines)


class RawHtmlExtension(markdown.Extension):
    """Puts our html_block preprocessor in place of Python-Markdown's own, and only that."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if "html_block" not in md.preprocessors:
            return
        if type(md.preprocessors["html_block"]) is md_preprocessors.HtmlBlockPreprocessor:
            md.preprocessors.register(HtmlBlockPreprocessor(md), "html_block", 20)


def _scan(self: Any, lines: list[str]) -> list[str]:
    """MkDocs' _RawHTMLPreprocessor.run, through ``anchor_ids`` when that is sure."""
    try:
        self.present_anchor_ids = anchor_ids("\n".join(lines))
    except Exception:  # MkDocs' own scan reads it
        return _scan.original(self, lines)  # type: ignore[attr-defined]
    return lines


def _source(*objects: object) -> str:
    return "\n".join(inspect.getsource(o) for o in objects)  # type: ignore[arg-type]


@functools.cache
def markdown_fingerprint() -> str:
    source = _source(md_htmlparser, md_preprocessors.HtmlBlockPreprocessor)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@functools.cache
def mkdocs_fingerprint() -> str:
    """Of the scan's run and its parser (the same in MkDocs 1.6.1 and ProperDocs 1.6.7)."""
    scanner = getattr(mkdocs_pages, "_RawHTMLPreprocessor", None)
    handler = getattr(mkdocs_pages, "_HTMLHandler", None)
    if scanner is None or handler is None:
        return ""
    source = _source(scanner.run, handler)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def install(config: Any) -> tuple[bool, bool]:
    """Use the fast paths in this MkDocs build, where the code they mirror is in place.

    Returns (Markdown's pass replaced, MkDocs' scan replaced).
    """
    ours = markdown_fingerprint() == MARKDOWN_FINGERPRINT
    if ours and not any(isinstance(e, RawHtmlExtension) for e in config.markdown_extensions):
        config.markdown_extensions.append(RawHtmlExtension())
    if mkdocs_fingerprint() != MKDOCS_FINGERPRINT:
        return ours, False
    scanner = mkdocs_pages._RawHTMLPreprocessor
    if getattr(scanner.run, "original", None) is None:
        _scan.original = scanner.run  # type: ignore[attr-defined]
        scanner.run = _scan  # type: ignore[method-assign]
    return ours, getattr(scanner.run, "original", None) is not None
