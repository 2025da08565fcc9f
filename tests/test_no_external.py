"""A built site loads nothing from another host: no fonts, CDNs, analytics or images."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import soup

EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Attributes through which a page makes the browser fetch something.
LOADING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
}
LOADING_LINK_RELS = {
    "stylesheet", "icon", "apple-touch-icon", "preload", "prefetch", "modulepreload",
    "manifest", "dns-prefetch", "preconnect", "prerender", "mask-icon",
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.I)


def external_loads(site: Path) -> list[str]:
    found = []
    for page in site.rglob("*.html"):
        doc = soup(page)
        for tag, attributes in LOADING.items():
            for element in doc.find_all(tag):
                for attribute in attributes:
                    value = element.get(attribute)
                    if value and any(EXTERNAL.match(part) for part in str(value).split(",")):
                        found.append(f"{page}: <{tag} {attribute}={value}>")
        for link in doc.find_all("link"):
            rels = set(link.get("rel") or [])
            if rels & LOADING_LINK_RELS and EXTERNAL.match(link.get("href", "")):
                found.append(f"{page}: <link rel={rels} href={link['href']}>")
        for meta in doc.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
            if "//" in meta.get("content", ""):
                found.append(f"{page}: <meta refresh {meta['content']}>")
        for style in doc.find_all(style=True):
            found += [f"{page}: style {m}" for m in _css_externals(style["style"])]
        for block in doc.find_all("style"):
            found += [f"{page}: <style> {m}" for m in _css_externals(block.get_text())]
    for sheet in site.rglob("*.css"):
        found += [f"{sheet}: {m}" for m in _css_externals(sheet.read_text(encoding="utf-8"))]
    return found


def _css_externals(css: str) -> list[str]:
    hits = []
    for match in CSS_URL.finditer(css):
        url = match.group(1) or match.group(2)
        if EXTERNAL.match(url):
            hits.append(url)
    return hits


def test_sample_site_loads_nothing_from_other_hosts(sample_site: Path) -> None:
    assert list(sample_site.rglob("*.html")), "the site was built"
    assert external_loads(sample_site) == []


def test_no_google_fonts_or_cdn_mentioned_in_pages(sample_site: Path) -> None:
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "cdnjs"):
            assert host not in text, (page, host)


def test_the_scanner_finds_what_it_must(tmp_path: Path) -> None:
    """The scan is only worth its silence if it catches each kind of load."""
    (tmp_path / "a.html").write_text(
        '<html><head><link rel="stylesheet" href="https://fonts.googleapis.com/css">'
        '<script src="//cdn.example/x.js"></script><style>@import "https://x/y.css";</style>'
        '</head><body><img src="http://x/y.png"><div style="background:url(https://x/z.png)">'
        '</div><a href="https://example.org/">a link is not a load</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "b.css").write_text("body{background:url('https://x/bg.png')}", encoding="utf-8")
    assert len(external_loads(tmp_path)) == 6
