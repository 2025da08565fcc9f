"""Quarterly fund ledgers (经费台账): a .csv or .xlsx file → checked rows with exact amounts.

Staff export ledgers from Excel/WPS, so a CSV may be UTF-8 (with or without BOM), GBK or
GB18030, and an .xlsx has real date cells and numeric amounts. Everything that can be wrong in
such a file becomes a Chinese problem in the Report (file, row as staff see it, column); nothing
is printed and nothing raises. Rules that need other files (dates inside the quarter, sources
and categories from account.yml, vouchers unique across quarters) are checked elsewhere.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import hashlib
import io
import json
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Report, codes
from generator.read.files import Refused, read_bytes
from generator.read.values import ValueProblem, parse_amount, parse_date

if TYPE_CHECKING:
    import pandas  # imported where a frame is made: 0.3 s that most commands never need

# canonical key -> accepted header names: Chinese canonical, English, then synonyms. Headers are
# compared after NFKC, case folding, dropping spaces/_-.:*# and a unit suffix such as （元）.
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date", "记账日期", "发生日期", "业务日期", "交易日期", "时间"),
    "voucher": ("凭证号", "voucher", "凭证编号", "凭证", "凭证字号", "单据号", "票据号",
                "voucher no", "voucher number"),
    "summary": ("摘要", "summary", "事由", "摘要说明", "收支内容", "内容", "用途", "description"),
    "category": ("类别", "category", "支出类别", "经费类别", "科目", "分类", "类型"),
    "source": ("资金来源", "source", "来源", "经费来源", "fund source", "funding source",
               "source of funds"),
    "income": ("收入", "income", "收入金额", "收款", "收款金额", "receipts"),
    "expense": ("支出", "expense", "支出金额", "付款", "付款金额", "expenses", "expenditure"),
    "handler": ("经办人", "handler", "经手人", "经办", "handled by"),
    "approver": ("审批人", "approver", "批准人", "审批", "approved by"),
    "countersigner": ("审签人", "countersigner", "会签人", "审签", "countersigned by",
                      "cosigner"),
    "note": ("备注", "note", "notes", "说明", "附注", "remark", "remarks", "memo"),
}  # fmt: skip
REQUIRED = ("date", "voucher", "summary", "source", "handler")  # a value in every row
REQUIRED_COLUMNS = (*REQUIRED, "approver", "countersigner")  # plus income and/or expense
SIGNERS = ("approver", "countersigner")  # required values in expense rows (双签字)
IGNORED = ("序号", "行号", "余额", "结余", "balance")  # columns staff add that carry no data

_NAMES = "、".join(f"{names[0]}（{names[1]}）" for names in COLUMNS.values())
LEDGER_CODES: dict[str, tuple[str, str]] = codes({
    "ledger.binary": ("台账不是文本文件",
                      "可能是 Excel 文件改了扩展名，请另存为 CSV 或改用 .xlsx。"),
    "ledger.encoding": ("台账文件的编码无法识别", "请在 Excel/WPS 中另存为"
                        "“CSV UTF-8（逗号分隔）”，或者直接提交 .xlsx 文件。"),
    "ledger.unreadable": ("台账文件无法打开", "请用 Excel/WPS 打开确认文件完好，"
                          "再另存为 .xlsx（不要设置打开密码）后重新提交。"),
    "ledger.format": ("台账文件的格式不支持", "台账只能是 .csv 或 .xlsx 文件；"
                      "旧版 .xls 或 WPS 表格请在 Excel/WPS 中另存为 .xlsx。"),
    "ledger.empty": ("台账是空的", "请在表头下面逐行填写本季度的每一笔收入和支出。"),
    "ledger.unknown_column": ("台账中有不认识的列",
                              f"台账能用的列名：{_NAMES}。列名写错的请改正，多余的列请删除。"),
    "ledger.missing_column": ("台账缺少必需的列", "表头必须有日期、凭证号、摘要、资金来源、经办人、"
                              "审批人、审签人，以及收入、支出两列（至少一列）；可复制示例台账的表头。"),
    "ledger.duplicate_column": ("台账中同一列出现了两次",
                                "每一列只能有一次，请删除或合并重复的列。"),
    "ledger.missing_value": ("台账中必填的内容没有填写", "每行都要填日期、凭证号、摘要、资金来源和"
                             "经办人；支出还要填审批人和审签人（双签字）。"),
    "ledger.both_amounts": ("同一行既有收入又有支出", "每行只记一笔钱：收入写在“收入”列，"
                            "支出写在“支出”列，另一列留空；请拆成两行。"),
    "ledger.no_amount": ("这一行没有金额", "请在“收入”或“支出”列中填写这笔钱的金额（不能是 0）。"),
    "ledger.short_row": ("这一行的格数比表头少", "文件可能没有传完整，或者这一行少了逗号；"
                         "请用 Excel/WPS 打开检查后重新另存为 CSV。"),
    "ledger.long_row": ("这一行的格数比表头多", "可能是某一格的文字里有英文逗号却没有加英文双引号；"
                        "请用 Excel/WPS 打开检查后重新另存为 CSV，或把逗号改成中文逗号“，”。"),
    "ledger.malformed": ("CSV 文件格式有误", "常见原因是英文双引号没有成对，或者文件没有传完整；"
                         "请用 Excel/WPS 打开检查后重新另存为 CSV。"),
    "ledger.balance_row": ("台账中有余额行", "期初余额写在季度文件的 opening_balance 中，"
                           "期末余额由网站计算；台账中请删除这一行。"),
})  # fmt: skip


@dataclass(frozen=True)
class LedgerRow:
    """One income or expense as written in the ledger; line is the row staff see."""

    line: int
    date: dt.date | None
    voucher: str
    summary: str
    category: str
    source: str
    income: Decimal | None
    expense: Decimal | None
    handler: str
    approver: str
    countersigner: str
    note: str
    columns: dict[str, int] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Ledger:
    """A ledger file's rows; complete when it read without any error.

    An incomplete ledger keeps the rows that could be read, so the fund rules still
    check them; it is never published or summed.
    """

    path: Path
    rows: tuple[LedgerRow, ...]
    complete: bool = True

    def frame(self) -> pandas.DataFrame:
        """One row per LedgerRow, columns named by canonical key; amounts stay Decimal."""
        import pandas as pd

        data = {"line": pd.Series([r.line for r in self.rows], dtype="int64")}
        for key in COLUMNS:
            data[key] = pd.Series([getattr(r, key) for r in self.rows], dtype=object)
        return pd.DataFrame(data)

    def digest(self) -> str:
        """sha256 of the rows' content: the same whatever the file's format, encoding or layout."""
        rows = [[_canonical(getattr(r, key)) for key in COLUMNS] for r in self.rows]
        blob = json.dumps(["ledger/1", rows], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _canonical(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def write_csv(rows: Iterable[LedgerRow], path: Path) -> None:
    """The normalised ledger: UTF-8 with BOM, Chinese headers, ISO dates, amounts like 1234.50."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([names[0] for names in COLUMNS.values()])
    for row in rows:
        cells = [_canonical(getattr(row, key)) for key in COLUMNS]
        writer.writerow([_FORMULA.sub("'", c) for c in cells])  # no formula when opened
    Path(path).write_text(out.getvalue(), encoding="utf-8-sig", newline="")


