"""Our raw-HTML reader (generator/sites/raw_html.py) gives what html.parser gives.

Python-Markdown's html_block pass (the lines it leaves, the blocks it stashes, in order)
and MkDocs' anchor scan (the ids it collects) against our fast path, on every page the
builds of the sample, the realworld and the hostile fixtures feed Markdown, then on odd
and generated Markdown: the fast path either gives exactly what the originals give or
leaves the page to them.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from conftest import THREE_DATA_SETS, build_recording
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.preprocessors import HtmlBlockPreprocessor, NormalizeWhitespace

from generator.sites import raw_html
from generator.sites.engine import pages as mkdocs_pages

EXTENSIONS = ["attr_list", "tables", "toc", "admonition"]  # mkdocs.yml's


@pytest.fixture(autouse=True, scope="module")
def _installed(tmp_path_factory: pytest.TempPathFactory) -> None:
    assert raw_html.install(_config(tmp_path_factory.mktemp("docs"))) == (True, True)


def _config(docs: Path):  # type: ignore[no-untyped-def]
    from generator.paths import BASE_CONFIG
    from generator.sites import engine

    return engine.load_config(config_file=str(BASE_CONFIG), docs_dir=str(docs))


def _lines(text: str) -> list[str]:
    """A page's lines as the two preprocessors get them (after normalize_whitespace)."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    return NormalizeWhitespace(md).run(text.split("\n"))


def original(lines: list[str]) -> tuple[object, ...]:
    """MkDocs' ids, then Markdown's lines and stash: the original code's."""
    scan = mkdocs_pages._RawHTMLPreprocessor()
    run = getattr(type(scan).run, "original", type(scan).run)
    run(scan, lines)
    md = markdown.Markdown(extensions=EXTENSIONS)
    out = HtmlBlockPreprocessor(md).run(list(lines))
    return scan.present_anchor_ids, out, list(md.htmlStash.rawHtmlBlocks)


def fast(lines: list[str]) -> tuple[object, ...] | None:
    """The same from the fast path; None when it leaves the page to the originals."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    source = "\n".join(lines)
    try:
        ids = raw_html.anchor_ids(source)
        out = "".join(raw_html.blocks(md, source)).split("\n")
    except raw_html.CannotTell:
        assert md.htmlStash.html_counter == 0  # nothing stored on the way
        return None
    return ids, out, list(md.htmlStash.rawHtmlBlocks)


def installed(lines: list[str]) -> tuple[object, ...]:
    """The same from what a build uses: our preprocessor and MkDocs' patched scan."""
    scan = mkdocs_pages._RawHTMLPreprocessor()
    scan.run(lines)
    md = markdown.Markdown(extensions=[*EXTENSIONS, raw_html.RawHtmlExtension()])
    assert isinstance(md.preprocessors["html_block"], raw_html.HtmlBlockPreprocessor)
    out = md.preprocessors["html_block"].run(list(lines))
    return scan.present_anchor_ids, out, list(md.htmlStash.rawHtmlBlocks)


def test_the_originals_are_the_code_this_mirrors() -> None:
    # a failure here: Python-Markdown's or MkDocs' code changed. Read raw_html.py's list
    # of what it mirrors against the new code, run this file, then update the fingerprint
    assert raw_html.markdown_fingerprint() == raw_html.MARKDOWN_FINGERPRINT
    assert raw_html.mkdocs_fingerprint() == raw_html.MKDOCS_FINGERPRINT


def test_a_build_puts_both_in_place_once(tmp_path: Path) -> None:
    config = _config(tmp_path)
    assert raw_html.install(config) == (True, True)
    assert raw_html.install(config) == (True, True)
    ours = [e for e in config.markdown_extensions if isinstance(e, raw_html.RawHtmlExtension)]
    assert len(ours) == 1
    scan = mkdocs_pages._RawHTMLPreprocessor.run
    assert scan is raw_html._scan and scan.original is not raw_html._scan  # type: ignore[attr-defined]


