"""The caches can never run foreign code nor publish the wrong settlement.

A pickle runs code when it loads. These tests plant pickles that would create a
marker file when loaded, in every way someone else could: an unsigned entry, an
entry in a folder other users can write or that another user owns, a planted
secret, jieba's dictionary; and they copy a valid entry to another settlement's
name. The marker must never appear, and the site must be the data's.
"""

from __future__ import annotations

import os
import pickle
import shutil
import stat
from pathlib import Path

import pytest
from conftest import TODAY

from generator.sites.cachefiles import MAGIC, SECRET, PrivateFolder
from generator.sites.checked import DATA, SUMMARY, Cache
from generator.sites.manifest import read_manifest
from generator.sites.site import build


class Planted:
    """Unpickling this creates the marker file: proof that foreign code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.write_text, (self.marker, "foreign code ran"))


def built(data: Path, out: Path, cache: Cache) -> dict[str, str]:
    build(data, out, today=TODAY, pdf=False, cache=cache)
    return read_manifest(out).portals


def entry(cache: Cache, slug: str, key: str, part: str) -> Path:
    assert cache.folder is not None
    return cache.folder / slug / f"{key}.{part}"


def content_key(cache: Cache, slug: str) -> str:
    """The settlement's entries are named by its content hash (the manifest's key adds
    the day of its latest turn)."""
    assert cache.folder is not None
    (summary,) = (cache.folder / slug).glob(f"*.{SUMMARY}")
    return summary.name.removesuffix(f".{SUMMARY}")


def plant(path: Path, marker: Path, signed_with: bytes | None = None) -> None:
    payload = pickle.dumps(Planted(marker))
    path.parent.mkdir(parents=True, exist_ok=True)
    if signed_with is None:
        path.write_bytes(payload)  # a bare pickle, as the old cache wrote them
    else:
        import hashlib
        import hmac

        name = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
        mac = hmac.new(signed_with, name.encode() + b"\0" + payload, hashlib.sha256).digest()
        path.write_bytes(MAGIC + mac + payload)


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    root = tmp_path / "cache"
    return Cache(root / "data-test")


def test_a_planted_pickle_is_never_loaded(data_copy: Path, tmp_path: Path, cache: Cache) -> None:
    portals = built(data_copy, tmp_path / "one", cache)
    marker = tmp_path / "marker"
    for slug, key in portals.items():
        for part in (SUMMARY, DATA):
            plant(entry(cache, slug, key, part), marker)
    assert built(data_copy, tmp_path / "two", cache) == portals
    assert not marker.exists(), "an unsigned pickle was loaded"


def test_a_forged_secret_does_not_make_a_pickle_ours(
    data_copy: Path, tmp_path: Path, cache: Cache
) -> None:
    """Someone who could write the folder writes their own secret and signs with it."""
    portals = built(data_copy, tmp_path / "one", cache)
    root = cache.files.root
    assert root is not None
    forged = b"f" * 32
    secret = root / SECRET
    secret.unlink()
    secret.write_bytes(forged)
    secret.chmod(0o644)  # written by someone else's umask: not private, not trusted
    marker = tmp_path / "marker"
    for slug, key in portals.items():
        plant(entry(cache, slug, key, DATA), marker, signed_with=forged)
    assert built(data_copy, tmp_path / "two", Cache(cache.folder)) == portals
    assert not marker.exists()


def test_a_folder_others_can_write_is_made_private_first(
    data_copy: Path, tmp_path: Path, cache: Cache
) -> None:
    root = cache.files.root
    assert root is not None
    root.mkdir(parents=True)
    root.chmod(0o777)
    marker = tmp_path / "marker"
    plant(root / "jieba-0.42.1.pickle", marker)
    built(data_copy, tmp_path / "one", cache)
    assert not marker.exists()
    assert stat.S_IMODE(root.stat().st_mode) == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_folder_of_another_user_is_not_used(
    data_copy: Path, tmp_path: Path, cache: Cache
) -> None:
    """A build run as root must not load what another user could have written."""
    root = cache.files.root
    assert root is not None
    root.mkdir(parents=True, mode=0o700)
    os.chown(root, 65534, 65534)  # nobody
    marker = tmp_path / "marker"
    plant(root / "jieba-0.42.1.pickle", marker)
    os.chown(root / "jieba-0.42.1.pickle", 65534, 65534)
    portals = built(data_copy, tmp_path / "one", cache)
    assert portals and not marker.exists()
    assert {p.name for p in root.iterdir()} == {"jieba-0.42.1.pickle"}, "nothing written there"


def test_an_entry_copied_to_another_settlement_is_not_used(
    data_copy: Path, tmp_path: Path, cache: Cache
) -> None:
    """A valid, signed entry of 新天地 under 龙泉新村's name must not publish 新天地."""
    portals = built(data_copy, tmp_path / "one", cache)
    for part in (SUMMARY, DATA):
        shutil.copyfile(
            entry(cache, "xintiandi", content_key(cache, "xintiandi"), part),
            entry(cache, "longquan", content_key(cache, "longquan"), part),
        )
    out = tmp_path / "two"
    assert built(data_copy, out, cache) == portals
    home = (out / "longquan" / "index.html").read_text("utf-8")
    assert "龙泉新村" in home and "新天地社区" not in home


def test_the_repository_holds_no_cache() -> None:
    root = Path(__file__).resolve().parent.parent
    assert not (root / ".portal-cache").exists()
    assert ".portal-cache/" in (root / ".gitignore").read_text("utf-8").splitlines()


def test_entries_are_bound_to_their_name(tmp_path: Path) -> None:
    folder = PrivateFolder(tmp_path / "private")
    folder.store("a/b", "a/b", {"value": 1})
    assert folder.load("a/b", "a/b") == {"value": 1}
    assert folder.load("a/b", "a/c") is None, "another binding: a miss"
    (tmp_path / "private" / "a" / "c").write_bytes((tmp_path / "private" / "a" / "b").read_bytes())
    assert folder.load("a/c", "a/c") is None, "moved to another name: a miss"
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "private" / SECRET).stat().st_mode) == 0o600
