"""长者模式 and accessibility, measured in a real browser at 360×740 on every page type.

The numbers come from shared/spec/product.md (the anchors: MIIT 适老化, WCAG 2.2):

| what              | normal | elder |
|-------------------|--------|-------|
| body text         | ≥ 17px | ≥ 22px |
| line height       | ≥ 1.5  | ≥ 1.6 |
| contrast          | AA     | AAA (axe color-contrast-enhanced) |
| tap targets       | ≥ 44px | ≥ 60px |

axe-core runs the WCAG 2.2 A/AA rules with none disabled.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

MODES = {
    "normal": {"text": 17, "line": 1.5, "tap": 44},
    "elder": {"text": 22, "line": 1.6, "tap": 60},
}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Elements a resident taps: buttons, nav entries, phone links and our big links.
TARGETS = (
    "button:not([hidden]), [role=button], a.pp-tel, .pp-button, .pp-chip, .pp-settlement, "
    ".pp-toc a, .md-header__button, .md-nav__link, .pp-fields dd a, .pp-window-services a, "
    "a.pp-building, .pp-need, .pp-service-list a, a.pp-back__link, .pp-foreword > summary, "
    "a.pp-offer__service"
)
AXE = Axe()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "path" in metafunc.fixturenames:
        from conftest import SAMPLE  # the built sample is read lazily; paths follow the data

        names = ["/", "/search/needs/", "/search/needs/dibao/", "/xintiandi/"]
        portal = SAMPLE / "settlements" / "xintiandi"
        names += [f"/xintiandi/{n}/" for n in _sections(portal)]
        metafunc.parametrize("path", names)


def _sections(portal: Path) -> list[str]:
    """Every section of the portal, plus one sub-page of each kind (a quarter, a notice,
    a service)."""
    from generator.checks.project import load_project
    from generator.pages.sections import SECTIONS
    from generator.pages.sections.notices import notice_views

    project, _ = load_project(portal.parent.parent, only=[portal.name])
    settlement = project.settlement(portal.name)
    pages = [s.slug for s in SECTIONS if s.present(settlement)]
    if settlement.funds and settlement.funds.periods:
        pages.append(f"funds/{settlement.funds.periods[-1].header.period.key}")
    if settlement.handbook and settlement.handbook.all_services:
        pages.append(f"handbook/{settlement.handbook.all_services[0].id}")
    if settlement.notices:
        pages.append(f"notices/{notice_views(settlement.notices)[0].stem}")
    return pages


def open_page(page, server: str, path: str, mode: str):
    if mode == "elder":
        page.add_init_script("try{localStorage.setItem('pp-elder','1')}catch(e){}")
    response = page.goto(server + path, wait_until="load")
    assert response is not None and response.ok, path
    if mode == "elder":
        assert page.evaluate("document.documentElement.classList.contains('pp-elder')")
    return page


def measure(page) -> dict:
    return page.evaluate(
        """(selector) => {
        const visible = (el) => {
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' &&
            s.display !== 'none' && s.opacity !== '0';
        };
        const body = 'article p, article li, article dd, article td';
        const texts = [...document.querySelectorAll(body)]
          .filter(el => visible(el) && el.textContent.trim().length > 3);
        const sizes = texts.map(el => parseFloat(getComputedStyle(el).fontSize));
        const lines = texts.map(el => {
          const s = getComputedStyle(el);
          return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
        });
        const targets = [...document.querySelectorAll(selector)].filter(visible).map(el => {
          const r = el.getBoundingClientRect();
          return {w: r.width, h: r.height, what: el.outerHTML.slice(0, 120)};
        });
        return {sizes, lines, targets};
      }""",
        TARGETS,
    )


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_wcag_violation(page, server: str, path: str, mode: str) -> None:
    open_page(page, server, path, mode)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AXE.run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    if mode == "elder":
        enhanced = AXE.run(
            page,
            options={"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}},
        )
        assert enhanced.violations_count == 0, enhanced.generate_report()
    assert page.external_requests == []


@pytest.mark.parametrize("mode", MODES)
def test_text_size_line_height_and_targets(page, server: str, path: str, mode: str) -> None:
    want = MODES[mode]
    open_page(page, server, path, mode)
    found = measure(page)
    assert found["sizes"], "the page has body text"
    assert min(found["sizes"]) >= want["text"], found["sizes"]
    assert min(found["lines"]) >= want["line"] - 0.01, found["lines"]
    small = [t for t in found["targets"] if min(t["w"], t["h"]) < want["tap"] - 0.5]
    assert small == [], small[:5]


@pytest.mark.parametrize("width", [320, 360])
def test_reflow_without_sideways_scrolling(page, server: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    open_page(page, server, path, "elder")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.evaluate("document.documentElement.classList.remove('pp-elder')")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [320, 360, 720, 1024])
def test_text_zoom_200_percent_reflows(page, server: str, path: str, width: int, mode: str) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    open_page(page, server, path, mode)
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # 2 × Material's 125%
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_content_reads_without_javascript(page_without_js, server: str, path: str) -> None:
    response = page_without_js.goto(server + path)
    assert response is not None and response.ok
    heading = page_without_js.locator("article h1")
    assert heading.is_visible() and heading.inner_text().strip()
    assert len(page_without_js.locator("article").inner_text()) > 20


def test_switch_persists_across_reload_hub_and_portal(page, server: str) -> None:
    page.goto(server + "/")
    switch = page.get_by_role("button", name="长者模式").first
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert page.evaluate("document.documentElement.classList.contains('pp-elder')")
    assert switch.get_attribute("aria-pressed") == "true"
    page.reload()
    assert page.evaluate("document.documentElement.classList.contains('pp-elder')")
    page.goto(server + "/xintiandi/handbook/", wait_until="commit")
    page.wait_for_selector("body")  # the class is set by the head script, before first paint
    assert page.evaluate("document.documentElement.classList.contains('pp-elder')")
    page.wait_for_load_state("load")
    switch = page.get_by_role("button", name="长者模式").first
    assert switch.get_attribute("aria-pressed") == "true"
    switch.click()
    page.goto(server + "/")
    assert not page.evaluate("document.documentElement.classList.contains('pp-elder')")


def test_home_pages_have_one_large_switch(page, server: str) -> None:
    """One switch per page (the bar above the header), never a second one in the content."""
    for path in ["/", "/xintiandi/", "/longquan/"]:
        page.goto(server + path)
        switch = page.locator(".pp-elder-toggle")
        assert switch.count() == 1 and switch.is_visible(), path
        assert page.locator("article .pp-elder-toggle").count() == 0, path
        assert switch.get_attribute("aria-pressed") in {"true", "false"}
        box = switch.bounding_box()
        assert box is not None and box["height"] >= 44 and box["y"] < 100, (path, box)


def test_read_aloud_hidden_without_a_chinese_voice(page, server: str) -> None:
    open_page(page, server, "/xintiandi/handbook/", "elder")
    has_voice = page.evaluate(
        "'speechSynthesis' in window && speechSynthesis.getVoices().some(v => /^zh/i.test(v.lang))"
    )
    assert page.locator(".pp-read").is_visible() == has_voice
