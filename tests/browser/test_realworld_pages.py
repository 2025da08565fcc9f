"""The real-world tree (tests/fixtures/realworld) in a real browser.

The sample site has no seasons, duty roster, national-holiday list, unit-by-unit
contacts, council standards or 24-hour facilities: this builds the fixture written
the way real staff write and holds those pages to the sample's bars (axe with no rule
disabled, text size, line height, tap targets, reflow at 320 px and 200 % text, content
without JavaScript), then reads the live status line at a lunch break, on a national
holiday absent from staff data and beyond the calendar, in Chromium with a fixed clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES

from browser.conftest import PLAYWRIGHT_MISSING, serve
from browser.test_a11y import AXE, MODES, WCAG_TAGS, measure, open_page
from generator.sites.site import build

expect = pytest.importorskip(
    "playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError
).expect

BUILT_ON = date(2026, 9, 1)  # before every instant below: the page publishes a year from here
PAGES = ["windows", "profile", "grids", "councils", "handbook"]
BEIJING = ZoneInfo("Asia/Shanghai")


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BEIJING)


@pytest.fixture(scope="module")
def realworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("realworld-browser") / "site"
    build(FIXTURES / "realworld", out, today=BUILT_ON, pdf=False)
    with serve(out) as base:
        yield base


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("section", PAGES)
def test_axe_finds_no_violation(page, realworld: str, section: str, mode: str) -> None:
    open_page(page, realworld, f"/jixiang/{section}/", mode)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    if mode == "elder":
        enhanced = AXE.run(
            page, options={"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}}
        )
        assert enhanced.violations_count == 0, enhanced.generate_report()
    assert page.external_requests == [] and page.console_errors == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("section", PAGES)
def test_text_and_targets(page, realworld: str, section: str, mode: str) -> None:
    want = MODES[mode]
    open_page(page, realworld, f"/jixiang/{section}/", mode)
    found = measure(page)
    assert min(found["sizes"]) >= want["text"], found["sizes"]
    assert min(found["lines"]) >= want["line"] - 0.01, found["lines"]
    small = [t for t in found["targets"] if min(t["w"], t["h"]) < want["tap"] - 0.5]
    assert small == [], small[:5]


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("section", PAGES)
def test_reflows_at_200_percent_text(page, realworld: str, section: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    open_page(page, realworld, f"/jixiang/{section}/", "elder")
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # 2 × Material's 125%
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_the_schedule_reads_without_javascript(page_without_js, realworld: str) -> None:
    response = page_without_js.goto(realworld + "/jixiang/windows/")
    assert response is not None and response.ok
    text = page_without_js.locator("article").inner_text()
    for expected in ("夏季（5月1日至9月30日）", "值班电话", "近期国家放假安排", "国庆节"):
        assert expected in text, expected
    assert page_without_js.locator(".pp-now").first.is_hidden(), "no status without JS"


@pytest.mark.parametrize(
    ("now", "key", "state", "says"),
    [
        # winter's lunch break: not 已下班
        (at(2026, 11, 23, 12, 30), "hall", "closed", "午休中（冬季） · 14:00 开门"),
        # 国庆节 is in no staff exception: the calendar closes the hall, the duty is named
        (at(2026, 10, 2, 10), "hall", "closed", "值班：邓某某"),
        # a make-up Sunday opens with the working-day hours
        (at(2026, 9, 20, 9), "hall", "open", "现在开放"),
        # beyond the calendar: neither open nor closed is claimed
        (at(2027, 1, 4, 10), "hall", "unknown", "尚未公布"),
        # every day from 18:00 to 08:00: open at 02:00, whatever the calendar knows
        (at(2027, 1, 4, 2), "window-night", "open", "现在开放"),
    ],
    ids=["lunch", "national-day", "makeup-sunday", "beyond-calendar", "overnight"],
)
def test_status_line(page, realworld: str, now: datetime, key: str, state: str, says: str) -> None:
    page.clock.set_fixed_time(now)
    response = page.goto(realworld + "/jixiang/windows/")
    assert response is not None and response.ok
    line = page.locator(f'[data-hours="{key}"]')
    expect(line).to_be_visible()
    expect(line).to_have_attribute("data-state", state)
    expect(line).to_contain_text(says)
    assert page.console_errors == [] and page.external_requests == []
