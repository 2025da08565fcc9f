"""Downloads of a published table: CSV with BOM and .xlsx, the same bytes for the same rows."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
from conftest import missing
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.tables import _sheet_title, csv_bytes, xlsx_bytes

ROWS = [
    ["2026-07-01", "=HYPERLINK(\"http://x\")", Decimal("1234.50"), 3, dt.date(2026, 7, 1)],
    ["2026-07-02", "@SUM(A1)", Decimal("0.05"), 1, None],
]
HEADERS = ["日期", "摘要", "金额（元）", "人数", "日期2"]


def test_csv_opens_in_chinese_and_runs_no_formula() -> None:
    data = csv_bytes(HEADERS, ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "日期,摘要,金额（元）,人数,日期2"
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert ",1234.50,3,2026-07-01\r\n" in text


def test_xlsx_holds_amounts_as_numbers_and_text_as_text() -> None:
    data = xlsx_bytes("2026年7月:台账", HEADERS, ROWS)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "2026年7月_台账"
    assert [c.value for c in sheet[1]] == HEADERS
    first = sheet[2]
    assert first[1].value.startswith("=") and first[1].data_type == "s"
    assert Decimal(str(first[2].value)) == Decimal("1234.50")
    assert first[2].number_format == "#,##0.00"
    assert first[3].value == 3


def test_the_same_rows_give_the_same_bytes() -> None:
    one = xlsx_bytes("台账", HEADERS, ROWS)
    two = xlsx_bytes("台账", HEADERS, ROWS)
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        # every member dated XlsxWriter's fixed 1980-01-01, never the time of writing
        assert {m.date_time for m in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert xlsx_bytes("台账", HEADERS, ROWS[:1]) != one


def test_the_xlsx_records_no_time_of_writing() -> None:
    """openpyxl's save stamps the current time as "modified": bytes would change every second."""
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes("台账", HEADERS, ROWS))) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core
    assert "2000-01-01T00:00:00Z</dcterms:created>" in core


def test_the_xlsx_reads_back_as_the_table() -> None:
    rows = [*ROWS, ["合计", "超过15位的金额", Decimal("1234567890123456.78"), 0, None]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("台账", HEADERS, rows))).active
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    assert sheet.freeze_panes == "A2"  # the header row stays in view
    # the longest text, two units a character: shown 44 wide (stored with Excel's padding)
    assert 44 <= sheet.column_dimensions["B"].width < 45
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [
        ["2026-07-01", '=HYPERLINK("http://x")', 1234.5, 3, "2026-07-01"],
        ["2026-07-02", "@SUM(A1)", 0.05, 1, None],
        ["合计", "超过15位的金额", "1234567890123456.78", 0, None],  # beyond 15 digits: text
    ]
    assert [cell.data_type for cell in sheet[3]][:4] == ["s", "s", "n", "n"]


def test_libreoffice_opens_the_xlsx_as_residents_see_it(tmp_path: Path) -> None:
    """An independent spreadsheet (LibreOffice Calc, headless) shows the cells as written:
    the money format, text that looks like a formula as text, blank cells blank."""
    soffice = shutil.which("soffice")
    if soffice is None:
        missing("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    rows = [*ROWS, ["合计", "超过15位的金额", Decimal("1234567890123456.78"), 0, None]]
    (tmp_path / "table.xlsx").write_bytes(xlsx_bytes("台账", HEADERS, rows))
    # CSV, UTF-8, cells as shown (token 9), formulas not exported (token 10)
    csv_filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"
    subprocess.run(
        [soffice, "--headless", "--convert-to", csv_filter, "--outdir", str(tmp_path),
         str(tmp_path / "table.xlsx")],
        env={**os.environ, "HOME": str(tmp_path)},  # its profile: not the user's
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    shown = (tmp_path / "table.csv").read_text(encoding="utf-8").splitlines()
    assert shown == [
        "日期,摘要,金额（元）,人数,日期2",
        '2026-07-01,"=HYPERLINK(""http://x"")","1,234.50",3,2026-07-01',
        "2026-07-02,@SUM(A1),0.05,1,",
        "合计,超过15位的金额,1234567890123456.78,0,",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_title_makes_a_sheet_excel_accepts(title: str) -> None:
    """Whatever the table is called: ≤ 31 UTF-16 units (𠮷 counts two), none of
    []:*?/\\, no apostrophe first or last, not Excel's reserved "History"."""
    name = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(title, HEADERS, ROWS[:1]))).active.title
    assert 0 < len(name.encode("utf-16-le")) <= 62
    assert not set(name) & set("[]:*?/\\")
    assert not name.startswith("'") and not name.endswith("'")
    assert name.casefold() != "history"


def test_long_titles_are_cut_to_what_excel_holds() -> None:
    assert _sheet_title("𠮷" * 20) == "𠮷" * 15  # 30 units; a 16th would make 32
    assert _sheet_title("台账" * 20) == ("台账" * 20)[:31]
    assert _sheet_title("x" * 30 + "'y") == "x" * 30  # cut, then no apostrophe last
    assert _sheet_title("History") == "History_"
    assert _sheet_title("''") == "Sheet1"


PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(PRINTABLE, max_size=40), min_size=1, max_size=5))
def test_any_text_in_a_cell_reads_back(texts: list[str]) -> None:
    rows = [[text, Decimal("1.00"), 1, None, None] for text in texts]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("台账", HEADERS, rows))).active
    got = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert got == [text or None for text in texts]  # an empty text: a blank cell


def test_control_characters_leave_a_valid_file() -> None:
    """XML cannot hold them: XlsxWriter writes each as OOXML's _xHHHH_ escape (and a
    literal "_x0041_" as _x005F_x0041_), so the file still opens."""
    rows = [["a\x1fb", "_x0041_", Decimal("1.00"), 1, None]]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes("台\x07账", HEADERS, rows))).active
    assert sheet.title == "台_账"
    assert [c.value for c in sheet[2]][1:4] == ["_x0041_", 1, 1]
