"""网格与联系人, 居民公约与七会 and 组织机构 on the sample data, plus an overloaded grid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY, article, soup
from PIL import Image

from generator.checks.project import load_project
from generator.contract.councils import COUNCIL_KINDS
from generator.contract.settlement import ORGANIZATION_KINDS
from generator.pages.sections.grids import GridView
from generator.read import values
from generator.sites.site import build

PROJECT, _ = load_project(SAMPLE)
WITH_GRIDS = [s.slug for s in PROJECT.settlements if s.grids]
WITH_COUNCILS = [s.slug for s in PROJECT.settlements if s.councils]
# a tiny PNG: the photo a member of staff might drop beside grids.yml
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63606060"
    "60000000050001a5f645400000000049454e44ae426082"
)


def grid_card(page, grid_id: str):
    heading = page.find(id=f"grid-{grid_id}")
    assert heading is not None and heading.name == "h2", grid_id
    return heading.find_next_sibling("div", class_="pp-duty-card")


@pytest.mark.parametrize("slug", WITH_GRIDS)
def test_every_grid_person_has_a_call_button(sample_site: Path, slug: str) -> None:
    s = PROJECT.settlement(slug)
    page = article(sample_site / slug / "grids" / "index.html")
    supervision = s.grids.supervision_phone or s.profile.supervision_phone
    for grid in s.grids.grids:
        card = grid_card(page, grid.id)
        assert grid.name in page.find(id=f"grid-{grid.id}").get_text()
        people = [p for p in [grid.leader, *grid.members, grid.police] if p]
        items = card.select(".pp-grid-person")
        assert len(items) == len(people)
        for person, item in zip(people, items, strict=True):
            text = item.get_text(" ")
            assert person.name in text
            if person.position:
                assert person.position in text
            for group in getattr(person, "covers", []):
                assert group in text
            if person.phone:
                call = item.select_one("a.pp-tel")
                assert call["href"] == values.tel_href(person.phone)
                assert str(person.phone) in call.get_text()
        for duty in grid.duties:
            assert duty in card.get_text()
        assert card.find("a", href=values.tel_href(supervision))
    roles = [r.get_text() for r in page.select(".pp-grid-person__role")]
    assert roles.count("网格长") == sum(1 for g in s.grids.grids if g.leader)


@pytest.mark.parametrize("slug", WITH_GRIDS)
def test_every_building_leads_to_exactly_one_grid(sample_site: Path, slug: str) -> None:
    s = PROJECT.settlement(slug)
    page = article(sample_site / slug / "grids" / "index.html")
    buttons = page.select(".pp-building-finder a.pp-building")
    assert [b.select_one(".pp-building__name").get_text() for b in buttons] == [
        b.name for b in s.profile.buildings
    ], "every building, in the settlement's order"
    for building, button in zip(s.profile.buildings, buttons, strict=True):
        anchor = button["href"]
        assert anchor.startswith("#grid-")
        card = grid_card(page, anchor[len("#grid-") :])
        listed = card.select_one(".pp-grid-buildings").get_text()
        assert listed.startswith("包含楼栋：")
        assert building.name in listed.removeprefix("包含楼栋：").split("、")
        owners = [g for g in s.grids.grids if building.id in g.buildings]
        assert [f"#grid-{g.id}" for g in owners] == [anchor]


@pytest.mark.parametrize("slug", WITH_GRIDS)
def test_households_per_grid(sample_site: Path, slug: str) -> None:
    s = PROJECT.settlement(slug)
    page = article(sample_site / slug / "grids" / "index.html")
    households = {b.id: b.households for b in s.profile.buildings}
    for grid in s.grids.grids:
        total = sum(households[b] for b in grid.buildings)
        text = grid_card(page, grid.id).select_one(".pp-grid-households").get_text()
        assert f"共 {total} 户" in text
        assert f"网格员 {len(grid.members)} 名" in text
        overloaded = total / len(grid.members) > 300
        assert bool(grid_card(page, grid.id).select('[role="note"]')) is overloaded


def test_search_for_a_building_finds_its_grid(sample_site: Path) -> None:
    index = json.loads((sample_site / "xintiandi" / "search" / "search_index.json").read_text())
    docs = {d["location"]: d["text"].replace("\u200b", "") for d in index["docs"]}
    assert "3号楼" in docs["grids/#grid-g01"]
    assert "3号楼" not in docs["grids/#grid-g02"]


@pytest.mark.parametrize(
    ("households", "staff", "note"),
    [(300, 1, False), (301, 1, True), (600, 2, False), (601, 2, True)],
)
def test_overload_rule_at_the_boundary(households: int, staff: int, note: bool) -> None:
    grid = PROJECT.settlement("xintiandi").grids.grids[1]
    members = grid.model_copy(update={"members": grid.members[:1] * staff})
    view = GridView(members, (), households, ())
    assert view.overloaded is note
    assert (view.per_member > 300) is note


@pytest.fixture(scope="module")
def overloaded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """xintiandi with buildings 4 and 5 moved into 第一网格 (420 households, one 网格员),
    and a photo for its 网格员."""
    import shutil

    data = tmp_path_factory.mktemp("overloaded") / "data"
    shutil.copytree(SAMPLE, data)
    folder = data / "settlements" / "xintiandi"
    (folder / "photos").mkdir()
    (folder / "photos" / "何某某.png").write_bytes(PNG)
    grids = folder / "grids.yml"
    text = grids.read_text(encoding="utf-8")
    text = text.replace('buildings: ["1", "2", "3"]', 'buildings: ["1", "2", "3", "4", "5"]')
    text = text.replace('buildings: ["4", "5", "6"]', 'buildings: ["6"]')
    text = text.replace("{name: 何某某,", "{name: 何某某, photo: photos/何某某.png,")
    grids.write_text(text, encoding="utf-8")
    out = data.parent / "site"
    result = build(data, out, only=["xintiandi"], today=TODAY, pdf=False)
    assert [w.code for w in result.report.warnings].count("grid.overload") == 1
    return out


def test_overloaded_grid_is_shown_honestly(overloaded_site: Path) -> None:
    page = article(overloaded_site / "xintiandi" / "grids" / "index.html")
    notes = page.select('[role="note"]')
    assert len(notes) == 1
    card = grid_card(page, "g01")
    assert card.select_one('[role="note"]') is notes[0]
    assert "420" in notes[0].get_text() and "300" in notes[0].get_text()
    assert "共 420 户" in card.get_text()
    assert "4号楼" in card.select_one(".pp-grid-buildings").get_text()
    assert page.select_one('a.pp-building[href="#grid-g01"]') is not None
    assert grid_card(page, "g02").select_one('[role="note"]') is None


def test_grid_photo_is_copied_and_described(overloaded_site: Path) -> None:
    grids = overloaded_site / "xintiandi" / "grids"
    image = article(grids / "index.html").find("img", alt="网格员 何某某 的照片")
    assert image is not None
    assert image["src"] == "photos/g01-member-1.png", "relative and ASCII"
    with Image.open(grids / image["src"]) as photo:  # re-encoded: see tests/test_images.py
        assert (photo.format, photo.mode, photo.size) == ("PNG", "RGBA", (1, 1))


@pytest.mark.parametrize("slug", WITH_COUNCILS)
def test_charter_is_published_in_full(sample_site: Path, slug: str) -> None:
    s = PROJECT.settlement(slug)
    page = article(sample_site / slug / "councils" / "index.html")
    charter = s.councils.charter
    assert page.find(id="charter").get_text(strip=True) == charter.title
    adopted = f"{charter.adopted.year}年{charter.adopted.month}月{charter.adopted.day}日"
    assert f"{adopted}经{charter.adopted_by}通过" in page.select_one(".pp-charter__adopted").text
    body = page.select_one(".pp-charter")
    assert len(page.find_all("h1")) == 1 and not body.find("h1")
    assert charter.title not in [h.get_text() for h in body.find_all(["h2", "h3"])]
    for line in s.charter.splitlines():
        if line.startswith("## "):
            assert body.find("h3", string=line[3:].strip()) is not None, line


@pytest.mark.parametrize("slug", WITH_COUNCILS)
def test_councils_in_standard_order_with_every_decision(sample_site: Path, slug: str) -> None:
    councils = PROJECT.settlement(slug).councils.councils
    page = article(sample_site / slug / "councils" / "index.html")
    cards = page.select(".pp-council")
    kinds = [*COUNCIL_KINDS, "other"]
    expected = sorted(councils, key=lambda c: kinds.index(c.kind))
    headings = [card.find_previous_sibling("h3").get_text(strip=True) for card in cards]
    assert headings == [c.display_name for c in expected]
    for council, card in zip(expected, cards, strict=True):
        if council.kind != "other" and not council.name:
            assert card.find_previous_sibling("h3").get_text() == COUNCIL_KINDS[council.kind]
        text = card.get_text(" ")
        for value in [council.purpose, council.meets]:
            if value:
                assert value in text
        for member in council.members:
            assert member.name in text and (member.position or "") in text
            if member.since:
                assert f"（{member.since}起）" in text
        items = card.select("ol.pp-timeline > li")
        dates = [li.time["datetime"] for li in items]
        assert dates == sorted((d.date.isoformat() for d in council.decisions), reverse=True)
        for decision in council.decisions:
            assert decision.title in text and decision.outcome in text


def test_other_councils_follow_the_seven(sample_site: Path) -> None:
    page = article(sample_site / "xintiandi" / "councils" / "index.html")
    headings = [h.get_text() for h in page.select("h3[id^=council-]")]
    assert headings[-1] == "老年人协会" and headings[:7] == list(COUNCIL_KINDS.values())
    assert page.find(id="council-other-1") is not None


@pytest.mark.parametrize("slug", [s.slug for s in PROJECT.settlements])
def test_organisations_as_an_org_chart(sample_site: Path, slug: str) -> None:
    organisations = PROJECT.settlement(slug).profile.organizations
    page = article(sample_site / slug / "profile" / "index.html")
    groups = page.select("ul.pp-org > li.pp-org__group")
    kinds = [k for k in ORGANIZATION_KINDS if any(o.kind == k for o in organisations)]
    assert [g.select_one(".pp-org__kind").get_text() for g in groups] == [
        ORGANIZATION_KINDS[k] for k in kinds
    ]
    for kind, group in zip(kinds, groups, strict=True):
        bodies = [o for o in organisations if o.kind == kind]
        items = group.select("li.pp-org__body")
        assert [i.select_one(".pp-org__name").get_text() for i in items] == [o.name for o in bodies]
        for org, item in zip(bodies, items, strict=True):
            people = item.select(".pp-org__members > li")
            assert [p.select_one(".pp-people__name").get_text() for p in people] == [
                m.name for m in org.members
            ]
            if people:
                assert "pp-org__leader" in people[0]["class"]
                assert not any("pp-org__leader" in p["class"] for p in people[1:])
    assert not page.select("ul.pp-org img, ul.pp-org script")
    assert soup(sample_site / slug / "profile" / "index.html").find(id="organizations")
