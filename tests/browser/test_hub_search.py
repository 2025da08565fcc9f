"""The hub's search by need in chromium at 360 px: typed, pasted, by keyboard, in 长者模式.

The sample data with 龙泉新村's 低保 service renamed to something hostile, built
without PDFs: its name must show as text, never run. Without JavaScript the need
buttons lead to the same service pages in two taps.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from conftest import SAMPLE, TODAY

from generator.sites.site import build

from .conftest import PLAYWRIGHT_MISSING, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError)

BOX = "#pp-needsearch-input"
HIT = "a.pp-hit__service"
HOSTILE = '低保<img src=x onerror="window.pwned=1">申请'


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("hubsearch-browser-data") / "data"
    shutil.copytree(SAMPLE, data)
    handbook = data / "settlements" / "longquan" / "handbook.yml"
    text = handbook.read_text(encoding="utf-8")
    quoted = json.dumps(HOSTILE, ensure_ascii=False)
    handbook.write_text(text.replace("name: 低保、特困和临时救助申请", f"name: {quoted}"), "utf-8")
    out = tmp_path_factory.mktemp("hubsearch-browser") / "site"
    build(data, out, today=TODAY, pdf=False)
    with serve(out) as base:
        yield base


def open_hub(page: Page, hub: str, elder: bool = False) -> None:
    if elder:
        page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
    page.goto(hub + "/", wait_until="networkidle")


def hits(page: Page) -> list[dict]:
    return page.eval_on_selector_all(
        HIT, "links => links.map(a => ({href: a.getAttribute('href'), text: a.innerText}))"
    )


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_typed_need_found_and_followed_by_keyboard(page: Page, hub: str, elder: bool) -> None:
    open_hub(page, hub, elder)
    page.focus(BOX)
    page.keyboard.type("低保")
    page.keyboard.press("Enter")
    page.wait_for_selector(HIT, timeout=10_000)
    status = page.locator(".pp-needsearch__status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert "找到 3 个安置点" in status.inner_text()
    found = hits(page)
    paths = {h["href"].removeprefix(hub + "/") for h in found}
    assert paths == {
        "xintiandi/handbook/dibao/", "anjiayuan/handbook/dibao/", "longquan/handbook/dibao/"
    }  # fmt: skip
    towns = page.locator("h3.pp-hits__town").all_inner_texts()
    assert [t.split("（")[0] for t in towns] == ["城关镇", "石门镇", "龙泉乡"]
    # staff text is text: the hostile name shows as written, nothing of it runs
    assert any(HOSTILE in h["text"] for h in found)
    assert page.locator(".pp-needsearch__results img").count() == 0
    assert page.evaluate("window.pwned") is None
    # at 360 px nothing scrolls sideways, and every result is a full-size target
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    tap = 60 if elder else 44
    for box in (page.locator(HIT).nth(k).bounding_box() for k in range(len(found))):
        assert box is not None and box["height"] >= tap - 0.5, box
    # keyboard only: from the box, Tab reaches 查找 and then the first result; Enter opens it
    page.focus(BOX)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('pp-needsearch__go')")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first == found[0]["href"]
    page.keyboard.press("Enter")
    page.wait_for_url("**/xintiandi/handbook/dibao/")
    assert "最低生活保障" in page.locator("article h1").inner_text()
    assert page.external_requests == []  # type: ignore[attr-defined]
    assert page.console_errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["dibao", "底保", "孩子转学怎么办"])
def test_pasted_pinyin_synonym_and_question_search_as_typed(
    page: Page, hub: str, query: str
) -> None:
    open_hub(page, hub)
    page.fill(BOX, query)  # a paste: `input` only, no key; the search starts by itself
    page.wait_for_selector(HIT, timeout=10_000)
    found = {h["href"].removeprefix(hub + "/") for h in hits(page)}
    want = "school-transfer" if "转学" in query else "dibao"
    assert f"xintiandi/handbook/{want}/" in found
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_nothing_found_is_said(page: Page, hub: str) -> None:
    open_hub(page, hub)
    page.fill(BOX, "火星移民")
    status = page.locator(".pp-needsearch__status")
    status.filter(has_text="没有找到").wait_for(timeout=10_000)
    assert page.locator(HIT).count() == 0


def test_many_settlements_open_town_by_town(page: Page, hub: str) -> None:
    """Past the form's data-show-all, each town is a button that loads its list on a tap."""
    open_hub(page, hub, elder=True)
    page.evaluate("document.querySelector('.pp-needsearch').setAttribute('data-show-all', '1')")
    page.fill(BOX, "低保")
    button = page.locator("button.pp-hits__open").first
    button.wait_for(timeout=10_000)
    assert "城关镇" in button.inner_text()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.locator(HIT).count() == 0
    box = button.bounding_box()
    assert box is not None and box["height"] >= 59.5
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(HIT, timeout=10_000)
    assert button.get_attribute("aria-expanded") == "true"
    controlled = button.get_attribute("aria-controls")
    assert page.locator(f"#{controlled} {HIT}").count() == 1
    assert page.console_errors == []  # type: ignore[attr-defined]


def test_without_javascript_two_taps_to_the_service(page_without_js: Page, hub: str) -> None:
    page = page_without_js
    page.goto(hub + "/")
    assert not page.locator(".pp-needsearch").is_visible()  # it cannot work: not drawn
    page.locator("a.pp-need", has_text="低保").first.click()
    page.wait_for_url("**/search/needs/dibao/")
    page.locator("a.pp-offer__service").first.click()
    page.wait_for_url("**/handbook/dibao/")
    assert "最低生活保障" in page.locator("article h1").inner_text()
