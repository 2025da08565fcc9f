"""The CI files of the data repository: their shape, and every `portal` line they run works.

GitHub Actions (.github/workflows/publish.yml) and GitLab CI (.gitlab-ci.yml) both
validate before they build, never deploy after a failed validation, publish a
preview for review and deploy from the default branch. Every `portal …` command
in them is run here on the sample data, in a git repository like CI's checkout.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from generator.cli.main import main

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
# CI variables, replaced by what they hold on a pull request to main
VARIABLES = {
    r"\$\{\{\s*github\.base_ref\s*\}\}": "main",
    r"\$\{?CI_MERGE_REQUEST_TARGET_BRANCH_NAME\}?": "main",
    r"\$\{?CI_DEFAULT_BRANCH\}?": "main",
}
PORTAL = re.compile(r"(?:^|&&|\|\||;)\s*(portal\s[^|;&>#\n]*)")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def github() -> dict:
    return load(GITHUB)


def gitlab() -> dict:
    return load(GITLAB)


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return (
        [needs]
        if isinstance(needs, str)
        else [n if isinstance(n, str) else n["job"] for n in needs]
    )


def depends_on(jobs: dict, name: str, target: str) -> bool:
    """Whether job name runs only after target, directly or through other jobs."""
    return any(n == target or depends_on(jobs, n, target) for n in _needs(jobs[name]))


def test_both_files_parse_as_yaml() -> None:
    assert isinstance(github(), dict)
    assert isinstance(gitlab(), dict)


def test_github_runs_on_pull_requests_and_pushes_to_main() -> None:
    on = triggers(github())
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]


def test_github_deploys_only_after_validation() -> None:
    jobs = github()["jobs"]
    assert {"validate", "build", "deploy"} <= set(jobs)
    assert depends_on(jobs, "build", "validate")
    assert depends_on(jobs, "deploy", "validate") and depends_on(jobs, "deploy", "build")
    assert "refs/heads/main" in jobs["deploy"]["if"], "pull requests never deploy"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for s in jobs["deploy"]["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_github_build_previews_comments_and_prepares_pages() -> None:
    steps = github()["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert "apt-get install" in runs and "fonts-noto-cjk" in runs
    assert "gh pr comment" in runs and "portal diff origin/${{ github.base_ref }}" in runs
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "diff needs the base branch"


def test_the_preview_artifact_is_opened_as_the_guide_says() -> None:
    """The artifact is the built site at the top of site-preview.zip; the comment, the guide
    and `portal preview` agree on how to open it (never index.html by itself)."""
    steps = github()["jobs"]["build"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"] == "public"
    built = [s["run"] for s in steps if s.get("run", "").startswith("portal build")]
    assert built == ["portal build --data data --out public"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "portal preview site-preview.zip" in runs.replace("\\`", "`"), "in the PR comment"
    review = (ROOT / "docs" / "guide" / "review.md").read_text("utf-8")
    assert "`portal preview site-preview.zip`" in review
    assert "解压后打开 `index.html`" not in review
    preview = (ROOT / "docs" / "guide" / "preview.md").read_text("utf-8")
    assert "portal preview site-preview.zip" in preview


def test_github_validation_annotates_the_pull_request() -> None:
    runs = [s.get("run", "") for s in github()["jobs"]["validate"]["steps"]]
    assert any("portal validate" in r and "--format github" in r for r in runs)


def test_gitlab_stages_and_jobs() -> None:
    config = gitlab()
    assert config["stages"] == ["validate", "build", "deploy"]
    jobs = {k: v for k, v in config.items() if isinstance(v, dict) and "script" in v}
    assert {"validate", "preview", "pages"} <= set(jobs)
    assert jobs["validate"]["stage"] == "validate"
    assert depends_on(jobs, "preview", "validate") and depends_on(jobs, "pages", "validate")
    assert jobs["pages"]["stage"] == "deploy"
    assert jobs["pages"]["artifacts"]["paths"] == ["public"]
    assert "$CI_DEFAULT_BRANCH" in jobs["pages"]["rules"][0]["if"]
    assert "merge_request_event" in jobs["preview"]["rules"][0]["if"]
    assert jobs["preview"]["artifacts"]["paths"]
    setup = "\n".join(config["default"]["before_script"])
    assert "apt-get install" in setup and "fonts-noto-cjk" in setup


def test_gitlab_validation_is_a_code_quality_report() -> None:
    """GitLab lists the mistakes on the merge request from the validate job's report."""
    job = gitlab()["validate"]
    report = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always", "the report is kept when validation fails"
    writes = [line for line in job["script"] if "--format codequality" in line]
    assert len(writes) == 1 and f"> {report}" in writes[0]
    assert job["script"].index(writes[0]) < len(job["script"]) - 1
    assert job["script"][-1].startswith("portal validate"), "the job fails on mistakes"
    assert "--format" not in job["script"][-1]


