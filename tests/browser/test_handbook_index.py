"""The 办事指南 index and the service pages in Chromium at 360×740, both modes.

The index used to hold every card: 46,838 px (63 screens), 74,012 px in 长者模式, for
新天地's 37 services. Now it lists each service twice, as a "我要……" tile (19 rows of
two) and as a row under its category (37 rows, 12 headings), so its tap targets alone
take (19 + 37) × 44 px ≈ 2,460 px (3.3 screens) in normal mode and × 60 px ≈ 3,360 px
(4.5 screens) in 长者模式; with the header, the headings and the footer it measures
4,535 px (6.1 screens) and 6,289 px (8.5 screens). The bounds leave about half a
screen for a longer name or a wrapped line; the old one-page handbook is ten times over.
"""

from __future__ import annotations

import pytest

from browser.test_a11y import MODES, open_page

INDEX = "/xintiandi/handbook/"
SCREEN = 740
BOUND = {"normal": 6.5 * SCREEN, "elder": 9 * SCREEN}


@pytest.mark.parametrize("mode", MODES)
def test_index_is_a_few_screens_long(page, server: str, mode: str) -> None:
    open_page(page, server, INDEX, mode)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < BOUND[mode], f"{height} px = {height / SCREEN:.1f} screens"


@pytest.mark.parametrize("mode", MODES)
def test_needs_are_an_even_grid_of_large_tiles(page, server: str, mode: str) -> None:
    open_page(page, server, INDEX, mode)
    tiles = page.evaluate(
        """() => [...document.querySelectorAll('.pp-needs .pp-need')].map(a => {
          const r = a.getBoundingClientRect();
          return {x: Math.round(r.left), w: r.width, h: r.height,
                  word: a.querySelector('.pp-need__word').textContent};
        })"""
    )
    words = [t["word"] for t in tiles]
    assert len(words) == len(set(words)) > 20
    assert len({t["x"] for t in tiles}) == 2, "two columns at 360 px"
    widths = [t["w"] for t in tiles]
    assert max(widths) - min(widths) < 1, "every tile the same width"
    assert min(t["h"] for t in tiles) >= MODES[mode]["tap"] - 0.5
    assert min(widths) >= MODES[mode]["tap"]
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.pp-service-list a')]
          .map(a => a.getBoundingClientRect().height)"""
    )
    assert len(rows) == 37 and min(rows) >= MODES[mode]["tap"] - 0.5


@pytest.mark.parametrize("mode", MODES)
def test_a_tile_opens_the_service_page(page, server: str, mode: str) -> None:
    open_page(page, server, INDEX, mode)
    page.locator(".pp-needs a", has_text="低保").click()
    page.wait_for_url("**/xintiandi/handbook/dibao/")
    assert page.locator("article h1").inner_text().strip() == "最低生活保障申请"
    headings = page.locator("article h2").all_inner_texts()
    assert headings[0].startswith("要带的材料") and headings[-1] == "办理依据"
    documents = page.locator("article .pp-checklist").bounding_box()
    assert documents is not None and documents["y"] < SCREEN, "what to bring on the first screen"


@pytest.mark.parametrize("service", ["dibao", "job-matching", "repair"])
def test_old_anchor_goes_on_to_the_service_page(page, server: str, service: str) -> None:
    page.goto(f"{server}{INDEX}#svc-{service}")
    page.wait_for_url(f"**/xintiandi/handbook/{service}/")
    assert page.locator("article h1").is_visible()
    assert page.console_errors == [] and page.external_requests == []


def test_old_anchor_without_javascript_lands_on_the_service_link(
    page_without_js, server: str
) -> None:
    page_without_js.goto(f"{server}{INDEX}#svc-dibao")
    assert page_without_js.url.endswith(f"{INDEX}#svc-dibao")
    link = page_without_js.locator("#svc-dibao a")
    assert link.get_attribute("href") == "dibao/"
    box = link.bounding_box()
    assert box is not None and 0 <= box["y"] < SCREEN, "scrolled to the service's link"
    link.click()
    page_without_js.wait_for_url("**/xintiandi/handbook/dibao/")


def test_other_anchors_stay_on_the_index(page, server: str) -> None:
    page.goto(f"{server}{INDEX}#cat-assistance")  # the printed category codes
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{INDEX}#cat-assistance")
    page.goto(f"{server}{INDEX}#svc-no-such-service")
    page.wait_for_load_state("load")
    assert page.url.endswith(f"{INDEX}#svc-no-such-service")
