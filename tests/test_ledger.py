"""Tests for generator.read.ledger: the sample ledgers, every encoding and format, every mistake."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Report
from generator.read.ledger import (
    COLUMNS,
    EXTRA_KEYS,
    LEDGER_CODES,
    ROW_KEYS,
    Ledger,
    LedgerRow,
    read_ledger,
    write_csv,
)
from generator.read.values import VALUE_CODES

ROOT = Path(__file__).resolve().parent.parent
SETTLEMENTS = ROOT / "data" / "settlements"
SAMPLES = sorted([*SETTLEMENTS.glob("*/funds/*.csv"), *SETTLEMENTS.glob("*/funds/*.xlsx")])
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# (rows, income, expense), added up by hand from the files (and matching each quarter's .yml)
TOTALS = {
    "anjiayuan/funds/2026-Q1.csv": (11, "39800.00", "40005.60"),
    "anjiayuan/funds/2026-Q2.csv": (11, "39800.00", "36958.40"),
    "anjiayuan/funds/2026-Q3.xlsx": (11, "39800.00", "37866.90"),
    "longquan/funds/2026-Q1.csv": (8, "15540.00", "6736.50"),
    "longquan/funds/2026-Q2.csv": (8, "4200.00", "5925.00"),
    "xintiandi/funds/2025-Q4.csv": (15, "139280.00", "96061.90"),
    "xintiandi/funds/2026-Q1.csv": (14, "100880.00", "103542.80"),  # GBK
    "xintiandi/funds/2026-Q2.xlsx": (14, "100880.00", "95478.30"),  # date cells, numbers
    "xintiandi/funds/2026-Q3.csv": (14, "100880.00", "111965.60"),  # "20,000.00", "0.12万"
}

HEADER = "日期,凭证号,摘要,类别,资金来源,收入,支出,经办人,审批人,审签人,备注"
INCOME = "2026-07-08,2026-029,收县财政拨付经费,,县财政预算拨付,20000.00,,刘某某,陈某某,张某某,"
EXPENSE = (
    "2026-07-20,2026-030,购买办公用品,办公经费,县财政预算拨付,,450.50,刘某某,陈某某,张某某,附发票"
)


def read(path: Path) -> tuple[Ledger | None, Report]:
    report = Report()
    ledger = read_ledger(path, report)
    for problem in report.problems:
        assert problem.code in LEDGER_CODES or problem.code in VALUE_CODES, problem.code
        assert CHINESE.search(problem.message), problem.message
        assert problem.hint, problem.code
        assert problem.file == path.as_posix()
    if report.errors:  # never usable: nothing, or only the rows that read (for the checks)
        assert ledger is None or not ledger.complete
    return ledger, report


def read_clean(path: Path) -> Ledger:
    ledger, report = read(path)
    assert not report.problems, [(p.code, p.message, p.line, p.column) for p in report.problems]
    assert ledger is not None
    return ledger


def write_text(tmp_path: Path, name: str, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def xlsx_of(ledger: Ledger, path: Path) -> Path:
    """The ledger as Excel saves it: real date cells, numbers for amounts."""
    rows: list[list[object]] = [[COLUMNS[key][0] for key in ROW_KEYS]]
    for r in ledger.rows:
        cells = [getattr(r, key) for key in ROW_KEYS]
        cells = [float(c) if isinstance(c, Decimal) else c for c in cells]
        cells[0] = dt.datetime.combine(r.date, dt.time()) if r.date else None
        rows.append([c if c != "" else None for c in cells])
    return write_xlsx(path, rows)


def totals(ledger: Ledger) -> tuple[int, Decimal, Decimal]:
    income = sum((r.income for r in ledger.rows if r.income is not None), Decimal(0))
    expense = sum((r.expense for r in ledger.rows if r.expense is not None), Decimal(0))
    return len(ledger.rows), income, expense


# ---------------------------------------------------------------- the sample ledgers


REQUIRED = ("date", "voucher", "summary", "source", "handler")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(SETTLEMENTS).as_posix())
def test_sample_ledger_reads_cleanly(path: Path) -> None:
    ledger = read_clean(path)
    assert [r.line for r in ledger.rows] == list(range(2, len(ledger.rows) + 2))
    for row in ledger.rows:
        assert isinstance(row.date, dt.date)
        assert (row.income is None) != (row.expense is None)
        amount = row.income if row.income is not None else row.expense
        assert isinstance(amount, Decimal) and amount > 0
        assert amount.as_tuple().exponent == -2
        assert all(getattr(row, key) for key in REQUIRED)
        assert CHINESE.search(row.summary) and CHINESE.search(row.handler)
        assert row.columns == {key: i for i, key in enumerate(ROW_KEYS, 1)}


@pytest.mark.parametrize("name", sorted(TOTALS))
def test_sample_ledger_totals_are_exact(name: str) -> None:
    count, income, expense = TOTALS[name]
    assert totals(read_clean(SETTLEMENTS / name)) == (count, Decimal(income), Decimal(expense))


def test_gbk_sample_is_not_mojibake() -> None:
    path = SETTLEMENTS / "xintiandi/funds/2026-Q1.csv"
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the sample really is GBK
    first = read_clean(path).rows[0]
    assert (first.summary, first.source, first.handler) == (
        "收县财政拨付第一季度社区工作经费",
        "县财政预算拨付",
        "刘某某",
    )


def test_xlsx_sample_has_real_cells_and_reads_like_csv() -> None:
    first = read_clean(SETTLEMENTS / "xintiandi/funds/2026-Q2.xlsx").rows[0]
    assert first.date == dt.date(2026, 4, 8)
    assert first.income == Decimal("20000.00") and first.expense is None
    assert first.category == "" and first.note == "银行转账"


def test_thousands_separators_and_wan() -> None:
    rows = read_clean(SETTLEMENTS / "xintiandi/funds/2026-Q3.csv").rows
    assert rows[0].income == Decimal("20000.00")
    office = next(r for r in rows if r.voucher == "2026-040")
    assert office.expense == Decimal("1200.00")  # written 0.12万


# ---------------------------------------------------------------- headers


def test_english_headers(tmp_path: Path) -> None:
    english = (
        "Date,Voucher,Summary,Category,Source,Income,Expense,Handler,Approver,Countersigner,Note"
    )
    chinese = read_clean(write_text(tmp_path, "zh.csv", [HEADER, INCOME, EXPENSE]))
    ledger = read_clean(write_text(tmp_path, "en.csv", [english, INCOME, EXPENSE]))
    assert ledger.rows == chinese.rows
    assert ledger.digest() == chinese.digest()


def test_header_synonyms_spaces_units_and_case(tmp_path: Path) -> None:
    header = " DATE , 凭证编号 ,摘 要,类别,资金来源,收入（元）,支出(元),经办人,审批人,审签人,备注 "
    ledger = read_clean(write_text(tmp_path, "a.csv", [header, INCOME, EXPENSE]))
    other = "Date,VOUCHER,摘要,类别,资金来源,收入金额,支出金额（元）,经办人,审批人,审签人,备注"
    again = read_clean(write_text(tmp_path, "b.csv", [other, INCOME, EXPENSE]))
    assert ledger.rows == again.rows
    assert ledger.rows[1].expense == Decimal("450.50")


def test_column_order_title_row_total_row_and_serial_column(tmp_path: Path) -> None:
    plain = read_clean(write_text(tmp_path, "plain.csv", [HEADER, INCOME, EXPENSE]))
    order = [10, 1, 0, 2, 4, 3, 6, 5, 7, 9, 8]  # another column order, after a 序号 column

    def shuffle(line: str, first: str) -> str:
        cells = line.split(",")
        return ",".join([first, *(cells[i] for i in order)])

    lines = [
        "新天地社区2026年第三季度经费收支明细,,,",  # a title above the header
        "",
        shuffle(HEADER, "序号"),
        shuffle(INCOME, "1"),
        shuffle(EXPENSE, "2"),
        "3" + "," * 11,  # a numbered but empty row
        ",,,合 计,,,,,,,,",  # a total row staff added
    ]
    ledger = read_clean(write_text(tmp_path, "fancy.csv", lines))
    assert [r.line for r in ledger.rows] == [4, 5]
    assert ledger.rows[0].columns["date"] == 4 and ledger.rows[0].columns["note"] == 2
    assert ledger.digest() == plain.digest()
    assert [(r.summary, r.income, r.expense) for r in ledger.rows] == [
        (r.summary, r.income, r.expense) for r in plain.rows
    ]


def test_dash_and_zero_mean_no_amount_on_that_side(tmp_path: Path) -> None:
    lines = [
        HEADER,
        INCOME.replace("20000.00,,", "20000.00, - ,"),
        EXPENSE.replace(",,450", ",0,450"),
    ]
    ledger = read_clean(write_text(tmp_path, "a.csv", lines))
    assert [(r.income, r.expense) for r in ledger.rows] == [
        (Decimal("20000.00"), None),
        (None, Decimal("450.50")),
    ]


def test_amounts_written_as_on_the_voucher(tmp_path: Path) -> None:
    """v2: 大写 amounts, alone or beside the digits, and 4295元 read as the exact figure."""
    lines = [
        HEADER,
        INCOME.replace("20000.00", "贰万元整"),
        EXPENSE.replace("450.50", "肆佰伍拾元伍角"),
        EXPENSE.replace("450.50", "肆仟贰佰玖拾伍元整（¥4295.00）").replace("030", "031"),
        EXPENSE.replace("450.50", "4295元").replace("030", "032"),
    ]
    ledger = read_clean(write_text(tmp_path, "a.csv", lines))
    assert [(r.income, r.expense) for r in ledger.rows] == [
        (Decimal("20000.00"), None),
        (None, Decimal("450.50")),
        (None, Decimal("4295.00")),
        (None, Decimal("4295.00")),
    ]


# ---------------------------------------------------------------- encodings and formats


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig", "utf-16"])
def test_encodings_give_equal_rows_and_digest(tmp_path: Path, encoding: str) -> None:
    original = read_clean(SETTLEMENTS / "xintiandi/funds/2025-Q4.csv")
    text = (SETTLEMENTS / "xintiandi/funds/2025-Q4.csv").read_text(encoding="utf-8-sig")
    if encoding == "utf-16":  # Excel's "Unicode text": tab separated
        text = "\n".join("\t".join(cells) for cells in csv.reader(io.StringIO(text, newline="")))
    path = tmp_path / "2025-Q4.csv"
    path.write_bytes(text.encode(encoding))
    ledger = read_clean(path)
    assert ledger.rows == original.rows
    assert ledger.digest() == original.digest()


def test_gb18030_only_characters(tmp_path: Path) -> None:
    summary = "𫖯先生家中水管维修"  # 𫖯 is outside GBK
    line = EXPENSE.replace("购买办公用品", summary)
    path = write_text(tmp_path, "a.csv", [HEADER, line], encoding="gb18030")
    with pytest.raises(UnicodeEncodeError):
        summary.encode("gbk")
    assert read_clean(path).rows[0].summary == summary


def test_short_gbk_file_is_read_right(tmp_path: Path) -> None:
    path = write_text(tmp_path, "a.csv", [HEADER, INCOME, EXPENSE], encoding="gbk")
    assert read_clean(path).rows[1].summary == "购买办公用品"


def test_utf8_with_a_pasted_gbk_word_is_not_read_as_gbk(tmp_path: Path) -> None:
    raw = "\n".join([HEADER, INCOME, EXPENSE, ""]).encode() + EXPENSE.encode("gbk")
    path = tmp_path / "a.csv"
    path.write_bytes(raw)
    _, report = read(path)
    assert [(p.code, p.line) for p in report.problems] == [("ledger.encoding", 4)]
    assert "UTF-8" in report.problems[0].message


def test_rows_are_numbered_as_excel_shows_them(tmp_path: Path) -> None:
    two_lines = INCOME.replace("收县财政拨付经费", '"收县财政\n拨付经费"')
    lines = [HEADER, two_lines, EXPENSE, "", EXPENSE.replace("2026-030", "2026-031")]
    ledger = read_clean(write_text(tmp_path, "a.csv", lines))
    assert [r.line for r in ledger.rows] == [2, 3, 5]
    assert ledger.rows[0].summary == "收县财政\n拨付经费"


def test_nothing_is_printed_or_warned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], recwarn: pytest.WarningsRecorder
) -> None:
    for build, *_ in BROKEN.values():
        read(build(tmp_path))
    read_clean(SETTLEMENTS / "xintiandi/funds/2026-Q2.xlsx")
    assert capsys.readouterr() == ("", "")
    assert not recwarn.list


@pytest.mark.parametrize("name", ["xintiandi/funds/2025-Q4.csv", "xintiandi/funds/2026-Q1.csv"])
def test_resaved_as_xlsx_gives_same_digest(tmp_path: Path, name: str) -> None:
    original = read_clean(SETTLEMENTS / name)
    again = read_clean(xlsx_of(original, tmp_path / "resaved.xlsx"))
    assert again.rows == original.rows
    assert again.digest() == original.digest()


def test_xlsx_prefers_ledger_sheet_and_skips_title(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表填写说明"])
    sheet = book.create_sheet("经费台账")
    sheet.append(["2026年第三季度经费明细"])
    sheet.append(HEADER.split(","))
    sheet.append([dt.datetime(2026, 7, 8), 2026029, "收拨款", None, "县财政预算拨付", 20000])
    sheet.append([None, None, "合计", None, None, 20000, None])
    sheet["H3"], sheet["I3"], sheet["J3"] = "刘某某", "陈某某", "张某某"
    book.save(tmp_path / "a.xlsx")
    ledger = read_clean(tmp_path / "a.xlsx")
    assert len(ledger.rows) == 1
    row = ledger.rows[0]
    assert (row.line, row.voucher, row.income, row.date) == (
        3,
        "2026029",
        Decimal("20000.00"),
        dt.date(2026, 7, 8),
    )


def test_xlsx_skips_a_hidden_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["旧数据"])
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("2026-Q3")
    for line in (HEADER, INCOME):
        sheet.append(line.split(","))
    book.save(tmp_path / "a.xlsx")
    assert read_clean(tmp_path / "a.xlsx").rows[0].voucher == "2026-029"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(SETTLEMENTS).as_posix())
def test_write_csv_round_trip(tmp_path: Path, path: Path) -> None:
    original = read_clean(path)
    out = tmp_path / "normalised.csv"
    write_csv(original.rows, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == HEADER
    for cells in list(csv.reader(io.StringIO(text, newline="")))[1:]:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[0])
        assert all(re.fullmatch(r"(\d+\.\d{2})?", c) for c in cells[5:7]), cells
    again = read_clean(out)
    assert again.rows == original.rows
    assert again.digest() == original.digest()
    frame = again.frame()
    assert list(frame.columns) == ["line", *ROW_KEYS, *EXTRA_KEYS]
    amounts = [v for v in [*frame["income"], *frame["expense"]] if v is not None]
    assert amounts and all(type(v) is Decimal for v in amounts)
    assert sum(amounts) == sum(totals(original)[1:])


def test_write_csv_escapes_formulas_and_round_trips(tmp_path: Path) -> None:
    row = LedgerRow(2, dt.date(2026, 7, 1), "+001", "=SUM(A1)", "", "'=x", Decimal("1.50"), None,
                    "@刘", "-陈", "张", "-")  # fmt: skip
    out = tmp_path / "a.csv"
    write_csv([row], out)
    cells = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig").splitlines()[1])))
    assert not any(re.match(r"[=+\-@]", c) for c in cells)
    (again,) = read_clean(out).rows
    assert again == row


def test_digest_changes_when_an_amount_changes(tmp_path: Path) -> None:
    one = read_clean(write_text(tmp_path, "a.csv", [HEADER, INCOME, EXPENSE]))
    two = read_clean(
        write_text(tmp_path, "b.csv", [HEADER, INCOME, EXPENSE.replace("450.50", "450.51")])
    )
    assert re.fullmatch(r"[0-9a-f]{64}", one.digest())
    assert one.digest() != two.digest()


# ---------------------------------------------------------------- every mistake


def csv_case(*lines: str) -> Callable[[Path], Path]:
    return lambda d: write_text(d, "2026-Q3.csv", list(lines))


def bytes_case(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        (d / name).write_bytes(data)
        return d / name

    return build


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(INCOME.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_case(*rows: list[object]) -> Callable[[Path], Path]:
    return lambda d: write_xlsx(d / "2026-Q3.xlsx", [HEADER.split(","), *rows])


BAD_EXPENSE = EXPENSE.split(",")
BROKEN = {
    # name: (build, code, line, column)
    "binary file as .csv": (bytes_case("2026-Q3.csv", xlsx_bytes()), "ledger.binary", 0, 0),
    "NUL bytes in .csv": (bytes_case("a.csv", b"\xe6\x97\xa5\x00\x01" * 9), "ledger.binary", 0, 0),
    "truncated xlsx": (bytes_case("a.xlsx", xlsx_bytes()[:700]), "ledger.unreadable", 0, 0),
    "csv named .xlsx": (bytes_case("a.xlsx", (HEADER + "\n").encode()), "ledger.unreadable", 0, 0),
    ".xls": (bytes_case("2026-Q3.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
             "ledger.format", 0, 0),
    ".txt": (bytes_case("2026-Q3.txt", (HEADER + "\n" + INCOME).encode()), "ledger.format", 0, 0),
    "undecodable bytes": (bytes_case("a.csv", (HEADER + "\n").encode("gbk") + b"\x80\xff\x80\n"),
                          "ledger.encoding", 2, 0),
    "unknown column": (csv_case(HEADER + ",附件张数", INCOME + ",2"),
                       "ledger.unknown_column", 1, 12),
    "金额 beside 收入 and 支出": (csv_case(HEADER + ",金额", INCOME + ",20000"),
                              "ledger.duplicate_column", 1, 12),
    "column without name": (xlsx_case([*INCOME.split(","), "多写的"]),
                            "ledger.unknown_column", 2, 12),
    "missing column": (csv_case(HEADER.replace("凭证号,", ""), INCOME.replace("2026-029,", "")),
                       "ledger.missing_column", 1, 0),
    "no income or expense column": (
        csv_case(HEADER.replace("收入,支出,", ""), INCOME.replace("20000.00,,", "")),
        "ledger.missing_column", 1, 0),
    "no header at all": (csv_case(INCOME, EXPENSE), "ledger.missing_column", 1, 0),
    "duplicate column": (csv_case(HEADER + ",摘要", INCOME + ",再写一遍"),
                         "ledger.duplicate_column", 1, 12),
    "both amounts": (csv_case(HEADER, INCOME, EXPENSE.replace(",,450.50", ",10,450.50")),
                     "ledger.both_amounts", 3, 7),
    "no amount": (csv_case(HEADER, INCOME.replace("20000.00", "")), "ledger.no_amount", 2, 6),
    "zero amount": (csv_case(HEADER, INCOME.replace("20000.00", "0.00")), "ledger.no_amount", 2, 6),
    "bad date": (csv_case(HEADER, INCOME, EXPENSE.replace("2026-07-20", "2026-02-30")),
                 "date.invalid", 3, 1),
    "bad date cell in xlsx": (xlsx_case(["7月20日", *BAD_EXPENSE[1:]]), "date.invalid", 2, 1),
    "bad amount": (csv_case(HEADER, INCOME, EXPENSE.replace("450.50", "约肆佰伍拾元")),
                   "amount.invalid", 3, 7),
    "amount with 3 decimals": (csv_case(HEADER, INCOME.replace("20000.00", "20000.005")),
                               "amount.too_precise", 2, 6),
    "negative amount": (csv_case(HEADER, EXPENSE.replace("450.50", "-450.50")),
                        "amount.negative", 2, 7),
    "xlsx float amount": (xlsx_case([*BAD_EXPENSE[:6], 0.1 + 0.2 + 1e-9, *BAD_EXPENSE[7:]]),
                          "amount.too_precise", 2, 7),
    "missing voucher": (csv_case(HEADER, INCOME, EXPENSE.replace("2026-030", "")),
                        "ledger.missing_value", 3, 2),
    "missing date": (csv_case(HEADER, EXPENSE.replace("2026-07-20", "")),
                     "ledger.missing_value", 2, 1),
    "expense without approver": (csv_case(HEADER, EXPENSE.replace("陈某某", "")),
                                 "ledger.missing_value", 2, 9),
    "balance row with amount": (csv_case(HEADER, "2026-07-01,,上期结余,,,5000.00,,,,,", INCOME),
                                "ledger.balance_row", 2, 3),
    "empty file": (bytes_case("a.csv", b""), "ledger.empty", 0, 0),
    "only blanks": (bytes_case("a.csv", b"\xef\xbb\xbf\r\n ,, \r\n"), "ledger.empty", 0, 0),
    "empty xlsx sheet": (lambda d: write_xlsx(d / "a.xlsx", []), "ledger.empty", 0, 0),
    "header only": (csv_case(HEADER), "ledger.empty", 1, 0),
    "header and total only": (csv_case(HEADER, ",,合计,,,0,0,,,,"), "ledger.empty", 1, 0),
    "short row": (csv_case(HEADER, INCOME, EXPENSE[:40]), "ledger.short_row", 3, 7),
    "long row": (csv_case(HEADER, EXPENSE.replace("购买办公用品", "购买纸,笔")),
                 "ledger.long_row", 2, 12),
    "unterminated quote": (csv_case(HEADER, INCOME, EXPENSE.replace("购买", '"购买'), INCOME),
                           "ledger.malformed", 3, 0),
    "text after a closing quote": (csv_case(HEADER, INCOME.replace("收县", '"收"县')),
                                   "ledger.malformed", 2, 0),
    "utf-8 cut inside a character": (
        bytes_case("a.csv", (HEADER + "\n" + INCOME + "\n" + EXPENSE).encode()[:-4]),
        "ledger.malformed", 3, 0),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_ledger(tmp_path: Path, case: str) -> None:
    build, code, line, column = BROKEN[case]
    path = build(tmp_path)
    ledger, report = read(path)
    assert ledger is None or not ledger.complete
    assert report.errors, case
    found = [(p.code, p.line, p.column) for p in report.errors]
    assert (code, line, column) in found, found


def test_bad_amount_reports_value_problem_with_place(tmp_path: Path) -> None:
    lines = [HEADER, INCOME, EXPENSE, EXPENSE.replace("450.50", "四百多元").replace("030", "031")]
    _, report = read(write_text(tmp_path, "2026-Q3.csv", lines))
    (problem,) = report.problems
    assert (problem.code, problem.line, problem.column) == ("amount.invalid", 4, 7)
    assert "四百多元" in problem.message
    assert problem.hint == VALUE_CODES["amount.invalid"][1]
    assert problem.place.endswith("2026-Q3.csv:4:7")


def test_every_problem_in_a_bad_file_is_reported(tmp_path: Path) -> None:
    lines = [
        HEADER,
        EXPENSE.replace("2026-07-20", "2026/13/1"),
        INCOME.replace("20000.00", "abc").replace("2026-029", ""),
        EXPENSE.replace(",,450.50", ",1,2"),
    ]
    _, report = read(write_text(tmp_path, "a.csv", lines))
    assert [(p.code, p.line, p.column) for p in report.problems] == [
        ("date.invalid", 2, 1),
        ("amount.invalid", 3, 6),
        ("ledger.missing_value", 3, 2),
        ("ledger.both_amounts", 4, 7),
    ]


def test_unknown_empty_column_and_income_only_rows_are_fine(tmp_path: Path) -> None:
    header = HEADER.replace("备注", "附件张数") + ",,"
    income_only = INCOME.replace("陈某某,张某某", ",") + ",,"
    ledger = read_clean(write_text(tmp_path, "a.csv", [header, income_only]))
    assert ledger.rows[0].approver == "" and ledger.rows[0].note == ""


def test_missing_file_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    ledger, report = read(tmp_path / "nowhere.csv")
    assert ledger is None and report.errors[0].code == "ledger.unreadable"


def test_codes_are_chinese_and_hint_lists_column_names() -> None:
    for code, (title, hint) in LEDGER_CODES.items():
        assert code.startswith("ledger.")
        assert CHINESE.search(title) and CHINESE.search(hint)
    for names in COLUMNS.values():
        assert names[0] in LEDGER_CODES["ledger.unknown_column"][1]


# ---------------------------------------------------------------- random input never raises


def read_bytes_as(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"ledger{suffix}"
        path.write_bytes(data)
        ledger, report = read(path)
        assert (ledger is not None and ledger.complete) == (not report.errors)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx"]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    read_bytes_as(data, suffix)


LEDGER_TEXT = st.lists(
    st.lists(
        st.sampled_from([*HEADER.split(","), *EXPENSE.split(","), "合计", "", " ", '"',
                         '"a,b"', "1,2", "12.345", "-5", "0.12万", "2026/7/8", "上期结余", "\n",
                         "\r", "'="]),
        max_size=14,
    ).map(",".join),
    max_size=8,
).map("\n".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(LEDGER_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "gbk", "utf-16"]))
def test_random_ledger_like_text_never_raises(text: str, encoding: str) -> None:
    read_bytes_as(text.encode(encoding), ".csv")


XLSX = xlsx_bytes()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(XLSX)),
    st.lists(st.tuples(st.integers(0, len(XLSX) - 1), st.integers(0, 255)), max_size=5),
)
def test_damaged_xlsx_never_raises(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(XLSX)
    for at, value in flips:
        data[at] = value
    read_bytes_as(bytes(data[: max(cut, 1)]), ".xlsx")


TEXT = st.text(alphabet="甲乙丙丁刘陈张 abc123,.\"'=+-@\n", min_size=1, max_size=12).map(str.strip)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
            st.decimals(Decimal("0.01"), Decimal("999999999.99"), places=2),
            st.booleans(),
            st.lists(TEXT.filter(bool), min_size=5, max_size=5),
            st.lists(TEXT, min_size=2, max_size=2),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_write_csv_round_trip_of_any_rows(rows: list[tuple]) -> None:
    ledger_rows = [
        LedgerRow(line, day, texts[0], texts[1], extra[0], texts[2],
                  None if spent else amount, amount if spent else None,
                  texts[3], texts[4], texts[4] + "乙", extra[1])
        for line, (day, amount, spent, texts, extra) in enumerate(rows, 2)
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        write_csv(ledger_rows, path)
        ledger = read_clean(path)
    assert ledger.rows == tuple(ledger_rows)
    assert ledger.digest() == Ledger(path, tuple(ledger_rows)).digest()
