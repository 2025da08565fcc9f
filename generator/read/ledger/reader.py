"""A ledger's rows of cells → checked LedgerRows: the header found, every cell read.

Everything that can be wrong becomes a Chinese problem in the Report (file, row as
staff see it, column); nothing raises. Rules that need other files (dates inside the
period, sources and categories from account.yml, vouchers unique, signatures by amount,
balances) are checked in generator/checks/funds.py.

Layouts, told apart by their headers: version 1's 收入/支出 columns (借方/贷方 are the same
two), one 金额 column with a 收支 column, and a notice board's posting of 开支项目 and 金额
only (no dates, vouchers or signatures: every row an expense). A 合计 row is checked
against the rows above it, never counted; a 余额 column is kept to be checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.errors import Report
from generator.read.ledger.columns import (
    BALANCE,
    COLUMNS,
    DASH,
    EXTRA_KEYS,
    IGNORED_NAMES,
    LEDGER_CODES,
    LOOKUP,
    ROW_KEYS,
    SIGNATURE_COLUMNS,
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

DIRECTIONS = {  # what a 收支 cell may say
    "收": "income", "收入": "income", "入": "income", "进": "income", "+": "income",
    "income": "income", "in": "income",
    "支": "expense", "支出": "expense", "出": "expense", "付": "expense", "-": "expense",
    "expense": "expense", "out": "expense",
}  # fmt: skip


@dataclass(frozen=True)
class Expect:
    """What the account asks of its ledgers' columns (see Account in contract/funds.py).

    The default is version 1's 双签字 with a 资金来源 column; without a readable account,
    nothing beyond a ledger's own shape is asked (the checks that need it say they wait).
    """

    signatures: tuple[str, ...] = ("approver", "countersigner")  # signed on every expense
    signature_columns: tuple[str, ...] = ("approver", "countersigner")  # columns that must exist
    source: bool = True  # a 资金来源 column is required
    fund: bool = False  # a 专项 column is required (the account has sub-funds)


LOOSE = Expect(signatures=(), signature_columns=(), source=False)


@dataclass
class _Reader:
    path: Path
    report: Report
    expect: Expect = field(default_factory=Expect)
    is_csv: bool = True
    layout: str = "ledger"
    opening: tuple[int, Decimal] | None = None
    since_total: list[LedgerRow] = field(default_factory=list)  # rows since the last 小计
    all_rows: list[LedgerRow] = field(default_factory=list)
    row_errors: int = 0
    header_line: int = 0
    cols: dict[str, int] = field(default_factory=dict)  # key -> 0-based index
    named: dict[int, str] = field(default_factory=dict)  # unknown header names by index
    skip: set[int] = field(default_factory=set)  # ignored and duplicate columns
    width: int = 0  # the header's last named column
    stray: dict[int, int] = field(default_factory=dict)  # unknown column -> first line with data
    last_line: int = 0  # the last data row

    def add(
        self, code: str, message: str, line: int = 0, column: int = 0, hint: str = ""
    ) -> None:
        if not hint:
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
        money = {"income", "expense", "amount"} & self.cols.keys()
        if not {"date", "voucher"} & self.cols.keys() and "income" not in self.cols and money:
            self.layout = "board"  # 序号, 开支项目, 金额（元）: a notice board's posting
        for key in self.required_columns():
            if key not in self.cols:
                self.add("ledger.missing_column", f"缺少“{COLUMNS[key][0]}”列{aside}", line)
        if not money:
            self.add("ledger.missing_column", f"缺少“收入”和“支出”列（至少要有一列）{aside}", line)
        elif "amount" in self.cols and {"income", "expense"} & self.cols.keys():
            message = "“金额”列和“收入/支出”列只能用一种：要么收入、支出分两列，要么金额加收支"
            self.add("ledger.duplicate_column", message, line, self.cols["amount"] + 1)
        elif self.layout == "ledger" and "amount" in self.cols and "direction" not in self.cols:
            message = f"有“金额”列时还要有“收支”列，写明每一笔是收还是支{aside}"
            self.add("ledger.missing_column", message, line)
        return True

    def required_columns(self) -> tuple[str, ...]:
        if self.layout == "board":
            return ("summary",)
        keys = ("date", "voucher", "summary", "handler", *self.expect.signature_columns)
        return keys + ("source",) * self.expect.source + ("fund",) * self.expect.fund

    def required_values(self, expense: bool) -> tuple[str, ...]:
        if self.layout == "board":
            return ("summary",)
        keys = ("date", "voucher", "summary", "handler")
        keys += ("source",) * self.expect.source + ("fund",) * self.expect.fund
        return keys + (self.expect.signatures if expense else ())

    def cell(self, cells: list[object], key: str) -> object:
        idx = self.cols.get(key)
        return cells[idx] if idx is not None and idx < len(cells) else None

    def text(self, cells: list[object], key: str) -> str:
        text = cell_text(self.cell(cells, key))
        numeric = ("date", "income", "expense", "amount", "balance")
        return UNFORMULA.sub("", text) if key not in numeric else text

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
        return (None if amount and not value and key != "balance" else value), True

    def row(self, line: int, cells: list[object]) -> LedgerRow | None:
        texts = [cell_text(c) for c in cells]
        if not any(t for i, t in enumerate(texts) if i not in self.skip):
            return None  # an empty row, or one with only a 序号
        summary = self.text(cells, "summary")
        # a 合计 may stand in any text cell, a board's 序号 column too (计 or total first:
        # most cells are neither, and normalising every cell of every row costs)
        maybe = (t for t in texts if t and ("计" in t or "otal" in t.lower() or "sum" in t.lower()))
        total = next((squash(t) for t in maybe if TOTAL.fullmatch(squash(t))), None)
        if total is not None:
            self.check_total(line, cells, total)
            return None  # a 合计 row staff added: checked, never counted
        self.last_line = line
        if self.is_csv and len(cells) < self.width:
            missing = self.width - len(cells)
            message = f"这一行只有 {len(cells)} 格，比表头少 {missing} 格"
            self.add("ledger.short_row", message, line, len(cells) + 1)
            self.row_errors += 1
            return None
        if self.is_csv and any(texts[self.width :]):
            message = f"这一行有 {len(texts)} 格，比表头多 {len(texts) - self.width} 格"
            self.add("ledger.long_row", message, line, self.width + 1)
            self.row_errors += 1
            return None
        for idx, text in enumerate(texts):
            if text and idx not in self.skip and idx not in self.cols.values():
                self.stray.setdefault(idx, line)
        before = len(self.report.errors)
        date, _ = self.parse(cells, "date", line)
        income, expense, amounts_ok = self.amounts(cells, line)
        balance, _ = self.parse(cells, "balance", line)
        if BALANCE.fullmatch(squash(summary)):
            if income or expense or not amounts_ok:
                message = f"“{summary}”是余额，不是一笔收入或支出"
                self.add("ledger.balance_row", message, line, self.cols["summary"] + 1)
            elif balance is not None and self.opening is None and re.match("上|期初|年初", summary):
                self.opening = (line, balance)
            return None
        if amounts_ok:
            self.check_amounts(line, income, expense)
        for key in self.required_values(expense is not None or not amounts_ok):
            if key in self.cols and not self.text(cells, key):
                why = "（支出须按签字规则签字）" if key in SIGNATURE_COLUMNS else ""
                message = f"“{COLUMNS[key][0]}”没有填写{why}"
                self.add("ledger.missing_value", message, line, self.cols[key] + 1)
        self.row_errors += len(self.report.errors) > before
        fields = {key: self.text(cells, key) for key in (*ROW_KEYS, *EXTRA_KEYS)}
        fields |= {"date": date, "income": income, "expense": expense, "balance": balance}
        places = {key: idx + 1 for key, idx in self.cols.items()}
        if "amount" in self.cols:
            places.setdefault("income", places["amount"])
            places.setdefault("expense", places["amount"])
        row = LedgerRow(line=line, columns=places, **fields)
        self.since_total.append(row)
        self.all_rows.append(row)
        return row

    def amounts(self, cells: list[object], line: int) -> tuple[object, object, bool]:
        """(income, expense, whether both could be read), whatever the layout."""
        if "amount" not in self.cols:
            income, income_ok = self.parse(cells, "income", line)
            expense, expense_ok = self.parse(cells, "expense", line)
            return income, expense, income_ok and expense_ok
        amount, ok = self.parse(cells, "amount", line)
        if self.layout == "board" or "direction" not in self.cols:
            return None, amount, ok
        written = squash(self.text(cells, "direction")).casefold()
        side = DIRECTIONS.get(written)
        if side is None and (written or amount is not None):
            shown = f"写的是「{self.text(cells, 'direction')}」" if written else "没有填写"
            self.add("ledger.direction", f"“收支”{shown}，应写 收 或 支", line,
                     self.cols["direction"] + 1)  # fmt: skip
            return None, None, False
        return (amount, None, ok) if side == "income" else (None, amount, ok)

    def check_total(self, line: int, cells: list[object], label: str) -> None:
        """A 合计 row must equal the rows it sums: 小计/本月合计 since the last such row,
        合计/总计/本期合计 every row; 累计 reaches into earlier periods and is not checked."""
        rows = self.since_total if re.search("小计|月|sub", label, re.I) else None
        self.since_total = []
        if "累计" in label or self.row_errors:
            return  # a row that could not be read would make any sum wrong
        rows = rows if rows is not None else self.all_rows
        sums = {
            "income": sum((r.income for r in rows if r.income is not None), Decimal("0.00")),
            "expense": sum((r.expense for r in rows if r.expense is not None), Decimal("0.00")),
        }
        written: dict[str, object] = {}
        if "amount" in self.cols:
            side = DIRECTIONS.get(squash(self.text(cells, "direction")).casefold())
            kinds = [k for k in sums if any(getattr(r, k) is not None for r in rows)]
            if side is None and len(kinds) == 1:
                side = kinds[0]
            elif side is None and self.layout == "board":
                side = "expense"
            if side:
                written[side], _ = self.parse(cells, "amount", line)
        else:
            for key in ("income", "expense"):
                if key in self.cols and self.text(cells, key):
                    written[key], _ = self.parse(cells, key, line)
        for key, value in written.items():
            shown = value if value is not None else Decimal("0.00")
            if (value is not None and value != sums[key]) or (value is None and sums[key]):
                what = "收入" if key == "income" else "支出"
                message = (
                    f"“{label}”行写的{what}是 {shown} 元，但上面各行的{what}相加是 {sums[key]} 元"
                )
                column = self.cols.get(key, self.cols.get("amount", -1)) + 1
                self.add("ledger.total", message, line, column)

    def check_amounts(self, line: int, income: object, expense: object) -> None:
        column = self.cols.get("income", self.cols.get("expense", self.cols.get("amount", -1))) + 1
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


def read_ledger(path: Path, report: Report, expect: Expect | None = None) -> Ledger | None:
    """Read one ledger; every problem goes to the report.

    None when the file could not be read at all (or has no header); with mistakes in
    its rows, the rows that could be read, as an incomplete Ledger.
    """
    path = Path(path)
    before = len(report.errors)
    reader = _Reader(path, report, expect or Expect())
    try:
        grid, reader.is_csv = read_grid(path, report.root, reader.add)
        filled = [i for i, (_, cells) in enumerate(grid) if any(cell_text(c) for c in cells)]
        if not filled:
            raise Unreadable("ledger.empty", "台账文件中没有任何内容")
    except Unreadable as stop:
        reader.add(stop.code, stop.message, stop.line, hint=stop.hint)
        return None
    # the header is the first non-empty row, unless a title row stands above it (a board's
    # header 序号, 开支项目, 金额（元） names only two columns the reader knows)
    at = next((i for i in filled[:10] if known(grid[i][1]) >= 2), filled[0])
    if not reader.header(*grid[at]):
        return None
    rows = [row for line, cells in grid[at + 1 :] if (row := reader.row(line, cells))]
    reader.finish(rows)
    return Ledger(
        path,
        tuple(rows),
        complete=len(report.errors) == before,
        layout=reader.layout,
        present=frozenset(reader.cols),
        opening=reader.opening,
    )
