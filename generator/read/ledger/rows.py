"""A ledger's rows with exact amounts, its digest, and the normalised CSV staff download."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from generator.read.ledger.columns import COLUMNS, EXTRA_KEYS, FORMULA, ROW_KEYS

if TYPE_CHECKING:
    import pandas  # imported where a frame is made: 0.3 s that most commands never need


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
    witness: str = ""  # 证明人
    third: str = ""  # 第三签字人
    fund: str = ""  # 专项: the sub-fund, by id or name
    balance: Decimal | None = None  # 余额 as written, checked against the running balance
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
    layout: str = "ledger"  # or "board": a posting of 开支项目 and 金额 only
    present: frozenset[str] = frozenset()  # the columns the file has (canonical keys)
    opening: tuple[int, Decimal] | None = None  # a 上期结余 row's 余额: (line, amount)

    def frame(self) -> pandas.DataFrame:
        """One row per LedgerRow, columns named by canonical key; amounts stay Decimal."""
        import pandas as pd

        data = {"line": pd.Series([r.line for r in self.rows], dtype="int64")}
        for key in (*ROW_KEYS, *EXTRA_KEYS):
            data[key] = pd.Series([getattr(r, key) for r in self.rows], dtype=object)
        return pd.DataFrame(data)

    def digest(self) -> str:
        """sha256 of the rows' content: the same whatever the file's format, encoding or layout.

        Version 2's columns count only where a row has them, so a version 1 ledger keeps
        the digest it was sealed with.
        """
        rows = [digest_cells(r) for r in self.rows]
        blob = json.dumps(["ledger/1", rows], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def digest_cells(row: LedgerRow) -> list[str]:
    cells = [canonical(getattr(row, key)) for key in ROW_KEYS]
    extra = [f"{key}={canonical(getattr(row, key))}" for key in EXTRA_KEYS if getattr(row, key)]
    return cells + extra


def canonical(value: object) -> str:
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
    writer.writerow([COLUMNS[key][0] for key in ROW_KEYS])
    for row in rows:
        cells = [canonical(getattr(row, key)) for key in ROW_KEYS]
        writer.writerow([FORMULA.sub("'", c) for c in cells])  # no formula when opened
    Path(path).write_text(out.getvalue(), encoding="utf-8-sig", newline="")
