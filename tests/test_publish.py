"""Publishing survives careless runs: a wrong --out, kill -9 at any instant, two builds at
once, a worker that dies. Real `portal build` processes, real signals."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import TODAY

from generator.sites.manifest import MANIFEST
from generator.sites.publish import UnsafeOut
from generator.sites.site import build

SLUGS = ("anjiayuan", "longquan", "xintiandi")


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def portal(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def change_one(data: Path) -> None:
    """A change to one settlement: its portal and the hub are rebuilt, the others kept."""
    profile = data / "settlements" / "longquan" / "settlement.yml"
    text = profile.read_text("utf-8")
    profile.write_text(text.replace("population:", "population: 999\n#", 1), "utf-8")


def leftovers(out: Path) -> list[str]:
    """What builds left beside --out, but the site the last one replaced (tests/test_staging.py)."""
    found = (p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    return sorted(name for name in found if name != f".{out.name}.prev")


# ---------------------------------------------------------------- --out must be safe to replace


def _out_cases(data: Path, tmp: Path) -> dict[str, Path]:
    foreign = tmp / "documents"
    foreign.mkdir()
    (foreign / "工作总结.docx").write_bytes(b"not a site")
    a_file = tmp / "a-file"
    a_file.write_text("x")
    return {
        "the data folder": data,
        "the folder holding data/": data.parent,
        "inside data/": data / "settlements" / "site",
        "a folder with other files": foreign,
        "a file": a_file,
    }


@pytest.mark.parametrize(
    "case",
    ["the data folder", "the folder holding data/", "inside data/", "a folder with other files",
     "a file"],
)  # fmt: skip
def test_unsafe_out_is_refused_and_nothing_is_touched(
    data_copy: Path, tmp_path: Path, case: str
) -> None:
    out = _out_cases(data_copy, tmp_path)[case]
    before = snapshot(tmp_path)
    with pytest.raises(UnsafeOut):
        build(data_copy, out, today=TODAY, pdf=False)
    assert snapshot(tmp_path) == before, "not a byte changed"
    result = portal("build", "--data", str(data_copy), "--out", str(out), "--no-pdf")
    assert result.returncode == 2, result.stderr
    assert "输出文件夹" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_dot_as_out_beside_data_is_refused(data_copy: Path) -> None:
    """`portal build --out .` run where data/ lives would replace the whole project."""
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--out", ".", "--no-pdf"],
        capture_output=True,
        text=True,
        cwd=data_copy.parent,
        timeout=300,
    )
    assert result.returncode == 2 and "数据文件夹" in result.stderr, result.stderr
    assert (data_copy / "portal.yml").is_file()


def test_empty_folder_and_previous_build_are_fine(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    build(data_copy, out, today=TODAY, pdf=False)
    assert (out / MANIFEST).is_file()
    change_one(data_copy)
    build(data_copy, out, today=TODAY, pdf=False)  # a previous build: replaced
    assert leftovers(out) == []


def test_a_site_set_aside_by_a_killed_build_is_put_back(data_copy: Path, tmp_path: Path) -> None:
    """Where the atomic exchange is unavailable, --out is renamed aside first: a kill right
    then leaves it there, and the next build puts it back before anything else."""
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    before = snapshot(out)
    out.rename(tmp_path / ".site.old")
    (tmp_path / ".site.build-x1y2z3" / "site").mkdir(parents=True)  # a killed staging
    (tmp_path / ".site-build-abc" / "site").mkdir(parents=True)  # an older version's
    build(data_copy, out, today=TODAY, pdf=False)
    assert snapshot(out) == before
    assert leftovers(out) == [] and not (tmp_path / ".site-build-abc").exists()


# ---------------------------------------------------------------- kill -9 while publishing


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    """The published site of the sample (old) and what the next build makes of a change (new)."""
    root = tmp_path_factory.mktemp("versions")
    data = root / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    old_site = root / "old" / "site"
    assert portal("build", "--data", str(data), "--out", str(old_site), "--no-pdf").returncode == 0
    change_one(data)
    new_site = root / "new" / "site"
    shutil.copytree(old_site, new_site)
    assert portal("build", "--data", str(data), "--out", str(new_site), "--no-pdf").returncode == 0
    old, new = snapshot(old_site), snapshot(new_site)
    assert old != new
    return data, old_site, old, new


def whole(out: Path, old: dict, new: dict) -> str:
    """Which version out holds, entirely: 'old' or 'new'; fails on anything else."""
    assert out.is_dir(), "--out is never missing"
    now = snapshot(out)
    if now == old:
        return "old"
    assert now == new, sorted(set(now.items()) ^ set(new.items()))[:6]
    return "new"


def test_killed_at_every_publishing_step_the_site_is_whole(
    two_versions: tuple[Path, Path, dict, dict], tmp_path: Path
) -> None:
    data, old_site, old, new = two_versions
    seen = []
    for step in range(1, 40):
        out = tmp_path / f"k{step}" / "site"
        shutil.copytree(old_site, out)
        result = portal(
            "build", "--data", str(data), "--out", str(out), "--no-pdf",
            env={"PORTAL_STOP_AT": str(step)},
        )  # fmt: skip
        seen.append(whole(out, old, new))
        if result.returncode == 0:
            break  # the build has fewer steps than this: it ran to the end
        assert result.returncode == 137, result.stderr
        again = portal("build", "--data", str(data), "--out", str(out), "--no-pdf")
        assert again.returncode == 0, again.stderr
        assert whole(out, old, new) == "new"
        assert leftovers(out) == [], "the next build removes what the killed one left"
    else:
        pytest.fail("publishing never finished")
    assert len(seen) >= 4, "a carry-over, the swap, and the clean-up are steps"
    assert seen[0] == "old" and seen[-1] == "new"


def test_kill_9_at_random_instants_leaves_a_whole_site(
    two_versions: tuple[Path, Path, dict, dict], tmp_path: Path
) -> None:
    data, old_site, old, new = two_versions
    out = tmp_path / "site"
    command = [sys.executable, "-m", "generator.cli", "build", "--data", str(data)]
    command += ["--out", str(out), "--no-pdf", "--jobs", "2"]
    started = time.monotonic()
    shutil.copytree(old_site, out)
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    rng = random.Random(20261129)
    for _ in range(8):
        shutil.rmtree(out)
        shutil.copytree(old_site, out)
        process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, duration))
        os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, mid-flight
        process.wait(timeout=30)
        whole(out, old, new)
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    assert whole(out, old, new) == "new" and leftovers(out) == []


def test_two_builds_into_one_out_leave_a_consistent_site(data_copy: Path, tmp_path: Path) -> None:
    """Started together, they take turns; the site and its manifest always agree."""
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    change_one(other)
    out = tmp_path / "site"
    commands = [
        [sys.executable, "-m", "generator.cli", "build", "--data", str(d), "--out", str(out),
         "--no-pdf"]
        for d in (data_copy, other)
    ]  # fmt: skip
    running = [subprocess.Popen(c, stderr=subprocess.PIPE, text=True) for c in commands]
    errors = [p.communicate(timeout=300)[1] for p in running]
    assert [p.returncode for p in running] == [0, 0], errors
    # whichever came last, the next build of `other` must be exactly a fresh build of it
    assert portal("build", "--data", str(other), "--out", str(out), "--no-pdf").returncode == 0
    fresh = tmp_path / "fresh" / "site"
    assert portal("build", "--data", str(other), "--out", str(fresh), "--no-pdf").returncode == 0
    assert snapshot(out) == snapshot(fresh)


# ---------------------------------------------------------------- a worker that dies


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def kill_a_worker(pid: int, within: float = 120) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        workers = children(pid)
        if workers:
            time.sleep(0.3)  # let it take a task
            for worker in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker, signal.SIGKILL)
            return True
        time.sleep(0.02)
    return False


def test_a_dead_worker_fails_the_build_at_once_naming_the_settlement(
    data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(data_copy, out, today=TODAY, pdf=False)
    before = snapshot(out)
    command = [sys.executable, "-m", "generator.cli", "build", "--data", str(data_copy)]
    process = subprocess.Popen(
        [*command, "--out", str(out), "--jobs", "2"],  # with PDFs: slow enough to catch
        stderr=subprocess.PIPE,
        text=True,
    )
    assert kill_a_worker(process.pid), "the build started workers"
    killed = time.monotonic()
    _, err = process.communicate(timeout=120)
    assert time.monotonic() - killed < 30, "fails at once, never hangs"
    assert process.returncode == 2, err
    assert "信号 9" in err and any(f"「{s}」" in err for s in SLUGS), err
    assert "Traceback" not in err
    assert snapshot(out) == before, "the published site stays as it was"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_portal_serve_survives_a_dead_worker(data_copy: Path, tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "generator.cli", "serve", "--data", str(data_copy),
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        line = ""
        while "预览地址" not in line:
            line = server.stdout.readline()  # type: ignore[union-attr]
            assert line, "serve stopped before it served"
        change_one(data_copy)
        assert kill_a_worker(server.pid), "the rebuild started workers"
        time.sleep(3)
        assert server.poll() is None, "serve is still running"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as page:
            assert page.status == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "生成失败" in output and "信号 9" in output, output
    assert "Traceback" not in output
