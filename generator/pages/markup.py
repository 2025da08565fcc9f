"""Staff text → safe output: Markdown fields sanitised, plain fields escaped.

Staff may paste anything into a field. Plain text is HTML-escaped by Jinja's
autoescape, and ``escape_md`` also neutralises Markdown syntax where text lands
in a Markdown context (headings). Markdown fields are rendered here and cleaned
with nh3: no script, no event handlers, no ``javascript:`` links, and no image
or other resource from another host (a portal loads nothing from outside).
Indented text is prose, never a code block: Chinese documents indent their
paragraphs, so Python-Markdown's indented-code processor is switched off here.
Phone numbers in the running text of a Markdown field (0359-0000019, 400
numbers, mobiles that passed the privacy scan) become tel: links, so a resident
can call by tapping them; short numbers such as 110 stay text (110平方米).
"""

from __future__ import annotations

import json
import re
from html import unescape

import markdown
import nh3
from markupsafe import Markup, escape

from generator.read.values import tel_href

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_HEADING = re.compile(r"<(/?)h([1-6])\b")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
# Chinese documents indent their paragraphs (with spaces, a tab or full-width spaces):
# staff text is prose, never code, so an indented block reads as a paragraph, not as
# <pre><code>. Lists, nested lists and their continuation lines have processors of
# their own and work as before.
_MARKDOWN.parser.blockprocessors.deregister("code")
_D = "[0-9０-９]"
_SEP = "[-－‐ ]?"
_PHONE = re.compile(
    rf"(?<!{_D})("
    rf"[0０][1-9１-９]{_D}{{1,2}}{_SEP}{_D}{{7,8}}"  # a landline with its area code
    rf"|[48４８][0０]{{2}}{_SEP}{_D}{{3}}{_SEP}{_D}{{4}}"  # 400 and 800 numbers
    rf"|[1１][3-9３-９]{_D}{{9}}"  # a mobile
    rf")(?!{_D})"
)
_TAG = re.compile(r"(<[^>]*>)")
_NO_LINKS_INSIDE = re.compile(r"<(/?)(a|code|pre)\b")


def _local_resources_only(tag: str, attribute: str, value: str) -> str | None:
    """Drop an image source on another host: residents' phones must not fetch it."""
    if tag == "img" and attribute == "src" and re.match(r"^([a-z][a-z0-9+.-]*:|//)", value, re.I):
        return None
    return value


def render_markdown(text: str | None, heading_offset: int = 0) -> Markup:
    """Staff Markdown → cleaned HTML; headings pushed down by heading_offset levels."""
    if not text:
        return Markup("")
    _MARKDOWN.reset()
    html = _MARKDOWN.convert(text)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_local_resources_only,
        link_rel="noopener noreferrer",
    )
    html = _IMG_WITHOUT_SRC.sub("", html)  # its source was dropped: nothing left to show
    html = _link_phones(html)
    html = _TABLE.sub(_readable_table, html)
    if heading_offset:
        html = _HEADING.sub(
            lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_offset)}", html
        )
    return Markup(html)


_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_BODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELL_OPEN = re.compile(r"<td\b")


def _readable_table(found: re.Match[str]) -> str:
    """A staff table that reads on a 360 px phone and by keyboard.

    Each body cell carries its column's name (data-label), so that on a narrow screen
    the CSS can show every row as a card of "要求：…" lines instead of hiding columns
    off to the right; on a wide screen it is a table in a region that takes focus and
    scrolls with the arrow keys, with a cue that it does.
    """
    inner = found.group(1)
    head = inner.split("</thead>", 1)[0] if "</thead>" in inner else ""
    names = [
        unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in _HEAD_CELL.findall(head)
    ]

    def label_row(row: re.Match[str]) -> str:
        cells = iter(names)

        def label(_: re.Match[str]) -> str:
            name = next(cells, "")
            return f'<td data-label="{escape(name)}"' if name else "<td"

        return "<tr>" + _CELL_OPEN.sub(label, row.group(1)) + "</tr>"

    def label_body(body: re.Match[str]) -> str:
        return "<tbody>" + _ROW.sub(label_row, body.group(1)) + "</tbody>"

    table = f'<table class="pp-stack pp-money-table">{_BODY.sub(label_body, inner)}</table>'
    if len(names) < 3:
        return table  # two columns fit a phone as they are
    return (
        '<div class="pp-table-scroll pp-md-table" tabindex="0" role="region" '
        'aria-label="表格（较宽时可左右滑动）">' + table + "</div>"
    )


def _link_phones(html: str) -> str:
    """Phone numbers in text become tel: links, except inside a link or code."""
    parts = []
    depth = 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            found = _NO_LINKS_INSIDE.match(part)
            if found:
                depth = max(0, depth + (-1 if found.group(1) else 1))
        elif depth == 0:
            part = _PHONE.sub(lambda m: f'<a href="{tel_href(m.group(1))}">{m.group(1)}</a>', part)
        parts.append(part)
    return "".join(parts)


_SCRIPT_UNSAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def json_script(data: object) -> Markup:
    """JSON for the inside of a <script type="application/json"> element.

    Every <, > and & is written as a \\u escape (the JSON means the same), so no
    value can close the element (</script>), open a comment (<!--) that swallows
    the rest of the page, or start an entity; U+2028/U+2029 are escaped for old JS.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_SCRIPT_UNSAFE))


def escape_md(text: object) -> Markup:
    """Plain text for a Markdown context: HTML-escaped, Markdown syntax made literal."""
    literal = _MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))
    return escape(literal)
