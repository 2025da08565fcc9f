"""Placeholders left in: `portal validate` warns about each one, `portal build` refuses them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.checks.placeholders import fake_number, find_placeholder, scan_located
from generator.checks.project import load_project
from generator.cli.main import main
from generator.errors import Report
from generator.read.located import Located

SLUG = "qingshan"
# what marks a line of a new settlement's files as a placeholder, found independently of
# the rule: the template's values, not its comments
MARKERS = re.compile(r"某某|0000-0000000|^\s*(?:households|population): 0\b|（[^）]*请|示例通知")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def new_settlement(data: Path) -> Path:
    result = run("new", SLUG, "--name", "青山社区", "--data", str(data))
    assert result.exit_code == 0, result.output
    return data / "settlements" / SLUG


def placeholder_lines(folder: Path) -> set[tuple[str, int]]:
    """(file, line) of every line whose value (not its comment) holds a placeholder."""
    found = set()
    for path in sorted(folder.rglob("*.*")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            value = line.split(" #")[0] if path.suffix == ".yml" else line
            if value.lstrip().startswith("#"):
                continue
            if MARKERS.search(value):
                found.add((path.relative_to(folder).as_posix(), number))
    return found


def problems(result: Result) -> list[dict]:
    return json.loads(result.stdout) if result.stdout.strip() else []


def placeholders(items: list[dict]) -> list[dict]:
    return [p for p in items if p["code"].startswith("placeholder.")]


def at(items: list[dict]) -> set[tuple[str, int]]:
    prefix = f"data/settlements/{SLUG}/"
    return {(p["file"].removeprefix(prefix), p["line"]) for p in items if p["line"]}


def test_validate_warns_about_every_placeholder_and_build_refuses(
    data_copy: Path, tmp_path: Path
) -> None:
    folder = new_settlement(data_copy)
    expected = placeholder_lines(folder)
    assert len(expected) >= 30  # names, places, phones, counts, instructions in every file

    result = run("validate", "--data", str(data_copy), "--format", "json")
    assert result.exit_code == 0, result.output
    found = placeholders(problems(result))
    assert {p["severity"] for p in found} == {"warning"}
    assert at(found) == expected
    assert all(p["file"].startswith(f"data/settlements/{SLUG}/") for p in found)  # samples clean
    codes = {p["code"] for p in found}
    assert codes == {"placeholder.text", "placeholder.phone", "placeholder.zero",
                     "placeholder.instruction"}  # fmt: skip
    for p in found:
        assert re.search(r"[\u4e00-\u9fff]", p["message"]) and "portal build" in p["hint"]
    names = {p["file"] for p in found if not p["line"]}
    assert names == {f"data/settlements/{SLUG}/notices/{next(folder.glob('notices/*')).name}"}

    human = run("validate", "--data", str(data_copy))
    assert human.exit_code == 0
    assert "提醒 [placeholder.zero] 「户数」(households)还是 0" in human.stderr
    assert "settlement.yml:9:13:" in human.stderr
    assert f"还有 {len(found)} 处占位内容" in human.stdout

    out = tmp_path / "site"
    build = run("build", "--data", str(data_copy), "--out", str(out), "--no-pdf", "--format",
                "json")  # fmt: skip
    assert build.exit_code == 1, build.output
    refused = placeholders(problems(build))
    assert at(refused) == expected
    assert {p["severity"] for p in refused} == {"error"}
    assert "网站没有更新" in build.stderr
    assert not out.exists() or not any(out.iterdir())  # nothing published


def test_the_printed_handbook_is_refused_too(data_copy: Path, tmp_path: Path) -> None:
    new_settlement(data_copy)
    target = tmp_path / "handbook.pdf"
    result = run("handbook", SLUG, "--data", str(data_copy), "-o", str(target))
    assert result.exit_code == 1
    assert "错误 [placeholder.text]" in result.stderr
    assert not target.exists()


FILLED = [
    (r"某某省某某市某某县某某镇", "山西省吕梁市岚县东村镇"),
    (r"某某县某某镇", "岚县东村镇"),
    (r"某某乡某某村", "王家庄乡王家庄村"),
    (r"某某某", "王建国"),
    (r"某某楼一层", "综合楼一层"),
    (r"是某某县的", "是岚县的"),
    (r"某某事项", "居民身份证、户口"),
    (r"某某个工作日", "5个工作日"),
    (r"《某某条例》", "《中华人民共和国居民身份证法》"),
    (r"某某单位", "岚县公安局东村派出所"),
    (r"（某年某月某日[^）]*）", "（2025年3月6日经居民代表会议通过）"),
    (r"（请[^）]*）", ""),
    (r"0000-0000000", "0359-6221234"),
    (r"households: 0", "households: 1263"),
    (r"population: 0", "population: 5120"),
]


def fill(folder: Path) -> None:
    for path in folder.rglob("*.*"):
        text = path.read_text("utf-8")
        for pattern, real in FILLED:
            text = re.sub(pattern, real, text)
        path.write_text(text, "utf-8")
    for notice in folder.glob("notices/*示例通知.md"):
        notice.unlink()


def test_filled_in_it_validates_clean_and_builds(data_copy: Path, tmp_path: Path) -> None:
    folder = new_settlement(data_copy)
    fill(folder)
    assert placeholder_lines(folder) == set()
    result = run("validate", "--data", str(data_copy), "--format", "json")
    assert result.exit_code == 0, result.output
    assert placeholders(problems(result)) == []
    out = tmp_path / "site"
    build = run("build", "--data", str(data_copy), "--out", str(out), "--no-pdf", "--only", SLUG)
    assert build.exit_code == 0, build.output
    page = (out / SLUG / "index.html").read_text("utf-8")
    assert "0359-6221234" in page and "某某" not in page


def test_the_sample_data_has_no_placeholder() -> None:
    from conftest import SAMPLE

    project, report = load_project(SAMPLE)
    assert project is not None
    assert [p.place for p in report.problems if p.code.startswith("placeholder.")] == []


@pytest.mark.parametrize(
    "text",
    ["某某", "某某某", "某某县某某镇", "《某某条例》", "XX社区", "xx村", "××单位", "某年某月某日",
     "电话 0000-0000000", "示例通知（请修改或删除本文件）", "（请改成本社区的前言）"],
)  # fmt: skip
def test_placeholders_are_found(text: str) -> None:
    assert find_placeholder(text) is not None


@pytest.mark.parametrize(
    "text",
    ["王某某", "欧阳某某", "示范县某某服饰有限公司", "龙泉村某某种植专业合作社", "某天停水",
     "XXL 码工作服", "https://example.gov.cn/xxgk/", "二〇〇八年", "请修改密码后登录",
     "余额 0.00 元", "（请带户口簿）"],
)  # fmt: skip
def test_real_values_that_look_similar_are_not(text: str) -> None:
    assert find_placeholder(text) is None


@pytest.mark.parametrize(
    ("number", "fake"),
    [("0000-0000000", True), ("00000000000", True), ("0359-0000000", True),
     ("0000-6221234", True), ("13800000000", True), ("0359-1234567", True),
     ("0359-0000013", False), ("13800000205", False), ("12345", False), ("110", False),
     ("0359-6221234", False), ("400-820-8820", False)],
)  # fmt: skip
def test_fake_phone_numbers(number: str, fake: bool) -> None:
    assert fake_number(number) is fake


def test_zeros_elsewhere_are_fine(tmp_path: Path) -> None:
    """0 is a placeholder only as the settlement's households and population."""
    data = {"opening_balance": 0, "amount": "0.00", "buildings": [{"households": 0}],
            "note": "本期收入 0 元"}  # fmt: skip
    report = Report()
    scan_located(Located(tmp_path / "x.yml", data), report, None)
    assert report.problems == []
