"""The `portal` command as staff and CI run it: exit codes, messages, help, live preview."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLE, fetch, free_port

PORTAL = [sys.executable, "-m", "generator.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*PORTAL, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_validate_sample_data_passes() -> None:
    result = run("validate", "--data", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    assert "数据检查通过" in result.stdout


def break_profile(data: Path) -> Path:
    path = data / "settlements" / "longquan" / "settlement.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("households:"))
    lines[index] = "households: 很多"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_reports_file_line_code_in_chinese(data_copy: Path) -> None:
    path = break_profile(data_copy)
    line = path.read_text(encoding="utf-8").splitlines().index("households: 很多") + 1
    result = run("validate", "--data", str(data_copy))
    assert result.returncode == 1
    assert f"settlements/longquan/settlement.yml:{line}:" in result.stderr
    assert "[schema.integer]" in result.stderr
    assert "应为整数" in result.stderr and "怎么改" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_build_with_bad_data_exits_1_and_keeps_site(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run("build", "--data", str(data_copy), "--out", str(out), "--no-pdf").returncode == 0
    break_profile(data_copy)
    result = run("build", "--data", str(data_copy), "--out", str(out), "--no-pdf")
    assert result.returncode == 1
    assert "网站没有更新" in result.stderr
    assert (out / "longquan" / "index.html").is_file()


def test_github_and_json_formats(data_copy: Path) -> None:
    break_profile(data_copy)
    github = run("validate", "--data", str(data_copy), "--format", "github")
    assert github.returncode == 1
    assert "::error file=" in github.stdout and ",line=" in github.stdout
    result = run("validate", "--data", str(data_copy), "--format", "json")
    problems = json.loads(result.stdout)
    errors = [p for p in problems if p["severity"] == "error"]  # warnings are listed too
    assert errors[0]["code"] == "schema.integer"
    assert errors[0]["line"] > 0 and errors[0]["file"].endswith("settlement.yml")


def test_missing_data_folder_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    result = run("validate", "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "portal.yml" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", ["build", "validate", "serve"])
def test_every_command_has_examples_in_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "例子" in result.stdout and f"portal {command}" in result.stdout


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    port = free_port()
    server = subprocess.Popen(
        [*PORTAL, "serve", "longquan", "--data", str(data), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/longquan/profile/"
        assert wait_for(lambda: "社区概况" in fetch(url, timeout=5)), "the preview came up"
        path = data / "settlements" / "longquan" / "settlement.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("region: ", "region: 预览测试", 1), encoding="utf-8")
        assert wait_for(lambda: "预览测试" in fetch(url, timeout=5)), "the preview rebuilt"
        path.write_text(text + "\nhouseholds: 很多\n", encoding="utf-8")
        time.sleep(3)
        assert "预览测试" in fetch(url, timeout=5), "a broken edit keeps the last good preview"
    finally:
        server.terminate()
        server.wait(timeout=10)
