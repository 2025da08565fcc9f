"""The search box in chromium at 360 px: pasted text, pinyin, building numbers, 转学, sizes.

Playwright's fill() sets the value and fires `input` only, no key-up: what a paste, a
dictation or an input method's choice does. Material alone would not search.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import PLAYWRIGHT_MISSING, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError)

BOX = "[data-md-component=search-query]"
RESULT = ".md-search-result__item"


@pytest.fixture(scope="module")
def site(search_site: Path) -> Iterator[str]:
    with serve(search_site) as base:
        yield f"{base}/anjiayuan/"


def search(page: Page, url: str, query: str, elder: bool = False) -> list[dict]:
    """Open url, paste query into the search box; the results' links and texts."""
    if elder:
        page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
    page.goto(url, wait_until="networkidle")
    page.locator("label[for=__search]").first.click()  # the magnifier in the header
    page.fill(BOX, query)
    page.wait_for_selector(RESULT, timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__link",
        """links => links.map(a => ({
             href: a.getAttribute('href').replace(/\\?h=[^#]*/, ''),
             text: a.innerText.replace(/\\u200b/g, ''),
             item: [...a.closest('.md-search-result__list').children].indexOf(
               a.closest('.md-search-result__item')),
           }))""",
    )


def test_pasted_text_searches(page: Page, site: str) -> None:
    results = search(page, site, "低保")
    assert results and any("低保" in r["text"] for r in results)
    assert page.console_errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["dibao", "db", "底保"])
def test_pinyin_initials_and_a_typo_find_dibao(page: Page, site: str, query: str) -> None:
    results = search(page, site, query)
    first = [r for r in results if r["item"] == 0]  # the best page: it and its sections
    assert any(r["href"].endswith("/handbook/dibao/") for r in first), results[:6]


@pytest.mark.parametrize("query", ["3号楼", "3栋", "三号楼", "3幢"])
def test_a_building_number_finds_its_grid(page: Page, site: str, query: str) -> None:
    results = search(page, site, query)
    hrefs = [r["href"] for r in results]
    assert any(re.search(r"grids/#(grid-g01|find)$", h) for h in hrefs), hrefs
    assert not any("grid-g02" in h for h in hrefs), hrefs


def test_zhuanxue_does_not_find_zhuanzhang_or_zhuanleng(page: Page, site: str) -> None:
    results = search(page, site, "转学")
    assert results
    for r in results:
        assert "天冷缴费提示" not in r["text"], r
        assert "notices/" not in (r["href"] or ""), r


def _contrast(fg: str, bg: str = "rgb(255, 255, 255)") -> float:
    def luminance(colour: str) -> float:
        channels = [int(v) / 255 for v in re.findall(r"[\d.]+", colour)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(fg), luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(("elder", "smallest", "contrast"), [(False, 17, 4.5), (True, 22, 7)])
def test_results_are_large_and_dark(
    page: Page, site: str, elder: bool, smallest: float, contrast: float
) -> None:
    search(page, site, "医保", elder=elder)
    assert page.evaluate("document.documentElement.classList.contains('pp-elder')") == elder
    texts = page.eval_on_selector_all(
        ".md-search-result__meta, .md-search-result__article h1, .md-search-result__article h2,"
        " .md-search-result__article p, .md-search-result__article li",
        """els => els.filter(e => e.offsetParent && e.innerText.trim()).map(e => {
             const s = getComputedStyle(e);
             return {text: e.innerText.slice(0, 20), size: parseFloat(s.fontSize), color: s.color};
           })""",
    )
    assert len(texts) >= 3, texts
    for t in texts:
        assert t["size"] >= smallest, t
        assert _contrast(t["color"]) >= contrast, t
    hidden = page.eval_on_selector_all(
        ".md-search-result sup", "els => els.filter(e => e.offsetParent).length"
    )
    assert hidden == 0  # the hidden search words stay hidden in the results
    page.wait_for_timeout(600)  # Material's search slides in from 5 % to the right
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


@pytest.mark.parametrize(("elder", "smallest"), [(False, 17), (True, 22)])
def test_a_term_opens_to_its_meaning_at_reading_size(
    page: Page, site: str, elder: bool, smallest: float
) -> None:
    if elder:
        page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
    page.goto(f"{site}councils/", wait_until="networkidle")
    term = page.locator("details.pp-term", has_text="四议两公开")
    answer = term.locator("p")
    assert not answer.is_visible()
    term.locator("summary").press("Enter")  # a keyboard opens it too, no script of ours
    assert answer.is_visible()
    for part in (term.locator("summary"), answer):
        assert float(part.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= smallest
    assert term.locator("summary").bounding_box()["height"] >= (60 if elder else 44)
