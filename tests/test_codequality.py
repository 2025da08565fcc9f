"""`portal validate --format codequality`: GitLab's Code Quality report of the mistakes.

GitLab reads the report from the validate job's artifacts (.gitlab-ci.yml), lists each
finding on the merge request and marks its line in the changes: so every finding must
have the fields GitLab reads, and a path relative to the repository's top folder.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from generator.cli.main import main

FIELDS = {"description", "check_name", "fingerprint", "severity", "location"}
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
LONGQUAN = "settlements/longquan"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding the sample data in portal/data (not at the top)."""
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root / "portal" / "data")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    return root


def replace(path: Path, old: str, new: str) -> int:
    """Replace old by new; the 1-based line where it stands."""
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def validate(data: Path, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[dict]]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["validate", "--data", str(data), "--format", "codequality"])
    return result.exit_code, json.loads(result.stdout)


def test_a_broken_tree(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = repo / "portal" / "data"
    households = replace(data / LONGQUAN / "settlement.yml", "households: ", "households: 很多 #")
    balance = replace(
        data / LONGQUAN / "funds" / "2026-Q2.yml",
        "closing_balance: 12398.50",
        "closing_balance: 12398.05",
    )
    elsewhere = tmp_path / "elsewhere"  # GitLab runs at the top; a person may not
    elsewhere.mkdir()
    code, report = validate(data, elsewhere, monkeypatch)
    assert code == 1
    for item in report:
        assert set(item) >= FIELDS, item
        assert item["severity"] in SEVERITIES
        assert isinstance(item["location"]["lines"]["begin"], int)
        assert item["location"]["lines"]["begin"] >= 1
        assert (repo / item["location"]["path"]).exists(), item["location"]["path"]
    fingerprints = [item["fingerprint"] for item in report]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab shows one finding per fingerprint"
    errors = {
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]): i
        for i in report
        if i["severity"] == "blocker"
    }
    integer = errors[("schema.integer", f"portal/data/{LONGQUAN}/settlement.yml", households)]
    assert "应为整数" in integer["description"] and "怎么改：" in integer["description"]
    wrong = errors[("funds.balance", f"portal/data/{LONGQUAN}/funds/2026-Q2.yml", balance)]
    assert "12398.05" in wrong["description"]


def test_the_same_mistakes_keep_their_fingerprints(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitLab compares the merge request's report with the target branch's by fingerprint."""
    data = repo / "portal" / "data"
    replace(data / LONGQUAN / "settlement.yml", "households: ", "households: 很多 #")
    first = validate(data, repo, monkeypatch)[1]
    assert validate(data, repo, monkeypatch)[1] == first


def test_no_mistakes_is_still_a_report(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, report = validate(repo / "portal" / "data", repo, monkeypatch)
    assert code == 0
    assert all(item["severity"] != "blocker" for item in report)  # warnings may be listed
