"""Fund ledgers (经费台账): a .csv or .xlsx file → checked rows with exact amounts.

Staff export ledgers from Excel/WPS, so a CSV may be UTF-8 (with or without BOM), GBK or
GB18030, and an .xlsx has real date cells and numeric amounts. columns (the names staff
give the columns, the ledger's problem codes, cell helpers), grid (a file → rows of
cells), reader (rows of cells → LedgerRows), rows (the row types, digest, normalised CSV).
"""

from generator.read.ledger.columns import (
    COLUMNS,
    EXTRA_KEYS,
    FORMULA,
    LEDGER_CODES,
    ROW_KEYS,
    SIGNATURE_COLUMNS,
)
from generator.read.ledger.reader import LOOSE, Expect, read_ledger
from generator.read.ledger.rows import Ledger, LedgerRow, canonical, write_csv

__all__ = [
    "COLUMNS",
    "EXTRA_KEYS",
    "FORMULA",
    "LEDGER_CODES",
    "LOOSE",
    "ROW_KEYS",
    "SIGNATURE_COLUMNS",
    "Expect",
    "Ledger",
    "LedgerRow",
    "canonical",
    "read_ledger",
    "write_csv",
]  # fmt: skip
