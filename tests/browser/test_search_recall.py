"""Search recall never drops: every query of bench/search_queries.yml that a portal's
search box answered before issue 19 (bench/search_recall_before.json, Material's search
with its index fetched on every page) still has an answer, typed into the box in chromium.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from conftest import ROOT  # tests/conftest.py

from .conftest import serve

sys.path.insert(0, str(ROOT / "bench"))
from search_recall import PORTALS, lost, measure, queries

if TYPE_CHECKING:
    from playwright.sync_api import Browser

BEFORE = ROOT / "bench" / "search_recall_before.json"


def test_every_query_answered_before_is_answered(browser: Browser, sample_site: Path) -> None:
    before = json.loads(BEFORE.read_text("utf-8"))
    assert set(before) == set(PORTALS) and all(set(a) == set(queries()) for a in before.values())
    with serve(sample_site) as base:
        now = measure(browser, base)
    assert lost(before, now) == []
    answered = sum(1 for answers in now.values() for pages in answers.values() if pages)
    assert answered >= sum(1 for a in before.values() for pages in a.values() if pages)
