"""办事指南 and 服务窗口 on the sample data: every field, every link, the reverse index."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, article, soup

from generator.checks.project import load_project
from generator.contract.handbook import Service
from generator.pages import views
from generator.read import values

PROJECT, _ = load_project(SAMPLE)
WITH_HANDBOOK = [s.slug for s in PROJECT.settlements if s.handbook and s.windows]


def services(slug: str) -> list[Service]:
    return PROJECT.settlement(slug).handbook.all_services


def service_page(site: Path, slug: str, service_id: str) -> Path:
    return site / slug / "handbook" / service_id / "index.html"


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_every_service_field_is_rendered(sample_site: Path, slug: str) -> None:
    windows = {w.id: w for w in PROJECT.settlement(slug).windows.windows}
    for service in services(slug):
        card = article(service_page(sample_site, slug, service.id))
        assert card.h1.get_text(strip=True) == service.name
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
            link = card.find("a", href=f"../../windows/#window-{service.window}")
            assert link is not None and windows[service.window].name in link.get_text()
            now = card.select_one(f'.pp-now[data-hours="window-{service.window}"]')
            assert now is not None and card.select_one("script#pp-hours") is not None
        back = [a["href"] for a in card.select("a.pp-back__link")]
        assert back and all(href.startswith("../") for href in back), "a way back to the index"


def test_card_reads_what_to_bring_and_where_first_and_the_basis_last(sample_site: Path) -> None:
    """Every sample service page: 材料, where and when, how, then 办理依据 at the end."""
    order = ["documents", "where", "how", "faq", "basis"]
    for slug in WITH_HANDBOOK:
        for service in services(slug):
            card = article(service_page(sample_site, slug, service.id))
            found = [h2["id"] for h2 in card.select("h2[id]")]
            assert found == [key for key in order if key in found], (service.id, found)
            assert found[0] == "documents" and found[1] == "where", (service.id, found)
            if service.basis:
                assert found[-1] == "basis", (service.id, found)
            assert card.select_one("h1, h2, h3").name == "h1"


def site_links(page: Path) -> list[tuple[str, Path, str]]:
    """Every internal link of a page's article: (href, the file it opens, its anchor)."""
    found = []
    for link in article(page).select("a[href]"):
        href = link["href"]
        if href.startswith(("tel:", "http")):
            continue
        path, _, anchor = href.partition("#")
        target = Path(posixpath.normpath(page.parent / path)) if path else page
        if path and not path.endswith(".pdf"):  # a page: its folder's index.html
            target = target / "index.html"
        found.append((href, target, anchor))
    return found


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_every_link_resolves(sample_site: Path, slug: str) -> None:
    portal = sample_site / slug
    pages = [portal / "handbook" / "index.html", portal / "windows" / "index.html"]
    pages += [service_page(sample_site, slug, s.id) for s in services(slug)]
    for page in pages:
        for href, target, anchor in site_links(page):
            assert target.is_file(), (page, href)
            if anchor:
                assert soup(target).find(id=anchor) is not None, (page, href)


