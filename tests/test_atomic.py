"""A failed build leaves the published site exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import TODAY

from generator.errors import DataError
from generator.sites.site import build


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_data_error_leaves_published_site_untouched(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    before = snapshot(out)
    assert "index.html" in before

    profile = data_copy / "settlements" / "longquan" / "settlement.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\nhouseholds: 多\n", encoding="utf-8")
    with pytest.raises(DataError):
        build(data_copy, out, today=TODAY, pdf=False)

    assert snapshot(out) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "site" and p.name != "data"]
    assert leftovers == [], "no staging folder is left behind"


def test_successful_rebuild_replaces_site(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    stale = out / "stale.txt"
    stale.write_text("from an older build", encoding="utf-8")
    build(data_copy, out, today=TODAY, pdf=False)
    assert not stale.exists(), "the new site replaces the old one as a whole"
    assert (out / "index.html").is_file()


def test_only_rebuilds_one_portal_and_keeps_the_rest(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    before = snapshot(out)
    profile = data_copy / "settlements" / "longquan" / "settlement.yml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("population:", "population: 1\n# ", 1), encoding="utf-8")
    build(data_copy, out, only=["longquan"], today=TODAY, pdf=False)
    after = snapshot(out)
    others = [k for k in before if k.startswith("xintiandi/")]
    assert others and all(before[k] == after[k] for k in others)
    assert before["longquan/profile/index.html"] != after["longquan/profile/index.html"]
