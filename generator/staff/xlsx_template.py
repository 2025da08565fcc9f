"""`portal funds template`: an .xlsx ledger for staff to fill in with Excel or WPS.

The first sheet, 台账, has the canonical Chinese header of ledger.COLUMNS, a
frozen header row, dropdowns for 类别 and 资金来源 from the settlement's
funds/account.yml, a date check for the quarter and an amount check; the second
sheet, 填写说明, tells staff how to fill it in. Filled in, the file reads through
generator.read.ledger.read_ledger unchanged (it picks the sheet named 台账).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator.contract.funds import Account
from generator.contract.validate import validate
from generator.errors import PortalError, Report
from generator.read.ledger import COLUMNS
from generator.read.values import Quarter, ValueProblem, parse_quarter
from generator.read.yamlfile import load_yaml

ROWS = 500  # rows prepared with formats and checks below the header
LEDGER_SHEET, HELP_SHEET, LISTS_SHEET = "台账", "填写说明", "选项"
WIDTHS = {"date": 12, "voucher": 12, "summary": 40, "category": 14, "source": 30,
          "income": 13, "expense": 13, "handler": 10, "approver": 10, "countersigner": 10,
          "note": 24}  # fmt: skip
AMOUNT_FORMAT = "#,##0.00"


class TemplateError(PortalError):
    """The template cannot be written as asked (no such settlement, file exists)."""


@dataclass(frozen=True)
class Template:
    path: Path
    quarter: Quarter
    account: Account


def default_quarter(funds_dir: Path, today: dt.date) -> Quarter:
    """The quarter after the last disclosed one, or today's quarter if none is disclosed."""
    disclosed = []
    for path in funds_dir.glob("*.yml"):
        try:
            disclosed.append(parse_quarter(path.stem))
        except ValueProblem:
            continue
    if not disclosed:
        return Quarter.of_date(today)
    return max(disclosed, key=lambda q: (q.year, q.q)).next()


def load_account(data_dir: Path, slug: str) -> tuple[Path, Account]:
    """The settlement's funds folder and its checked account.yml."""
    folder = data_dir / "settlements" / slug
    if not folder.is_dir():
        raise TemplateError(f"没有名为「{slug}」的安置点文件夹（{folder.as_posix()}）")
    path = folder / "funds" / "account.yml"
    report = Report(root=data_dir)
    if not path.is_file():
        raise TemplateError(
            f"缺少 {path.as_posix()}：请先写好经费账户（资金来源、支出类别、双签字），"
            "台账模板的下拉选项来自这个文件"
        )
    located = load_yaml(path, report)
    account = validate(Account, located, report) if located is not None else None
    report.raise_if_errors()
    assert account is not None
    return path.parent, account


def write_template(
    data_dir: Path,
    slug: str,
    quarter: Quarter | None = None,
    out: Path | None = None,
    today: dt.date | None = None,
) -> Template:
    """Write the ledger template; never overwrites a file (it may be a filled-in ledger)."""
    funds_dir, account = load_account(data_dir, slug)
    quarter = quarter or default_quarter(funds_dir, today or dt.date.today())
    target = out or funds_dir / f"{quarter.key}.xlsx"
    if target.exists():
        raise TemplateError(
            f"{target.as_posix()} 已经存在，不会覆盖（它可能是已经填好的台账）。"
            "请先改名或删除，或者用 -o 指定另一个文件名"
        )
    data = workbook_bytes(account, quarter, slug)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return Template(target, quarter, account)


