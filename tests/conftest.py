"""Shared fixtures: real builds of real data trees with real MkDocs."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import socket
import tempfile
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import pytest
from bs4 import BeautifulSoup

from generator.sites.site import build, quiet_mkdocs

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2026, 11, 22)  # a fixed "today" so status and dates are reproducible
# ... for the `portal` commands the tests run too (their --today reads PORTAL_TODAY), so
# that the suite passes on any calendar day; date-dependent tests choose their own dates
os.environ["PORTAL_TODAY"] = TODAY.isoformat()
# the data sets a fast path of ours must read as the code it stands in for reads them
THREE_DATA_SETS = pytest.mark.parametrize(
    "data",
    [SAMPLE, FIXTURES / "realworld", FIXTURES / "hostile"],
    ids=["sample", "realworld", "hostile"],
)


def build_recording(
    data: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    owner: type,
    method: str,
    record: Callable[..., T],
) -> list[T]:
    """What record(*arguments) makes of every call of owner.method (after self) while
    data is built into out in this one process; the method still runs as before."""
    seen: list[T] = []
    original = getattr(owner, method)

    def recording(self: object, *arguments: Any) -> Any:
        seen.append(record(*arguments))
        return original(self, *arguments)

    with monkeypatch.context() as m:
        m.setattr(owner, method, recording)
        build(data, out, today=TODAY, pdf=False, jobs=1)  # one process: calls seen here
    return seen

quiet_mkdocs()

IN_CI = os.environ.get("CI", "").lower() == "true"


def missing(reason: str) -> NoReturn:
    """A browser, font or tool is absent: skip on a developer's machine, fail in CI."""
    if IN_CI:
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


# Builds cache what they validated (generator/sites/checked.py); the tests, and the CLI
# processes they start, keep theirs in a folder of their own, not in ~/.cache.
CACHE_DIR = tempfile.mkdtemp(prefix="portal-test-cache-")
os.environ["PORTAL_CACHE_DIR"] = CACHE_DIR
atexit.register(shutil.rmtree, CACHE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data in data/, built once for the whole session."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build(SAMPLE, out, today=TODAY)
    return out


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the sample data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> BeautifulSoup:
    """The page's main content, without header, nav and footer."""
    page = soup(path)
    found = page.select_one("article")
    assert found is not None, f"{path} has no <article>"
    return found


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on now (for a `portal serve` the test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> str:
    """A page of a local server the test started, as text."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def sample_slugs() -> list[str]:
    return sorted(p.name for p in (SAMPLE / "settlements").iterdir() if p.is_dir())


# A notice that says 转冷, 转账 and 转 (jieba keeps 转 alone in 来电转人工) but never 转学.
TURN_NOTICE = """---
title: 天冷缴费提示
date: 2026-11-15
category: 温馨提示
---

近日天气转冷，请注意保暖。物业费可以银行转账，也可以到窗口缴纳。夜间来电转人工值班。
"""


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data's 安家园 alone, with TURN_NOTICE, built without PDFs (search tests).

    Returns the site folder: the hub at its root, the portal in anjiayuan/.
    """
    data = tmp_path_factory.mktemp("search-data") / "data"
    shutil.copytree(SAMPLE, data)
    for slug in sample_slugs():
        if slug != "anjiayuan":
            shutil.rmtree(data / "settlements" / slug)
    notice = data / "settlements" / "anjiayuan" / "notices" / "2026-11-15-天冷缴费提示.md"
    notice.write_text(TURN_NOTICE, encoding="utf-8")
    out = tmp_path_factory.mktemp("search") / "site"
    build(data, out, today=TODAY, pdf=False)
    return out