# ---------------------------------------------------------------- cells and names

_FORMULA = re.compile(r"^(?='*[=+\-@\t\r])")  # text Excel would run as a formula: prefix '
_UNFORMULA = re.compile(r"^'(?='*[=+\-@\t\r])")  # write_csv's escape, undone on reading
_DASH = re.compile(r"[-—–―/\\]+|[¥$][-—–―]+")  # Excel's accounting zero, or "nothing here"
_TOTAL = re.compile(
    r"(?:本[月季年期页]度?|第?[一二三四1-4]季度|全年)?(?:合计|总计|小计|累计|月计|季计):?"
)
_BALANCE = re.compile(
    r"(?:上[期季月年]度?|期初|年初|本期|期末)(?:结余|余额|结转|结存)|承前页|过次页"
)


def _text(cell: object) -> str:
    """A cell as the text staff see in it, trimmed."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    return str(cell).strip()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _norm(name: str) -> str:
    """A header name in the form used to look it up."""
    text = _squash(name).casefold()
    text = re.sub(r"(?:[(\[【](?:单位:?)?(?:人民币)?(?:元|¥|rmb|cny|yuan)[)\]】]|/元)$", "", text)
    return re.sub(r"[_\-.·:*#]", "", text)


_LOOKUP = {_norm(name): key for key, names in COLUMNS.items() for name in names}
_IGNORED = {_norm(name) for name in IGNORED}


def _known(cells: list[object]) -> int:
    return sum(_norm(_text(c)) in _LOOKUP for c in cells)


# ---------------------------------------------------------------- files → grids of cells

Grid = list[tuple[int, list[object]]]  # (line or Excel row, cells)
_BOM16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


class _Stop(Exception):
    """A problem with the whole file: nothing more can be read from it."""

    def __init__(self, code: str, message: str, line: int = 0) -> None:
        super().__init__(code, message, line)
        self.code, self.message, self.line = code, message, line


def _read_grid(path: Path, root: Path | None, add: Callable[..., None]) -> tuple[Grid, bool]:
    """The file's rows of cells and whether it is a CSV; _Stop if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".et"):
        raise _Stop("ledger.format", f"台账是旧版表格格式（{suffix}），无法读取，请另存为 .xlsx")
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        shown = suffix or "没有扩展名"
        raise _Stop("ledger.format", f"台账只能是 .csv 或 .xlsx 文件，这个文件是「{shown}」")
    try:
        raw = read_bytes(path, root, "ledger")
    except Refused as refused:
        raise _Stop(refused.code, refused.message) from None
    except OSError as exc:
        raise _Stop("ledger.unreadable", f"无法读取台账文件：{exc.strerror or exc}") from None
    if not raw.strip():
        raise _Stop("ledger.empty", "台账文件是空的")
    if suffix != ".csv":
        return _xlsx_grid(raw), False
    if raw.startswith(_SIGNATURES) or (b"\x00" in raw[:4096] and not raw.startswith(_BOM16)):
        raise _Stop("ledger.binary", "这个 .csv 文件不是文本，而是 Excel 表格或其他二进制文件")
    return _csv_grid(raw, add), True