def test_no_page_links_to_the_old_one_page_anchors(sample_site: Path) -> None:
    """Links inside the site go straight to a service's page, not to handbook/#svc-…."""
    for page in sample_site.rglob("*.html"):
        for link in soup(page).select("a[href]"):
            assert "#svc-" not in link["href"], (page, link["href"])


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_windows_list_the_services_they_handle(sample_site: Path, slug: str) -> None:
    settlement = PROJECT.settlement(slug)
    page = article(sample_site / slug / "windows" / "index.html")
    for window in settlement.windows.windows:
        heading = page.find(id=f"window-{window.id}")
        card = heading.find_next_sibling("div", class_="pp-card")
        listed = [a["href"] for a in card.select(".pp-window-services a")]
        expected = [f"../handbook/{s.id}/" for s in services(slug) if s.window == window.id]
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
    """Home → 办事指南 → the service's own page; the index lists each service once by category."""
    home = article(sample_site / slug / "index.html")
    assert home.find("a", href="handbook/") is not None, "tap 1: 办事指南"
    index = sample_site / slug / "handbook" / "index.html"
    handbook = article(index)
    categories = {a["href"] for a in handbook.select(".pp-toc a")}
    listed = [a["href"] for a in handbook.select(".pp-service-list a")]
    assert listed == [f"{s.id}/" for s in services(slug)], "each service once, in the data's order"
    for category in PROJECT.settlement(slug).handbook.categories:
        assert f"#cat-{category.id}" in categories
        section = handbook.find(id=f"cat-{category.id}").find_next_sibling("ul")
        assert [a["href"] for a in section.select("a")] == [f"{s.id}/" for s in category.services]
    for service in services(slug):
        page = service_page(sample_site, slug, service.id)
        assert page.is_file() and article(page).h1.get_text(strip=True) == service.name
    for tile in handbook.select(".pp-needs a"):  # tap 2 from a "我要……" tile too
        assert (index.parent / tile["href"] / "index.html").is_file(), tile["href"]


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_index_is_short_and_its_needs_are_unique(sample_site: Path, slug: str) -> None:
    handbook = article(sample_site / slug / "handbook" / "index.html")
    words = [w.get_text(strip=True) for w in handbook.select(".pp-needs .pp-need__word")]
    assert words and len(words) == len(set(words)), "no 我要 word twice"
    keywords = {kw for s in services(slug) for kw in s.keywords} | {s.name for s in services(slug)}
    assert set(words) <= keywords
    # the index holds no card: what to bring, the steps and the basis are on the service pages
    assert not handbook.select(".pp-checklist, .pp-steps, .pp-fields")
    text = handbook.get_text()
    for service in services(slug):
        for step in service.steps:  # sentences, found on no other page
            assert len(step) < 10 or step not in text, (service.id, step)


def test_finder_names_each_service_by_a_word_no_other_took() -> None:
    """xintiandi's 就业登记 and 岗位推荐 both start with 找工作: the second shows its next word."""
    handbook = PROJECT.settlement("xintiandi").handbook
    assert [s.keywords[0] for s in handbook.all_services].count("找工作") == 2
    tiles = {entry.service.id: entry.keyword for entry in views.finder(handbook)}
    assert tiles["job-registration"] == "找工作" and tiles["job-matching"] == "打工"
    assert len(set(tiles.values())) == len(tiles) == len(handbook.all_services)


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_old_anchors_still_lead_to_the_service(sample_site: Path, slug: str) -> None:
    """handbook/#svc-<id> (links, bookmarks, printed codes) lands on the service's link,
    and the index's script goes on from there to the service's page."""
    page = soup(sample_site / slug / "handbook" / "index.html")
    for service in services(slug):
        entry = page.find(id=f"svc-{service.id}")
        assert entry is not None, service.id
        assert entry.find("a")["href"] == f"{service.id}/"
    script = next(s.get_text() for s in page.select("article script") if not s.get("type"))
    assert "location.replace" in script and "#svc-" in script


def search_index(site: Path, slug: str) -> tuple[list[dict], re.Pattern[str]]:
    index = json.loads((site / slug / "search" / "search_index.json").read_text("utf-8"))
    return index["docs"], re.compile(index["config"]["separator"])


@pytest.mark.parametrize("slug", WITH_HANDBOOK)
def test_search_finds_each_service_on_its_own_page(sample_site: Path, slug: str) -> None:
    """A search hit for a service's name opens the service's page, not the index."""
    docs, _ = search_index(sample_site, slug)
    for service in services(slug):
        hits = [d["location"] for d in docs if d["title"].replace("\u200b", "") == service.name]
        assert hits == [f"handbook/{service.id}/"], (service.id, hits)
        words = [d for d in docs if d["location"].startswith(f"handbook/{service.id}/")]
        text = " ".join(d["text"] for d in words).replace("\u200b", "")  # jieba's cuts
        assert service.documents[0] in text


def test_keyword_search_finds_the_service(sample_site: Path) -> None:
    """A resident who types 看病 finds the medical-aid page, at its top (where its words are)."""
    docs, separator = search_index(sample_site, "xintiandi")
    hits = [d["location"] for d in docs if "看病" in separator.split(d["text"])]
    assert "handbook/medical-aid/" in hits
