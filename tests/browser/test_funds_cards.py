"""A ledger on a 360 px phone: every row's amount on screen, no sideways scrolling.

Version 1 showed a quarter's ledger as one 1,594 px table in a 328 px column: only 日期,
凭证号 and half of 摘要 were on screen, the amounts two swipes away. Now each row is a
card with the amount first on a phone, and the table is kept for wide screens and
paper. Checked in Chromium on the sample's quarters and on the real-world tree's
months (金额+收支, 借方/贷方/余额, a board's posting, four signatures), in normal mode
and 长者模式, with axe on the new pages.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import FIXTURES, TODAY

from browser.conftest import PLAYWRIGHT_MISSING, serve
from browser.test_a11y import AXE, MODES, WCAG_TAGS, measure, open_page
from generator.sites.site import build

pytest.importorskip("playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError)

REALWORLD = ["2025-12", "2026-01", "2026-09", "2026-10"]
SAMPLE = ["2026-Q3", "2025-Q4"]

AMOUNTS = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll('.pp-ledger-card__amount')].map((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return {
      text: el.innerText.trim(),
      visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden',
      inside: r.left >= 0 && r.right <= width + 0.5,
    };
  });
}"""


@pytest.fixture(scope="module")
def realworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("funds-cards") / "site"
    build(FIXTURES / "realworld", out, today=TODAY, pdf=False)
    with serve(out) as base:
        yield base


def rows_in(page) -> int:
    return page.locator(".pp-ledger tbody tr").count()


def check_amounts_on_screen(page) -> None:
    amounts = page.evaluate(AMOUNTS)
    assert amounts and len(amounts) == rows_in(page)
    off = [a for a in amounts if not (a["visible"] and a["inside"])]
    assert off == [], off[:3]
    assert all(a["text"].endswith("元") for a in amounts)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert not page.locator(".pp-ledger").is_visible()  # the wide table waits for a wide screen


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("key", REALWORLD)
def test_every_amount_is_on_a_360_px_screen(page, realworld: str, key: str, mode: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, realworld, f"/jixiang/funds/{key}/", mode)
    check_amounts_on_screen(page)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("key", SAMPLE)
def test_sample_quarters_too(page, server: str, key: str, mode: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, server, f"/xintiandi/funds/{key}/", mode)
    check_amounts_on_screen(page)


def test_a_wide_screen_gets_the_table(page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, server, "/xintiandi/funds/2026-Q3/", "normal")
    assert page.locator(".pp-ledger").is_visible()
    assert not page.locator(".pp-ledger-cards").is_visible()


def test_print_gets_the_table(page, server: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, server, "/xintiandi/funds/2026-Q3/", "normal")
    page.emulate_media(media="print")
    assert page.locator(".pp-ledger").is_visible()
    assert not page.locator(".pp-ledger-cards").is_visible()


PAGES = ["", "2026-10/", "2026-09/", "fund-office/", "budget-2026/"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_and_text_size_on_the_new_pages(page, realworld: str, path: str, mode: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    open_page(page, realworld, f"/jixiang/funds/{path}", mode)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    found = measure(page)
    assert min(found["sizes"]) >= MODES[mode]["text"], found["sizes"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.external_requests == [] and page.console_errors == []
