"""`portal funds template`: an .xlsx ledger for staff to fill in with Excel or WPS.

The first sheet, 台账, has the canonical Chinese header of the columns the account
asks for (its signature columns, a 专项 column when it has sub-funds), a frozen header
row, dropdowns for 类别, 资金来源 and 专项 from the settlement's funds/account.yml, a
date check for the month or quarter and an amount check; the second sheet, 填写说明,
tells staff how to fill it in, and which other layouts the reader accepts. Filled in,
the file reads through generator.read.ledger.read_ledger unchanged (it picks the sheet
named 台账).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator.contract.funds import Account
from generator.contract.validate import validate
from generator.errors import PortalError, Report
from generator.read.ledger import COLUMNS, SIGNATURE_COLUMNS
from generator.read.values import KIND_NAMES, Period, ValueProblem, parse_period, period_of
from generator.read.yamlfile import load_yaml

ROWS = 500  # rows prepared with formats and checks below the header
LEDGER_SHEET, HELP_SHEET, LISTS_SHEET = "台账", "填写说明", "选项"
WIDTHS = {"date": 12, "voucher": 12, "summary": 40, "category": 14, "source": 30, "fund": 16,
          "income": 13, "expense": 13, "handler": 10, "approver": 10, "countersigner": 10,
          "witness": 10, "third": 12, "note": 24}  # fmt: skip
AMOUNT_FORMAT = "#,##0.00"


class TemplateError(PortalError):
    """The template cannot be written as asked (no such settlement, file exists)."""


@dataclass(frozen=True)
class Template:
    path: Path
    quarter: Period
    account: Account


def default_quarter(funds_dir: Path, today: dt.date, kind: str = "quarter") -> Period:
    """The month or quarter (as the account is kept) after the last disclosed one, or
    today's if none is disclosed."""
    disclosed = []
    for path in funds_dir.glob("*.yml"):
        try:
            found = parse_period(path.stem)
        except ValueProblem:
            continue
        if found.kind == kind:
            disclosed.append(found)
    if not disclosed:
        return period_of(kind, today)
    return max(disclosed, key=lambda p: p.start).next()


def template_keys(account: Account) -> tuple[str, ...]:
    """The ledger's columns for this account, in the order staff fill them in."""
    signed = {s.column for s in account.signer_rules}
    keys = ["date", "voucher", "summary", "category", "source"]
    keys += ["fund"] * bool(account.subfunds) + ["income", "expense", "handler"]
    keys += [key for key in SIGNATURE_COLUMNS if key in signed]
    return (*keys, "note")


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
    quarter: Period | None = None,
    out: Path | None = None,
    today: dt.date | None = None,
) -> Template:
    """Write the ledger template; never overwrites a file (it may be a filled-in ledger)."""
    funds_dir, account = load_account(data_dir, slug)
    quarter = quarter or default_quarter(funds_dir, today or dt.date.today(), account.period)
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


