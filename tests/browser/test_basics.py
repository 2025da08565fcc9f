"""The sample site in a real chromium on a 360 px phone: it loads, stays local, fits the screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pytest
from conftest import sample_slugs  # tests/conftest.py

from .conftest import PLAYWRIGHT_MISSING

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError
).expect

WaitUntil = Literal["domcontentloaded", "load", "networkidle"]
SLUGS = sample_slugs()
HUB_AND_HOMES = ["", *(f"{slug}/" for slug in SLUGS)]
# The pages every portal has had from the start; other pages are covered by the walk below.
CORE_PAGES = [*HUB_AND_HOMES, *(f"{slug}/profile/" for slug in SLUGS)]


def _label(path: str) -> str:
    return path.rstrip("/") or "hub"


def _open(page: Page, url: str, wait_until: WaitUntil = "networkidle") -> None:
    """networkidle, because Material's search worker fetches more after the load event."""
    response = page.goto(url, wait_until=wait_until)
    assert response is not None, url
    assert response.status == 200, f"{url}: HTTP {response.status}"


@pytest.mark.parametrize("path", CORE_PAGES, ids=_label)
def test_page_loads_in_chinese_without_errors_or_other_hosts(
    page: Page, server: str, path: str
) -> None:
    _open(page, f"{server}/{path}")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.console_errors == []  # type: ignore[attr-defined]
    assert page.external_requests == []  # type: ignore[attr-defined]


def test_every_built_page_stays_local_and_quiet(page: Page, server: str, sample_site: Path) -> None:
    """The pages beyond CORE_PAGES, e.g. those the generator adds later, are just as clean."""
    built = {
        "" if p.parent == sample_site else f"{p.parent.relative_to(sample_site).as_posix()}/"
        for p in sample_site.rglob("index.html")
    }
    assert set(CORE_PAGES) <= built, sorted(set(CORE_PAGES) - built)
    for path in sorted(built - set(CORE_PAGES)):
        url = f"{server}/{path}"
        _open(page, url)
        assert page.console_errors == [], url  # type: ignore[attr-defined]
        assert page.external_requests == [], url  # type: ignore[attr-defined]


@pytest.mark.parametrize("slug", SLUGS)
def test_home_shows_name_and_phones_without_javascript(
    page_without_js: Page, server: str, slug: str
) -> None:
    page = page_without_js
    response = page.goto(f"{server}/{slug}/")
    assert response is not None and response.status == 200
    heading = page.locator("article h1")
    expect(heading).to_have_count(1)
    expect(heading).to_be_visible()
    assert heading.inner_text().strip()
    phones = page.locator('article a[href^="tel:"]')
    assert phones.count() >= 1, "the home page lists phone numbers"
    for index in range(phones.count()):
        expect(phones.nth(index)).to_be_visible()
    assert page.external_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", HUB_AND_HOMES, ids=_label)
def test_no_horizontal_scrolling_at_360px(page: Page, server: str, path: str) -> None:
    _open(page, f"{server}/{path}", wait_until="load")
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["inner"] == 360
    assert widths["scroll"] <= widths["inner"], f"{path or 'hub'} is {widths['scroll']} px wide"


def test_the_harness_blocks_and_records_other_hosts_and_errors(
    page: Page, server: str, external_requests: list[str], console_errors: list[str]
) -> None:
    """The empty lists above mean something: other hosts and errors are caught."""
    _open(page, f"{server}/", wait_until="load")
    outcome = page.evaluate(
        """async () => {
            const img = new Image();
            img.src = "http://fonts.googleapis.com/x.png";
            await new Promise(done => { img.onerror = done; img.onload = done; });
            try { await fetch("https://example.com/x"); return "fetched"; }
            catch (e) { return "blocked"; }
        }"""
    )
    assert outcome == "blocked"
    assert external_requests == ["http://fonts.googleapis.com/x.png", "https://example.com/x"]
    with (
        page.expect_event("pageerror"),
        page.expect_console_message(lambda message: message.text == "self-test"),
    ):
        page.evaluate(
            "() => { console.error('self-test'); setTimeout(() => { throw Error('boom'); }); }"
        )
    assert any("self-test" in e for e in console_errors), console_errors
    assert any("boom" in e for e in console_errors), console_errors
