"""Issue 19: a build starts from the site the last build replaced, so its cost follows the change.

The replaced site is kept beside --out as ``.site.prev`` (generator/sites/staging.py).
Whatever it holds, every build publishes exactly what a fresh build of the same data
publishes; unchanged portals are not re-created; a folder of the same name that is not
ours is never touched; killed at any step, the site is whole and the next build right.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TODAY

from generator.sites.checked import Cache
from generator.sites.manifest import MANIFEST, read_manifest
from generator.sites.site import build


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def change(data: Path, slug: str, population: str) -> None:
    profile = data / "settlements" / slug / "settlement.yml"
    lines = profile.read_text("utf-8").splitlines()
    lines = [f"population: {population}" if x.startswith("population:") else x for x in lines]
    profile.write_text("\n".join(lines) + "\n", "utf-8")


def population(data: Path, slug: str) -> str:
    text = (data / "settlements" / slug / "settlement.yml").read_text("utf-8")
    return next(x for x in text.splitlines() if x.startswith("population:")).split(":")[1].strip()


def fresh(data: Path, tmp: Path, name: str, **options: object) -> dict[str, str]:
    """What a build of this data into an empty --out publishes."""
    out = tmp / "fresh" / name / "site"
    build(data, out, today=TODAY, pdf=False, cache=Cache(tmp / "cache-fresh"), **options)
    return snapshot(out)


def dir_inodes(site: Path, slug: str) -> dict[str, int]:
    return {
        p.relative_to(site).as_posix(): p.stat().st_ino
        for p in [site / slug, *(site / slug).rglob("*")]
        if p.is_dir()
    }


def test_every_build_publishes_what_a_fresh_build_would(data_copy: Path, tmp_path: Path) -> None:
    out, prev = tmp_path / "site", tmp_path / ".site.prev"
    cache = Cache(tmp_path / "cache")
    people = population(data_copy, "longquan")

    build(data_copy, out, today=TODAY, pdf=False, cache=cache)
    first = snapshot(out)
    unchanged = dir_inodes(out, "anjiayuan")
    assert not prev.exists(), "a first build has no site to keep"

    change(data_copy, "longquan", "4321")
    result = build(data_copy, out, today=TODAY, pdf=False, cache=cache)
    assert result.built == ("longquan",)
    assert snapshot(out) == fresh(data_copy, tmp_path, "2")
    assert snapshot(prev) == first, "the replaced site is kept whole, manifest and all"

    change(data_copy, "xintiandi", "9876")
    result = build(data_copy, out, today=TODAY, pdf=False, cache=cache)
    assert result.built == ("xintiandi",)
    assert snapshot(out) == fresh(data_copy, tmp_path, "3")
    # started from the first site: the unchanged portal's folders are the very same ones
    assert dir_inodes(out, "anjiayuan") == unchanged

    change(data_copy, "longquan", people)  # back as it was: the old portal would do, if kept
    build(data_copy, out, today=TODAY, pdf=False, cache=cache)
    assert snapshot(out) == fresh(data_copy, tmp_path, "4")

    build(data_copy, out, today=TODAY, pdf=False, cache=cache, only=["anjiayuan"])
    assert snapshot(out) == fresh(data_copy, tmp_path, "4")

    # whatever the kept site holds, only entries with the right hash are used
    (prev / "stray.html").write_text("<p>not from a build</p>", "utf-8")
    shutil.rmtree(prev / "xintiandi")
    (prev / "assets").rename(prev / "assets-moved")
    change(data_copy, "anjiayuan", "5555")
    build(data_copy, out, today=TODAY, pdf=False, cache=cache)
    assert snapshot(out) == fresh(data_copy, tmp_path, "5")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == [
        ".site.prev"
    ]


def test_a_folder_of_that_name_that_is_not_a_build_is_left_alone(
    data_copy: Path, tmp_path: Path
) -> None:
    out, prev = tmp_path / "site", tmp_path / ".site.prev"
    prev.mkdir()
    (prev / "笔记.txt").write_text("自己的文件", "utf-8")
    build(data_copy, out, today=TODAY, pdf=False)
    change(data_copy, "longquan", "4321")
    build(data_copy, out, today=TODAY, pdf=False)
    change(data_copy, "longquan", "4322")
    build(data_copy, out, today=TODAY, pdf=False)
    assert [p.name for p in prev.iterdir()] == ["笔记.txt"]
    assert snapshot(out) == fresh(data_copy, tmp_path, "x")


def portal(*args: str, stop: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PORTAL_STOP_AT": stop},
    )


@pytest.mark.parametrize("step", ["previous", "carry:longquan", "swap", "swapped", "kept"])
def test_killed_with_a_kept_site_the_site_is_whole_and_the_next_build_right(
    data_copy: Path, tmp_path: Path, step: str
) -> None:
    out, prev = tmp_path / "site", tmp_path / ".site.prev"
    command = ["build", "--data", str(data_copy), "--out", str(out), "--no-pdf"]
    command += ["--today", TODAY.isoformat()]
    assert portal(*command, stop="").returncode == 0
    change(data_copy, "longquan", "4321")
    assert portal(*command, stop="").returncode == 0
    published = snapshot(out)
    assert prev.is_dir()
    change(data_copy, "xintiandi", "9876")  # the kept site lacks both changes: longquan linked
    killed = portal(*command, stop=step)
    assert killed.returncode == 137, killed.stderr
    expected = fresh(data_copy, tmp_path, "k")
    assert snapshot(out) in (published, expected), "the old site or the new, never a mix"
    assert portal(*command, stop="").returncode == 0
    assert snapshot(out) == expected
    if prev.exists():  # killed after the swap, the next build has nothing to do: none kept
        kept = read_manifest(prev)
        assert (prev / MANIFEST).is_file()
        assert set(kept.portals) <= {p.name for p in prev.iterdir()}
