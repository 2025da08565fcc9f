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
