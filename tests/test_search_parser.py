"""Our fast search Parser (generator/sites/search_parser.py) reads pages as Material's does.

Every page of the sample, the realworld and the hostile fixtures' portals (and their
hubs) goes through both parsers: same sections, ids, depths, titles and text, or the
search index would change. Then odd HTML no page of ours has: the fast path either gives
what Material's parser gives or leaves the page to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import THREE_DATA_SETS, build_recording
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin

from generator.sites import search_parser


@pytest.fixture(autouse=True, scope="module")
def _installed() -> None:
    assert search_parser.install()  # what every build does (search_hook.on_config)


def material(html: str) -> tuple[str, object]:
    """What Material's own Parser makes of html: its sections, or the error it raises."""
    return _outcome(search_parser.material_parser(), html)


def installed(html: str) -> tuple[str, object]:
    """What the Parser Material's search plugin uses makes of html."""
    return _outcome(plugin.Parser, html)


def _outcome(parser_class: type, html: str) -> tuple[str, object]:
    parser = parser_class()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:
        return "raises", type(exc)
    return "sections", _sections(parser.data)


def _sections(data: list) -> list[tuple]:
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in data]


def fast(html: str) -> tuple[str, object] | None:
    """What the fast path makes of html; None when it leaves the page to Material."""
    try:
        return "sections", _sections(search_parser.sections(html))
    except search_parser.CannotTell:
        return None
    except Exception as exc:
        return "raises", type(exc)


def test_material_is_the_parser_this_mirrors() -> None:
    # a failure here: Material's search parser changed. Read material/plugins/search/
    # plugin.py's Parser again, run this file, then update MATERIAL_FINGERPRINT
    assert search_parser._fingerprint() == search_parser.MATERIAL_FINGERPRINT


def test_install_is_idempotent() -> None:
    assert search_parser.install()
    ours = plugin.Parser
    assert search_parser.install()
    assert plugin.Parser is ours
    assert search_parser.material_parser() is not ours
    assert issubclass(ours, search_parser.material_parser())


@THREE_DATA_SETS
def test_every_page_divides_as_materials_parser_divides_it(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (url, HTML Material's search indexes) of every page the build makes
    pages = build_recording(
        data, tmp_path / "site", monkeypatch, plugin.SearchIndex, "add_entry_from_context",
        lambda page: (page.canonical_url or page.url, page.content),
    )  # fmt: skip
    assert len(pages) > 5
    for url, html in pages:
        expected = material(html)
        assert expected[0] == "sections", url
        assert fast(html) == expected, url  # and not left to Material: it is fast
        assert installed(html) == expected, url


ODD_HTML = [
    "",
    "text before any tag &amp; &lt;b&gt; &copy &#1; &#x110000; &nbsp;&",
    "<h2 id='a'>Before the h1</h2><p>x</p><h1 id=\"t\">T</h1>\n\n<p>a\nb</p>",
    '<h1 id="t">T <a class="headerlink" href="#t">¶</a></h1><h2>no id</h2><p> </p>',
    "<div data-search-exclude><div>inner</div>after the inner div</div><p>kept</p>",
    '<div class="linenodiv"><pre>1\n2</pre></div><pre><code>  a  \n\n b </code></pre>',
    "<p><code></code> <sup> </sup><sub>x</sub></p><ul><li> </li><li>y</li></ul>",
    '<div><h2 id="n">Nested</h2><p>in</p></div><p>after the div</p><h3 id="m">M</h3>',
    "<script>if (a < b && c) { x = '<id>'; }</script><style>p > a {}</style><p>t</p>",
    "<SCRIPT type=text/javascript>var a = '</p>';</SCRIPT ><P CLASS=Note>Upper</P>",
    "<br/><img src=x.png alt='a &amp; b'/><input disabled><div/><span />x",
    '<p title="a &amp; b" data-x=\'&#39;\'>attr entities</p><a href="?a=1&b=2">q</a>',
    "<!-- a comment --><p>after</p><?pi?><!DOCTYPE html>",
    "a < b and c > d <p>x</p> </> </ p>",
    "<p>unclosed <em>em <strong>strong</p></em>",
    "<h2 id=x>bare id</h2><h2 id>no value</h2><h2 id=''>empty</h2>",
    "<textarea><p>not a tag</p></textarea><title>t</title>",
    "<object><param name=a><p>inside</p></object><p>outside</p>",
    "<p>one</p></p></div><li>two",
    "<pre>\n  keep\n\n  spacing</pre>\r\n<p>\u3000\u00a0\u2028</p>",
    "<h1 id='a' data-search-exclude>Excluded section</h1><p>text</p>",
    '<a class="headerlink"><h2 id="in-link">Title in a link</h2></a><p>text</p>',
]


@pytest.mark.parametrize("html", ODD_HTML)
def test_odd_html_divides_as_materials_parser_divides_it(html: str) -> None:
    expected = material(html)
    assert installed(html) == expected
    found = fast(html)
    assert found is None or found == expected


READABLE = [  # what the fast path reads itself
    "<h1 id='a'>", "</h1>", '<h2 id="b">', "</h2>", "<h3>", "</h3>", "<div>", "</div>",
    "<div data-search-exclude>", '<div class="linenodiv">', "<p>", "</p>", "<pre>",
    "</pre>", "<code>", "</code>", "<ul>", "<li>", "</li>", "</ul>", "<sup>", "</sup>",
    '<a class="headerlink" href="#a">', "</a>", "<span>", "</span>", "<br>", "<br/>",
    "<script>a<b</script>", "<object>", "</object>", "<em/>", "<P>", "</P>", "<h2 id=b>",
    " ", "\n", "  \n ", "text", "中文文本", "&amp;", "&lt;", "&#1;", "&", ">", "\u3000",
    "a\nb", "&nbsp;", '<p title="&amp;">', "<div data-search-exclude='1'>",
]  # fmt: skip
ODD = ["<", "</span >", "<!-- c -->", "<script>", "</script>", "<textarea>", "</ p>", "<a b=c/>"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(READABLE), max_size=40))
def test_generated_html_divides_as_materials_parser_divides_it(parts: list[str]) -> None:
    html = "".join(parts)
    expected = material(html)
    assert installed(html) == expected
    assert fast(html) == expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(READABLE + ODD), max_size=40))
def test_generated_odd_html_divides_as_materials_parser_divides_it(parts: list[str]) -> None:
    html = "".join(parts)
    expected = material(html)
    assert installed(html) == expected
    found = fast(html)
    assert found is None or found == expected
