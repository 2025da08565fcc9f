"""A ledger kept in .ods, .xls, .et or .numbers: refused with the menu steps that make an .xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checks.project import load_project
from generator.cli.main import main
from generator.errors import Problem, Report
from generator.read.ledger import read_ledger

# suffix -> what the hint must say: the program and its menu steps
STEPS = {
    ".ods": ("LibreOffice", "文件 → 另存为", "Excel 2007-365 (.xlsx)"),
    ".xls": ("Excel 工作簿 (*.xlsx)", "WPS 表格", "Microsoft Excel 文件 (*.xlsx)",
             "Excel 2007-365 (.xlsx)"),
    ".et": ("WPS 表格", "Microsoft Excel 文件 (*.xlsx)"),
    ".numbers": ("Numbers", "文件 → 导出为 → Excel"),
}  # fmt: skip
NAMES = {".ods": "LibreOffice 表格", ".xls": "旧版 Excel 表格", ".et": "WPS 表格",
         ".numbers": "Numbers 表格"}  # fmt: skip
FOREIGN = {".ods": "Numbers", ".xls": "Numbers", ".et": "LibreOffice", ".numbers": "LibreOffice"}
PERIOD = "longquan/funds/2026-Q2"


def _says_how(problem: Problem, suffix: str, stem: str) -> None:
    for step in STEPS[suffix]:
        assert step in problem.hint_text, (step, problem.hint_text)
    assert f"{stem}.xlsx" in problem.hint_text
    assert FOREIGN[suffix] not in problem.hint_text  # only the programs that open the file


@pytest.mark.parametrize("suffix", [*STEPS, ".ODS", ".Numbers"])
def test_the_reader_names_the_program_and_how_to_save_as_xlsx(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"2026-Q3{suffix}"
    path.write_bytes(b"PK\x03\x04" + bytes(600))
    report = Report()
    assert read_ledger(path, report) is None
    (problem,) = report.problems
    assert problem.code == "ledger.format"
    assert NAMES[suffix.lower()] in problem.message
    assert "另存为 .xlsx" in problem.message
    _says_how(problem, suffix.lower(), "2026-Q3")


def test_a_txt_ledger_keeps_the_general_hint(tmp_path: Path) -> None:
    path = tmp_path / "2026-Q3.txt"
    path.write_text("日期,凭证号\n", "utf-8")
    report = Report()
    read_ledger(path, report)
    (problem,) = report.problems
    assert problem.code == "ledger.format" and "「.txt」" in problem.message
    assert "Numbers" in problem.hint_text and "LibreOffice" in problem.hint_text


def _period_with(data: Path, suffix: str, written: str) -> Path:
    """The period's ledger saved in another format; its header names `written`."""
    funds = data / "settlements" / PERIOD
    ledger = funds.with_suffix(".csv")
    ledger.rename(ledger.with_suffix(suffix))
    header = funds.with_suffix(".yml")
    text = header.read_text("utf-8")
    header.write_text(text.replace("ledger: 2026-Q2.csv", f"ledger: {written}"), "utf-8")
    return header


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".numbers"])
def test_a_period_naming_such_a_ledger_is_refused_with_the_steps(
    data_copy: Path, suffix: str
) -> None:
    header = _period_with(data_copy, suffix, f"2026-Q2{suffix}")
    project, report = load_project(data_copy, only=["longquan"])
    assert project is None
    found = [p for p in report.errors if p.code == "ledger.format"]
    assert len(found) == 1, [(p.code, p.message) for p in report.errors]
    (problem,) = found
    assert problem.file.endswith(f"{PERIOD}.yml")
    assert problem.line == _line_of(header, "ledger:")
    assert f"2026-Q2{suffix}" in problem.message and NAMES[suffix] in problem.message
    _says_how(problem, suffix, "2026-Q2")
    assert not [p for p in report.errors if p.code == "schema.invalid"]


@pytest.mark.parametrize("suffix", [".ods", ".xls", ".numbers"])
def test_a_missing_xlsx_with_the_book_beside_it_in_another_format(
    data_copy: Path, suffix: str
) -> None:
    _period_with(data_copy, suffix, "2026-Q2.xlsx")
    _, report = load_project(data_copy, only=["longquan"])
    (problem,) = [p for p in report.errors if p.code == "ref.missing_file"]
    assert "「2026-Q2.xlsx」不存在" in problem.message
    assert f"「2026-Q2{suffix}」" in problem.message
    _says_how(problem, suffix, "2026-Q2")


def test_validate_prints_the_steps(data_copy: Path) -> None:
    _period_with(data_copy, ".ods", "2026-Q2.ods")
    result = CliRunner().invoke(main, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 1
    assert "[ledger.format] 「台账文件」(ledger)：台账「2026-Q2.ods」的格式是 LibreOffice 表格" in (
        result.output
    )
    assert "怎么改：网站程序只能读 .csv 和 .xlsx 表格。用 LibreOffice" in result.output
