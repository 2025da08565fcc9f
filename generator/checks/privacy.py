"""The personal-information scanner: residents' ID numbers, bank cards and mobiles.

Public pages may show staff names, positions and work phones, never a resident's
ID number, bank card number or mobile phone (shared/spec/data-format.md,
"Personal information"). Every string of the data is scanned, however its digits
are disguised (generator/checks/digits.py); a finding is reported with the line
and column where the number starts and a masked preview only, because the report
may be shown in public CI logs. Numbers already masked (``1427**********1234``,
``138****0000``) keep too few digits to match, so they pass.

A mobile is allowed in one place only: the ``phone`` of a staff person entry, i.e.
of a ``Person`` model (generator/contract/common.py) in the model the file is
validated against. The allowed places are derived from that model, not from key
names, so an emergency contact, a window's or a facility's phone is no person.
"""

from __future__ import annotations

import types
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from generator.checks.digits import Number, find_numbers, id_checksum_ok, luhn_ok
from generator.contract.common import Person
from generator.contract.data import Document, Loaded
from generator.errors import Report, codes
from generator.read.ledger import Ledger
from generator.read.located import Located

__all__ = [
    "PRIVACY_CODES",
    "Finding",
    "ValueSource",
    "find_personal",
    "id_checksum_ok",
    "is_staff_phone",
    "luhn_ok",
    "scan_cells",
    "scan_located",
    "scan_text",
    "staff_phone_paths",
]

# code -> (short title, hint); the same text as generator/cli/catalogue.py (a test checks it).
PRIVACY_CODES: dict[str, tuple[str, str]] = codes({
    "privacy.id_number": (
        "出现了居民身份证号",
        "公开数据中不能出现身份证号。请删除，或只保留前4位和后4位：1427**********1234。",
    ),
    "privacy.bank_card": (
        "出现了银行卡号",
        "公开数据中不能出现银行卡号。请删除，或写成 6222********1234 的遮挡形式。",
    ),
    "privacy.mobile": (
        "出现了居民手机号",
        "手机号只能写在工作人员本人的 phone 中（网格长、网格员、民警、窗口工作人员、"
        "组织和七会的成员）。窗口、设施、紧急电话等请写办公电话；"
        "居民的手机号请删除，或写成 138****0000 的遮挡形式。",
    ),
})


@dataclass(frozen=True)
class Finding:
    """One personal number in a text: its code, character offset and masked preview."""

    code: str
    offset: int
    masked: str


def _mask(number: Number) -> str:
    digits = number.digits
    if number.code == "privacy.mobile":
        return digits[:3] + "****" + digits[-4:]
    if number.code == "privacy.id_number" and len(digits) == 18:
        return digits[:4] + "*" * 10 + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def find_personal(text: str) -> list[Finding]:
    """Every resident ID number, bank card number and mobile number in text, in order."""
    return [Finding(n.code, n.start, _mask(n)) for n in find_numbers(text)]


# ---------------------------------------------------------------- staff phones

# In a path pattern, None stands for any list index and ANY_KEY for any mapping key.
ANY_KEY = "*"
Pattern = tuple[str | None, ...]


@lru_cache(maxsize=64)
def staff_phone_paths(model: type[BaseModel]) -> frozenset[Pattern]:
    """Where a staff person's phone sits in data validated against model.

    ``("grids", None, "leader", "phone")`` for grids.yml: the ``phone`` field of
    every ``Person`` (and subclass) the model holds, through lists, optionals and
    nested models.
    """
    return frozenset(_model_paths(model, (), ()))


def _model_paths(
    model: type[BaseModel], prefix: Pattern, stack: tuple[type, ...]
) -> Iterator[Pattern]:
    for name, field in model.model_fields.items():
        for key in {name, field.alias or name}:  # populate_by_name: either spelling is read
            if key == "phone" and issubclass(model, Person):
                yield (*prefix, key)
            yield from _annotation_paths(field.annotation, (*prefix, key), (*stack, model))


def _annotation_paths(
    annotation: Any, prefix: Pattern, stack: tuple[type, ...]
) -> Iterator[Pattern]:
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        yield from _annotation_paths(args[0], prefix, stack)
    elif origin is Union or origin is types.UnionType:
        for arg in args:
            yield from _annotation_paths(arg, prefix, stack)
    elif origin in (list, tuple, set, frozenset):
        for arg in args:
            if arg is not Ellipsis:
                yield from _annotation_paths(arg, (*prefix, None), stack)
    elif origin is dict and len(args) == 2:
        yield from _annotation_paths(args[1], (*prefix, ANY_KEY), stack)
    elif (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and annotation not in stack  # a model that contains itself
    ):
        yield from _model_paths(annotation, prefix, stack)


def _matches(pattern: Pattern, loc: tuple[Any, ...]) -> bool:
    if len(pattern) != len(loc):
        return False
    for want, part in zip(pattern, loc, strict=True):
        if want is None:
            if not isinstance(part, int):
                return False
        elif want != ANY_KEY and want != part:
            return False
    return True


def is_staff_phone(loc: tuple[Any, ...], model: type[BaseModel] | None = None) -> bool:
    """Whether loc is the phone of a staff person entry of model (where a mobile is allowed).

    Without a model (a notice's front matter) nothing is a staff phone.
    """
    if model is None or not loc or loc[-1] != "phone":
        return False
    return any(_matches(pattern, loc) for pattern in staff_phone_paths(model))