def workbook_bytes(account: Account, quarter: Quarter, slug: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = LEDGER_SHEET
    _ledger_sheet(book, sheet, account, quarter)
    _help_sheet(book.create_sheet(HELP_SHEET), account, quarter, slug)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(list(COLUMNS).index(key) + 1)


def _range(key: str) -> str:
    letter = _letter(key)
    return f"{letter}2:{letter}{ROWS + 1}"


def _choices(book: object, column: int, title: str, values: list[str]) -> str:
    """A list validation's formula: inline when Excel allows it, else a hidden sheet's range."""
    inline = ",".join(values)
    if len(inline) <= 255 and not any("," in v or '"' in v for v in values):
        return f'"{inline}"'
    from openpyxl.utils import get_column_letter

    lists = book[LISTS_SHEET] if LISTS_SHEET in book.sheetnames else book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    letter = get_column_letter(column)
    lists[f"{letter}1"] = title
    for row, value in enumerate(values, 2):
        lists[f"{letter}{row}"] = value
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def _ledger_sheet(book: object, sheet: object, account: Account, quarter: Quarter) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, (key, names) in enumerate(COLUMNS.items(), 1):
        cell = sheet.cell(row=1, column=index, value=names[0])
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[_letter(key)].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    formats = {"date": "yyyy-mm-dd", "voucher": "@", "income": AMOUNT_FORMAT,
               "expense": AMOUNT_FORMAT}  # fmt: skip
    for key, number_format in formats.items():
        column = list(COLUMNS).index(key) + 1
        for row in range(2, ROWS + 2):
            sheet.cell(row=row, column=column).number_format = number_format
    start, end = quarter.start, quarter.end
    checks = [
        ("date", DataValidation(
            type="date", operator="between",
            formula1=f"DATE({start.year},{start.month},{start.day})",
            formula2=f"DATE({end.year},{end.month},{end.day})",
            promptTitle="日期", prompt=f"填写 {start} 至 {end} 之间的日期，例如 {start}",
            errorTitle="日期不在本季度", error=f"{quarter.label}的日期应在 {start} 至 {end} 之间",
        )),
        ("category", DataValidation(
            type="list", formula1=_choices(book, 1, "类别", list(account.categories)),
            promptTitle="类别", prompt="支出必须从下拉列表中选；收入可以不填",
            errorTitle="类别不对", error="请从下拉列表中选择 account.yml 中的类别",
        )),
        ("source", DataValidation(
            type="list", formula1=_choices(book, 2, "资金来源", [s.name for s in account.sources]),
            promptTitle="资金来源", prompt="从下拉列表中选择这笔钱的来源",
            errorTitle="资金来源不对", error="请从下拉列表中选择 account.yml 中的资金来源",
        )),
    ]  # fmt: skip
    for key in ("income", "expense"):
        checks.append((key, DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0",
            promptTitle=COLUMNS[key][0], prompt="只填数字（元），不写“元”字；收入、支出只填一列",
            errorTitle="金额不对", error="金额只能是不小于 0 的数字，例如 1234.50",
        )))  # fmt: skip
    for key, check in checks:
        check.allow_blank = True
        check.showInputMessage = check.showErrorMessage = True
        check.add(_range(key))
        sheet.add_data_validation(check)


def help_lines(account: Account, quarter: Quarter, slug: str) -> list[str]:
    """The instructions on the 填写说明 sheet, one paragraph per line."""
    key, signers = quarter.key, account.signers
    sources = "、".join(s.name for s in account.sources)
    return [
        f"{account.name} {quarter.label}经费台账 填写说明",
        "",
        "1. 在“台账”工作表中，表头下面每行记一笔钱。不要改表头，不要改工作表名“台账”。",
        "2. 每行只填“收入”或“支出”其中一列，另一列留空；只填数字（元），例如 1234.50，不写“元”字。",
        f"3. 日期：只能填 {quarter.start} 至 {quarter.end} 之间的日期（{quarter.label}）。",
        "4. 凭证号：按记账凭证填写，例如 2025-001；同一个账户里凭证号不能重复。",
        "5. 类别：支出必须从下拉列表中选；收入可以不填。",
        f"6. 资金来源：从下拉列表中选（{sources}）。",
        "7. 每行都要填摘要和经办人。",
        f"8. 双签字：每笔支出都要有审批人（{signers.approver}）"
        f"和审签人（{signers.countersigner}），两人不能是同一个人，也不能是经办人。",
        "9. 不要加“合计”“余额”行：期初余额写在季度文件的 opening_balance 中，收支合计由网站计算。",
        "10. 不要填居民的身份证号、银行卡号和手机号，网站会拒绝发布。",
        "",
        f"填好以后：保存为 {key}.xlsx，放到 data/settlements/{slug}/funds/ 文件夹，"
        f"并在旁边建一个 {key}.yml：",
        f"    quarter: {key}",
        "    published: 公开日期，例如 " + str(quarter.end + dt.timedelta(days=8)),
        "    opening_balance: 期初余额（上季度的期末余额）",
        "    closing_balance: 期末余额（= 期初余额 + 本季收入 − 本季支出）",
        f"    ledger: {key}.xlsx",
        "    review: {by: 居务监督委员会, date: 审核日期, opinion: 经审核，收支真实，无异议。}",
        "",
        "然后运行 portal validate 检查：期末余额对不上、日期不在本季度、少了签字等都会逐行提示；"
        f"公开后运行 portal funds seal {slug} {key} 封存。",
    ]


def _help_sheet(sheet: object, account: Account, quarter: Quarter, slug: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(help_lines(account, quarter, slug), 1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
