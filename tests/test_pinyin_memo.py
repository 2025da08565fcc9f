"""The pinyin of our search words, kept across builds (generator/sites/pinyin.py).

A rebuild whose words are all known never loads pypinyin, and builds the same site; what
is kept is bound to pypinyin's version and the code, and is what pypinyin says.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, TODAY

from generator.sites import pinyin
from generator.sites.cachefiles import PrivateFolder
from generator.sites.site import build


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and p.name != ".portal-build.json"
    }


@pytest.fixture
def fresh() -> object:
    pinyin.forget()
    yield
    pinyin.forget()


def test_a_rebuild_with_every_word_known_never_asks_pypinyin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: object
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(cache))
    build(SAMPLE, tmp_path / "one", today=TODAY, pdf=False, jobs=1)  # kept on close
    kept = PrivateFolder(cache).load(pinyin.FILE, pinyin._binding())
    assert isinstance(kept, dict) and len(kept) > 50
    assert kept["低保"] == ("dibao", "db")
    for han, spelled in list(kept.items())[:200]:
        assert spelled == pinyin._from_pypinyin(han), han

    pinyin.forget()  # as a new process: only what was kept
    assert pinyin.recall(PrivateFolder(cache)) == len(kept)

    def never(han: str) -> tuple[str, ...]:
        raise AssertionError(f"pypinyin asked for {han}")

    monkeypatch.setattr(pinyin, "_from_pypinyin", never)
    build(SAMPLE, tmp_path / "two", today=TODAY, pdf=False, jobs=1)
    assert tree(tmp_path / "two") == tree(tmp_path / "one")


def test_what_is_kept_binds_to_pypinyin_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh: object
) -> None:
    folder = PrivateFolder(tmp_path / "cache")
    assert pinyin.pinyin("低保") == ("dibao", "db")
    pinyin.keep(folder)
    pinyin.forget()
    assert pinyin.recall(folder) == 1
    pinyin.forget()
    monkeypatch.setattr(pinyin, "_binding", lambda: "pinyin/0.0.0/another")
    assert pinyin.recall(folder) == 0  # another pypinyin or code: nothing known


def test_keeping_adds_to_what_another_worker_kept(tmp_path: Path, fresh: object) -> None:
    folder = PrivateFolder(tmp_path / "cache")
    pinyin.pinyin("低保")
    pinyin.keep(folder)
    pinyin.forget()  # another worker, which worked out another word
    pinyin.pinyin("转学")
    pinyin.keep(folder)
    pinyin.forget()
    assert pinyin.recall(folder) == 2


def test_workers_keep_what_they_worked_out(tmp_path: Path) -> None:
    """Real worker processes: the first build keeps the words, the next one knows them."""
    env = {**os.environ, "PORTAL_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "generator.cli", "build", "--data", str(SAMPLE),
               "--no-pdf", "--jobs", "2", "--today", TODAY.isoformat()]  # fmt: skip
    subprocess.run([*command, "--out", str(tmp_path / "site")], env=env, cwd=ROOT,
                   check=True, capture_output=True)  # fmt: skip
    kept = PrivateFolder(tmp_path / "cache").load(pinyin.FILE, pinyin._binding())
    assert isinstance(kept, dict) and "低保" in kept and len(kept) > 50
