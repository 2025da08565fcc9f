"""A staff table (a notice's 招聘 table) on a 360 px phone and by keyboard.

Version 1 left it to Material: at 360 px the 要求 and 待遇 columns sat off to the
right with no cue, and the scrolling box could not take focus (axe:
scrollable-region-focusable). Now each row is a card of "要求：…" lines on a phone,
and a focusable region on a wide screen.
"""

from __future__ import annotations

import pytest

from browser.test_a11y import MODES, open_page

NOTICE = "/xintiandi/notices/2026-11-12-1/"

CELLS = """() => [...document.querySelectorAll('article table.pp-stack td')].map((td) => {
  const r = td.getBoundingClientRect();
  return {label: td.dataset.label, before: getComputedStyle(td, '::before').content,
          inside: r.left >= 0 && r.right <= window.innerWidth + 0.5 && r.width > 0};
})"""


@pytest.mark.parametrize("mode", MODES)
def test_every_column_is_on_a_360_px_screen(page, server: str, mode: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, server, NOTICE, mode)
    cells = page.evaluate(CELLS)
    assert len(cells) == 20  # four jobs, five columns
    assert all(c["inside"] for c in cells), [c for c in cells if not c["inside"]][:3]
    assert {c["label"] for c in cells} == {"岗位", "单位", "人数", "要求", "待遇"}
    assert all(c["before"] == f'"{c["label"]}" "："' or c["label"] in c["before"] for c in cells)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_wide_table_is_a_region_the_keyboard_can_reach(page, server: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    open_page(page, server, NOTICE, "normal")
    region = page.locator("article .pp-md-table[role=region]")
    assert region.count() == 1 and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")
    assert page.locator("article table.pp-stack thead th").count() == 5
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('pp-md-table')")
