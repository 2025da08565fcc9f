"""长者模式 v2 and what residents met on a phone (issue 18), in chromium at 360×740.

- the elder home: the tasks as large full-width rows, at least 4 on the first screen; a
  larger header title, search box and results; a menu that opens; one switch that says
  what it does (开启长者模式 / 退出长者模式) with aria-pressed;
- no layout shift while loading: CLS ≤ 0.02 (PerformanceObserver, buffered) on every page
  type, both modes;
- keyboard: every element Tab reaches is visible (a size, in the viewport, no hidden
  ancestor) with a focus ring of at least 3 px; the closed drawer takes no focus;
- phone links, in running text too, at least 44 px tall (60 px in elder mode);
- a 404 page that reads from any base path and leads home.
"""

from __future__ import annotations

import contextlib
import http.server
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from conftest import SAMPLE  # tests/conftest.py

from .conftest import PLAYWRIGHT_MISSING, serve

if TYPE_CHECKING:
    from playwright.sync_api import Page

expect = pytest.importorskip(
    "playwright.sync_api", reason=PLAYWRIGHT_MISSING, exc_type=ImportError
).expect

MODES = {"normal": {"tap": 44}, "elder": {"tap": 60}}
SLUG = "xintiandi"  # the large sample portal: it has every section
CONFIGURED_BASE = "/anzhi/"  # data/portal.yml: base_url: https://example.org/anzhi/
CLS_LIMIT = 0.02
MAX_TABS = 80  # enough for the header, the drawer and the first screens of a long page


def _page_types() -> list[str]:
    """Every page type residents read: hub, home, each section, a funds period, a notice list."""
    from generator.checks.project import load_project

    project, _ = load_project(SAMPLE, only=[SLUG])
    settlement = project.settlement(SLUG)
    period = settlement.funds.periods[-1].header.period.key
    sections = ["handbook", "windows", "grids", "councils", "funds", f"funds/{period}",
                "notices", "profile"]  # fmt: skip
    return ["/", f"/{SLUG}/", *(f"/{SLUG}/{s}/" for s in sections)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", _page_types())


def _open(page: Page, url: str, mode: str) -> None:
    if mode == "elder":
        page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    elder = page.evaluate("document.documentElement.classList.contains('pp-elder')")
    assert elder == (mode == "elder")


def _is_elder(page: Page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('pp-elder')")


# ------------------------------------------------------------------ layout shift

CLS = """(wait) => new Promise((done) => {
  let total = 0;
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      shifts.push({value: entry.value, at: Math.round(entry.startTime),
        moved: (entry.sources || []).map((s) => s.node && s.node.nodeType === 1
          ? s.node.outerHTML.slice(0, 80) : String(s.node && s.node.nodeName))});
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done({total, shifts}), wait);
})"""


@pytest.mark.parametrize("mode", MODES)
def test_no_layout_shift_while_loading(page: Page, server: str, path: str, mode: str) -> None:
    _open(page, server + path, mode)
    page.wait_for_load_state("networkidle")  # Material's search worker, hours.js, elder.js
    found = page.evaluate(CLS, 1000)
    print(f"CLS {mode} {path}: {found['total']:.4f}")
    assert found["total"] <= CLS_LIMIT, found["shifts"]


# ------------------------------------------------------------------ keyboard

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  return {
    what: el.outerHTML.slice(0, 120),
    width: r.width, height: r.height,
    inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    shown: el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
    inDrawer: !!el.closest('.md-sidebar--primary') && !document.getElementById('__drawer').checked,
    outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
  };
}"""


@pytest.mark.parametrize("mode", MODES)
def test_tab_reaches_only_visible_elements_with_a_thick_ring(
    page: Page, server: str, path: str, mode: str
) -> None:
    _open(page, server + path, mode)
    page.wait_for_load_state("networkidle")
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:  # past the last element: the browser's own UI
            break
        reached.append(focused)
        assert not focused["inDrawer"], focused["what"]
        assert focused["width"] > 0 and focused["height"] > 0, focused["what"]
        assert focused["shown"], focused["what"]
        assert focused["inViewport"], focused["what"]
        assert focused["outline"] >= 3, focused
    assert len(reached) >= 3, reached


# ------------------------------------------------------------------ phone links

TELS = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .filter((a) => a.checkVisibility({visibilityProperty: true}))
  .map((a) => { const r = a.getBoundingClientRect();
    return {what: a.outerHTML.slice(0, 100), height: r.height}; })"""


@pytest.mark.parametrize("mode", MODES)
def test_every_phone_link_is_tap_sized(page: Page, server: str, path: str, mode: str) -> None:
    _open(page, server + path, mode)
    links = page.evaluate(TELS)
    assert links, "every page has a phone link (at least the footer's)"
    small = [link for link in links if link["height"] < MODES[mode]["tap"] - 0.5]
    assert small == [], small[:5]


@pytest.mark.parametrize("mode", MODES)
def test_phone_links_in_running_text_are_tap_sized(page: Page, server: str, mode: str) -> None:
    """A number as staff Markdown writes it inside a sentence, not only our call buttons."""
    _open(page, f"{server}/{SLUG}/", mode)
    height = page.evaluate(
        """() => { const p = document.createElement('p');
          p.innerHTML = '有事请拨打 <a href="tel:09991234567">0999-1234567</a> 咨询。';
          document.querySelector('article').append(p);
          return p.querySelector('a').getBoundingClientRect().height; }"""
    )
    assert height >= MODES[mode]["tap"] - 0.5, height


# ------------------------------------------------------------------ the elder home

ROWS = """() => [...document.querySelectorAll('.pp-tasks .pp-button')].map((a) => {
  const r = a.getBoundingClientRect();
  return {text: a.innerText.trim(), top: r.top, bottom: r.bottom, width: r.width,
    size: parseFloat(getComputedStyle(a.querySelector('.pp-button__title')).fontSize)};
})"""


def test_elder_home_shows_at_least_four_task_rows_on_the_first_screen(
    page: Page, server: str
) -> None:
    _open(page, f"{server}/{SLUG}/", "elder")
    rows = page.evaluate(ROWS)
    first_screen = [r for r in rows if r["top"] >= 0 and r["bottom"] <= 740]
    assert len(first_screen) >= 4, rows
    for row in first_screen:
        assert row["width"] >= 300, row  # full width of a 360 px screen, less the margins
        assert row["size"] >= 24, row
    names = [r["text"] for r in first_screen]
    assert names[:2] == ["办事指南", "服务窗口"], names


def test_normal_home_keeps_its_tiles(page: Page, server: str) -> None:
    _open(page, f"{server}/{SLUG}/", "normal")
    rows = page.evaluate(ROWS)
    assert len(rows) >= 4
    descriptions = page.locator(".pp-tasks .pp-button__desc")
    assert descriptions.count() == len(rows)
    for index in range(len(rows)):
        expect(descriptions.nth(index)).to_be_visible()  # a tile: its name and what it holds
    expect(page.locator(".pp-lead--home")).to_be_visible()


@pytest.mark.parametrize("where", ["/", f"/{SLUG}/", f"/{SLUG}/handbook/"])
def test_one_switch_that_says_what_it_does(page: Page, server: str, where: str) -> None:
    page.goto(server + where, wait_until="load")
    assert page.locator(".pp-elder-toggle").count() == 1, "one switch, not two"
    switch = page.get_by_role("button", name="开启长者模式")
    expect(switch).to_be_visible()
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("button", name="退出长者模式")).to_have_count(0)
    switch.click()
    assert _is_elder(page)
    off = page.get_by_role("button", name="退出长者模式")
    expect(off).to_be_visible()
    expect(off).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="开启长者模式")).to_have_count(0)
    page.reload(wait_until="load")
    expect(page.get_by_role("button", name="退出长者模式")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="退出长者模式").click()
    assert not _is_elder(page)