def _mostly_utf8(raw: bytes) -> bool:
    """UTF-8 with a few damaged bytes (GBK read as UTF-8 yields hardly any Chinese)."""
    text = raw.decode("utf-8", errors="replace")
    chinese = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
    damaged = sum("\ufffd" in run for run in re.findall(r"[\ufffd\u0080-\u2fff]+", text))
    return chinese >= 3 * max(damaged, 1)


def _decode(raw: bytes) -> tuple[str, bool]:
    """The text of a CSV and whether its last character was cut off; _Stop if undecodable."""
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
    raise _Stop("ledger.encoding", message, line)


_CSV_ERRORS = {  # csv.Error text -> what staff see
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
        why = next((w for k, w in _CSV_ERRORS.items() if k in str(exc)), f"无法读取（{exc}）")
        add("ledger.malformed", why, len(grid) + 1)
    else:
        if cut:
            add("ledger.malformed", "文件在这一行中途断开（最后一个字不完整）", len(grid))
    return grid


# an .xlsx is a zip: what it may unpack to, so that a small file cannot fill the memory
XLSX_UNPACKED = 100 * 1024 * 1024
XLSX_MEMBERS = 1000


def _check_zip(raw: bytes) -> None:
    """_Stop if the .xlsx would unpack to more than XLSX_UNPACKED (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: openpyxl's own failure says what it is
    unpacked = sum(member.file_size for member in members)
    if len(members) > XLSX_MEMBERS or unpacked > XLSX_UNPACKED:
        raise _Stop(
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
                    raise _Stop("ledger.empty", "表格中没有工作表")
                sheet = (named or sheets)[0]
                sheet.reset_dimensions()  # some writers record a wrong size; read every row
                return [
                    (n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)
                ]
            finally:
                book.close()
    except _Stop:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file; none may escape
        why = "这不是有效的 .xlsx 表格文件（可能是 CSV 或其他文件改了扩展名）"
        if raw.startswith(_SIGNATURES[:2]):
            why = "这个 .xlsx 文件已损坏或不完整（可能没有传完整）"
        elif raw.startswith(_SIGNATURES[2]):
            why = "这个 .xlsx 文件其实是旧版 .xls 格式，或者设置了打开密码"
        raise _Stop("ledger.unreadable", why) from None


# ---------------------------------------------------------------- grids → rows


@dataclass
class _Reader:
    path: Path
    report: Report
    is_csv: bool = True
    header_line: int = 0
    cols: dict[str, int] = field(default_factory=dict)  # key -> 0-based index
    named: dict[int, str] = field(default_factory=dict)  # unknown header names by index
    skip: set[int] = field(default_factory=set)  # ignored and duplicate columns
    width: int = 0  # the header's last named column
    stray: dict[int, int] = field(default_factory=dict)  # unknown column -> first line with data
    last_line: int = 0  # the last data row

    def add(self, code: str, message: str, line: int = 0, column: int = 0) -> None:
        hint = LEDGER_CODES[code][1] if code in LEDGER_CODES else ""  # else: the catalogue's
        self.report.add(code, message, self.path, line, column, hint)

    def header(self, line: int, cells: list[object]) -> bool:
        """Map the header's columns; False if this is no header at all."""
        self.header_line = line
        if _known(cells) == 0:
            self.add(
                "ledger.missing_column", "找不到表头：这一行应是列名（日期、凭证号、摘要…）", line
            )
            return False
        for idx, name in enumerate(_text(c) for c in cells):
            if not name:
                continue
            self.width, key = idx + 1, _LOOKUP.get(_norm(name))
            if key is None and _norm(name) in _IGNORED:
                self.skip.add(idx)
            elif key is None:
                self.named[idx] = name
            elif key in self.cols:
                first = self.cols[key] + 1
                message = f"“{name}”与第 {first} 列重复，都是“{COLUMNS[key][0]}”列"
                self.add("ledger.duplicate_column", message, line, idx + 1)
                self.skip.add(idx)
            else:
                self.cols[key] = idx
        strange = "、".join(f"「{n}」" for n in self.named.values())
        aside = f"（表头中有不认识的列名：{strange}）" if strange else ""
        for key in REQUIRED_COLUMNS:
            if key not in self.cols:
                self.add("ledger.missing_column", f"缺少“{COLUMNS[key][0]}”列{aside}", line)
        if "income" not in self.cols and "expense" not in self.cols:
            self.add("ledger.missing_column", f"缺少“收入”和“支出”列（至少要有一列）{aside}", line)
        return True

    def cell(self, cells: list[object], key: str) -> object:
        idx = self.cols.get(key)
        return cells[idx] if idx is not None and idx < len(cells) else None

    def text(self, cells: list[object], key: str) -> str:
        text = _text(self.cell(cells, key))
        return _UNFORMULA.sub("", text) if key not in ("date", "income", "expense") else text

    def parse(self, cells: list[object], key: str, line: int) -> tuple[object, bool]:
        """(value or None if empty, whether it could be read)."""
        cell, text = self.cell(cells, key), self.text(cells, key)
        amount = key != "date"
        if not text or (amount and _DASH.fullmatch(_squash(text))):
            return None, True
        native = isinstance(cell, int | float) if amount else isinstance(cell, dt.date)
        try:
            value = (parse_amount if amount else parse_date)(cell if native else text)
        except ValueProblem as p:
            self.report.add(p.code, p.message, self.path, line, self.cols[key] + 1, p.hint)
            return None, False
        return (None if amount and not value else value), True

    def row(self, line: int, cells: list[object]) -> LedgerRow | None:
        texts = [_text(c) for c in cells]
        if not any(t for i, t in enumerate(texts) if i not in self.skip):
            return None  # an empty row, or one with only a 序号
        summary = self.text(cells, "summary")
        labels = (self.text(cells, key) for key in ("date", "voucher", "summary"))
        if any(_TOTAL.fullmatch(_squash(label)) for label in labels):
            return None  # a 合计 row staff added: the site sums the rows itself
        self.last_line = line
        if self.is_csv and len(cells) < self.width:
            missing = self.width - len(cells)
            message = f"这一行只有 {len(cells)} 格，比表头少 {missing} 格"
            self.add("ledger.short_row", message, line, len(cells) + 1)
            return None
        if self.is_csv and any(texts[self.width :]):
            message = f"这一行有 {len(texts)} 格，比表头多 {len(texts) - self.width} 格"
            self.add("ledger.long_row", message, line, self.width + 1)
            return None
        for idx, text in enumerate(texts):
            if text and idx not in self.skip and idx not in self.cols.values():
                self.stray.setdefault(idx, line)
        date, _ = self.parse(cells, "date", line)
        income, income_ok = self.parse(cells, "income", line)
        expense, expense_ok = self.parse(cells, "expense", line)
        if _BALANCE.fullmatch(_squash(summary)):
            if income or expense or not (income_ok and expense_ok):
                message = f"“{summary}”是余额，不是一笔收入或支出"
                self.add("ledger.balance_row", message, line, self.cols["summary"] + 1)
            return None
        if income_ok and expense_ok:
            self.check_amounts(line, income, expense)
        required = REQUIRED + (SIGNERS if expense is not None or not expense_ok else ())
        for key in required:
            if key in self.cols and not self.text(cells, key):
                why = "（支出须审批人、审签人双签字）" if key in SIGNERS else ""
                message = f"“{COLUMNS[key][0]}”没有填写{why}"
                self.add("ledger.missing_value", message, line, self.cols[key] + 1)
        fields = {key: self.text(cells, key) for key in COLUMNS}
        fields |= {"date": date, "income": income, "expense": expense}
        places = {key: idx + 1 for key, idx in self.cols.items()}
        return LedgerRow(line=line, columns=places, **fields)

    def check_amounts(self, line: int, income: object, expense: object) -> None:
        column = self.cols.get("income", self.cols.get("expense", -1)) + 1
        if income is not None and expense is not None:
            message = f"这一行同时写了收入 {income} 元和支出 {expense} 元"
            self.add("ledger.both_amounts", message, line, self.cols["expense"] + 1)
        elif income is None and expense is None:
            self.add("ledger.no_amount", "这一行的收入和支出都是空的（或为 0）", line, column)

    def finish(self, rows: list[LedgerRow]) -> None:
        """Problems that need every row: unknown columns with data, an empty ledger."""
        for idx, first in sorted(self.stray.items()):
            name = self.named.get(idx)
            if name is None:
                message = f"第 {idx + 1} 列有内容，但表头中没有列名"
                self.add("ledger.unknown_column", message, first, idx + 1)
                continue
            near = difflib.get_close_matches(_norm(name), _LOOKUP, n=1, cutoff=0.5)
            guess = f"，是不是“{COLUMNS[_LOOKUP[near[0]]][0]}”？" if near else ""
            self.add(
                "ledger.unknown_column", f"不认识的列名“{name}”{guess}", self.header_line, idx + 1
            )
        if not rows and not self.last_line:
            self.add("ledger.empty", "只有表头，下面没有任何收支记录", self.header_line)


def read_ledger(path: Path, report: Report) -> Ledger | None:
    """Read one ledger; every problem goes to the report.

    None when the file could not be read at all (or has no header); with mistakes in
    its rows, the rows that could be read, as an incomplete Ledger.
    """
    path = Path(path)
    before = len(report.errors)
    reader = _Reader(path, report)
    try:
        grid, reader.is_csv = _read_grid(path, report.root, reader.add)
        filled = [i for i, (_, cells) in enumerate(grid) if any(_text(c) for c in cells)]
        if not filled:
            raise _Stop("ledger.empty", "台账文件中没有任何内容")
    except _Stop as stop:
        reader.add(stop.code, stop.message, stop.line)
        return None
    # the header is the first non-empty row, unless a title row stands above it
    at = next((i for i in filled[:10] if _known(grid[i][1]) >= 3), filled[0])
    if not reader.header(*grid[at]):
        return None
    rows = [row for line, cells in grid[at + 1 :] if (row := reader.row(line, cells))]
    reader.finish(rows)
    return Ledger(path, tuple(rows), complete=len(report.errors) == before)
