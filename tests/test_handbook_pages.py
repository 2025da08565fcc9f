"""办事指南 and 服务窗口 on the sample data: every field, every link, the reverse index."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, article, soup

from generator.checks.project import load_project
from generator.contract.handbook import Service
from generator.read import values

PROJECT, _ = load_project(SAMPLE)
WITH_HANDBOOK = [s.slug for s in PROJECT.settlements if s.handbook and s.windows]


def services(slug: str) -> list[Service]:
    return PROJECT.settlement(slug).handbook.all_services


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_every_service_field_is_rendered(sample_site: Path, slug: str) -> None:
    page = article(sample_site / slug / "handbook" / "index.html")
    windows = {w.id: w for w in PROJECT.settlement(slug).windows.windows}
    for service in services(slug):
        heading = page.find(id=f"svc-{service.id}")
        assert heading is not None and heading.get_text(strip=True) == service.name
        card = heading.find_next_sibling("div", class_="pp-service")
        text = card.get_text(" ")
        for value in [service.summary, service.eligibility, service.time_limit, service.fee,
                      service.basis]:  # fmt: skip
            if value:
                assert value in text, (service.id, value)
        checklist = [li.get_text(strip=True) for li in card.select(".pp-checklist li")]
        assert checklist == list(service.documents)
        assert [li.get_text(strip=True) for li in card.select(".pp-steps li")] == list(
            service.steps
        )
        for keyword in service.keywords:
            assert keyword in card.select_one(".pp-keywords").get_text()
        if service.phone:
            assert card.find("a", href=values.tel_href(service.phone))
        if service.window:
            link = card.find("a", href=f"../windows/#window-{service.window}")
            assert link is not None and windows[service.window].name in link.get_text()


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_every_link_resolves(sample_site: Path, slug: str) -> None:
    portal = sample_site / slug
    for name in ("handbook", "windows"):
        for link in article(portal / name / "index.html").select("a[href]"):
            href = link["href"]
            if href.startswith(("tel:", "http")):
                continue
            path, _, anchor = href.partition("#")
            if path.endswith(".pdf"):  # the printed handbook, a file beside the pages
                assert (portal / name / path).is_file(), href
                continue
            target = (portal / name / path / "index.html") if path else portal / name / "index.html"
            assert target.is_file(), href
            if anchor:
                assert soup(target).find(id=anchor) is not None, href


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_windows_list_the_services_they_handle(sample_site: Path, slug: str) -> None:
    settlement = PROJECT.settlement(slug)
    page = article(sample_site / slug / "windows" / "index.html")
    for window in settlement.windows.windows:
        heading = page.find(id=f"window-{window.id}")
        card = heading.find_next_sibling("div", class_="pp-card")
        listed = [a["href"].split("#svc-")[1] for a in card.select(".pp-window-services a")]
        expected = [s.id for s in services(slug) if s.window == window.id]
        assert listed == expected, window.id
        text = card.get_text(" ")
        if window.department:
            assert window.department in text
        for person in window.staff:
            assert person.name in text
        if window.phone:
            assert card.find("a", href=values.tel_href(window.phone))
        assert card.select_one(f'.pp-now[data-hours="window-{window.id}"]') is not None


def test_hall_schedule_and_commitments(sample_site: Path) -> None:
    windows = PROJECT.settlement("xintiandi").windows
    page = article(sample_site / "xintiandi" / "windows" / "index.html")
    block = page.find(id="hall").find_next_sibling("div")
    hall = block.get_text(" ")
    listed = " ".join(li.get_text(" ") for li in block.select(".pp-exceptions li"))
    for rule in windows.hours.weekly:
        assert values.describe_days(rule.days) in hall
        for span in rule.times:
            assert str(span) in hall
    for exception in windows.hours.exceptions:
        if exception.note and exception.span[1] >= TODAY:
            assert exception.note in listed
        elif exception.note:  # over by the build's date: no longer listed
            assert exception.note not in listed
    commitments = page.select_one(".pp-commitments")
    for name, text in windows.commitment_texts():  # v2: a promise may bring its own text
        assert name in commitments.get_text() and text in commitments.get_text()
    assert len(commitments.select("dt")) == len(commitments.select("dd")) == 5, "a dd for every dt"
    assert "老弱病残全程代办制" in commitments.get_text() and "上门" in commitments.get_text()
    assert page.select_one("script#pp-hours") is not None


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_every_service_within_two_taps_of_home(sample_site: Path, slug: str) -> None:
    home = article(sample_site / slug / "index.html")
    assert home.find("a", href="handbook/") is not None, "tap 1: 办事指南"
    handbook = article(sample_site / slug / "handbook" / "index.html")
    finder = {a["href"] for a in handbook.select(".pp-finder a")}
    categories = {a["href"] for a in handbook.select(".pp-toc a")}
    for service in services(slug):
        category = next(
            c.id for c in PROJECT.settlement(slug).handbook.categories if service in c.services
        )
        assert f"#svc-{service.id}" in finder and f"#cat-{category}" in categories


def test_keyword_search_finds_the_service(sample_site: Path) -> None:
    """A resident who types 看病 finds a medical-insurance service in the search index."""
    import json
    import re

    index = json.loads((sample_site / "xintiandi" / "search" / "search_index.json").read_text())
    separator = re.compile(index["config"]["separator"])
    hits = [d for d in index["docs"] if "看病" in separator.split(d["text"])]
    assert any("svc-" in d["location"] for d in hits)
