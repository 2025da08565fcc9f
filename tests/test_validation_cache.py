"""Issue 9: each settlement is validated once per content; the hub and portals are reused.

Rebuilds read the validated settlements, their warnings and their hub lines
from the cache (here $PORTAL_CACHE_DIR, set by conftest.py); a change to a
settlement's files, a broken or missing cache, or no cache at all still give
the same site and the same messages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TODAY, sample_slugs

from generator.errors import DataError
from generator.sites.checked import DATA, SUMMARY, Cache, Checked, cache_root
from generator.sites.manifest import MANIFEST, read_manifest
from generator.sites.site import build


def overload(data: Path) -> None:
    """Give one 网格员 of 新天地 too many households: a warning, not an error."""
    grids = data / "settlements" / "xintiandi" / "grids.yml"
    text = grids.read_text(encoding="utf-8")
    text = text.replace('buildings: ["1", "2", "3"]', 'buildings: ["1", "2", "3", "4", "5"]')
    text = text.replace('buildings: ["4", "5", "6"]', 'buildings: ["6"]')
    grids.write_text(text, encoding="utf-8")


def cached(data: Path) -> dict[str, set[str]]:
    """slug → the cache files ("<hash>.summary", "<hash>.data") kept for it."""
    root = Cache.for_data(data).folder
    assert root is not None and root.is_dir()
    return {p.name: {f.name for f in p.iterdir()} for p in root.iterdir()}


def test_a_rebuild_keeps_the_warnings_it_read_from_the_cache(
    data_copy: Path, tmp_path: Path
) -> None:
    overload(data_copy)
    out = tmp_path / "site"
    first = build(data_copy, out, today=TODAY, pdf=False)
    again = build(data_copy, out, today=TODAY, pdf=False)
    # on 2026-11-22 the coming 60 days reach 2027, beyond the holiday calendar: a warning for
    # each file with schedules (windows.yml, and settlement.yml's facilities)
    codes = [w.code for w in first.report.warnings]
    assert [c for c in codes if c != "hours.calendar"] == ["grid.overload"]
    assert codes.count("hours.calendar") == 2 * len(sample_slugs())
    assert again.report.problems == first.report.problems
    assert again.built == ()
    files = cached(data_copy)
    assert set(files) == set(sample_slugs())
    # cached under the content hash; the published portal's key adds the day of its turn
    (content,) = {name.split(".")[0] for name in files["xintiandi"]}
    assert files["xintiandi"] == {f"{content}.{SUMMARY}", f"{content}.{DATA}"}
    summary = Cache.for_data(data_copy).load("xintiandi", content, SUMMARY)
    assert isinstance(summary, Checked) and summary.since is not None
    assert read_manifest(out).portals["xintiandi"] == summary.site_key != content


def test_an_unchanged_settlement_is_read_from_the_cache_not_validated_again(
    data_copy: Path, tmp_path: Path
) -> None:
    """A hit leaves its entries as they are; a miss (validating again) would rewrite them."""
    build(data_copy, tmp_path / "one", today=TODAY, pdf=False)
    root = Cache.for_data(data_copy).folder
    assert root is not None

    def entries() -> dict[str, tuple[int, int]]:
        return {
            p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in root.rglob("*")
            if p.is_file()
        }

    before = entries()
    assert len(before) == 2 * len(sample_slugs())
    build(data_copy, tmp_path / "two", today=TODAY, pdf=False)  # a new --out: every portal built
    assert entries() == before


def test_a_changed_settlement_is_validated_again(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    profile = data_copy / "settlements" / "longquan" / "settlement.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("name: 龙泉新村", "name: 龙泉新村二期", 1), encoding="utf-8")
    result = build(data_copy, out, today=TODAY, pdf=False)
    assert result.built == ("longquan",)
    hub = (out / "index.html").read_text(encoding="utf-8")
    assert "龙泉新村二期" in hub, "the hub lists the new name: it was rebuilt"
    assert "龙泉新村二期" in (out / "longquan" / "index.html").read_text(encoding="utf-8")
    assert len(cached(data_copy)["longquan"]) == 2, "the old entry is dropped"

    profile.write_text(text + "\nhouseholds: 多\n", encoding="utf-8")
    with pytest.raises(DataError) as failed:
        build(data_copy, out, today=TODAY, pdf=False)
    assert [p.file for p in failed.value.report.errors] == [
        "data/settlements/longquan/settlement.yml"
    ]


def test_nothing_changed_keeps_the_published_hub_and_portals(
    data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    before = {p: p.stat().st_ino for p in (out / "index.html", out / "xintiandi" / "index.html")}
    result = build(data_copy, out, today=TODAY, pdf=False)
    assert result.built == () and set(result.reused) == set(sample_slugs())
    assert {p: p.stat().st_ino for p in before} == before, "not rebuilt, not copied"
    assert read_manifest(out).hub_files == ("404.html", "assets", "index.html", "search",
                                            "sitemap.xml", "sitemap.xml.gz")  # fmt: skip


def test_a_removed_settlement_leaves_the_site_and_the_cache(
    data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    shutil.rmtree(data_copy / "settlements" / "longquan")
    build(data_copy, out, today=TODAY, pdf=False)
    assert not (out / "longquan").exists()
    assert "longquan" not in read_manifest(out).portals
    assert "longquan/" not in (out / "index.html").read_text(encoding="utf-8")
    assert "longquan" not in cached(data_copy)


def test_a_broken_cache_is_only_a_miss(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(data_copy, out, today=TODAY, pdf=False)
    root = Cache.for_data(data_copy).folder
    assert root is not None
    for entry in root.rglob("*.*"):
        entry.write_bytes(b"not a pickle")
    (out / "xintiandi").rename(tmp_path / "gone")  # so that one portal is built from the data
    again = build(data_copy, out, today=TODAY, pdf=False)
    assert again.built == ("xintiandi",)
    assert again.report.problems == first.report.problems
    assert (out / "xintiandi" / "index.html").is_file()


def test_a_build_without_a_cache_gives_the_same_site(data_copy: Path, tmp_path: Path) -> None:
    cached_site = build(data_copy, tmp_path / "a", today=TODAY, pdf=False).out
    plain = build(data_copy, tmp_path / "b", today=TODAY, pdf=False, cache=Cache(None)).out

    def pages(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}

    assert pages(cached_site) == pages(plain)
    assert (plain / MANIFEST).is_file()


def test_the_cache_is_never_in_the_project(data_copy: Path, tmp_path: Path) -> None:
    """A pickle loads code: a data change (a pull request) must not be able to bring one in."""
    build(data_copy, tmp_path / "site", today=TODAY, pdf=False)
    folder = Cache.for_data(data_copy).folder
    assert folder is not None and folder.parent == cache_root()
    assert not folder.is_relative_to(tmp_path)
    assert not any(p.suffix in (".summary", ".data", ".pickle") for p in tmp_path.rglob("*"))
