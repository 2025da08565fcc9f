"""What makes a portal's build cheaper must not change a byte of it.

* pages handed to MkDocs in memory (generator/sites/memory_docs.py) build the same site
  as the same pages written to docs/ and read back;
* jieba's memoised cuts (generator/sites/segmenter.py) are jieba's, and never those of
  a dictionary since changed;
* a site built by a process that built others first, with the one Jinja environment
  a process keeps per theme (generator/sites/workers.py), is the site a new process
  builds.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.checks.project import load_portal, load_settlement
from generator.contract.data import Project
from generator.errors import Report
from generator.pages.templates import environment
from generator.pages.types import File, Page
from generator.paths import BASE_CONFIG, TEMPLATES
from generator.sites import assets, engine, memory_docs, segmenter
from generator.sites.assets import SharedAssets
from generator.sites.render import SiteSpec, portal_spec, write_docs
from generator.sites.workers import build_site, install_theme_caches

DATA = ROOT / "data"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def built_from_disk(spec: SiteSpec, folder: Path) -> Path:
    """The site as the build made it before: docs written, MkDocs reading them back."""
    install_theme_caches()
    write_docs(spec.pages, folder / "docs")
    config = engine.load_config(
        config_file=str(BASE_CONFIG),
        docs_dir=str(folder / "docs"),
        site_dir=str(folder / "site"),
        nav=spec.nav,
        **spec.overrides,
    )
    engine.build(config)
    return folder / "site"


def portal_of(slug: str) -> SiteSpec:
    report = Report(root=DATA)
    portal = load_portal(DATA, report)
    settlement = load_settlement(DATA / "settlements" / slug, report)
    assert portal is not None and settlement is not None
    project = Project(DATA, portal, (settlement,))
    return portal_spec(project, settlement, TODAY, environment(), pdf=False)


@pytest.fixture(scope="module")
def spec() -> SiteSpec:
    return portal_of("longquan")


def test_pages_in_memory_build_the_same_site(spec: SiteSpec, tmp_path: Path) -> None:
    engine.quiet()
    # line ends and a BOM as staff text might carry them: read back, they are \n and gone
    odd = Page("odd.md", "odd", "\ufeff# 标题\r\n\r\n第一行\r第二行\n", nav=False)
    spec = SiteSpec(spec.name, [*spec.pages, odd], spec.overrides)
    expected = tree(built_from_disk(spec, tmp_path / "disk"))
    assert len(expected) > 50 and "odd/index.html" in expected
    build_site(spec, tmp_path / "render", tmp_path / "memory")
    assert tree(tmp_path / "memory") == expected
    assert not any((tmp_path / "render" / "docs").iterdir()), "nothing written to docs/"
    # a portal: its pages pointed at the hub's assets/ as MkDocs makes them, the same as
    # rewriting the built site's files afterwards; the theme's assets/ is not copied
    site_url = spec.overrides["site_url"]
    hub_url = site_url.rstrip("/").rpartition("/")[0] + "/"
    SharedAssets(site_url, hub_url).share(tmp_path / "disk" / "site")  # the files, after
    on_disk = tree(tmp_path / "disk" / "site")
    shared = SharedAssets(site_url, hub_url)
    build_site(spec, tmp_path / "render", tmp_path / "portal", shared)
    assert "index.html" in shared.done and "404.html" in shared.done
    got = tree(tmp_path / "portal")
    assert got != on_disk  # not yet: assets/ is still there, pages are rewritten
    shared.share(tmp_path / "portal")
    assert tree(tmp_path / "portal") == on_disk
    assert 'src="../assets/' in on_disk["index.html"].decode()  # the hub's, one level up
    # left in assets/ by MkDocs: only what our hook writes there after the build (the bundles)
    assert {k for k in got if k.startswith("assets/")} < {
        k for k in expected if k.startswith("assets/")
    }


ALONE = """
import pickle, sys
from pathlib import Path
from generator.sites import engine
from generator.sites.workers import build_site
engine.quiet()
spec = pickle.loads(Path(sys.argv[1]).read_bytes())
build_site(spec, Path(sys.argv[2]), Path(sys.argv[3]))
"""


def test_a_site_built_after_another_in_one_process_is_the_site_built_alone(
    spec: SiteSpec, tmp_path: Path
) -> None:
    engine.quiet()
    install_theme_caches()

    def theme_env():  # type: ignore[no-untyped-def]
        config = engine.load_config(config_file=str(BASE_CONFIG), docs_dir=str(TEMPLATES))
        return config.theme.get_env()

    assert theme_env() is theme_env()
    other = portal_of("xintiandi")  # another name, address, nav and search words
    assert other.overrides["site_url"] != spec.overrides["site_url"]
    build_site(other, tmp_path / "render-other", tmp_path / "other")
    build_site(spec, tmp_path / "render", tmp_path / "after")
    (tmp_path / "spec.pickle").write_bytes(pickle.dumps(spec))
    alone = tmp_path / "alone"
    subprocess.run(
        [sys.executable, "-c", ALONE, str(tmp_path / "spec.pickle"), str(tmp_path / "r"),
         str(alone)],
        cwd=ROOT, check=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    after = tree(tmp_path / "after")
    assert len(after) > 50 and after == tree(alone)
    home = after["index.html"].decode()
    assert '<html lang="zh-CN"' in home and "跳到正文" in home  # custom.html's own texts


def test_files_are_listed_in_the_order_of_a_walk_of_docs(tmp_path: Path) -> None:
    paths = [
        "b.md", "index.md", "a/z.md", "a/index.md", "a/b/c.md", "a0/x.md", "a-b/y.md",
        "c.csv", "funds/2026-Q1.md", "funds.md", "funds/t.xlsx",
        "Z.md", "_x/a.md", "a/b.md",
    ]  # fmt: skip
    for path in paths:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf-8")
    walked = []
    for top, folders, names in os.walk(tmp_path):
        folders.sort()
        names.sort(key=memory_docs._name_key)
        rel = Path(top).relative_to(tmp_path).as_posix()
        walked += [name if rel == "." else f"{rel}/{name}" for name in names]
    assert sorted(paths, key=memory_docs._walk_key) == walked


def test_a_file_of_the_site_wins_over_a_later_one_of_the_same_path(tmp_path: Path) -> None:
    engine.quiet()
    spec = SiteSpec(
        "t",
        [Page("index.md", "首页", "# 首页\n"), File("a.txt", b"old"), File("a.txt", b"new")],
        {"site_name": "t", "site_url": "https://example.org/t/"},
    )
    build_site(spec, tmp_path / "render", tmp_path / "site")
    assert (tmp_path / "site" / "a.txt").read_bytes() == b"new"


def test_memoised_cuts_are_jiebas_and_follow_its_dictionary() -> None:
    import jieba

    text = "这个词是鑫鑫淼淼巷口登记站"
    before = segmenter.cut(text)
    assert before == tuple(jieba.cut(text))
    assert segmenter.cut(text) is before, "memoised"
    jieba.add_word("鑫鑫淼淼巷口登记站")  # behind our back: the dictionary's fingerprint changed
    try:
        after = segmenter.cut(text)
        assert after == tuple(jieba.cut(text)) and "鑫鑫淼淼巷口登记站" in after
    finally:
        jieba.del_word("鑫鑫淼淼巷口登记站")
        segmenter.forget()  # del_word alone may leave the fingerprint as it was
    assert segmenter.cut(text) == tuple(jieba.cut(text))


def test_material_cuts_through_the_memo() -> None:
    from material.plugins.search import plugin

    segmenter.install()
    text = "低保申请需要户口本和身份证"
    assert list(plugin.jieba.cut(text.encode("utf-8"))) == list(segmenter.cut(text))
    import jieba

    assert list(plugin.jieba.cut(text, cut_all=True)) == list(jieba.cut(text, cut_all=True))


def test_teaching_jieba_twice_changes_nothing() -> None:
    import jieba

    from generator.sites.search_terms import teach_jieba

    teach_jieba(())
    state = (jieba.dt.total, dict(jieba.dt.FREQ))
    teach_jieba(())
    assert (jieba.dt.total, dict(jieba.dt.FREQ)) == state


def test_material_segments_through_the_memo_and_follows_the_dictionary() -> None:
    import jieba
    from material.plugins.search import plugin

    segmenter.install()
    segmenter.install()  # once is enough: Material's own method stays underneath
    ours = plugin.SearchIndex._segment_chinese
    material = ours._portal_memoised
    assert not hasattr(material, "_portal_memoised")
    index = plugin.SearchIndex()
    text = "办理地点：鑫鑫淼淼巷口登记站 (3号楼) &amp; 低保申请"
    first = ours(index, text)
    assert first == material(index, text) and "\u200b" in first
    assert ours(index, text) is first, "memoised"
    jieba.add_word("鑫鑫淼淼巷口登记站")  # behind our back: the dictionary's fingerprint changed
    try:
        after = ours(index, text)
        assert after == material(index, text) and "\u200b鑫鑫淼淼巷口登记站\u200b" in after
    finally:
        jieba.del_word("鑫鑫淼淼巷口登记站")
        segmenter.forget()
    assert ours(index, text) == material(index, text) == first


LINK_PARTS = ["assets/", 'href="', 'src="', '"search": "', "../", "..", ".", "/", '"', "a",
              "HREF=\"", 'href= "', "x", "assets", "\n"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(LINK_PARTS), max_size=30))
def test_links_move_up_one_level_as_the_regular_expression_moves_them(parts: list[str]) -> None:
    text = "".join(parts)
    assert assets._one_level_up(text) == assets._RELATIVE.sub(r"\1../\2assets/", text)
