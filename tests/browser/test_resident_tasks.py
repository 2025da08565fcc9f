"""The five things residents come for, each at most two taps from the portal home.

Tried as a resident would, at 360×740 in Chromium, in normal mode and 长者模式: start on
the portal home, tap what the page offers (no typing, no scrolling to a hidden link
counts as free: a tap is a click on a visible link), and after the last tap the answer
must be on the first screen, without scrolling.

1. 低保要带什么材料 — 办事指南 → 最低生活保障 → the document list;
2. 窗口现在开着吗 — 服务窗口 → the open-now line of the first window;
3. 我家楼的网格员电话 — 网格 → my building → a 拨打 link of my grid;
4. 这一期花了多少钱 — 经费公开 → the latest period's spending;
5. 最近议定了什么 — 一约七会 → the newest decision.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from browser.test_a11y import MODES, open_page

HOME = "/xintiandi/"
BEIJING = ZoneInfo("Asia/Shanghai")
SCREEN = {"width": 360, "height": 740}

ON_FIRST_SCREEN = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return {found: false};
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return {found: true, top: r.top, bottom: r.bottom, height: r.height,
          visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
          text: el.innerText.trim().slice(0, 80)};
}"""


def tap(page, name: str | re.Pattern[str]) -> None:
    """One tap on the first visible link of that name (the test fails if there is none)."""
    links = page.get_by_role("link", name=name)
    visible = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
    assert visible, f"no visible link {name!r} on {page.url}"
    visible[0].scroll_into_view_if_needed()
    visible[0].click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # an in-page jump, and navigation.instant's swap, settle


def answer(page, selector: str) -> dict:
    found = page.evaluate(ON_FIRST_SCREEN, selector)
    assert found["found"], f"{selector} not on {page.url}"
    assert found["visible"], found
    assert 0 <= found["top"] < SCREEN["height"], found
    return found


def start(page, server: str, mode: str) -> None:
    page.set_viewport_size(SCREEN)
    open_page(page, server, HOME, mode)


@pytest.mark.parametrize("mode", MODES)
def test_what_to_bring_for_dibao(page, server: str, mode: str) -> None:
    start(page, server, mode)
    tap(page, re.compile("办事指南"))
    tap(page, re.compile("低保|最低生活保障"))
    assert page.url.rstrip("/").endswith("/handbook/dibao")
    found = answer(page, "#documents + .pp-checklist li")
    assert found["text"]


# the day after the fixture's build day (a Monday), Beijing time, and what the first
# window of 新天地 says then: before opening, open, at lunch, after closing. The page's
# clock is pinned, so the answer never depends on when the suite runs (it once failed
# between midnight and 08:30 in Beijing, on 未开门).
WHEN = {
    "07:00": "未开门 · 今天 08:30 开门",
    "10:00": "现在开放 · 12:00 下班",
    "12:30": "午休中 · 14:30 开门",
    "20:00": "已下班 · 明天 08:30 开门",
}


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("mode", MODES)
def test_is_the_window_open_now(page, server: str, mode: str, when: str) -> None:
    hour, minute = map(int, when.split(":"))
    page.clock.set_fixed_time(dt.datetime(2026, 11, 23, hour, minute, tzinfo=BEIJING))
    start(page, server, mode)
    tap(page, re.compile("服务窗口"))
    page.wait_for_selector(".pp-now:not([hidden])")
    found = answer(page, ".pp-now:not([hidden])")
    assert found["text"] == WHEN[when], found


@pytest.mark.parametrize("mode", MODES)
def test_my_building_s_worker_s_phone(page, server: str, mode: str) -> None:
    start(page, server, mode)
    tap(page, re.compile("网格"))
    building = page.locator("a.pp-building").first
    href = building.get_attribute("href") or ""  # Material's instant loading makes it absolute
    target = "#" + href.partition("#")[2]
    assert target.startswith("#grid-"), href
    building.scroll_into_view_if_needed()
    building.click()  # the second tap
    page.wait_for_timeout(300)
    answer(page, f"{target} + .pp-duty-card a[href^='tel:']")


@pytest.mark.parametrize("mode", MODES)
def test_this_period_s_spending(page, server: str, mode: str) -> None:
    start(page, server, mode)
    tap(page, re.compile("经费公开"))
    found = answer(page, ".pp-funds-latest .pp-amount")
    assert re.fullmatch(r"[0-9,]+\.[0-9]{2}", found["text"]), found
    answer(page, ".pp-funds-latest p:nth-of-type(2)")  # income, spending and balance


@pytest.mark.parametrize("mode", MODES)
def test_the_latest_decision(page, server: str, mode: str) -> None:
    start(page, server, mode)
    tap(page, re.compile("一约七会|居民公约|议事"))
    found = answer(page, ".pp-latest > li .pp-timeline__title")
    assert found["text"]
