"""A ledger file → its rows of cells: CSV in any encoding Excel or WPS writes, or .xlsx.

A file that cannot be read at all raises Unreadable with a code and a Chinese message;
smaller damage (an unclosed quote, a cut-off file) is reported and the rest is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from generator.read.files import Refused, read_bytes
from generator.read.ledger.formats import other_format, save_as_hint

Grid = list[tuple[int, list[object]]]  # (line or Excel row, cells)
_BOM16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class Unreadable(Exception):
    """A problem with the whole file: nothing more can be read from it."""

    def __init__(self, code: str, message: str, line: int = 0, hint: str = "") -> None:
        super().__init__(code, message, line, hint)
        self.code, self.message, self.line, self.hint = code, message, line, hint


def read_grid(path: Path, root: Path | None, add: Callable[..., None]) -> tuple[Grid, bool]:
    """The file's rows of cells and whether it is a CSV; Unreadable if it cannot be read."""
    suffix = path.suffix.lower()
    other = other_format(path.name)
    if other is not None:
        message = f"台账的格式是 {other.name}，网站程序读不了，请另存为 .xlsx"
        raise Unreadable("ledger.format", message, hint=save_as_hint(other, path.stem))
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        shown = suffix or "没有扩展名"
        raise Unreadable("ledger.format", f"台账只能是 .csv 或 .xlsx 文件，这个文件是「{shown}」")
    try:
        raw = read_bytes(path, root, "ledger")
    except Refused as refused:
        raise Unreadable(refused.code, refused.message) from None
    except OSError as exc:
        raise Unreadable("ledger.unreadable", f"无法读取台账文件：{exc.strerror or exc}") from None
    if not raw.strip():
        raise Unreadable("ledger.empty", "台账文件是空的")
    if suffix != ".csv":
        return _xlsx_grid(raw), False
    if raw.startswith(_SIGNATURES) or (b"\x00" in raw[:4096] and not raw.startswith(_BOM16)):
        raise Unreadable("ledger.binary", "这个 .csv 文件不是文本，而是 Excel 表格或其他二进制文件")
    return _csv_grid(raw, add), True


def _mostly_utf8(raw: bytes) -> bool:
    """UTF-8 with a few damaged bytes (GBK read as UTF-8 yields hardly any Chinese)."""
    text = raw.decode("utf-8", errors="replace")
    chinese = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
    damaged = sum("\ufffd" in run for run in re.findall(r"[\ufffd\u0080-\u2fff]+", text))
    return chinese >= 3 * max(damaged, 1)


def _decode(raw: bytes) -> tuple[str, bool]:
    """The text of a CSV and whether its last character was cut off; Unreadable if undecodable."""
    if raw.startswith(_BOM16):
        encodings: tuple[str, ...] = ("utf-16",)
    elif raw.startswith(codecs.BOM_UTF8) or _mostly_utf8(raw):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    failures = []
    for encoding in encodings:
        try:
            return raw.decode(encoding), False
        except UnicodeDecodeError as exc:
            failures.append(exc.start)
            if exc.end == len(raw) and re.search("end|incomplete|truncated", exc.reason):
                try:
                    return raw[: exc.start].decode(encoding), True
                except UnicodeDecodeError:
                    pass
    line = raw[: max(failures)].count(b"\n") + 1  # where the likelier encoding failed
    if len(encodings) > 1:
        message = f"第 {line} 行有无法识别的文字：文件既不是 UTF-8 也不是 GBK 编码，或者已经损坏"
    else:
        name = "UTF-16" if encodings[0] == "utf-16" else "UTF-8"
        message = f"第 {line} 行混入了无法识别的字节（文件其余部分是 {name} 编码）"
    raise Unreadable("ledger.encoding", message, line)


CSV_ERRORS = {  # csv.Error text -> what staff see
    "end of data": '这一行的英文双引号 " 没有配对，文件直到结尾都在引号里',
    "expected after": "这一行的英文双引号用法不对：引号括起的内容后面紧跟了其他文字",
    "field larger": "这一行有一格内容太长（常见原因是英文双引号没有配对）",
}


def _csv_grid(raw: bytes, add: Callable[..., None]) -> Grid:
    text, cut = _decode(raw)
    first = next((s for s in text.splitlines() if s.strip()), "")
    delimiter = "," if "," in first else max(",\t;", key=first.count)  # Excel "Unicode text": tabs
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    grid: Grid = []  # numbered by record, as Excel/WPS number the rows of a CSV
    try:
        for cells in reader:
            grid.append((len(grid) + 1, [c.strip() for c in cells]))
    except csv.Error as exc:
        why = next((w for k, w in CSV_ERRORS.items() if k in str(exc)), f"无法读取（{exc}）")
        add("ledger.malformed", why, len(grid) + 1)
    else:
        if cut:
            add("ledger.malformed", "文件在这一行中途断开（最后一个字不完整）", len(grid))
    return grid


# an .xlsx is a zip: what it may unpack to, so that a small file cannot fill the memory
XLSX_UNPACKED = 100 * 1024 * 1024
XLSX_MEMBERS = 1000


def _check_zip(raw: bytes) -> None:
    """Unreadable if the .xlsx would unpack to more than XLSX_UNPACKED (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: openpyxl's own failure says what it is
    unpacked = sum(member.file_size for member in members)
    if len(members) > XLSX_MEMBERS or unpacked > XLSX_UNPACKED:
        raise Unreadable(
            "ledger.unreadable",
            f"这个 .xlsx 文件解压后有 {unpacked // (1024 * 1024)} MB、{len(members)} 个部件，"
            "远超一份台账应有的大小（可能已损坏，或被人动过手脚）",
        )


def _xlsx_grid(raw: bytes) -> Grid:
    import openpyxl

    _check_zip(raw)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                sheets = [s for s in book.worksheets if getattr(s, "sheet_state", "") == "visible"]
                sheets = sheets or book.worksheets
                named = [s for s in sheets if re.search("台账|明细", s.title)]
                if not sheets:
                    raise Unreadable("ledger.empty", "表格中没有工作表")
                sheet = (named or sheets)[0]
                sheet.reset_dimensions()  # some writers record a wrong size; read every row
                return [
                    (n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)
                ]
            finally:
                book.close()
    except Unreadable:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file; none may escape
        why = "这不是有效的 .xlsx 表格文件（可能是 CSV 或其他文件改了扩展名）"
        if raw.startswith(_SIGNATURES[:2]):
            why = "这个 .xlsx 文件已损坏或不完整（可能没有传完整）"
        elif raw.startswith(_SIGNATURES[2]):
            why = "这个 .xlsx 文件其实是旧版 .xls 格式，或者设置了打开密码"
        raise Unreadable("ledger.unreadable", why) from None
