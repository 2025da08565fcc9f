"""Chinese search: jieba cuts sentences into words, so a word inside a sentence is found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, TODAY

from generator.sites.site import build


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("minimal") / "site"
    build(FIXTURES / "minimal", out, today=TODAY, pdf=False)
    return out


def tokens(site: Path, location: str) -> set[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    docs = [d for d in index["docs"] if d["location"].startswith(location)]
    assert docs, f"no search entry for {location!r}"
    return {t for d in docs for t in separator.split(d["title"] + " " + d["text"]) if t}


@pytest.mark.parametrize("word", ["照料", "老年人", "活动"])
def test_word_inside_a_sentence_is_a_search_token(minimal_site: Path, word: str) -> None:
    assert word in tokens(minimal_site / "xiaocun", "")


def test_search_is_configured_for_chinese(minimal_site: Path) -> None:
    index = json.loads(
        (minimal_site / "xiaocun" / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    assert index["config"]["lang"] == ["zh"]
    assert "\\u200b" in index["config"]["separator"] or "\u200b" in index["config"]["separator"]


# ------------------------------------------------------------------ need, pinyin, buildings
# The sample 安家园 (tests/conftest.py: search_site), with synonyms from data/portal.yml.


def index_of(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def doc_tokens(index: dict, doc: dict) -> set[str]:
    """A section's tokens as search.js and Material's lunr tokenizer cut them."""
    separator = re.compile(index["config"]["separator"])
    text = re.sub(r"<[^>]+>", " ", " ".join([doc["title"], doc["text"], *doc.get("tags", [])]))
    return {t.lower() for t in separator.split(text) if t}


def sections(site: Path, title_has: str, location: str = "") -> list[tuple[dict, set[str]]]:
    index = index_of(site)
    found = [
        (d, doc_tokens(index, d))
        for d in index["docs"]
        if title_has in d["title"].replace("\u200b", "") and d["location"].startswith(location)
    ]
    assert found, f"no section titled with {title_has!r} under {location!r}"
    return found


@pytest.fixture(scope="module")
def portal(search_site: Path) -> Path:
    return search_site / "anjiayuan"


@pytest.mark.parametrize(
    ("title", "words"),
    [
        # pinyin, initials, a typo, the short name
        ("最低生活保障申请", {"dibao", "db", "底保", "低保"}),
        # pinyin of its short name, and a need (看病报销) that its title does not say
        ("城乡居民医疗保险参保缴费", {"yibao", "yb", "医保", "看病报销"}),
        ("子女转学入学", {"zhuanxue", "zx", "转校"}),
    ],
)
def test_a_service_is_found_by_pinyin_typos_and_needs(
    portal: Path, title: str, words: set[str]
) -> None:
    found = sections(portal, title)
    assert any(words <= tokens for _, tokens in found), [sorted(t)[:40] for _, t in found]


def test_a_need_finds_the_section_named_for_it_not_every_mention(portal: Path) -> None:
    """also-words (看病报销) go to sections whose heading names the group (医保) only."""
    index = index_of(portal)
    with_need = [
        d["title"].replace("\u200b", "")
        for d in index["docs"]
        if "看病报销" in doc_tokens(index, d)
    ]
    assert with_need and all("医保" in t or "医疗保险" in t or "合作医疗" in t for t in with_need)


def test_each_window_is_found_by_the_pinyin_of_its_name(portal: Path) -> None:
    import jieba
    from pypinyin import Style, lazy_pinyin

    windows = [(d, t) for d, t in sections(portal, "窗口", "windows/") if "#" in d["location"]]
    assert windows
    for doc, tokens in windows:
        name = doc["title"].replace("\u200b", "")
        words = [w for w in jieba.cut(name) if len(w) > 1 and re.fullmatch(r"[一-鿿]+", w)]
        assert words, name
        for word in words:  # 综合 → zonghe, zh
            assert "".join(lazy_pinyin(word)) in tokens, (name, word, sorted(tokens))
            assert "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)) in tokens, (name, word)


def test_a_building_is_found_by_every_way_residents_write_its_number(portal: Path) -> None:
    """Building 3 is in the first grid: its section and the lookup know 3号楼, 3栋, 三号楼 …"""
    index = index_of(portal)
    grid = [d for d in index["docs"] if d["location"].endswith("grids/#grid-g01")]
    finder = [d for d in index["docs"] if d["location"].endswith("grids/#find")]
    assert grid and finder
    for doc in grid + finder:
        text = doc["text"].replace("\u200b", "")
        for variant in ("3号楼", "3栋", "3幢", "三号楼", "三栋"):
            assert variant in text, (doc["location"], variant)
        assert "lou3" in doc_tokens(index, doc)  # what search.js turns any of them into
    other = [d for d in index["docs"] if d["location"].endswith("grids/#grid-g02")]
    assert other and "lou3" not in doc_tokens(index, other[0])


def test_hidden_words_are_neither_seen_nor_heard(portal: Path) -> None:
    from conftest import soup

    page = soup(portal / "grids" / "index.html")
    hidden = page.select(".pp-search-terms")
    assert hidden
    for element in hidden:
        assert element.name == "sup" and element.has_attr("hidden")
        assert element.get("aria-hidden") == "true"


def material_segment(query: str, index: set[str]) -> list[str]:
    """Material 9.8's segment() (search/query/segment), line by line: the last character is
    never part of a word it tries (j < len), so a two-character word falls back to its first."""
    wordcuts = [0] * len(query)
    for i in range(len(query)):
        for j in range(i + 1, len(query)):
            if query[i:j] in index:
                wordcuts[i] = j - i
    segments: list[str] = []
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, wordcuts[p]):
            if wordcuts[p + q] > wordcuts[p] - q:
                segments.append(query[p : p + q])
                stack.append(p + q)
        q = p + wordcuts[p]
        if q < len(query) and wordcuts[q] and q < len(query) - 1:
            stack.append(q)
        segments.append(query[p:q])
    return [query] if "" in segments else list(dict.fromkeys(segments))


def test_zhuanxue_finds_only_sections_that_say_zhuanxue(portal: Path) -> None:
    index = index_of(portal)
    every = [(d, doc_tokens(index, d)) for d in index["docs"]]
    vocabulary = set().union(*(t for _, t in every))
    notice = [t for d, t in every if "天冷缴费提示" in d["title"].replace("\u200b", "")]
    assert notice and {"转冷", "转账", "转"} <= notice[0]
    assert "转学" in vocabulary  # jieba indexes the word whole
    # Material alone sends 转* for 转学: it matches the notice (转冷, 转账)
    assert material_segment("转学", vocabulary) == ["转"]
    assert any(t.startswith("转") for t in notice[0])
    # search.js sends ⺀转学: Material keeps it whole (⺀ is in no token), the separator
    # drops ⺀, and lunr looks up 转学* only
    assert material_segment("\u2e80转学", vocabulary) == ["\u2e80转学"]
    separator = re.compile(index["config"]["separator"])
    assert [t for t in separator.split("\u2e80转学") if t] == ["转学"]
    hits = [d for d, tokens in every if any(t.startswith("转学") for t in tokens)]
    assert hits and all("转学" in d["text"] + d["title"] for d in hits)
    assert not any("天冷缴费提示" in d["title"].replace("\u200b", "") for d in hits)


def test_glossary_terms_are_indexed_whole(portal: Path) -> None:
    index = index_of(portal)
    councils = set().union(
        *(doc_tokens(index, d) for d in index["docs"] if d["location"].startswith("councils/"))
    )
    assert {"一约七会", "四议两公开"} <= councils


def test_synonyms_must_be_single_terms() -> None:
    from pydantic import ValidationError

    from generator.contract.portal import Portal

    base = {"title": "平台", "publisher": "民政局", "base_url": "https://example.org/"}
    Portal.model_validate({**base, "synonyms": [{"words": ["低保", "底保"], "also": ["看病"]}]})
    bad_groups = [
        {"words": ["低保 底保"]},
        {"words": []},
        {"words": ["<b>"]},
        {"words": ["低" * 21]},
    ]
    for bad in bad_groups:
        with pytest.raises(ValidationError):
            Portal.model_validate({**base, "synonyms": [bad]})
