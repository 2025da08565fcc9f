"""A resident's first page load, search index included, stays under 150 KB compressed.

The sample site is served with gzip (bench/page_weight.py, the same code and
pages the benchmark reports) and every page type of the largest sample portal,
the smallest one and the hub is opened in a fresh browser context: an empty
cache.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import ROOT  # tests/conftest.py

sys.path.insert(0, str(ROOT / "bench"))
from page_weight import BUDGET, PAGES, Server, first_load, serve_gzip

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PORTAL_PAGES = [page for page in PAGES if page != "/"]


@pytest.fixture(scope="module")
def gzip_server(sample_site: Path) -> Iterator[Server]:
    with serve_gzip(sample_site) as server:
        yield server


@pytest.mark.parametrize("path", PORTAL_PAGES)
def test_first_portal_page_load_is_under_the_budget(
    browser: Browser, gzip_server: Server, path: str
) -> None:
    load = first_load(browser, gzip_server, path)
    urls = [url for url, _ in load.responses]
    assert any(url.endswith("/search/search_index.json") for url in urls), urls
    assert any("/assets/javascripts/bundle." in url for url in urls), urls
    assert load.total < BUDGET, [f"{url} {size}" for url, size in load.responses]


def test_first_hub_load_is_under_the_budget(browser: Browser, gzip_server: Server) -> None:
    load = first_load(browser, gzip_server, "/")
    assert load.bytes_of("search_index.json") > 0
    assert load.total < BUDGET


def test_the_server_compresses_what_a_web_server_would(
    browser: Browser, gzip_server: Server, sample_site: Path
) -> None:
    """Else the budget would be checked against sizes no real visitor sees."""
    load = first_load(browser, gzip_server, "/xintiandi/handbook/")
    sent = dict(load.responses)
    page = (sample_site / "xintiandi" / "handbook" / "index.html").stat().st_size
    assert sent["/xintiandi/handbook/"] < page / 2
