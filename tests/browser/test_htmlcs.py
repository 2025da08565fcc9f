"""HTML_CodeSniffer (pa11y's engine, from npm) beside axe: 0 errors on every page type.

A second accessibility engine reads the pages as Chromium renders them, in normal mode
and 长者模式. Its WCAG 2 AA errors are failures; its warnings and notices are not (they
ask a person to look, and many are about Material's own markup).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import FIXTURES, ROOT, TODAY, missing

from browser.conftest import serve
from browser.test_a11y import MODES, open_page
from generator.sites.site import build

HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
SAMPLE_PAGES = [
    "/", "/search/needs/", "/search/needs/dibao/",
    "/xintiandi/", "/xintiandi/handbook/", "/xintiandi/windows/", "/xintiandi/grids/",
    "/xintiandi/councils/", "/xintiandi/notices/", "/xintiandi/profile/", "/xintiandi/funds/",
    "/xintiandi/handbook/dibao/", "/xintiandi/notices/2026-11-12-1/",
    "/xintiandi/funds/2026-Q3/", "/xintiandi/downloads/", "/longquan/sanzi/",
    "/longquan/lists/", "/404.html",
]  # fmt: skip
REALWORLD_PAGES = [
    "/jixiang/funds/", "/jixiang/funds/2026-10/", "/jixiang/funds/2026-09/",
    "/jixiang/funds/fund-office/", "/jixiang/funds/budget-2026/", "/jixiang/sanzi/contracts/",
    "/jixiang/windows/", "/jixiang/grids/",
]  # fmt: skip

RUN = """() => new Promise((resolve) => {
  HTMLCS.process('WCAG2AA', document, () => {
    resolve(HTMLCS.getMessages().filter((m) => m.type === HTMLCS.ERROR).map((m) => ({
      code: m.code, msg: m.msg,
      html: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : '',
    })));
  });
})"""


@pytest.fixture(scope="module")
def htmlcs() -> str:
    if not HTMLCS.is_file():
        missing("HTML_CodeSniffer is not installed (run: npm ci)")
    return HTMLCS.read_text("utf-8")


@pytest.fixture(scope="module")
def realworld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("htmlcs-realworld") / "site"
    build(FIXTURES / "realworld", out, today=TODAY, pdf=False)
    with serve(out) as base:
        yield base


def errors_on(page, base: str, path: str, mode: str, htmlcs: str) -> list[dict]:
    open_page(page, base, path, mode)
    page.add_script_tag(content=htmlcs)
    return page.evaluate(RUN)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", SAMPLE_PAGES)
def test_sample_pages(page, server: str, path: str, mode: str, htmlcs: str) -> None:
    found = errors_on(page, server, path, mode, htmlcs)
    assert found == [], found[:5]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", REALWORLD_PAGES)
def test_real_world_pages(page, realworld: str, path: str, mode: str, htmlcs: str) -> None:
    found = errors_on(page, realworld, path, mode, htmlcs)
    assert found == [], found[:5]
