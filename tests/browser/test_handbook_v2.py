"""The 办事指南 with version 2 services (tests/test_services_v2.py's data) in a real browser.

The sample data has only version 1 services, so the browser tests of the sample site
never see a route, an online link, labelled phones or a FAQ: this builds the v2 tree
and holds its handbook index and its fullest service page to the same bars (axe with no
rule disabled, text size, line height, tap targets, reflow at 320 px and 200 % text) in
both modes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import TODAY
from test_services_v2 import HANDBOOK, make_tree

from browser.conftest import serve
from browser.test_a11y import AXE, MODES, WCAG_TAGS, measure, open_page
from generator.sites.site import build

PATH = "/xiaocun/handbook/dibao/"  # the service with every v2 field
PATHS = ["/xiaocun/handbook/", PATH]


@pytest.fixture(scope="module")
def v2_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("v2-browser")
    out = root / "site"
    build(make_tree(root, {"xiaocun": HANDBOOK}), out, today=TODAY, pdf=False)
    with serve(out) as base:
        yield base


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("mode", MODES)
def test_handbook_v2_axe_finds_no_violation(page, v2_server: str, mode: str, path: str) -> None:
    open_page(page, v2_server, path, mode)
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
def test_handbook_v2_text_and_targets(page, v2_server: str, mode: str) -> None:
    want = MODES[mode]
    open_page(page, v2_server, PATH, mode)
    found = measure(page)
    assert min(found["sizes"]) >= want["text"], found["sizes"]
    assert min(found["lines"]) >= want["line"] - 0.01, found["lines"]
    small = [t for t in found["targets"] if min(t["w"], t["h"]) < want["tap"] - 0.5]
    assert small == [], small[:5]
    # the new links are among the measured targets: the online address and every phone
    online = [t for t in found["targets"] if "pp-online" in t["what"]]
    assert len(online) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("width", [320, 360])
def test_handbook_v2_reflows_at_200_percent_text(
    page, v2_server: str, mode: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    open_page(page, v2_server, PATH, mode)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.evaluate("document.documentElement.style.fontSize = '250%'")  # 2 × Material's 125%
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_handbook_v2_reads_without_javascript(page_without_js, v2_server: str) -> None:
    response = page_without_js.goto(v2_server + PATH)
    assert response is not None and response.ok
    card = page_without_js.locator("article")
    for text in ("承诺 2个工作日（法定 44个工作日）", "最多跑一次", "材料不齐全", "审批要多久？"):
        assert text in card.inner_text()
