"""Councils: the latest decisions of all councils first, the charter after; 名词解释 in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, article

from generator.checks.project import load_project
from generator.pages.glossary import GLOSSARY

SETTLEMENT = load_project(SAMPLE)[0].settlement("anjiayuan")


@pytest.fixture(scope="module")
def portal(search_site: Path) -> Path:
    return search_site / "anjiayuan"


def test_latest_decisions_come_first_newest_first_each_with_its_council(portal: Path) -> None:
    page = article(portal / "councils" / "index.html")
    h2 = [h["id"] for h in page.find_all("h2")]
    assert h2.index("latest") < h2.index("charter") < h2.index("councils")
    items = page.select("ol.pp-latest > li")
    assert items
    dates = [li.time["datetime"] for li in items]
    assert dates == sorted(dates, reverse=True)
    every = sorted(
        (li.time["datetime"] for li in page.select(".pp-council ol.pp-timeline > li")),
        reverse=True,
    )
    assert dates == every[: len(dates)]  # the newest of all councils
    for li in items:
        link = li.select_one("a.pp-latest__council")
        council = page.find(id=link["href"][1:])
        assert council is not None and council.get_text(strip=True) == link.get_text(strip=True)


def test_latest_decisions_say_what_was_decided(portal: Path) -> None:
    assert SETTLEMENT.councils is not None
    councils = SETTLEMENT.councils.councils
    newest = max((d for c in councils for d in c.decisions), key=lambda d: d.date)
    first = article(portal / "councils" / "index.html").select_one("ol.pp-latest > li")
    assert newest.title in first.get_text() and newest.outcome in first.get_text()


@pytest.mark.parametrize(
    ("path", "term"),
    [
        ("councils", "一约七会"),
        ("councils", "四议两公开"),
        ("funds", "逾期公开"),  # 安家园's 2026 Q3 was published late
    ],
)
def test_a_term_is_explained_where_it_is_used(portal: Path, path: str, term: str) -> None:
    page = article(portal / path / "index.html")
    asked = f"“{term}”是什么意思？"
    found = [d for d in page.select("details.pp-term") if d.summary.get_text() == asked]
    assert len(found) == 1, [d.summary.get_text() for d in page.select("details.pp-term")]
    assert found[0].dfn.get_text() == term
    assert GLOSSARY[term] in found[0].get_text()


def test_the_ledger_explains_voucher_numbers(portal: Path) -> None:
    quarters = sorted((portal / "funds").glob("20*/index.html"))
    assert quarters
    for quarter in quarters:
        page = article(quarter)
        if page.select(".pp-ledger-card dt"):
            summaries = [d.summary.get_text() for d in page.select("details.pp-term")]
            assert "“凭证号”是什么意思？" in summaries, quarter
