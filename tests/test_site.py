"""The sample data built with real MkDocs: hub, home pages, 社区概况, lang, tel links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SAMPLE, article, sample_slugs, soup

from generator.checks.project import load_project
from generator.read import values

PROJECT, _ = load_project(SAMPLE)
assert PROJECT is not None, "the sample data must validate"
SLUGS = sample_slugs()


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_sample_has_three_kinds_of_settlement() -> None:
    sizes = sorted(s.profile.households for s in PROJECT.settlements)
    assert len(sizes) >= 3
    assert sizes[0] < 200 and sizes[-1] > 1000, "a small rural and a large county-seat one"
    assert {s.profile.location for s in PROJECT.settlements} == {"county_seat", "rural"}


def test_every_page_is_chinese(sample_site: Path) -> None:
    pages = html_pages(sample_site)
    assert len(pages) >= 1 + 2 * len(SLUGS)
    for page in pages:
        assert soup(page).html["lang"] == "zh-CN", page


def test_hub_lists_every_settlement_with_town_and_households(sample_site: Path) -> None:
    hub = article(sample_site / "index.html")
    items = hub.select(".pp-settlements li")
    assert len(items) == len(SLUGS)
    for settlement in PROJECT.settlements:
        link = hub.select_one(f'a[href="{settlement.slug}/"]')
        assert link is not None, settlement.slug
        text = link.get_text(" ")
        assert settlement.profile.name in text
        assert settlement.profile.town in text
        assert f"{settlement.profile.households} 户" in text
        assert (sample_site / settlement.slug / "index.html").is_file()
    assert hub.select_one("input[type=search]") is not None, "the hub has a search box"


@pytest.mark.parametrize("slug", SLUGS)
def test_home_page(sample_site: Path, slug: str) -> None:
    profile = PROJECT.settlement(slug).profile
    home = article(sample_site / slug / "index.html")
    assert home.h1.get_text(strip=True) == profile.name
    text = home.get_text(" ")
    assert f"{profile.updated.year}年{profile.updated.month}月{profile.updated.day}日" in text
    tels = {a["href"] for a in home.select('a[href^="tel:"]')}
    for contact in profile.emergency:
        assert values.tel_href(contact.phone) in tels, contact
    assert values.tel_href(profile.supervision_phone) in tels
    buttons = [a["href"] for a in home.select(".pp-buttons a")]
    assert "profile/" in buttons
    for href in buttons:
        assert (sample_site / slug / href / "index.html").is_file(), href


@pytest.mark.parametrize("slug", SLUGS)
def test_profile_page(sample_site: Path, slug: str) -> None:
    profile = PROJECT.settlement(slug).profile
    page = article(sample_site / slug / "profile" / "index.html")
    text = page.get_text(" ")
    for expected in [profile.region, f"{profile.households} 户", f"{profile.population} 人"]:
        assert expected in text
    for village in profile.source_villages:
        assert village in text
    if profile.moved_in:
        assert str(profile.moved_in) in text
    tels = {a["href"] for a in page.select('a[href^="tel:"]')}
    for org in profile.organizations:
        assert org.name in text
        for member in org.members:
            assert member.name in text
            if member.phone:
                assert values.tel_href(member.phone) in tels
    for facility in profile.facilities:
        assert facility.name in text
        for hours in facility.hours.weekly if facility.hours else ():
            assert values.describe_days(hours.days) in text
            for span in hours.times:
                assert str(span) in text
        if facility.phone:
            assert values.tel_href(facility.phone) in tels


@pytest.mark.parametrize("slug", SLUGS)
def test_supervision_phone_in_every_footer(sample_site: Path, slug: str) -> None:
    profile = PROJECT.settlement(slug).profile
    for page in html_pages(sample_site / slug):
        if page.name == "404.html":
            continue
        footer = soup(page).select_one("footer.pp-footer")
        assert footer is not None, page
        assert footer.select_one(f'a[href="{values.tel_href(profile.supervision_phone)}"]'), page


def test_every_tel_link_is_dialable(sample_site: Path) -> None:
    for page in html_pages(sample_site):
        for link in soup(page).select('a[href^="tel:"]'):
            assert re.fullmatch(r"tel:\+?\d{3,15}", link["href"]), (page, link["href"])