# ---------------------------------------------------------------- reporting


def _report(report: Report, finding: Finding, path: Path, line: int, column: int) -> None:
    title, hint = PRIVACY_CODES[finding.code]
    report.add(finding.code, f"这里{title} {finding.masked}", path, line, column, hint)


def _text_place(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


def scan_text(text: str, path: Path, report: Report, first_line: int = 1) -> None:
    """Scan a Markdown file (charter.md, a notice); places come from the text itself."""
    for finding in find_personal(text):
        _report(report, finding, path, *_text_place(text, finding.offset, first_line))


def _cell_text(value: object) -> str:
    if isinstance(value, float):  # an Excel number cell: 13800000000.0, 1.42701199001011e+17
        return str(int(value)) if value.is_integer() else repr(value)
    return "" if value is None else str(value)


def scan_cells(cells: Iterable[tuple[int, int, object]], path: Path, report: Report) -> None:
    """Scan ledger cells given as (row, column, text); a ledger has no staff phone column."""
    for row, column, value in cells:
        for finding in find_personal(_cell_text(value)):
            _report(report, finding, path, row, column)


def _nth(text: str, needle: str, n: int, start: int, end: int) -> int:
    """The offset of the n-th (0-based) occurrence of needle in text[start:end], or -1."""
    found = start - 1
    for _ in range(n + 1):
        found = text.find(needle, found + 1, end)
        if found < 0:
            break
    return found


class ValueSource:
    """The file's text, to find where in it a value's characters were written."""

    def __init__(self, text: str | None) -> None:
        self.text = text
        lines = (self.text or "").splitlines(keepends=True)
        self.starts = [0, *accumulate(len(line) for line in lines)]

    def place(self, value: str, start: int, at: tuple[int, int]) -> tuple[int, int]:
        """The line and column of value[start], the value being written at `at`."""
        line, column = at
        # The characters from the number's start to the first white space: folding, block
        # indentation and line joins change only white space, never these.
        end = start
        while end < len(value) and not value[end].isspace():
            end += 1
        raw = value[start:end]
        if self.text is not None and line < len(self.starts):
            begin = self.starts[line - 1] + column - 1
            if self.text[begin : begin + 1] in ("|", ">"):  # a block scalar: skip its header
                begin = self.text.find("\n", begin) + 1 or begin
            before = sum(1 for i in range(start) if value.startswith(raw, i))
            found = _nth(self.text, raw, before, begin, begin + 3 * len(value) + 200)
            if found >= 0:
                row = bisect_right(self.starts, found) - 1
                return row + 1, found - self.starts[row] + 1
        if "\n" in value.rstrip("\n"):  # a block scalar: its text starts on the next line
            return line + 1 + value.count("\n", 0, start), 0
        return line, column + start


def scan_located(located: Located, report: Report, model: type[BaseModel] | None = None) -> None:
    """Scan every key and string of a YAML file validated against model.

    A mobile is allowed only in the phone of a staff person entry of model (see
    is_staff_phone); without a model, nowhere.
    """
    source: ValueSource | None = None

    def scan(value: str, loc: tuple[Any, ...], key: bool = False) -> None:
        nonlocal source
        for number in find_numbers(value):
            if number.code == "privacy.mobile" and not key and is_staff_phone(loc, model):
                continue
            at = located.place(loc)
            if not key:
                source = source or ValueSource(located.text)
                at = source.place(value, number.start, at)
            _report(report, Finding(number.code, number.start, _mask(number)), located.path, *at)

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if isinstance(node, str):
            scan(node, loc)
        elif isinstance(node, dict):
            for key, item in node.items():
                scan(str(key), (*loc, key), key=True)
                walk(item, (*loc, key))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*loc, i))

    walk(located.data, ())


def scan_document(document: Document, report: Report) -> None:
    """One file as it was read: a YAML file by its model, a Markdown body by its text,
    a table (a list's people) cell by cell."""
    if document.located is not None:
        scan_located(document.located, report, document.model)
    if document.text is not None:
        scan_text(document.text, document.path, report, first_line=document.first_line)
    if document.cells is not None:  # a list's people table: no staff phone column
        scan_cells(document.cells, document.path, report)


def scan_ledger(ledger: Ledger, report: Report) -> None:
    """Every text cell of a ledger (a ledger has no staff phone column)."""
    scan_cells(_ledger_cells(ledger), ledger.path, report)


_LEDGER_TEXT = ("voucher", "summary", "category", "source", "handler", "approver",
                "countersigner", "witness", "third", "fund", "note")  # fmt: skip


def _ledger_cells(ledger: Ledger) -> Iterable[tuple[int, int, str]]:
    for row in ledger.rows:
        for key in _LEDGER_TEXT:
            value = getattr(row, key)
            if value:
                yield row.line, row.columns.get(key, 0), value


def check_settlement(loaded: Loaded, report: Report) -> None:
    """Scan every file of a settlement as read (YAML, Markdown) and every ledger."""
    for document in loaded.documents:
        scan_document(document, report)
    for period in loaded.periods:
        scan_ledger(period.ledger, report)
