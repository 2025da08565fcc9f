"""`portal serve` as staff use it: a real subprocess on 127.0.0.1, real files, real edits.

Only a change of content rebuilds (a touch, a read or a save of the same bytes does
not); a mistake is listed in a banner on every served page over the last good build
and printed once in the terminal; the published files carry none of the preview.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import fetch, free_port

PORTAL = [sys.executable, "-u", "-m", "generator.cli"]
SLUG = "longquan"
MARKER = re.compile(r'<meta name="portal-preview-build" content="([^"]+)">')
BANNER = re.compile(r'<div class="portal-preview-problems" role="alert".*?</div>', re.S)
QUIET_SPELL = 3.0  # longer than the watcher's debounce (0.4 s) with room for a slow machine


@dataclass
class Serve:
    """A running `portal serve` and every line it printed so far."""

    process: subprocess.Popen[str]
    base: str
    preview_root: Path  # the TMPDIR it was given: its build lands in portal-preview-*/
    lines: list[str] = field(default_factory=list)

    def read_output(self) -> None:
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.append(line.rstrip("\n"))

    def count(self, text: str) -> int:
        return sum(text in line for line in list(self.lines))

    def page(self, path: str = f"{SLUG}/profile/") -> str:
        return fetch(self.base + path)

    def build_id(self) -> str:
        found = MARKER.search(self.page())
        assert found, "every served page carries the preview's build marker"
        return found.group(1)

    def until(self, predicate: Callable[[], bool], seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "\n".join(self.lines)
            try:
                if predicate():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("timed out; serve printed:\n" + "\n".join(self.lines))


@pytest.fixture
def serve(data_copy: Path, tmp_path: Path) -> Iterator[Serve]:
    port = free_port()
    preview_root = tmp_path / "tmp"
    preview_root.mkdir()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "TMPDIR": str(preview_root)}
    process = subprocess.Popen(
        [*PORTAL, "serve", SLUG, "--data", str(data_copy), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    running = Serve(process, f"http://127.0.0.1:{port}/", preview_root)
    reader = threading.Thread(target=running.read_output, daemon=True)
    reader.start()
    try:
        running.until(lambda: running.count("预览地址") == 1)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        reader.join(timeout=5)


def profile(data: Path) -> Path:
    return data / "settlements" / SLUG / "settlement.yml"


def line_of(path: Path, start: str) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines) if line.startswith(start)) + 1


def replace_line(path: Path, start: str, new: str) -> None:
    lines = path.read_text("utf-8").splitlines()
    lines[line_of(path, start) - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_only_a_real_change_rebuilds_and_only_once(serve: Serve, data_copy: Path) -> None:
    first = serve.build_id()
    for path in [p for p in data_copy.rglob("*") if p.is_file()]:
        os.utime(path)  # touch
        path.read_bytes()
    path = profile(data_copy)
    path.write_bytes(path.read_bytes())  # saved with nothing changed: written, same content
    lock = path.parent / "~$ledger.xlsx"  # what Excel leaves beside a file it opens
    lock.write_bytes(b"excel")
    lock.unlink()
    time.sleep(QUIET_SPELL)
    serve.page()  # serving reads the preview, never the data: still nothing to rebuild
    time.sleep(QUIET_SPELL)
    assert serve.count("正在重新生成") == 0, "\n".join(serve.lines)
    assert serve.build_id() == first

    text = path.read_text("utf-8")
    path.write_text(text.replace("region: ", "region: 预览测试", 1), encoding="utf-8")
    serve.until(lambda: "预览测试" in serve.page())
    time.sleep(QUIET_SPELL)  # the rebuild's own reading of the data starts no other one
    assert serve.count("正在重新生成") == 1, "\n".join(serve.lines)
    assert serve.count("已重新生成") == 1
    assert serve.build_id() != first


def test_a_mistake_is_a_banner_on_every_page_until_fixed(serve: Serve, data_copy: Path) -> None:
    path = profile(data_copy)
    good = path.read_text("utf-8")
    line = line_of(path, "households:")
    replace_line(path, "households:", "households: <img src=x onerror=alert(1)>")
    serve.until(lambda: BANNER.search(serve.page()) is not None)
    for page in (f"{SLUG}/profile/", f"{SLUG}/", ""):
        banner = BANNER.search(serve.page(page))
        assert banner, f"the banner is on /{page}"
        text = banner.group(0)
        assert f"settlements/{SLUG}/settlement.yml:{line}" in text
        assert "[schema.integer]" in text and "应为整数" in text and "怎么改" in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text, "the data is shown escaped"
        assert "<img" not in text
    assert "社区概况" in serve.page(), "the last good build is still there under the banner"
    time.sleep(QUIET_SPELL)
    assert serve.count("[schema.integer]") == 1, "the terminal says it once, not in a loop"

    replace_line(path, "households:", 'households: "86')  # now the YAML itself is bad
    serve.until(lambda: "[yaml.syntax]" in serve.page())
    banner = BANNER.search(serve.page())
    assert banner and f"settlements/{SLUG}/settlement.yml:{line}" in banner.group(0)
    assert "引号没有成对" in banner.group(0) and "[schema.integer]" not in banner.group(0)

    broken = serve.build_id()
    path.write_text(good, encoding="utf-8")
    serve.until(lambda: serve.build_id() != broken)
    page = serve.page()
    assert BANNER.search(page) is None and "portal-preview-problems" not in page
    assert "社区概况" in page
    time.sleep(QUIET_SPELL)
    assert serve.count("正在重新生成") == 3, "\n".join(serve.lines)


def test_pages_reload_after_a_build_and_the_files_stay_as_built(
    serve: Serve, data_copy: Path
) -> None:
    page = serve.page()
    assert '<script src="/__portal__/preview.js" defer></script>' in page
    script = fetch(serve.base + "__portal__/preview.js")
    assert "location.reload()" in script and "http" not in script, "nothing from another host"

    # what the script relies on: /__portal__/wait is held until the build id changes
    first = serve.build_id()
    answers: list[str] = []
    waiting = threading.Thread(
        target=lambda: answers.append(fetch(f"{serve.base}__portal__/wait?since={first}"))
    )
    start = time.monotonic()
    waiting.start()
    time.sleep(1)
    assert not answers, "no new build yet: the request is held"
    path = profile(data_copy)
    path.write_text(path.read_text("utf-8").replace("region: ", "region: 等待", 1), "utf-8")
    waiting.join(timeout=120)
    assert answers and answers[0] != first and answers[0] == serve.build_id()
    assert time.monotonic() - start < 25, "answered by the build, not by the time-out"

    built = list(serve.preview_root.glob("portal-preview-*/site/**/*.html"))
    assert len(built) > 10, "serve built into the TMPDIR it was given"
    for html in built:
        text = html.read_text("utf-8")
        assert "__portal__" not in text and "portal-preview" not in text, html


def test_the_content_hash_sees_edits_not_reads_touches_or_editor_files(data_copy: Path) -> None:
    from generator.preview.watch import scratch
    from generator.sites.hashes import content_hash

    def now() -> str:
        return content_hash([data_copy], skip=scratch)

    before = now()
    path = profile(data_copy)
    os.utime(path, (0, 0))
    path.read_bytes()
    (path.parent / "~$账本.xlsx").write_bytes(b"lock")
    (path.parent / ".settlement.yml.swp").write_bytes(b"swap")
    assert now() == before
    path.write_bytes(path.read_bytes() + b"\n")
    assert now() != before
    path.write_bytes(path.read_bytes()[:-1])
    assert now() == before
    (path.parent / "charter-new.md").write_text("x", "utf-8")
    assert now() != before
