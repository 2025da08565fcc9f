"""The hub's search by need across every settlement: the sharded index and 按事项找.

Real builds of the sample data (one service renamed to something hostile) and of a small
generated county; the index is asked as hubsearch.js asks it (hub_index.answer), and the
pages without JavaScript are read as a resident taps through them.
"""

from __future__ import annotations

import json
import pickle
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, TODAY, article, soup

from generator.checks.project import load_portal, load_settlement
from generator.contract.load import settlement_folders
from generator.errors import Report
from generator.pages.compose import hub_entry
from generator.pages.types import NEEDS_FOLDER
from generator.sites.hub_index import FOLDER, Answer, answer, query_terms, shard_of
from generator.sites.site import build

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate

HOSTILE = '低保</script><img src=x onerror=alert(1)>&amp;"\u2028申请'
DIBAO = {"xintiandi/handbook/dibao/", "anjiayuan/handbook/dibao/", "longquan/handbook/dibao/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data, 龙泉新村's 低保 service renamed to HOSTILE, built without PDFs."""
    data = tmp_path_factory.mktemp("hubsearch-data") / "data"
    shutil.copytree(SAMPLE, data)
    handbook = data / "settlements" / "longquan" / "handbook.yml"
    text = handbook.read_text(encoding="utf-8")
    assert "name: 低保、特困和临时救助申请" in text
    quoted = json.dumps(HOSTILE, ensure_ascii=False)
    handbook.write_text(text.replace("name: 低保、特困和临时救助申请", f"name: {quoted}"), "utf-8")
    out = tmp_path_factory.mktemp("hubsearch") / "site"
    build(data, out, today=TODAY, pdf=False)
    return out


def index_folder(site: Path) -> Path:
    folders = [p for p in (site / FOLDER).iterdir() if p.is_dir()]
    assert len(folders) == 1, folders  # one version per build
    return folders[0]


def ask(site: Path, query: str, show_all: int = 40) -> Answer:
    folder = index_folder(site)
    return answer(lambda name: (folder / name).read_bytes(), query, show_all)


def test_the_home_page_names_the_index_it_belongs_to(site: Path) -> None:
    form = soup(site / "index.html").select_one("form.pp-needsearch")
    assert form is not None
    assert form["data-index"] == f"{index_folder(site).relative_to(site)}/"
    assert form.select_one("[role=status][aria-live=polite]") is not None
    assert form.select_one("label[for=pp-needsearch-input]") is not None


def test_every_term_is_in_the_shard_its_hash_names(site: Path) -> None:
    folder = index_folder(site)
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    assert meta["count"] == 3 and [t for t, _ in meta["towns"]] == sorted(
        t for t, _ in meta["towns"]
    )
    # the shards, without the .gz/.br copies kept beside them for static hosts
    shards = sorted((folder / "t").glob("*.json"), key=lambda p: int(p.stem))
    assert len(shards) == meta["shards"]
    terms = 0
    for shard in shards:
        for term in json.loads(shard.read_text("utf-8")):
            assert shard_of(term, meta["shards"]) == int(shard.stem), term
            terms += 1
    assert terms > 300
    assert query_terms("低保申请 DiBao") == ["低保", "保申", "申请", "dibao"]


@pytest.mark.parametrize(
    "query",
    ["低保", "底保", "dibao", "最低生活保障", "吃低保", "db"],  # a synonym, pinyin, initials
)
def test_dibao_finds_every_settlements_service_page(site: Path, query: str) -> None:
    found = ask(site, query)
    assert {hit.href for hit in found.hits} >= DIBAO, found
    for href in DIBAO:
        assert (site / href / "index.html").is_file()
    assert found.listed and sum(found.fetched.values()) < 20_000


@pytest.mark.parametrize(
    ("query", "pages"),
    [
        ("转学", {"xintiandi/handbook/school-transfer/", "anjiayuan/handbook/school-transfer/"}),
        ("孩子转学怎么办", {"xintiandi/handbook/school-transfer/"}),
        ("zhuanxue", {"anjiayuan/handbook/school-transfer/"}),
        ("看病报销", {"longquan/handbook/medical-insurance/"}),  # portal.yml's also words
        (
            "医保",
            {"xintiandi/handbook/medical-insurance/", "anjiayuan/handbook/medical-insurance/"},
        ),
        ("残疾证", {"xintiandi/handbook/disability-card/"}),
    ],
)
def test_needs_find_their_services(site: Path, query: str, pages: set[str]) -> None:
    found = {hit.href for hit in ask(site, query).hits}
    assert pages <= found, found


def test_a_query_that_says_nothing_finds_nothing(site: Path) -> None:
    assert ask(site, "火星移民").hits == ()


def test_results_come_town_by_town_with_names(site: Path) -> None:
    found = ask(site, "低保")
    towns = [hit.town for hit in found.hits]
    assert towns == sorted(towns)
    names = {hit.slug: hit.settlement for hit in found.hits}
    assert names["xintiandi"] == "新天地社区"


def test_index_files_cannot_break_out_of_anything(site: Path) -> None:
    """Staff text in the JSON is data: no <, >, & or raw U+2028 in any file."""
    folder = index_folder(site)
    files = list(folder.rglob("*.json"))
    assert files
    for path in files:
        raw = path.read_bytes()
        for byte in (b"<", b">", b"&", "\u2028".encode()):
            assert byte not in raw, path
        json.loads(raw)
    found = ask(site, "低保")
    assert HOSTILE in found.groups  # and it means exactly what staff wrote


def test_no_javascript_two_taps_from_the_home_page(site: Path) -> None:
    """Home → 低保 (tap 1) → a settlement's service page (tap 2), every link real."""
    home = article(site / "index.html")
    link = home.select_one(f'a.pp-need[href="{NEEDS_FOLDER}/dibao/"]')
    assert link is not None and "低保" in link.get_text()
    assert home.select_one(f'a[href="{NEEDS_FOLDER}/"]') is not None  # 全部事项
    need = site / NEEDS_FOLDER / "dibao" / "index.html"
    page = article(need)
    links = {a["href"].removeprefix("../../../") for a in page.select("a.pp-offer__service")}
    assert links == DIBAO
    for href in links:
        assert (site / href / "index.html").is_file()
    towns = [h.get_text(strip=True) for h in page.select("h2")]
    assert towns == sorted(towns) and len(towns) == 3
    # the hostile name is text on the page, never markup
    assert HOSTILE.replace("\u2028", "") in page.get_text().replace("\u2028", "")
    assert page.select("img") == [] and page.select("[onerror]") == []


def test_every_need_page_is_listed_and_left_out_of_the_hub_search(site: Path) -> None:
    needs = article(site / NEEDS_FOLDER / "index.html")
    stems = [a["href"].rstrip("/") for a in needs.select("a.pp-need")]
    assert "dibao" in stems and "zhuanxue" in stems and "yibao" in stems
    for stem in stems:
        assert (site / NEEDS_FOLDER / stem / "index.html").is_file()
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    located = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any(re.match(rf"{NEEDS_FOLDER}/.+/", loc) for loc in located), located


def test_the_hub_entry_stays_small() -> None:
    """What the cache pickles per settlement grows by its services only: a few KB."""
    report = Report(root=SAMPLE)
    portal = load_portal(SAMPLE, report)
    assert portal is not None
    sizes = {}
    for folder in settlement_folders(SAMPLE):
        data = load_settlement(folder, report, TODAY)
        assert data is not None
        entry = hub_entry(data, TODAY, portal)
        assert len(entry.services) == len(data.handbook.all_services)  # type: ignore[union-attr]
        sizes[folder.name] = len(pickle.dumps(entry))
    assert max(sizes.values()) < 12_000, sizes


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated county of 45 settlements (more than are listed at once), no PDFs."""
    data = generate(45, tmp_path_factory.mktemp("hubsearch-county") / "data")
    out = tmp_path_factory.mktemp("hubsearch-county-site") / "site"
    build(data, out, today=TODAY, pdf=False, jobs=2)
    return out


def test_many_settlements_are_shown_town_by_town(county: Path) -> None:
    found = ask(county, "低保")
    assert found.settlements == 45 and not found.listed
    # the query itself fetched no settlement block: each town's list costs a tap
    assert not any(name.startswith("s/") for name in found.fetched)
    assert set(found.towns) == {"城关镇", "石门镇", "龙泉乡"}
    assert {h.href for h in found.hits} >= {
        "anjiayuan-00000/handbook/dibao/",
        "xintiandi-00002/handbook/dibao/",
    }
    for hit in found.hits:
        assert (county / hit.href / "index.html").is_file(), hit
