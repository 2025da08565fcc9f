"""Staff text never becomes live markup: plain fields escaped, Markdown sanitised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY, soup

from generator.pages.markup import escape_md, render_markdown
from generator.sites.site import build


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build(FIXTURES / "hostile", out, today=TODAY, pdf=False)
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
                # a data block never runs; it must not close its element early, nor open
                # a comment (<!--) that swallows the rest of the page: no < or > at all
                assert "<" not in script.get_text() and ">" not in script.get_text(), page
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


def test_schedule_notes_reach_the_page_as_data(hostile_site: Path) -> None:
    """The notes' text arrives in the JSON intact (as \\u003c), and the page after it."""
    page = hostile_site / "evil" / "windows" / "index.html"
    raw = page.read_text(encoding="utf-8")
    data = json.loads(soup(page).find("script", id="pp-hours").get_text())
    assert "<!--<script>" in data["hall"]["notes_weekly"], "the note, decoded, is as written"
    assert "\\u003c!--\\u003cscript\\u003e" in raw
    assert raw.count("<!--") == raw.count("-->"), "no comment left open"
    assert soup(page).select_one("footer.pp-footer") is not None


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


def test_people_pages_show_injected_text_literally(hostile_site: Path) -> None:
    grids = soup(hostile_site / "evil" / "grids" / "index.html")
    assert grids.find(id="grid-g01").get_text() == "网格<script>alert('grid')</script>"
    card = grids.select_one(".pp-duty-card").get_text()
    assert "王某某<img src=x onerror=alert('leader')>" in card
    assert "<a href=javascript:alert(1)>小组</a>" in card
    councils = soup(hostile_site / "evil" / "councils" / "index.html")
    assert councils.find(id="charter").get_text() == "公约<script>alert('charter')</script>"
    adopted = councils.select_one(".pp-charter__adopted").get_text()
    assert "<b onclick=alert(1)>居民代表会议</b>" in adopted
    timeline = " ".join(t.get_text() for t in councils.select(".pp-timeline"))
    assert "议定<script>alert('decision')</script>" in timeline
    notices = soup(hostile_site / "evil" / "notices" / "index.html")
    assert "通知<script>alert('notice')</script>" in notices.select_one(".pp-notices").get_text()
    home = soup(hostile_site / "evil" / "index.html")
    assert "通知<script>alert('notice')</script>" in home.select_one(".pp-notices--home").text


@pytest.mark.parametrize(
    ("page", "selector"),
    [
        ("councils", ".pp-charter"),
        ("councils", ".pp-timeline .pp-md"),
        ("notices/2025-10-01-1", ".pp-notice__body"),
    ],
)
def test_charter_and_notices_markdown_is_sanitised(
    hostile_site: Path, page: str, selector: str
) -> None:
    body = soup(hostile_site / "evil" / page / "index.html").select_one(selector)
    assert body is not None and body.get_text(strip=True)
    assert not body.find_all(["script", "style", "iframe", "svg", "img", "h1"])
    for link in body.find_all("a"):
        assert not link.get("href", "").lower().startswith("javascript:")
    for element in body.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")]
    if selector != ".pp-timeline .pp-md":
        assert body.find("a", href="https://example.org/") is not None, "safe links are kept"
        assert body.find("h2") is not None, "staff headings sit below the page's own"
