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
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal

from generator.read.ledger import FORMULA

Cell = str | int | Decimal | dt.date | None
_FIXED = dt.datetime(2000, 1, 1)  # the .xlsx's recorded creation date: never "now"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


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
    """
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _sheet_title(title)
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [max(len(h) * 2, 8) for h in headers]
    for number, row in enumerate(rows, 2):
        for column, value in enumerate(row, 1):
            shown = _text(value)
            cell = sheet.cell(row=number, column=column, value=value if _number(value) else shown)
            if isinstance(value, Decimal) and _number(value):
                cell.number_format = "#,##0.00"
            elif not _number(value):
                cell.data_type = "s"  # never a formula, whatever it starts with
            if column <= len(widths):
                widths[column - 1] = min(max(widths[column - 1], len(shown) * 2), 60)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    book.properties.created = book.properties.modified = _FIXED
    raw = io.BytesIO()
    # ExcelWriter, not book.save(): save_workbook stamps "modified" with the current time
    with _FixedZip(raw, "w") as archive:
        ExcelWriter(book, archive).save()
    return raw.getvalue()


def _number(cell: Cell) -> bool:
    if isinstance(cell, Decimal):
        return len(cell.as_tuple().digits) <= 15
    return isinstance(cell, int) and not isinstance(cell, bool)


def _sheet_title(title: str) -> str:
    """Excel's sheet-name rules: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return cleaned[:31] or "Sheet1"


class _FixedZip(zipfile.ZipFile):
    """An archive whose every member is dated 2000-01-01 and deflated at zlib's default
    level: equal tables are equal bytes. (It used to be written with today's dates, then
    copied member by member into such an archive: the same bytes, in two passes.)"""

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: bytes | str, *args: object
    ) -> None:
        if isinstance(zinfo_or_arcname, zipfile.ZipInfo) or args:
            raise TypeError("a member of a table's archive: a name and its data only")
        info = zipfile.ZipInfo(zinfo_or_arcname, _ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(info, data)

    def write(self, filename: object, arcname: object = None, *args: object) -> None:  # type: ignore[override]
        """openpyxl writes a worksheet from a temporary file: its content, as writestr would."""
        if not isinstance(arcname, str) or args:
            raise TypeError("a member of a table's archive: a file and its name only")
        with open(filename, "rb") as source:  # type: ignore[call-overload]
            self.writestr(arcname, source.read())
