"""Staff text never becomes live markup: plain fields escaped, Markdown sanitised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY, soup

from generator.markup import escape_md, render_markdown
from generator.site import build


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build(FIXTURES / "hostile", out, today=TODAY)
    return out


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) >= 4
    return found


def test_no_injected_script_runs(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        doc = soup(page)
        for script in doc.find_all("script"):
            if script.get("type") == "application/json":
                # a data block never runs; it must not close its element early either
                assert "</" not in script.get_text(), page
                json.loads(script.get_text())
                continue
            assert "alert" not in script.get_text(), page
            assert "alert" not in (script.get("src") or ""), page
        for element in doc.find_all(True):
            for attribute, value in element.attrs.items():
                assert not attribute.lower().startswith("on"), (page, element.name, attribute)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert "javascript:" not in text.lower(), (page, element.name, attribute)
        assert not doc.find_all(["iframe", "svg", "style"], string=lambda s: s and "alert" in s)
        assert not [i for i in doc.find_all("iframe")], page


def test_injected_text_is_shown_literally(hostile_site: Path) -> None:
    home = soup(hostile_site / "evil" / "index.html")
    assert home.select_one("article h1").get_text() == '恶意<script>alert("name")</script>社区'
    assert "<script>alert('e')</script>" in home.select_one(".pp-phones").get_text()
    assert home.title.get_text().startswith('恶意<script>alert("name")</script>社区')
    profile = soup(hostile_site / "evil" / "profile" / "index.html")
    assert "{{ 7*7 }} {% raw %}" in profile.get_text(), "no template injection"


def test_markdown_fields_keep_safe_formatting(hostile_site: Path) -> None:
    intro = soup(hostile_site / "evil" / "index.html").select_one(".pp-md")
    assert intro.find("a", href="https://example.org/") is not None
    assert not intro.find_all("img"), "an image from another host is dropped"
    assert not intro.find("h1"), "staff headings are pushed below the page's own"


def test_hub_escapes_portal_fields(hostile_site: Path) -> None:
    hub = soup(hostile_site / "index.html")
    assert '示范县<script>alert("hub")</script>平台' in hub.select_one("article h1").get_text()
    assert not hub.find("img", src="x")


@pytest.mark.parametrize(
    "text",
    ["[a](javascript:alert(1))", "*x* _y_ `z`", "# h", "<b>x</b>", "a|b", "![i](http://x/y.png)"],
)
def test_escape_md_makes_markdown_literal(text: str) -> None:
    html = render_markdown(str(escape_md(text)))
    assert "<a" not in html and "<em" not in html and "<h1" not in html and "<img" not in html
    assert "<code" not in html and "<b>" not in html
