"""Issue 9: render, parallel and incremental builds, shared assets, shards and merge."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, sample_slugs

from generator.sites import engine, hashes
from generator.sites.manifest import MANIFEST
from generator.sites.render import HUB, render
from generator.sites.site import build, merge

ASSET_REF = re.compile(r'(?:href|src)="((?:\.\./)*assets/[^"#?]+)"')


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_rendered_portal_builds_with_plain_mkdocs(tmp_path: Path) -> None:
    """`portal render`'s output builds with the engine's own command (mkdocs or properdocs)."""
    out = tmp_path / "render"
    written = render(ROOT / "data", out, today=TODAY, pdf=False)
    assert (out / HUB / "mkdocs.yml") in written
    assert all((out / slug / "docs" / "index.md").is_file() for slug in sample_slugs())
    config = out / "xintiandi" / "mkdocs.yml"
    result = subprocess.run(
        [sys.executable, "-m", engine.NAME, "build", "-q", "-f", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "xintiandi" / "site" / "index.html").is_file()


def test_incremental_rebuilds_only_what_changed(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    first = build(data_copy, out, today=TODAY, pdf=False, jobs=2)
    assert first.built == tuple(sample_slugs()) and first.reused == ()
    assert (out / MANIFEST).is_file()

    again = build(data_copy, out, today=TODAY, pdf=False)
    assert again.built == () and again.reused == tuple(sample_slugs())
    assert (out / "xintiandi" / "index.html").is_file()

    profile = data_copy / "settlements" / "longquan" / "settlement.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    one = build(data_copy, out, today=TODAY, pdf=False)
    assert one.built == ("longquan",)
    assert set(one.reused) == set(sample_slugs()) - {"longquan"}

    # another day without a turn (tests/test_new_day.py): nothing to rebuild
    other_day = build(data_copy, out, today=TODAY.replace(day=21), pdf=False, jobs=1)
    assert other_day.built == ()
    # a quarter's first day is a turn of every settlement: the latest ended quarter changes
    new_quarter = build(data_copy, out, today=dt.date(2027, 1, 1), pdf=False, jobs=1)
    assert new_quarter.built == tuple(sample_slugs())


def test_template_change_rebuilds_every_portal(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    for name in hashes.SHARED_TREES:
        shutil.copytree(ROOT / name, code / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", code / "mkdocs.yml")
    monkeypatch.setattr(hashes, "ROOT", code)
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    template = next((code / "templates").rglob("*.md*"))
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = build(data_copy, out, today=TODAY, pdf=False)
    assert result.built == tuple(sample_slugs()) and result.reused == ()


def test_portals_share_the_hub_assets(sample_site: Path) -> None:
    assert (sample_site / "assets" / "javascripts").is_dir()
    for slug in sample_slugs():
        portal = sample_site / slug
        assert not (portal / "assets").exists()
        assert (portal / "search" / "search_index.json").is_file()
        for page in portal.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            worker = re.search(r'"search": "([^"]+)"', text)
            refs = ASSET_REF.findall(text) + ([worker.group(1)] if worker else [])
            if page.name == "404.html":  # absolute, from site_url: /anzhi/assets/…
                assert '"/anzhi/assets/' in text and f"/anzhi/{slug}/assets/" not in text
                continue
            assert refs, page
            for ref in refs:
                assert (page.parent / ref).resolve().is_file(), (page, ref)


def test_two_shards_merge_into_the_full_site(tmp_path: Path) -> None:
    data = ROOT / "data"
    full = build(data, tmp_path / "full", today=TODAY, pdf=False).out
    one = build(data, tmp_path / "s1", today=TODAY, pdf=False, shard=(1, 2))
    two = build(data, tmp_path / "s2", today=TODAY, pdf=False, shard=(2, 2))
    assert sorted(one.portals + two.portals) == sample_slugs()
    assert not (one.out / "index.html").exists() and (one.out / "assets").is_dir()
    merged = merge([one.out, two.out], data, tmp_path / "merged", today=TODAY)
    assert files(merged.out) == files(full)


def test_a_setup_error_from_a_worker_keeps_its_hint() -> None:
    """Worker processes send exceptions back pickled: the hint must survive the trip."""
    import pickle

    from generator.errors import SetupError

    error = pickle.loads(pickle.dumps(SetupError("缺少中文字体", "apt-get install fonts-noto-cjk")))
    assert (error.message, error.hint) == ("缺少中文字体", "apt-get install fonts-noto-cjk")