def test_another_html_block_preprocessor_is_left_in_place() -> None:
    class Theirs(HtmlBlockPreprocessor):
        pass

    class Other(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.preprocessors.register(Theirs(md), "html_block", 20)

    md = markdown.Markdown(extensions=[Other(), raw_html.RawHtmlExtension()])
    assert type(md.preprocessors["html_block"]) is Theirs


@THREE_DATA_SETS
def test_every_page_reads_as_html_parser_reads_it(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the lines of every page the build hands the html_block pass
    fed = build_recording(
        data, tmp_path / "site", monkeypatch, raw_html.HtmlBlockPreprocessor, "run", list
    )
    assert len(fed) > 5
    for lines in fed:
        expected = original(lines)
        assert fast(lines) == expected, lines[:5]  # and not left to the originals: fast
        assert installed(lines) == expected, lines[:5]


ODD_MARKDOWN = [
    "",
    '# Title {#t}\n\n<div class="a">\n<p>x</p>\n</div>\n\nafter',
    "<div>\n<p>no blank line after</p>\n</div>\n<details><summary>s</summary></details>\n",
    "<div>x</div> tail &amp; more\n\n<p>y</p>",
    "<div>x</div>&amp;\n<p>entity in the tail</p>",
    "<div>x</div><span>tag in the tail</span>\n",
    "<div>x</div>",
    "<div>never closed\n\ntext",
    "<hr>\n\n<hr/>\n\ntext <hr> inline",
    "<div><hr><br><img src=x><input disabled/></div>\n\n",
    "text <div>not at a line start</div>\n\n    <div>indented four</div>\n\n   <p>three</p>\n",
    "<div><div><p>nested</p></div>\n\n<p>still the block</p></div>\n\nout",
    "<DIV ID=Upper><P>x</P></DIV>\n\n<a NAME='n' id=\"i\">a</a> <span id=s>s</span>",
    '<p id="a&amp;b" title="&lt;">x</p>\n\n<a name="&#65;">y</a><a name>z</a><p id>w</p>',
    '<script type="application/json" id="j">{"a": "</p>"}</script>\n\ntext',
    "text <script>inline()</script>\n\n<style>p { }</style>\n\n",
    "<SCRIPT>a</SCRIPT >\n\n<script>no end",
    "<!-- comment -->\n\n<p>x</p>",
    "<p>x</p>\n\n<?php echo 1; ?>\n\n<!DOCTYPE html>\n\n<![CDATA[x]]>",
    "a < b, c > d, </> and </ p>\n\n<p>x</p>",
    "&#12a; &#x; &#65; &#x41; &copy &amp; & alone\n\n<p>&#1</p>",
    '`<div id="in-code">` in a code span\n\n    <div>in a code block</div>\n',
    "<textarea><p id=t>not a tag</p></textarea>\n\n<title>t</title>",
    "<div\u3000class='x'>ideographic space</div>\n\n<p\nclass='multi\nline'>x</p>\n",
    "<p>unclosed <em>em <strong>strong</p></em>\n\n<li>two</li></ul>\n",
    "<div>a</div>\n\n\n\n<div>b</div>\n  \n<div>c</div>   \n\n",
    "- list <b>bold</b>\n- <div>block in a list</div>\n\n> <p>quoted</p>\n",
    "<a href=x/>bare then slash</a>\n\n<img src=a.png/>\n",
]


@pytest.mark.parametrize("text", ODD_MARKDOWN)
def test_odd_markdown_reads_as_html_parser_reads_it(text: str) -> None:
    reads_as_html_parser(text)


def reads_as_html_parser(text: str) -> None:
    """What a build uses gives what the originals give; the fast path, when it reads it, too."""
    lines = _lines(text)
    expected = original(lines)
    assert installed(lines) == expected
    found = fast(lines)
    assert found is None or found == expected


def test_what_our_pages_hold_takes_the_fast_path() -> None:
    for index in (1, 2, 9, 10, 11, 12, 14, 25):  # blocks, nested, inline, script, no blank line
        assert fast(_lines(ODD_MARKDOWN[index])) is not None, ODD_MARKDOWN[index]


PARTS = [  # what our pages are made of, and what they never hold
    "<div>", "</div>", "<div class=\"pp-card\">", "<p>", "</p>", "<span>", "</span>",
    "<h2 id=\"x\">", "</h2>", "<a name='n' href=\"#x\">", "</a>", "<br>", "<br/>", "<hr>",
    "<ul>", "<li>", "</li>", "</ul>", "<DL>", "</dl>", "<time datetime=\"2026\">", "</time>",
    "<script type=\"application/json\">{}</script>", "<style>p{}</style>", "<input disabled/>",
    "\n", "\n\n", "   ", "    ", "text", "中文", "&amp;", "&#65;", "&", "# Heading\n",
    "- item\n", "> quote\n", "`code`", "<p id=\"a&amp;b\">", "|a|b|\n|-|-|\n",
]  # fmt: skip
ODD_PARTS = ["<", "</ p>", "<!-- c -->", "<?x?>", "<script>", "</script>", "&#1", "<textarea>",
             "<a b=c/>", "</>", "<!DOCTYPE html>"]  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARTS), max_size=40))
def test_generated_markdown_reads_as_html_parser_reads_it(parts: list[str]) -> None:
    reads_as_html_parser("".join(parts))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PARTS + ODD_PARTS), max_size=40))
def test_generated_odd_markdown_reads_as_html_parser_reads_it(parts: list[str]) -> None:
    reads_as_html_parser("".join(parts))
