"""A ledger's rows of cells → checked LedgerRows: the header found, every cell read.

Everything that can be wrong becomes a Chinese problem in the Report (file, row as
staff see it, column); nothing raises. Rules that need other files (dates inside the
quarter, sources and categories from account.yml, vouchers unique across quarters)
are checked in generator/checks/funds.py.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Report
from generator.read.ledger.columns import (
    BALANCE,
    COLUMNS,
    DASH,
    IGNORED_NAMES,
    LEDGER_CODES,
    LOOKUP,
    REQUIRED,
    REQUIRED_COLUMNS,
    SIGNERS,
    TOTAL,
    UNFORMULA,
    cell_text,
    known,
    norm,
    squash,
)
from generator.read.ledger.grid import Unreadable, read_grid
from generator.read.ledger.rows import Ledger, LedgerRow
from generator.read.values import ValueProblem, parse_amount, parse_date


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
        if known(cells) == 0:
            self.add(
                "ledger.missing_column", "找不到表头：这一行应是列名（日期、凭证号、摘要…）", line
            )
            return False
        for idx, name in enumerate(cell_text(c) for c in cells):
            if not name:
                continue
            self.width, key = idx + 1, LOOKUP.get(norm(name))
            if key is None and norm(name) in IGNORED_NAMES:
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
        text = cell_text(self.cell(cells, key))
        return UNFORMULA.sub("", text) if key not in ("date", "income", "expense") else text

    def parse(self, cells: list[object], key: str, line: int) -> tuple[object, bool]:
        """(value or None if empty, whether it could be read)."""
        cell, text = self.cell(cells, key), self.text(cells, key)
        amount = key != "date"
        if not text or (amount and DASH.fullmatch(squash(text))):
            return None, True
        native = isinstance(cell, int | float) if amount else isinstance(cell, dt.date)
        try:
            value = (parse_amount if amount else parse_date)(cell if native else text)
        except ValueProblem as p:
            self.report.add(p.code, p.message, self.path, line, self.cols[key] + 1, p.hint)
            return None, False
        return (None if amount and not value else value), True

    def row(self, line: int, cells: list[object]) -> LedgerRow | None:
        texts = [cell_text(c) for c in cells]
        if not any(t for i, t in enumerate(texts) if i not in self.skip):
            return None  # an empty row, or one with only a 序号
        summary = self.text(cells, "summary")
        labels = (self.text(cells, key) for key in ("date", "voucher", "summary"))
        if any(TOTAL.fullmatch(squash(label)) for label in labels):
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
        if BALANCE.fullmatch(squash(summary)):
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
            near = difflib.get_close_matches(norm(name), LOOKUP, n=1, cutoff=0.5)
            guess = f"，是不是“{COLUMNS[LOOKUP[near[0]]][0]}”？" if near else ""
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
        grid, reader.is_csv = read_grid(path, report.root, reader.add)
        filled = [i for i, (_, cells) in enumerate(grid) if any(cell_text(c) for c in cells)]
        if not filled:
            raise Unreadable("ledger.empty", "台账文件中没有任何内容")
    except Unreadable as stop:
        reader.add(stop.code, stop.message, stop.line)
        return None
    # the header is the first non-empty row, unless a title row stands above it
    at = next((i for i in filled[:10] if known(grid[i][1]) >= 3), filled[0])
    if not reader.header(*grid[at]):
        return None
    rows = [row for line, cells in grid[at + 1 :] if (row := reader.row(line, cells))]
    reader.finish(rows)
    return Ledger(path, tuple(rows), complete=len(report.errors) == before)
