"""The personal-information scanner: residents' ID numbers, bank cards and mobiles.

Public pages may show staff names, positions and work phones, never a resident's
ID number, bank card number or mobile phone (shared/spec/data-format.md,
"Personal information"). Every string of the data is scanned; a finding is
reported with its place and a masked preview only, because the report may be
shown in public CI logs. Numbers already masked (``1427**********1234``,
``138****0000``) keep too few digits in a row to match, so they pass.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.values import normalise_digits

if TYPE_CHECKING:  # generator.catalogue imports this module, and errors imports catalogue
    from generator.errors import Report
    from generator.load import Located

# code -> (short title, hint); the same text as generator/catalogue.py (a test checks it).
PRIVACY_CODES: dict[str, tuple[str, str]] = {
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
        "手机号只能出现在工作人员的联系方式中（name/phone 分项）。"
        "请删除，或写成 138****0000 的遮挡形式。",
    ),
}


@dataclass(frozen=True)
class Finding:
    """One personal number in a text: its code, character offset and masked preview."""

    code: str
    offset: int
    masked: str


# A number is never part of a longer digit run, nor of a decimal like 3.1415….
_START = r"(?<![0-9])(?<![0-9]\.)"
_END = r"(?![0-9])(?!\.[0-9])"
_RUN = re.compile(_START + r"(?:[0-9]{17}[Xx]|[0-9]{16,19})" + _END)
# Written in groups: 142701 19900101 123X, 6222 0212 3456 7890 123, 6222-0212-3456-7890.
_GROUPED_ID = re.compile(_START + r"[0-9]{6} [0-9]{8} [0-9]{3}[0-9Xx]" + _END)
_GROUPED_CARD = re.compile(
    _START + r"(?<![0-9][ -])[0-9]{4}([ -])[0-9]{4}(?:\1[0-9]{4}){2}(?:\1[0-9]{1,3})?" + _END
)
_SEP = r"(?:[ \t]*-[ \t]*|[ \t]+)?"
_MOBILE = re.compile(
    r"(?:(?:\+|(?<![0-9])00)86[ \t-]*|\(\+?86\)[ \t-]*|" + _START + r")"
    rf"(?P<m>1[3-9][0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}})" + _END
)
_DASHES = str.maketrans(dict.fromkeys("—–―‐‑−﹣", "-"))
_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]
_TOKEN_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=4096)
def _char(c: str) -> str:
    n = normalise_digits(c).translate(_DASHES)
    return n if len(n) == 1 else c


def _normalise(text: str) -> str:
    """Full-width digits, spaces and dashes to ASCII, keeping every offset in place."""
    return text if text.isascii() else "".join(map(_char, text))


def id_checksum_ok(number: str) -> bool:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check of an 18-character ID number."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_ok(number: str) -> bool:
    """The Luhn check of a bank card number (digits only)."""
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _in_token(text: str, start: int, end: int) -> bool:
    """Whether the digits sit inside a long letters-and-digits token (a hash, a key)."""
    left, right = max(0, start - 24), min(len(text), end + 24)  # enough to tell
    while start > left and text[start - 1] in _TOKEN_CHARS:
        start -= 1
    while end < right and text[end] in _TOKEN_CHARS:
        end += 1
    token = text[start:end]
    return len(token) >= 24 and not token.isdigit()


def _spans(text: str) -> list[tuple[int, int, Finding]]:
    plain = _normalise(text)
    found: list[tuple[int, int, Finding]] = []
    taken = bytearray(len(plain))  # characters already part of a finding

    def add(start: int, end: int, code: str, digits: str) -> None:
        if any(taken[start:end]) or _in_token(plain, start, end):
            return
        taken[start:end] = b"\x01" * (end - start)
        if code == "privacy.mobile":
            masked = digits[:3] + "****" + digits[-4:]
        elif code == "privacy.id_number":
            masked = digits[:4] + "*" * 10 + digits[-4:]
        else:
            masked = digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
        found.append((start, end, Finding(code, start, masked)))

    for pattern in (_RUN, _GROUPED_ID, _GROUPED_CARD):
        for match in pattern.finditer(plain):
            digits = re.sub(r"[ -]", "", match[0]).upper()
            if id_checksum_ok(digits):
                add(match.start(), match.end(), "privacy.id_number", digits)
            elif digits.isdigit() and 16 <= len(digits) <= 19 and luhn_ok(digits):
                add(match.start(), match.end(), "privacy.bank_card", digits)
    for match in _MOBILE.finditer(plain):
        add(match.start(), match.end(), "privacy.mobile", re.sub(r"[^0-9]", "", match["m"]))
    return sorted(found, key=lambda item: item[0])


def find_personal(text: str) -> list[Finding]:
    """Every resident ID number, bank card number and mobile number in text, in order."""
    return [finding for _, _, finding in _spans(text)]


_PERSON_PARENTS = {"leader", "police"}
_PERSON_LISTS = {"members", "staff"}


def is_staff_phone(loc: tuple[Any, ...], parent: Mapping[str, Any] | None = None) -> bool:
    """Whether loc is the phone of a staff person entry, where a work mobile is allowed.

    With parent (the mapping that holds the phone) the rule is the data's: a mapping
    that also has a ``name``. Without it, the places of person entries in the spec:
    ``…leader.phone``, ``…police.phone``, ``…members[i].phone``, ``…staff[i].phone``.
    """
    if len(loc) < 2 or loc[-1] != "phone":
        return False
    if parent is not None:
        return isinstance(parent, Mapping) and "name" in parent
    if loc[-2] in _PERSON_PARENTS:
        return True
    return len(loc) >= 3 and isinstance(loc[-2], int) and loc[-3] in _PERSON_LISTS


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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an Excel number cell: 13800000000.0
    return "" if value is None else str(value)


def scan_cells(cells: Iterable[tuple[int, int, str]], path: Path, report: Report) -> None:
    """Scan ledger cells given as (row, column, text); a ledger has no staff phone column."""
    for row, column, value in cells:
        for finding in find_personal(_cell_text(value)):
            _report(report, finding, path, row, column)


class _Source:
    """The file's text, to find where in it a value's characters were written."""

    def __init__(self, path: Path) -> None:
        try:
            self.text: str | None = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError):
            self.text = None
        lines = (self.text or "").splitlines(keepends=True)
        self.starts = [0, *accumulate(len(line) for line in lines)]

    def place(self, value: str, start: int, end: int, at: tuple[int, int]) -> tuple[int, int]:
        """The line and column of value[start:end], the value being written at `at`."""
        line, column = at
        raw = value[start:end]
        if self.text is not None and line < len(self.starts):
            # Search after the value's start: folding and block indentation change the
            # text between, never the characters of a number itself.
            begin = self.starts[line - 1] + column - 1
            window = self.text[begin : begin + 3 * len(value) + 200]
            found = -1
            for _ in range(value.count(raw, 0, start) + 1):
                found = window.find(raw, found + 1)
                if found < 0:
                    break
            if found >= 0:
                row = bisect_right(self.starts, begin + found) - 1
                return row + 1, begin + found - self.starts[row] + 1
        if "\n" in value.rstrip("\n"):  # a block scalar: its text starts on the next line
            return line + 1 + value.count("\n", 0, start), 0
        return line, column + start


def scan_located(located: Located, report: Report) -> None:
    """Scan every key and string of a YAML file; a staff person's phone may be a mobile."""
    source = _Source(located.path)

    def scan(value: str, loc: tuple[Any, ...], staff_phone: bool, key: bool = False) -> None:
        for start, end, finding in _spans(value):
            if staff_phone and finding.code == "privacy.mobile":
                continue
            at = located.place(loc)
            place = at if key else source.place(value, start, end, at)
            _report(report, finding, located.path, *place)

    def walk(node: Any, loc: tuple[Any, ...], parent: Any) -> None:
        if isinstance(node, str):
            scan(node, loc, is_staff_phone(loc, parent) if isinstance(parent, dict) else False)
        elif isinstance(node, dict):
            for key, item in node.items():
                scan(str(key), (*loc, key), False, key=True)
                walk(item, (*loc, key), node)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*loc, i), node)

    walk(located.data, (), None)
