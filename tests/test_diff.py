"""`portal diff`: what a change to data/ does to the portals, from the models, in Chinese."""

from __future__ import annotations

import re
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


# ---------------------------------------------------------------- a realistic change, in figures

NEW_SERVICE = """      - id: elder-card
        name: 老年人优待证办理
        summary: 60周岁以上老年人办理优待证，乘车、游园等享受优待
        for: 60周岁以上、住在新天地小区的老年人
        documents: [居民身份证]
        steps: [到综合受理窗口登记, 现场采集照片, 到窗口领取优待证]
        window: general
        time_limit: 5个工作日
        fee: 免费
        phone: 0359-0000022
        keywords: [老年证, 优待证]
"""
CORRECTION = "第2026-039号凭证金额录入错误，已按原始凭证更正"


def realistic_change(repo: Path) -> None:
    """HEAD: the sample with longquan's 2026-Q2 not yet disclosed and xintiandi's 2026-Q3
    sealed. Then, uncommitted: a grid worker's new phone, longquan's 2026-Q2 disclosed, a
    service added and one removed, and a correction to the sealed 2026-Q3 with its reason."""
    from generator.read.values import parse_period
    from generator.staff.seal import seal_quarter

    data = repo / "data"
    longquan = data / "settlements" / "longquan" / "funds"
    (longquan / "2026-Q2.yml").unlink()
    (longquan / "2026-Q2.csv").unlink()
    assert seal_quarter(data, "xintiandi", parse_period("2026-Q3")).changed
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "二季度未公开，三季度已封存")

    for name in ("2026-Q2.yml", "2026-Q2.csv"):  # longquan's quarter, disclosed now
        shutil.copy(SAMPLE / "settlements" / "longquan" / "funds" / name, longquan / name)
    edit(data / XTD / "grids.yml", 'phone: "13800000121"', 'phone: "13900000121"')
    edit(
        data / XTD / "handbook.yml", "      - id: id-card\n", f"{NEW_SERVICE}      - id: id-card\n"
    )
    remove_service(data)
    quarter = data / XTD / "funds" / "2026-Q3"
    edit(
        quarter.with_suffix(".csv"),
        '中秋国庆文艺汇演,活动经费,县财政预算拨付,,"3,260.00"',
        '中秋国庆文艺汇演,活动经费,县财政预算拨付,,"3,620.00"',
    )
    edit(quarter.with_suffix(".yml"), "closing_balance: 58021.40", "closing_balance: 57661.40")
    edit(quarter.with_suffix(".yml"), "corrections: []",
         f"corrections:\n  - {{date: 2026-11-20, reason: {CORRECTION}}}")  # fmt: skip


REALISTIC = [
    "网格员电话变更 1 处：网格员何某某 13800000121 → 13900000121",
    "2026年第二季度经费新公开：期初余额 14,123.50 元，收入合计 4,200.00 元，"
    "支出合计 5,925.00 元，期末余额 12,398.50 元",
    "新增服务 1 项：老年人优待证办理",
    "删除服务 1 项：养老保险缴费和养老金领取",
]


def test_a_realistic_change_shows_the_figures_a_reviewer_checks(repo: Path) -> None:
    realistic_change(repo)
    assert CliRunner().invoke(main, ["validate", "--data", str(repo / "data")]).exit_code == 0
    code, output = run_diff(repo / "data")
    assert code == 0, output
    sealed = (
        "新天地社区（xintiandi）2026年第三季度已封存，这次改动了经费："
        "期初余额 69,107.00 元（未变），收入合计 100,880.00 元（未变），"
        "支出合计 111,965.60 元 → 112,325.60 元，"
        "期末余额 58,021.40 元 → 57,661.40 元。"
        "改动的台账：凭证 2026-039 支出 3,260.00 元 → 支出 3,620.00 元。"
        f"更正说明：2026-11-20 {CORRECTION}"
    )
    for text in [*REALISTIC, sealed]:
        assert text in output, text
    lines = output.splitlines()
    alert = next(i for i, line in enumerate(lines) if "已封存的经费被改动" in line)
    assert alert == 1, "the sealed period comes first, before every settlement's changes"
    assert sealed in lines[alert + 1]
    assert "2026年第三季度台账修改" in output  # and again in its settlement's list
    # only what the site publishes: no ledger summary, no resident's name or number
    assert "中秋国庆文艺汇演" not in output


def test_the_realistic_change_in_markdown(repo: Path) -> None:
    realistic_change(repo)
    code, output = run_diff(repo / "data", "HEAD", "--format", "markdown")
    assert code == 0, output
    first = output.split("\n\n")[1]
    assert first.startswith("> ⛔ **请重点核对：已封存的经费被改动**")
    shown = unescape(output)
    for text in [*REALISTIC, "支出合计 111,965.60 元 → 112,325.60 元"]:
        assert text in shown, text


def test_a_sealed_period_changed_without_a_correction(repo: Path) -> None:
    from generator.read.values import parse_period
    from generator.staff.seal import seal_quarter

    data = repo / "data"
    seal_quarter(data, "xintiandi", parse_period("2026-Q3"))
    git(repo, "commit", "-q", "-am", "封存")
    edit(data / XTD / "funds" / "2026-Q3.csv", ',"7,200.00",', ',"7,020.00",')
    code, output = run_diff(data)
    assert code == 0, output
    assert output.splitlines()[1].startswith("！！请重点核对：已封存的经费被改动")
    assert "收入合计 100,880.00 元 → 100,700.00 元" in output
    assert "凭证 2026-038 收入 7,200.00 元 → 收入 7,020.00 元" in output
    assert "没有写更正说明（检查会报错，网站不会更新）" in output
    assert "当前数据有" in output  # funds.seal_broken (and the balance) fail validation


def test_a_phone_removed_and_the_supervision_phone(repo: Path) -> None:
    path = repo / "data" / XTD / "grids.yml"
    edit(path, '{name: 何某某, phone: "13800000121", ', "{name: 何某某, ")
    edit(path, "supervision_phone: 0359-0000011", "supervision_phone: 0359-0000012")
    output = run_diff(repo / "data")[1]
    assert "网格员何某某 13800000121 → （未填）" in output
    assert "网格监督电话变更：0359-0000011 → 0359-0000012" in output


def unescape(markdown: str) -> str:
    """What a reader sees of escape()'s output."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u200b", "")


HOSTILE = "<img src=x onerror=alert(1)> **粗体** [链接](https://evil.example) @admin #12 `代码`"


def test_markdown_escapes_staff_text(repo: Path) -> None:
    path = repo / "data" / XTD / "notices" / "2026-11-20-停水通知.md"
    path.write_text(f"---\ntitle: '{HOSTILE}'\ndate: 2026-11-20\n---\n\n明天停水。\n", "utf-8")
    code, output = run_diff(repo / "data", "--format", "markdown")
    assert code == 0, output
    line = next(line for line in output.splitlines() if "新增通知" in line)
    body = line.removeprefix("- ")
    # CommonMark: a backslash before ASCII punctuation shows it as written, so no tag,
    # emphasis, link or code span; a zero-width space breaks a mention or an issue link
    bare = [t for t in re.findall(r"\\.|.", body) if re.fullmatch(r"[!-/:-@\[-`{-~]", t)]
    assert bare == [], bare
    assert "\\@\u200badmin" in body and "\\#\u200b12" in body
    assert unescape(line) == f"- 新增通知 1 条：{HOSTILE}"
