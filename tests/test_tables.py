"""Downloads of a published table: CSV with BOM and .xlsx, the same bytes for the same rows."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl

from generator.pages.tables import csv_bytes, xlsx_bytes

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
        assert {m.date_time for m in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    assert xlsx_bytes("台账", HEADERS, ROWS[:1]) != one


def test_the_xlsx_records_no_time_of_writing() -> None:
    """openpyxl's save stamps the current time as "modified": bytes would change every second."""
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes("台账", HEADERS, ROWS))) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core
    assert "2000-01-01T00:00:00Z</dcterms:created>" in core


def test_the_xlsx_is_written_in_one_pass_as_it_was_in_two(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The archive is written with fixed dates at once: the bytes of writing it as openpyxl
    does (today's dates, file modes) and copying every member into a fixed-date archive."""
    from generator.pages import tables

    def two_passes(raw: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
            for member in source.infolist():
                info = zipfile.ZipInfo(member.filename, (2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, source.read(member.filename))
        return out.getvalue()

    rows = [*ROWS, *([f"第{n}行", "说明" * n, Decimal(n), n, None] for n in range(300))]
    one_pass = xlsx_bytes("台账", HEADERS, rows)

    def plain_zip(raw, mode):  # type: ignore[no-untyped-def]
        return zipfile.ZipFile(raw, mode, zipfile.ZIP_DEFLATED)

    monkeypatch.setattr(tables, "_FixedZip", plain_zip)
    assert one_pass == two_passes(xlsx_bytes("台账", HEADERS, rows))
