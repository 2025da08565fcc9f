"""The broken-data corpus: one mistake per tree, each reported with code, file and line.

Every case runs the real `portal validate` command and reads what a staff member
would read: exit code 1, `file:line:col: 错误 [code] message`, a hint, no traceback.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES

from generator.cli.main import main

CASES = yaml.safe_load((Path(__file__).parent / "broken" / "cases.yml").read_text("utf-8"))
BASE = FIXTURES / "base"
LINE = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: 错误 \[(?P<code>[\w.]+)\] "
)


def expand(path: str) -> str:
    return (
        path.replace("S/", "settlements/base/", 1)
        if path.startswith("S/")
        else ("settlements/base" if path == "S" else path)
    )


def make_tree(case: dict, root: Path) -> Path:
    data = root / "data"
    shutil.copytree(BASE, data)
    target = data / expand(case["file"])
    if "replace" in case:
        old, new = case["replace"]
        text = target.read_text(encoding="utf-8")
        assert old in text, f"case {case['id']}: {old!r} is not in {case['file']}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif "write" in case:
        target.write_text(case["write"], encoding="utf-8")
    elif "write_gbk" in case:
        target.write_bytes(case["write_gbk"].encode("gbk"))
    elif "write_hex" in case:
        target.write_bytes(bytes.fromhex(case["write_hex"]))
    elif case.get("delete"):
        target.unlink()
    elif "rename" in case:
        target.rename(data / case["rename"])
    else:
        raise AssertionError(f"case {case['id']} has no mutation")
    return data


def test_corpus_is_large_and_unique() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 40 and len(set(ids)) == len(ids)


def test_base_tree_is_valid() -> None:
    result = CliRunner().invoke(main, ["validate", "--data", str(BASE)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_broken_tree_is_reported(case: dict, tmp_path: Path) -> None:
    data = make_tree(case, tmp_path)
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    output = result.stdout + result.stderr
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    expected_file = f"data/{expand(case['at'])}"
    reported = [m.groupdict() for m in map(LINE.match, result.stderr.splitlines()) if m]
    matching = [
        r
        for r in reported
        if r["code"] == case["code"]
        and r["file"] == expected_file
        and int(r["line"] or 0) == case["line"]
    ]
    assert matching, f"expected [{case['code']}] at {expected_file}:{case['line']}\n{output}"
    assert "怎么改：" in result.stderr
    if "says" in case:
        assert case["says"] in result.stderr