@pytest.mark.parametrize("mode", MODES)
def test_switch_is_drawn_at_its_final_size_before_scripts_run(
    page: Page, server: str, mode: str
) -> None:
    """The switch is in the HTML with its label for the mode, not unhidden by elder.js: with
    the script blocked it looks exactly as with it, so the script moves nothing."""

    def bar() -> dict:
        return page.evaluate(
            """() => { const b = document.querySelector('.pp-elder-toggle');
              const r = b.getBoundingClientRect();
              return {label: b.innerText.trim(), top: r.top, height: r.height, width: r.width,
                      bar: document.querySelector('.pp-elder-bar').getBoundingClientRect().height};
            }"""
        )

    _open(page, f"{server}/{SLUG}/", mode)
    with_script = bar()
    assert with_script["label"] == ("退出长者模式" if mode == "elder" else "开启长者模式")
    page.route("**/assets/javascripts/portal.*.min.js", lambda route: route.abort())  # elder.js
    page.reload(wait_until="load")
    assert bar() == with_script


def test_switch_bar_is_not_drawn_without_javascript(page_without_js: Page, server: str) -> None:
    page_without_js.goto(f"{server}/{SLUG}/")
    expect(page_without_js.locator(".pp-elder-bar")).to_be_hidden()
    expect(page_without_js.locator("article h1")).to_be_visible()