def workbook_bytes(account: Account, quarter: Period, slug: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = LEDGER_SHEET
    _ledger_sheet(book, sheet, account, quarter)
    _help_sheet(book.create_sheet(HELP_SHEET), account, quarter, slug)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _letter(keys: tuple[str, ...], key: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(keys.index(key) + 1)


def _range(keys: tuple[str, ...], key: str) -> str:
    letter = _letter(keys, key)
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


def _ledger_sheet(book: object, sheet: object, account: Account, quarter: Period) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    keys = template_keys(account)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, key in enumerate(keys, 1):
        cell = sheet.cell(row=1, column=index, value=COLUMNS[key][0])
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.column_dimensions[_letter(keys, key)].width = WIDTHS[key]
    sheet.freeze_panes = "A2"
    formats = {"date": "yyyy-mm-dd", "voucher": "@", "income": AMOUNT_FORMAT,
               "expense": AMOUNT_FORMAT}  # fmt: skip
    for key, number_format in formats.items():
        column = keys.index(key) + 1
        for row in range(2, ROWS + 2):
            sheet.cell(row=row, column=column).number_format = number_format
    start, end = quarter.start, quarter.end
    checks = [
        ("date", DataValidation(
            type="date", operator="between",
            formula1=f"DATE({start.year},{start.month},{start.day})",
            formula2=f"DATE({end.year},{end.month},{end.day})",
            promptTitle="日期", prompt=f"填写 {start} 至 {end} 之间的日期，例如 {start}",
            errorTitle=f"日期不在本{KIND_NAMES[quarter.kind]}",
            error=f"{quarter.label}的日期应在 {start} 至 {end} 之间",
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
    if account.subfunds:
        checks.append(("fund", DataValidation(
            type="list", formula1=_choices(book, 3, "专项", [f.name for f in account.subfunds]),
            promptTitle="专项", prompt="从下拉列表中选择这笔钱属于哪一项专项经费",
            errorTitle="专项不对", error="请从下拉列表中选择 account.yml 中的专项经费",
        )))  # fmt: skip
    for key in ("income", "expense"):
        checks.append((key, DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0",
            promptTitle=COLUMNS[key][0], prompt="只填数字（元），不写“元”字；收入、支出只填一列",
            errorTitle="金额不对", error="金额只能是不小于 0 的数字，例如 1234.50",
        )))  # fmt: skip
    for key, check in checks:
        check.allow_blank = True
        check.showInputMessage = check.showErrorMessage = True
        check.add(_range(keys, key))
        sheet.add_data_validation(check)


SCOPES = {"month": "同一个月里", "quarter": "同一个季度里", "year": "同一年里",
          "account": "同一个账户里"}  # fmt: skip


def help_lines(account: Account, quarter: Period, slug: str) -> list[str]:
    """The instructions on the 填写说明 sheet, one paragraph per line."""
    from generator.pages.fund_views import signing_rules

    key, noun = quarter.key, KIND_NAMES[quarter.kind]
    short = "月" if quarter.kind == "month" else "季"
    sources = "、".join(s.name for s in account.sources)
    field = "month" if quarter.kind == "month" else "quarter"
    opening = "0（结余不得转存，每年第一期从 0 开始）" if not account.carry_over else ""
    lines = [
        f"{account.name} {quarter.label}经费台账 填写说明",
        "",
        "1. 在“台账”工作表中，表头下面每行记一笔钱。不要改表头，不要改工作表名“台账”。",
        "2. 每行只填“收入”或“支出”其中一列，另一列留空；只填数字（元），例如 1234.50，不写“元”字。",
        f"3. 日期：只能填 {quarter.start} 至 {quarter.end} 之间的日期（{quarter.label}）。",
        f"4. 凭证号：按记账凭证填写，例如 记-1；{SCOPES[account.voucher_scope]}凭证号不能重复。",
        "5. 类别：支出必须从下拉列表中选；收入可以不填。",
        f"6. 资金来源：从下拉列表中选（{sources}）。",
        "7. 每行都要填摘要和经办人。",
        "8. 签字：" + "".join(signing_rules(account)) + "签字的人不能是同一个人，也不能是经办人。",
        "9. 可以在最后加一行“合计”，网站会核对它等于上面各行相加，但不会把它算进收支；"
        "期初余额写在这一期文件的 opening_balance 中。",
        "10. 不要填居民的身份证号、银行卡号和手机号，网站会拒绝发布。",
    ]
    if account.subfunds:
        names = "、".join(f.name for f in account.subfunds)
        lines.append(f"11. 专项：每行从下拉列表中选这笔钱属于哪一项（{names}）。")
    lines += [
        "",
        "也可以用别的表格格式，网站都能认出：一列“金额”加一列“收支”（写 收 或 支）；"
        "“借方/贷方/余额”（借方是收入，贷方是支出，余额会逐行核对）；"
        "只公开开支项目的公示栏格式“序号、开支项目、金额（元）”（网站会说明它没有日期和签字）。",
        "",
        f"填好以后：保存为 {key}.xlsx，放到 data/settlements/{slug}/funds/ 文件夹，"
        f"并在旁边建一个 {key}.yml：",
        f"    {field}: {key}",
        "    published: 公开日期，例如 " + str(quarter.end + dt.timedelta(days=8)),
        f"    opening_balance: 期初余额（上一期的期末余额）{opening}",
        f"    closing_balance: 期末余额（= 期初余额 + 本{short}收入 − 本{short}支出）",
        f"    ledger: {key}.xlsx",
        f"    review: {{by: {account.committee}, date: 审核日期, "
        "opinion: 经审核，收支真实，无异议。}",
        "",
        f"然后运行 portal validate 检查：期末余额对不上、日期不在本{noun}、少了签字等都会逐行提示；"
        f"公开后运行 portal funds seal {slug} {key} 封存。",
    ]
    return lines


def _help_sheet(sheet: object, account: Account, quarter: Period, slug: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(help_lines(account, quarter, slug), 1):
        cell = sheet.cell(row=row, column=1, value=text or None)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
