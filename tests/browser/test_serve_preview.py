"""`portal serve` in a real browser at 360 px: a mistake appears by itself, fixed it goes.

The open page is never reloaded by the test: the preview's own script does it when a
rebuild finishes. The banner is announced (role="alert"), fits a phone without
sideways scrolling, grows in 长者模式, passes axe, and nothing comes from another host.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from test_serve import SLUG, Serve, line_of, profile, replace_line, serve  # noqa: F401

from .conftest import PLAYWRIGHT_MISSING

if TYPE_CHECKING:
    from playwright.sync_api import Page

# a user's machine without Playwright skips; under CI=true conftest.py fails instead
pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError)
from axe_playwright_python.sync_playwright import Axe

BANNER = ".portal-preview-problems[role=alert]"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
REBUILD_MS = 120_000


def fits_the_phone(page: Page) -> bool:
    return page.evaluate(
        """() => {
          const box = document.querySelector('.portal-preview-problems').getBoundingClientRect();
          return document.documentElement.scrollWidth <= window.innerWidth
            && box.left >= 0 && box.right <= window.innerWidth;
        }"""
    )


def font_size(page: Page) -> float:
    return page.evaluate(
        "() => parseFloat(getComputedStyle("
        "document.querySelector('.portal-preview-problems li')).fontSize)"
    )


def test_the_open_page_shows_a_mistake_then_its_fix(
    page: Page,
    serve: Serve,  # noqa: F811 (the fixture imported from test_serve)
    data_copy: Path,
) -> None:
    path = profile(data_copy)
    good = path.read_text("utf-8")
    line = line_of(path, "households:")
    page.goto(serve.base + f"{SLUG}/profile/")
    assert page.locator(BANNER).count() == 0

    replace_line(path, "households:", 'households: "86')
    page.wait_for_selector(BANNER, timeout=REBUILD_MS)  # reloaded by itself
    banner = page.locator(BANNER)
    text = banner.inner_text()
    assert f"settlements/{SLUG}/settlement.yml:{line}" in text and "怎么改" in text
    assert banner.is_visible() and banner.bounding_box()["y"] < 10, "first thing on the page"
    assert page.locator("h1").first.inner_text(), "the last good page is still under it"
    assert fits_the_phone(page)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    results = axe.run(page, context=".portal-preview-problems", options=options)
    assert results.violations_count == 0, results.generate_report()

    normal = font_size(page)
    page.locator(".pp-elder-toggle").first.click()
    page.wait_for_function("document.documentElement.classList.contains('pp-elder')")
    assert font_size(page) > normal, "长者模式 makes the banner bigger too"
    assert fits_the_phone(page)
    enhanced = axe.run(
        page,
        context=".portal-preview-problems",
        options={"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}},
    )
    assert enhanced.violations_count == 0, enhanced.generate_report()

    path.write_text(good, encoding="utf-8")
    page.wait_for_selector(BANNER, state="detached", timeout=REBUILD_MS)
    assert "社区概况" in page.content()
    assert page.external_requests == []  # type: ignore[attr-defined]
    assert page.console_errors == []  # type: ignore[attr-defined]