def test_elder_header_and_search_are_large(page: Page, server: str) -> None:
    _open(page, f"{server}/{SLUG}/", "elder")
    title = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-header__title')).fontSize)"
    )
    assert title >= 22, title
    page.locator('label.md-header__button[for="__search"]').click()
    box = page.locator(".md-search__input")
    expect(box).to_be_visible()
    assert float(box.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 22
    box.fill("低保")
    box.press("End")  # Material searches on key-up; fill() inserts text without one
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    texts = page.evaluate(
        """() => {
        const lum = (c) => { const [r, g, b] = (c.match(/[\\d.]+/g) || []).map(Number)
            .map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92
              : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const out = [];
        const walker = document.createTreeWalker(
          document.querySelector('.md-search-result'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const el = walker.currentNode.parentElement;
          if (!walker.currentNode.textContent.trim() || !el.checkVisibility()) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0) continue;
          const s = getComputedStyle(el);
          out.push({text: el.textContent.trim().slice(0, 20), size: parseFloat(s.fontSize),
            contrast: 1.05 / (lum(s.color) + 0.05)});
        }
        return out;
      }"""
    )
    assert texts, "the search shows results"
    small = [t for t in texts if t["size"] < 22]
    assert small == [], small[:5]
    grey = [t for t in texts if t["contrast"] < 7]  # against the white results panel
    assert grey == [], grey[:5]


@pytest.mark.parametrize("mode", MODES)
def test_the_menu_opens_and_leads_to_a_section(page: Page, server: str, mode: str) -> None:
    _open(page, f"{server}/{SLUG}/", mode)
    menu = page.locator('label.md-header__button[for="__drawer"]')
    expect(menu).to_be_visible()
    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="服务窗口").first
    expect(link).not_to_be_visible()  # closed: hidden, so no focus either
    menu.click()
    expect(link).to_be_visible()
    expect(link).to_be_in_viewport(ratio=1)  # slid in (normal mode animates)
    box = link.bounding_box()
    assert box is not None and box["height"] >= MODES[mode]["tap"] - 0.5, box
    size = link.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= (22 if mode == "elder" else 17), size
    link.click()
    page.wait_for_url(f"**/{SLUG}/windows/")
    expect(page.locator("article h1")).to_be_visible()


# ------------------------------------------------------------------ 404 from any base path


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` and answers every missing address with its 404.html,
    as GitHub Pages and most static hosts do."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        wanted = urlsplit(path).path
        if not wanted.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__" / "x")
        return super().translate_path("/" + wanted[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def _serve_under(directory: Path, prefix: str) -> contextlib.AbstractContextManager[str]:
    return serve(directory, type("Handler", (_PrefixHandler,), {"prefix": prefix}))


def _styled(page: Page) -> dict:
    return page.evaluate(
        """() => { const h = document.querySelector('h1'), p = document.querySelector('main p');
          const a = document.querySelector('a.pp-404-home');
          return {h1: parseFloat(getComputedStyle(h).fontSize),
                  text: parseFloat(getComputedStyle(p).fontSize),
                  line: parseFloat(getComputedStyle(p).lineHeight) /
                        parseFloat(getComputedStyle(p).fontSize),
                  home: a.getBoundingClientRect().height, href: a.getAttribute('href')}; }"""
    )


def test_404_at_the_configured_base_path_without_javascript(
    page_without_js: Page, sample_site: Path
) -> None:
    page = page_without_js
    with _serve_under(sample_site, CONFIGURED_BASE) as base:
        response = page.goto(f"{base}{CONFIGURED_BASE}{SLUG}/no-such-page/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("找不到这个页面")
        styled = _styled(page)
        assert styled["text"] >= 17 and styled["h1"] > styled["text"], styled
        assert styled["line"] >= 1.5 and styled["home"] >= 44, styled
        assert styled["href"] == CONFIGURED_BASE
        page.locator("a.pp-404-home").click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == CONFIGURED_BASE
        expect(page.locator("article h1")).to_be_visible()
    assert page.external_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", MODES)
def test_404_served_from_elsewhere_reads_and_leads_home(
    page: Page, sample_site: Path, mode: str
) -> None:
    prefix = "/mirror/county/"
    with _serve_under(sample_site, prefix) as base:
        if mode == "elder":
            page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
        response = page.goto(f"{base}{prefix}{SLUG}/handbook/old-page/")
        assert response is not None and response.status == 404
        styled = _styled(page)
        assert styled["text"] >= (22 if mode == "elder" else 17), styled
        home = page.locator("a.pp-404-home")
        expect(home).to_have_attribute("href", f"{prefix}{SLUG}/")  # found by the script
        home.click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == f"{prefix}{SLUG}/"
        expect(page.locator("article h1")).to_be_visible()
    assert page.external_requests == []  # type: ignore[attr-defined]


def test_404_served_from_elsewhere_reads_without_javascript(
    page_without_js: Page, sample_site: Path
) -> None:
    prefix = "/mirror/county/"
    with _serve_under(sample_site, prefix) as base:
        response = page_without_js.goto(f"{base}{prefix}{SLUG}/handbook/old-page/")
        assert response is not None and response.status == 404
        styled = _styled(page_without_js)
        assert styled["text"] >= 17 and styled["line"] >= 1.5 and styled["home"] >= 44, styled
    assert page_without_js.external_requests == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("mode", MODES)
def test_404_passes_axe(page: Page, sample_site: Path, mode: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    with _serve_under(sample_site, CONFIGURED_BASE) as base:
        if mode == "elder":
            page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
        response = page.goto(f"{base}{CONFIGURED_BASE}{SLUG}/gone/", wait_until="load")
        assert response is not None and response.status == 404
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
        assert results.violations_count == 0, results.generate_report()
