"""`portal new`: a new settlement folder that validates as created, commented for staff."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SAMPLE

from generator.checks.project import load_project
from generator.cli.main import main
from generator.cli.serve import preview
from generator.contract.schema import schema_for

CONTRACT = [
    "settlement.yml",
    "handbook.yml",
    "windows.yml",
    "grids.yml",
    "councils.yml",
    "charter.md",
    "funds/account.yml",
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data tree with the hub settings and no settlement yet."""
    target = tmp_path / "data"
    (target / "settlements").mkdir(parents=True)
    shutil.copy(SAMPLE / "portal.yml", target / "portal.yml")
    return target


def new(data: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["new", *args, "--data", str(data)])


def test_new_creates_every_file_of_the_contract_and_it_validates(data: Path) -> None:
    result = new(data, "qingshan", "--name", "青山社区")
    assert result.exit_code == 0, result.output
    folder = data / "settlements" / "qingshan"
    for name in CONTRACT:
        assert (folder / name).is_file(), name
    notices = list((folder / "notices").glob("*.md"))
    assert len(notices) == 1
    project, report = load_project(data)
    assert project is not None, [p.place + " " + p.message for p in report.errors]
    settlement = project.settlement("qingshan")
    assert settlement.profile.name == "青山社区"
    for part in ("handbook", "windows", "grids", "councils", "charter", "funds"):
        assert getattr(settlement, part) is not None, part
    assert len(settlement.notices) == 1
    assert CliRunner().invoke(main, ["validate", "--data", str(data)]).exit_code == 0


def test_new_prints_a_checklist_in_chinese(data: Path) -> None:
    result = new(data, "qingshan", "--name", "青山社区")
    for expected in ("接下来请逐项填写", "settlement.yml", "portal funds template qingshan",
                     "portal validate", "funds/account.yml"):  # fmt: skip
        assert expected in result.output


def _editor_view(path: Path) -> object:
    """The file as an editor's YAML 1.2 reader sees it: dates stay text."""
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    return json.loads(json.dumps(data, default=str))


def test_every_yaml_file_points_at_its_schema_and_passes_it(data: Path) -> None:
    new(data, "qingshan", "--name", "青山社区")
    files = sorted((data / "settlements" / "qingshan").rglob("*.yml"))
    assert len(files) == 6
    for path in files:
        first = path.read_text("utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        target = (path.parent / match.group(1)).resolve()
        assert target == (ROOT / "schema" / f"{schema_for(path)}.schema.json").resolve()
        jsonschema.validate(_editor_view(path), json.loads(target.read_text("utf-8")))


def test_schema_lines_are_relative_to_schema_beside_the_data(tmp_path: Path) -> None:
    """In a data repository (data/ beside schema/) the path is the samples' ../../../schema."""
    (tmp_path / "schema").mkdir()
    data = tmp_path / "data"
    (data / "settlements").mkdir(parents=True)
    new(data, "qingshan", "--name", "青山社区")
    folder = data / "settlements" / "qingshan"
    first = (folder / "settlement.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schema/settlement.schema.json"
    first = (folder / "funds" / "account.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../../schema/account.schema.json"


def test_every_key_line_is_explained_in_chinese(data: Path) -> None:
    new(data, "qingshan", "--name", "青山社区")
    path = data / "settlements" / "qingshan" / "settlement.yml"
    for line in path.read_text("utf-8").splitlines():
        top_level_key = re.match(r"^([a-z_]+):", line)
        if top_level_key:
            assert re.search(r"#.*[\u4e00-\u9fff]", line), line


def test_placeholders_are_fictional(data: Path) -> None:
    new(data, "qingshan", "--name", "青山社区")
    text = "".join(p.read_text("utf-8") for p in (data / "settlements").rglob("*.*"))
    assert "某某" in text
    assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), "no mobile numbers"
    phones = re.findall(r'phone: "([^"]+)"', text)
    assert phones and all(p.startswith("0000") or len(p) == 3 for p in phones)


def test_the_new_settlement_builds_as_a_preview_but_is_not_published(
    data: Path, tmp_path: Path
) -> None:
    """`portal serve` shows it while staff fill it in; `portal build` refuses its placeholders
    (tests/test_placeholders.py fills them in and publishes)."""
    new(data, "qingshan", "--name", "青山社区")
    preview_out = tmp_path / "preview"
    preview(data, preview_out, "qingshan", None)
    assert (preview_out / "qingshan" / "index.html").is_file()
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 1, result.output
    assert "错误 [placeholder." in result.output
    assert not (out / "qingshan").exists()


def test_new_refuses_an_existing_folder(data: Path) -> None:
    (data / "settlements" / "qingshan").mkdir()
    result = new(data, "qingshan", "--name", "青山社区")
    assert result.exit_code == 1
    assert "已经存在" in result.output
    assert list((data / "settlements" / "qingshan").iterdir()) == []


@pytest.mark.parametrize("slug", ["QingShan", "青山", "qing_shan", "qing.shan", "qing shan"])
def test_new_refuses_a_bad_slug(data: Path, slug: str) -> None:
    result = new(data, slug, "--name", "青山社区")
    assert result.exit_code == 1
    assert "小写英文字母" in result.output
    assert list((data / "settlements").iterdir()) == []


@pytest.mark.parametrize("slug", ["assets", "search"])
def test_new_refuses_the_hubs_own_folders(data: Path, slug: str) -> None:
    result = new(data, slug, "--name", "青山社区")
    assert result.exit_code == 1
    assert "全县平台自己要用" in result.output
    assert list((data / "settlements").iterdir()) == []


@pytest.mark.parametrize("name", ["", "青山: 社区", "青山\n社区", "{青山}"])
def test_new_refuses_a_name_that_would_break_the_yaml(data: Path, name: str) -> None:
    result = new(data, "qingshan", "--name", name)
    assert result.exit_code == 1
    assert "社区名称" in result.output
    assert not (data / "settlements" / "qingshan").exists()
