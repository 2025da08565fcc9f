"""`portal diff`: what a change to data/ does to the portals, from the models, in Chinese."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from generator.cli.main import main
from generator.staff.diff import NOTHING
from generator.staff.scaffold import scaffold

XTD = Path("settlements") / "xintiandi"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose HEAD holds a copy of the sample data."""
    root = tmp_path / "repo"
    shutil.copytree(SAMPLE, root / "data")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "数据")
    return root


def run_diff(data: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["diff", *args, "--data", str(data)])
    return result.exit_code, result.output


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), "utf-8")


def change_phone(data: Path) -> None:
    edit(data / XTD / "grids.yml", '"13800000', '"13900000')


def add_member(data: Path) -> None:
    edit(
        data / XTD / "grids.yml",
        "    members:\n",
        '    members:\n      - {name: 新某某, phone: "0359-0000999"}\n',
    )


def add_building_head(data: Path) -> None:
    edit(
        data / XTD / "grids.yml",
        "    members:\n",
        '    members:\n      - {name: 楼某某, role: 楼长, buildings: ["1"], phone: 0359-0000998}\n',
    )


def promote_member(data: Path) -> None:
    edit(data / XTD / "grids.yml", "{name: 何某某,", "{name: 何某某, role: 专职网格员,")


def add_notice(data: Path) -> None:
    path = data / XTD / "notices" / "2026-11-20-停水通知.md"
    path.write_text("---\ntitle: 停水通知\ndate: 2026-11-20\n---\n\n明天停水。\n", "utf-8")


def change_hours(data: Path) -> None:
    edit(data / XTD / "windows.yml", '"09:00-12:00"', '"09:00-11:30"')


def change_service(data: Path) -> None:
    edit(data / XTD / "handbook.yml", "fee: 免费", "fee: 免收费用", 3)


def remove_service(data: Path) -> None:
    path = data / "settlements" / "longquan" / "handbook.yml"
    text = path.read_text("utf-8")
    start = text.index("      - id: pension")
    end = text.index("  - id: medical")
    path.write_text(text[:start] + "\n" + text[end:], "utf-8")


def add_settlement(data: Path) -> None:
    scaffold(data, "qingshan", "青山社区")


CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("phone", change_phone, ["新天地社区（xintiandi）", "网格员电话变更 1 处"]),
    ("member", add_member, ["新增网格员 1 名：新某某"]),
    ("building head", add_building_head, ["新增楼长 1 名：楼某某"]),
    ("role", promote_member, ["网格成员职务调整 1 处：何某某（网格员→专职网格员）"]),
    ("notice", add_notice, ["新增通知 1 条：停水通知"]),
    ("hours", change_hours, ["窗口办公时间变更"]),
    ("service", change_service, ["服务内容修改 3 项"]),
    ("removed", remove_service, ["龙泉新村（longquan）",
                                 "删除服务 1 项：养老保险缴费和养老金领取"]),
    ("settlement", add_settlement, ["全县平台", "新增安置点：青山社区（qingshan）",
                                    "新增服务 1 项"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit_data", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_change_is_described(repo: Path, edit_data: Callable, expected: list[str]) -> None:
    edit_data(repo / "data")
    code, output = run_diff(repo / "data")
    assert code == 0, output
    for text in expected:
        assert text in output
    assert NOTHING not in output


def test_a_newly_disclosed_quarter(repo: Path) -> None:
    funds = repo / "data" / "settlements" / "longquan" / "funds"
    (funds / "2026-Q2.yml").unlink()
    (funds / "2026-Q2.csv").unlink()
    git(repo, "commit", "-q", "-am", "二季度还没公开")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data")
    code, output = run_diff(repo / "data")
    assert code == 0
    assert "2026年第二季度经费新公开" in output


def test_nothing_changed(repo: Path) -> None:
    code, output = run_diff(repo / "data")
    assert (code, NOTHING in output) == (0, True)


def test_comments_and_layout_are_not_changes(repo: Path) -> None:
    path = repo / "data" / XTD / "settlement.yml"
    text = path.read_text("utf-8").replace("households: 1272", "households:   1272   # 2026年数")
    path.write_text(text + "\n# 末尾的说明\n", "utf-8")
    assert NOTHING in run_diff(repo / "data")[1]


def test_markdown_for_a_pull_request_comment(repo: Path) -> None:
    add_notice(repo / "data")
    code, output = run_diff(repo / "data", "HEAD", "--format", "markdown")
    assert code == 0
    assert output.startswith("### 网站内容变化（与 `HEAD` 相比）")
    assert "**新天地社区（xintiandi）**" in output
    assert "- 新增通知 1 条：停水通知" in output


def test_compares_with_a_named_revision(repo: Path) -> None:
    add_notice(repo / "data")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "通知")
    assert NOTHING in run_diff(repo / "data")[1]
    assert "新增通知 1 条" in run_diff(repo / "data", "HEAD~1")[1]


def test_data_folder_new_since_the_revision(repo: Path) -> None:
    git(repo, "rm", "-q", "-r", "--cached", "data")
    git(repo, "commit", "-q", "-m", "清空")
    code, output = run_diff(repo / "data")
    assert code == 0
    assert "新增安置点：新天地社区（xintiandi）" in output


def test_old_version_with_mistakes_is_compared_as_far_as_it_loads(repo: Path) -> None:
    edit(repo / "data" / XTD / "settlement.yml", "households: 1272", "households: 很多")
    git(repo, "commit", "-q", "-am", "写错了")
    edit(repo / "data" / XTD / "settlement.yml", "households: 很多", "households: 1272")
    add_notice(repo / "data")
    code, output = run_diff(repo / "data")
    assert code == 0
    assert "旧版本（HEAD）的数据有 1 处错误" in output
    assert "新增通知 1 条：停水通知" in output
    assert "社区概况" not in output, "a part broken in one version is not compared"


def test_current_mistakes_are_flagged(repo: Path) -> None:
    edit(repo / "data" / XTD / "grids.yml", "supervision_phone:", "supervision_phone: 很多 #")
    code, output = run_diff(repo / "data")
    assert code == 0
    assert "当前数据有 1 处错误" in output and "portal validate" in output


def test_not_a_git_repository(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "data")
    code, output = run_diff(tmp_path / "data")
    assert code == 2
    assert "不在 git 仓库中" in output
    assert "Traceback" not in output


def test_unknown_revision(repo: Path) -> None:
    code, output = run_diff(repo / "data", "no-such-branch")
    assert code == 2
    assert "找不到版本「no-such-branch」" in output