def test_gitlab_posts_the_diff_as_a_merge_request_note() -> None:
    script = gitlab()["preview"]["script"]
    writes = next(i for i, line in enumerate(script) if line.startswith("portal diff"))
    assert "--format markdown" in script[writes] and "diff.md" in script[writes]
    posts = next(i for i, line in enumerate(script) if line.startswith("portal comment diff.md"))
    assert posts > writes
    assert "PORTAL_GITLAB_TOKEN" not in script[posts], "the token comes from the environment"


# ---------------------------------------------------------------- the commands themselves


def _scripts(node: object, key: str = "") -> Iterator[str]:
    """Every shell line under a `run` (GitHub) or `script`/`before_script` (GitLab) key."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _scripts(v, str(k))
    elif isinstance(node, list):
        for item in node:
            yield from _scripts(item, key)
    elif isinstance(node, str) and key in ("run", "script", "before_script"):
        yield from node.replace("\\\n", " ").splitlines()


def portal_lines(path: Path) -> list[str]:
    found = []
    for line in _scripts(load(path)):
        for match in PORTAL.finditer(line.strip()):
            command = match.group(1).strip()
            for pattern, value in VARIABLES.items():
                command = re.sub(pattern, value, command)
            found.append(command)
    return found


COMMANDS = sorted({c for path in (GITHUB, GITLAB) for c in portal_lines(path)})


def test_the_expected_commands_are_run() -> None:
    names = {shlex.split(c)[1] for c in COMMANDS}
    assert names == {"validate", "build", "diff", "comment"}
    assert not [c for c in COMMANDS if "$" in c], "every CI variable is substituted"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Like CI's checkout: the sample data committed, and origin/main pointing at it."""
    root = tmp_path_factory.mktemp("ci") / "repo"
    shutil.copytree(SAMPLE, root / "data")
    ident = ["-c", "user.name=ci", "-c", "user.email=ci@example.org"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "data"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):  # fmt: skip
        subprocess.run(["git", *ident, *args], cwd=root, check=True, capture_output=True)
    return root


@pytest.mark.parametrize("command", COMMANDS)
def test_every_portal_command_in_ci_succeeds(
    command: str, checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(checkout)
    args = shlex.split(command)
    assert args[0] == "portal"
    result = CliRunner().invoke(main, args[1:])
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert "No such command" not in result.output


def test_both_pipelines_keep_the_replaced_site_for_the_next_build() -> None:
    """A build starts from the site the last one replaced (generator/sites/staging.py):
    both pipelines carry .public.prev between runs with public/, or every CI build would
    link every unchanged portal again."""
    steps = github()["jobs"]["build"]["steps"]
    cached = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert {"public", ".public.prev"} <= set(cached["with"]["path"].split())
    assert {"public", ".public.prev"} <= set(gitlab()["cache"]["paths"])


def _guards() -> list[str]:
    steps = github()["jobs"]["build"]["steps"]
    ours = [s["run"] for s in steps if "git ls-files -- public .public.prev" in s.get("run", "")]
    theirs = [c for c in gitlab()["default"]["before_script"] if "git ls-files" in c]
    assert len(ours) == 1 and len(theirs) == 1, "each pipeline guards its build once"
    return [ours[0], theirs[0]]


def _run(command: str, where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=where, capture_output=True, text=True)


def test_a_change_that_brings_in_site_files_is_refused(tmp_path: Path) -> None:
    """A build reuses what public/ and .public.prev/ hold: files a pull request adds there
    would be published without being built. Both pipelines refuse such a change."""
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "portal.yml").write_text("title: x\n", "utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    for guard in _guards():
        clean = _run(guard, repo)
        assert clean.returncode == 0, clean.stdout + clean.stderr
    (repo / "public").mkdir()  # built here, not tracked: fine
    (repo / "public" / "index.html").write_text("<p>ok</p>", "utf-8")
    for folder in (".public.prev/longquan", "public/longquan"):
        planted = repo / folder / "index.html"
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_text("<script>alert(1)</script>", "utf-8")
        subprocess.run([*git, "add", "-f", str(planted)], check=True)
        for guard in _guards():
            refused = _run(guard, repo)
            assert refused.returncode == 1 and "请从" in refused.stdout, folder
        subprocess.run([*git, "rm", "-q", "--cached", str(planted)], check=True)
