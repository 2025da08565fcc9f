"""`portal funds template`: an Excel ledger that, filled in, reads back without changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from generator.checks.project import load_project
from generator.cli.main import main
from generator.errors import Report
from generator.read.ledger import COLUMNS, ROW_KEYS, read_ledger
from generator.read.values import Quarter
from generator.staff.xlsx_template import default_quarter

SOURCE = "县财政预算拨付"  # from the sample xintiandi account
HEADER = ["日期", "凭证号", "摘要", "类别", "资金来源", "收入", "支出", "经办人", "审批人",
          "审签人", "备注"]  # fmt: skip
ROWS = [  # as staff type them in Excel: real dates, numbers for amounts
    [dt.datetime(2026, 10, 9), "2026-101", "收县财政四季度拨款", None, SOURCE, 30000, None,
     "刘某某", "陈某某", "张某某", "银行转账"],
    [dt.datetime(2026, 10, 15), "2026-102", "购买办公用品", "办公经费", SOURCE, None, 356.5,
     "刘某某", "陈某某", "张某某", None],
    [dt.datetime(2026, 12, 31), "2026-103", "支付公益岗位补贴", "公益岗位补贴", SOURCE, None,
     1200, "刘某某", "陈某某", "张某某", "附花名册"],
]  # fmt: skip


def fill(path: Path, rows: list[list[object]] = ROWS) -> None:
    """Type rows into the 台账 sheet from row 2, as Excel or WPS would save them."""
    book = openpyxl.load_workbook(path)
    sheet = book["台账"]
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            sheet.cell(row=r, column=c, value=value)
    book.save(path)


def template(data: Path, *args: str) -> object:
    return CliRunner().invoke(main, ["funds", "template", *args, "--data", str(data)])


def test_header_is_the_canonical_chinese_names_in_order(data_copy: Path) -> None:
    assert template(data_copy, "xintiandi", "2026-Q4").exit_code == 0
    book = openpyxl.load_workbook(data_copy / "settlements/xintiandi/funds/2026-Q4.xlsx")
    assert book.sheetnames[:2] == ["台账", "填写说明"]
    sheet = book["台账"]
    assert [c.value for c in sheet[1]] == HEADER == [COLUMNS[key][0] for key in ROW_KEYS]
    assert sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJK")
    assert sheet["F2"].number_format == sheet["G2"].number_format == "#,##0.00"
    assert sheet["A2"].number_format == "yyyy-mm-dd"


def test_dropdowns_and_checks_come_from_the_account_and_quarter(data_copy: Path) -> None:
    template(data_copy, "xintiandi", "2026-Q4")
    sheet = openpyxl.load_workbook(data_copy / "settlements/xintiandi/funds/2026-Q4.xlsx")["台账"]
    checks = {str(dv.sqref).split(":")[0][0]: dv for dv in sheet.data_validations.dataValidation}
    assert checks["A"].type == "date" and checks["A"].operator == "between"
    assert (checks["A"].formula1, checks["A"].formula2) == ("DATE(2026,10,1)", "DATE(2026,12,31)")
    assert checks["D"].type == "list" and "公益岗位补贴" in checks["D"].formula1
    assert checks["E"].type == "list"
    for name in ("县财政预算拨付", "迁出地乡镇转移支付（每人每年60元）", "公共设施租赁费"):
        assert name in checks["E"].formula1
    for column in "FG":
        assert checks[column].type == "decimal"
        assert (checks[column].operator, checks[column].formula1) == ("greaterThanOrEqual", "0")
    assert all(dv.error and dv.prompt for dv in checks.values()), "Chinese messages"


def test_instructions_sheet_names_the_rules_and_the_signers(data_copy: Path) -> None:
    template(data_copy, "xintiandi", "2026-Q4")
    book = openpyxl.load_workbook(data_copy / "settlements/xintiandi/funds/2026-Q4.xlsx")
    text = "\n".join(str(c.value) for c in book["填写说明"]["A"] if c.value)
    expected_texts = ["收入", "支出", "双签字", "社区服务中心主任", "社区党支部书记",
                      "ledger: 2026-Q4.xlsx", "2026-Q4.yml", "2026-10-01",
                      "portal validate"]  # fmt: skip
    for expected in expected_texts:
        assert expected in text, expected


def test_filled_template_reads_back_unchanged(tmp_path: Path, data_copy: Path) -> None:
    target = tmp_path / "ledger.xlsx"
    assert template(data_copy, "xintiandi", "2026-Q4", "-o", str(target)).exit_code == 0
    fill(target)
    report = Report()
    ledger = read_ledger(target, report)
    assert report.problems == []
    assert ledger is not None
    got = [
        (r.line, r.date, r.voucher, r.category, r.source, r.income, r.expense, r.note)
        for r in ledger.rows
    ]
    assert got == [
        (2, dt.date(2026, 10, 9), "2026-101", "", SOURCE, Decimal("30000.00"), None, "银行转账"),
        (3, dt.date(2026, 10, 15), "2026-102", "办公经费", SOURCE, None, Decimal("356.50"), ""),
        (4, dt.date(2026, 12, 31), "2026-103", "公益岗位补贴", SOURCE, None, Decimal("1200.00"),
         "附花名册"),
    ]  # fmt: skip


def test_filled_template_publishes_with_its_quarter_header(data_copy: Path) -> None:
    """The whole loop the guide describes: template, fill, write the .yml, validate."""
    funds = data_copy / "settlements" / "xintiandi" / "funds"
    assert template(data_copy, "xintiandi").exit_code == 0  # the quarter after 2026-Q3
    fill(funds / "2026-Q4.xlsx")
    previous = (funds / "2026-Q3.yml").read_text("utf-8")
    closing = next(line for line in previous.splitlines() if line.startswith("closing_balance"))
    opening = Decimal(closing.split(":")[1].split("#")[0].strip())
    (funds / "2026-Q4.yml").write_text(
        "quarter: 2026-Q4\npublished: 2027-01-08\n"
        f"opening_balance: {opening}\nclosing_balance: {opening + Decimal('28443.50')}\n"
        "ledger: 2026-Q4.xlsx\n",
        encoding="utf-8",
    )
    project, report = load_project(data_copy)
    assert project is not None, [f"{p.place} {p.message}" for p in report.errors]
    quarters = project.settlement("xintiandi").funds.periods
    assert quarters[-1].header.period.key == "2026-Q4"
    assert len(quarters[-1].ledger.rows) == 3


def test_default_quarter_follows_the_last_disclosed(tmp_path: Path) -> None:
    assert default_quarter(tmp_path, dt.date(2026, 5, 2)) == Quarter(2026, 2)
    (tmp_path / "account.yml").write_text("", encoding="utf-8")
    (tmp_path / "2025-Q4.yml").write_text("", encoding="utf-8")
    (tmp_path / "2026-Q1.yml").write_text("", encoding="utf-8")
    assert default_quarter(tmp_path, dt.date(2026, 5, 2)) == Quarter(2026, 2)
    (tmp_path / "2026-Q4.yml").write_text("", encoding="utf-8")
    assert default_quarter(tmp_path, dt.date(2026, 5, 2)) == Quarter(2027, 1)


def test_long_or_comma_names_go_to_a_hidden_list_sheet(tmp_path: Path, data_copy: Path) -> None:
    account = data_copy / "settlements" / "longquan" / "funds" / "account.yml"
    text = account.read_text("utf-8").replace(
        "categories: [", "categories: ['维修,保养', " + ", ".join(f"类别{i:02d}" for i in range(60))
        + ", "
    )  # fmt: skip
    account.write_text(text, encoding="utf-8")
    target = tmp_path / "t.xlsx"
    assert template(data_copy, "longquan", "2026-Q3", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    assert book["选项"].sheet_state == "hidden"
    values = [c.value for c in book["选项"]["A"]][1:]
    assert values[0] == "维修,保养" and len(values) == 67
    check = next(dv for dv in book["台账"].data_validations.dataValidation if "D2" in str(dv.sqref))
    assert check.formula1 == "'选项'!$A$2:$A$68"
    fill(target, [[dt.datetime(2026, 7, 1), "x-1", "修水泵", "维修,保养", "乡财政预算拨付", None,
                   10, "甲某", "乙某", "丙某", None]])  # fmt: skip
    report = Report()
    assert read_ledger(target, report) is not None and report.problems == []


def test_template_never_overwrites_a_ledger(data_copy: Path) -> None:
    ledger = data_copy / "settlements" / "xintiandi" / "funds" / "2026-Q2.xlsx"
    before = ledger.read_bytes()
    result = template(data_copy, "xintiandi", "2026-Q2")
    assert result.exit_code == 1
    assert "已经存在" in result.output
    assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("slug", "setup", "message"),
    [
        ("nowhere", None, "没有名为「nowhere」的安置点"),
        ("longquan", "remove", "account.yml"),
    ],
)
def test_template_needs_a_settlement_with_an_account(
    data_copy: Path, slug: str, setup: str | None, message: str
) -> None:
    if setup == "remove":
        (data_copy / "settlements" / slug / "funds" / "account.yml").unlink()
    result = template(data_copy, slug)
    assert result.exit_code == 1
    assert message in result.output


def test_template_reports_a_broken_account_with_its_place(data_copy: Path) -> None:
    account = data_copy / "settlements" / "longquan" / "funds" / "account.yml"
    account.write_text(account.read_text("utf-8").replace("categories:", "kategories:"), "utf-8")
    result = template(data_copy, "longquan")
    assert result.exit_code == 1
    assert "account.yml" in result.output and "schema." in result.output
