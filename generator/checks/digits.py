"""Digits as a reader sees them: the number-finding half of the personal-information scan.

A number can be disguised by what is written between its digits: spaces, dashes,
dots, underscores, line breaks, full-width or zero-width characters, HTML tags,
comments and entities, Markdown emphasis and escapes. The text is read as *groups*
of digits (what the eye sees as one block: invisible markup between two digits joins
them) and the *separators* between groups. Groups joined by short separators (at most
``MAX_UNITS`` visible characters, a line break counting one, any amount of invisible
markup) form a *chain*, and every window of whole consecutive groups of a chain is
tried as an ID number, a bank card or a mobile:

* one plain group keeps the historic rules: 18 characters with a valid checksum is
  an ID; 16–19 digits with a valid Luhn check is a card; 11 digits ``1[3-9]…`` is a
  mobile; plus a 15-digit old ID (province and birth date) and an 18-digit ID that
  Excel rounded to 15 significant digits (province and birth date);
* groups joined by separators must look like the real thing: an ID needs its
  province, birth date and checksum; an old ID its province and birth date and a
  usual grouping; a card its Luhn check, a card prefix and a usual grouping; a mobile
  a real prefix and a usual grouping (3-4-4, 3-3-5, 3-8, 7-4, 4-4-3, digit by digit);
  and the window must not be part of a list: the group before or after it may not be
  joined by the same separator as the groups inside (``1864 868 3128 9031``).

So lists of numbers, dates, amounts, landlines and IP addresses pass.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

MAX_UNITS = 3  # visible separator characters allowed between two groups of one number

# Characters that read as digits: every decimal digit (full-width, Arabic-Indic …) plus
# the compatibility digits NFKC turns into one ASCII digit (² ₃ ④ ⓪).
_COMPAT = "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea"
_DIGIT = rf"[\d{_COMPAT}]"
# Every Unicode dash (category Pd), the minus signs, box-drawing and katakana dashes, tildes.
_DASHES = (
    "\\-\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d\u301c"
    "\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead"
    "\u02d7\u2043\u207b\u208b\u2212\u2500\u2501\u30fc\uff70~\uff5e"
)
_DOTS = ".\u00b7\u0387\u2022\u2024\u2027\u2219\u22c5\u30fb\uff65\u3002\uff0e\uff61\ufe52"
_UNDERSCORES = "_\uff3f"
# Zero-width and other invisible format characters (soft hyphen, joiners, bidi marks,
# word joiner, variation selectors, BOM) and Hangul fillers, which render as nothing.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
_DECIMAL_POINTS = frozenset(".\uff0e")
# Tags that start a new block or cell: what they separate is seen apart, like a line break.
_BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
     "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
     "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead",
     "tr", "ul")
)  # fmt: skip

_SCI = r"[0-9]\.[0-9]{5,16}[eE]\+?[0-9]{2}(?![0-9])"  # 1.42701199001011e+17 (Excel's float)
# digits, maybe ending in an ID's check character X; or that X alone after a separator
_RUN = rf"{_DIGIT}+(?:[XxＸｘ](?![0-9A-Za-z]))?|(?<![0-9A-Za-z])[XxＸｘ](?![0-9A-Za-z])"
_NUMERIC_ENTITY = r"&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});?"
_ATOM = rf"(?:{_SCI}|{_RUN}|{_NUMERIC_ENTITY})"
_TAG = r"<!--[\s\S]{0,500}?-->|</?[A-Za-z][A-Za-z0-9]{0,15}(?:[\s/][^<>]{0,300})?>"
_JOIN = (
    rf"\s+|[{_DASHES}{_DOTS}{_UNDERSCORES}]|[{_INVISIBLE}]+|\*{{1,3}}(?!\*)"
    rf"|\\(?=[!-/:-@\[-`{{-~])|{_TAG}|&[A-Za-z][A-Za-z0-9]{{1,31}};"
)
# A stretch of atoms and joins, found by the regex engine alone (fast on long texts).
_CLUSTER = re.compile(rf"{_ATOM}(?:(?:{_JOIN})*+{_ATOM})*")
_TOKEN = re.compile(
    rf"(?P<sci>{_SCI})|(?P<run>{_RUN})|(?P<entity>&(?:#[0-9]{{1,7}};?"
    rf"|#[xX][0-9A-Fa-f]{{1,6}};?|[A-Za-z][A-Za-z0-9]{{1,31}};))|(?P<space>\s+)"
    rf"|(?P<sep>[{_DASHES}{_DOTS}{_UNDERSCORES}])"
    rf"|(?P<glue>[{_INVISIBLE}]+|\*{{1,3}}(?!\*)|\\(?=[!-/:-@\[-`{{-~]))|(?P<tag>{_TAG})"
)
_ENOUGH_DIGITS = re.compile(rf"(?:[^\d{_COMPAT}]*+{_DIGIT}){{8}}")  # the least a number needs
_SEPARATOR_CHARS = re.compile(rf"[{_DASHES}{_DOTS}{_UNDERSCORES}]")
_DOT_CHARS = re.compile(rf"[{_DOTS}]")
_UNDERSCORE_CHARS = re.compile(rf"[{_UNDERSCORES}]")
_INVISIBLE_CHARS = re.compile(rf"[{_INVISIBLE}]")
_TOKEN_CHARS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# GB/T 2260 province codes (71 Taiwan, 81/82/83 Hong Kong, Macao, Taiwan residence permits)
_PROVINCES = frozenset(
    str(code)
    for code in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44,
                 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91)
)  # fmt: skip
_MOBILE_PREFIX = re.compile(r"1(?:3[0-9]|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8[0-9]|9[0-35-9])")
_PLAIN_MOBILE = re.compile(r"1[3-9]")
_CARD_PREFIX = re.compile(r"62|4|5[1-5]|35|60|9[45]")
# How people group these numbers when they write them: the sizes of the groups.
_GROUPINGS: dict[str, frozenset[tuple[int, ...]]] = {
    "mobile": frozenset({(3, 4, 4), (3, 3, 5), (3, 8), (7, 4), (4, 4, 3), (1,) * 11}),
    "old_id": frozenset({(6, 6, 3), (6, 9), (4, 4, 4, 3), (1,) * 15}),
    "card": frozenset(
        grouping
        for n in range(16, 20)
        for grouping in ((4,) * (n // 4) + ((n % 4,) if n % 4 else ()), (6, n - 6), (1,) * n)
    ),
}
_LENGTHS = frozenset({11, 13, 15, 16, 17, 18, 19})  # mobile, +86 mobile, old ID, card, ID
_ID_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]


@dataclass(frozen=True, slots=True)
class Number:
    """A personal number found in a text: its code, where it is written, its digits."""

    code: str
    start: int  # offset of its first character
    end: int  # offset after its last character
    digits: str  # ASCII digits (an ID may end in X)


@dataclass(slots=True)
class _Group:
    digits: str
    start: int
    end: int
    glued: bool = False  # invisible markup between some of its digits
    sci: bool = False  # written in scientific notation (an Excel number)


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


def _date_ok(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _region_and_birth(digits: str) -> bool:
    """An 18-digit ID's province code and birth date (YYYYMMDD, 1900–2100) are real."""
    year = int(digits[6:10])
    return (
        digits[:2] in _PROVINCES
        and 1900 <= year <= 2100
        and _date_ok(year, int(digits[10:12]), int(digits[12:14]))
    )


def _old_id(digits: str) -> bool:
    """A 15-digit ID (before 1999): province code and birth date YYMMDD are real."""
    return digits[:2] in _PROVINCES and _date_ok(
        1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    )


def _rounded_id(digits: str) -> bool:
    """An 18-digit ID typed into Excel as a number: only 15 significant digits survive."""
    number = int(digits)
    kept = f"{number:.14e}"  # the 15 significant digits Excel keeps
    exact = number in (int(Decimal(kept)), int(float(kept)))  # …011000 or float's …011008
    return exact and _region_and_birth(digits)


def _regular(sizes: tuple[int, ...], kind: str) -> bool:
    """One group (digits joined only by invisible markup), or a grouping people use."""
    return len(sizes) == 1 or sizes in _GROUPINGS[kind]


@lru_cache(maxsize=256)
def _mark(char: str) -> str:
    """A visible separator character reduced to its kind: " ", "-", "." or "_"."""
    if char.isspace():
        return " "
    if _UNDERSCORE_CHARS.fullmatch(char):
        return "_"
    return "." if _DOT_CHARS.fullmatch(char) else "-"


@lru_cache(maxsize=1024)
def _digit_of(char: str) -> str:
    if char in "XxＸｘ":
        return "X"
    value = unicodedata.digit(char, None)
    return "?" if value is None else str(value)


def _ascii(token: str) -> str:
    if token.isascii():
        return token.upper()
    return "".join(map(_digit_of, token))


def _expand(sci: str) -> str | None:
    """1.42701199001011e+17 → 142701199001011000; None for other exponents."""
    value = Decimal(sci)
    if not 10 <= value.adjusted() <= 18:
        return None
    return format(value.to_integral_value(), "f")


@lru_cache(maxsize=256)
def _entity(token: str) -> tuple[str, str]:
    """What an HTML entity shows: ("digit", d), ("space"/"sep", char), ("glue", "") or hard."""
    char = html.unescape(token)
    if len(char) != 1 or char == token:
        return "hard", ""
    if re.fullmatch(_DIGIT, char) or char in "Xx":
        return "digit", _digit_of(char)
    if char.isspace():
        return "space", char
    if _SEPARATOR_CHARS.fullmatch(char):
        return "sep", char
    if _INVISIBLE_CHARS.fullmatch(char):
        return "glue", ""
    return "hard", ""


def _in_token(text: str, start: int, end: int, digits: int) -> bool:
    """Whether the number sits inside a long letters-and-digits token (a hash, a key)."""
    left, right = start, end
    while left > max(0, start - 24) and text[left - 1] in _TOKEN_CHARS:
        left -= 1
    while right < min(len(text), end + 24) and text[right] in _TOKEN_CHARS:
        right += 1
    beside = text[left:start] + text[end:right]
    return digits + len(beside) >= 24 and not beside.isdigit()


def find_numbers(text: str) -> list[Number]:
    """Every ID number, old ID, bank card and mobile in text, however it is disguised."""
    if len(text) < 10 or not _ENOUGH_DIGITS.match(text):
        return []
    found: list[Number] = []
    _scan(text, 0, len(text), found)
    found.sort(key=lambda number: number.start)
    return found


def _scan(text: str, start: int, end: int, found: list[Number]) -> None:
    for cluster in _CLUSTER.finditer(text, start, end):
        if cluster.end() - cluster.start() >= 10:  # shorter ones hold fewer than 11 digits
            _scan_cluster(text, cluster.start(), cluster.end(), found)


@dataclass(slots=True)
class _Chain:
    """Groups of digits and, between groups[i] and groups[i + 1], what separates them."""

    groups: list[_Group]
    marks: list[str]  # the visible separator, each character reduced by _mark ("-", " ")
    points: list[bool]  # the separator is one decimal point, as in 3.14


def _scan_cluster(text: str, start: int, end: int, found: list[Number]) -> None:
    """Read a cluster token by token into chains of groups and try each chain."""
    chain = _Chain([], [], [])
    mark, glue, point = "", False, False  # the separator read since the last digit

    for match in _TOKEN.finditer(text, start, end):
        kind, token = match.lastgroup, match[0]
        digits = ""
        if kind == "entity":
            kind, token = _entity(token)
            digits = token if kind == "digit" else ""
        elif kind == "sci":
            digits = _expand(token) or ""
            kind = "sci" if digits else "hard"
        elif kind == "run":
            digits = _ascii(token)
        if digits:
            groups = chain.groups
            last = groups[-1] if groups else None
            if last is not None and not mark and kind != "sci" and not last.sci:
                last.digits = last.digits + digits if len(last.digits) < 20 else last.digits
                last.end = match.end()
                last.glued = last.glued or glue
            else:
                if last is not None and len(mark) > MAX_UNITS:
                    _try_chain(text, chain, found)
                    chain = _Chain([], [], [])
                elif last is not None:
                    chain.marks.append(mark)
                    chain.points.append(point and mark == "." and not glue)
                groups.append(_Group(digits, match.start(), match.end(), sci=kind == "sci"))
            mark, glue, point = "", False, False
        elif kind == "space":
            mark += " " * max(1, token.count("\n")) if not mark.endswith(" ") else ""
        elif kind == "sep":
            point = not mark and token in _DECIMAL_POINTS
            mark += _mark(token)
        elif kind == "glue":
            glue = True
        elif kind == "tag":
            if _ENOUGH_DIGITS.match(token):  # digits inside a tag are published too
                _scan(text, match.start() + 1, match.end(), found)
            name = re.match(r"</?([A-Za-z0-9]*)", token)
            if name and name[1].lower() in _BLOCK_TAGS:
                mark += " "
            else:
                glue = True
        else:  # an entity that shows something else: the number ends here
            mark += "|" * (MAX_UNITS + 1)
    if chain.groups:
        _try_chain(text, chain, found)


def _try_chain(text: str, chain: _Chain, found: list[Number]) -> None:
    """Try every window of whole groups; keep the best non-overlapping numbers."""
    groups = chain.groups
    candidates: list[tuple[int, int, int, str, str]] = []  # (rank, first, last, code, digits)
    for first in range(len(groups)):
        digits = ""
        for last in range(first, len(groups)):
            digits += groups[last].digits
            if len(digits) > 19:
                break
            if len(digits) not in _LENGTHS:
                continue
            judged = _judge(text, chain, first, last, digits)
            if judged is not None:
                candidates.append((judged[0], first, last, judged[1], judged[2]))
    taken = [False] * len(groups)
    for _, first, last, code, digits in sorted(candidates):
        if any(taken[first : last + 1]):
            continue
        begin, end = groups[first].start, groups[last].end
        if _in_token(text, begin, end, len(digits)):
            continue
        taken[first : last + 1] = [True] * (last + 1 - first)
        found.append(Number(code, begin, end, digits))


def _judge(
    text: str, chain: _Chain, first: int, last: int, digits: str
) -> tuple[int, str, str] | None:
    """(rank, code, digits) when groups[first..last] is a personal number, else None."""
    if "X" in digits[:-1]:
        return None
    size = len(digits)
    groups, marks = chain.groups, chain.marks
    group = groups[first]
    if first == last and not group.glued:
        # one plain group: the historic rules, unless it is part of a decimal (3.14)
        if (first > 0 and chain.points[first - 1]) or (last < len(marks) and chain.points[last]):
            return None
        if size == 18 and (id_checksum_ok(digits) or (digits.isdigit() and _rounded_id(digits))):
            return 0, "privacy.id_number", digits
        if not digits.isdigit():
            return None
        if 16 <= size <= 19 and luhn_ok(digits):
            return 0, "privacy.bank_card", digits
        if size == 15 and _old_id(digits):
            return 0, "privacy.id_number", digits
        if size == 11 and _PLAIN_MOBILE.match(digits):
            return 0, "privacy.mobile", digits
        # +8613912345678, 008613912345678: the country code written against the number
        plus = size == 13 and digits[:2] == "86" and text[group.start - 1 : group.start] == "+"
        if (plus or (size == 15 and digits[:4] == "0086")) and _PLAIN_MOBILE.match(digits[-11:]):
            return 0, "privacy.mobile", digits[-11:]
        return None
    # Groups joined by separators: one of a list of numbers written alike is no number
    # (1864 868 3128 9031), unless what stands before is the country code (+86 138 …).
    inside = set(marks[first:last])
    before = first > 0 and marks[first - 1] in inside and groups[first - 1].digits[-2:] != "86"
    if before or (last < len(marks) and marks[last] in inside):
        return None
    sizes = tuple(len(g.digits) for g in groups[first : last + 1])
    if size == 18 and id_checksum_ok(digits) and _region_and_birth(digits):
        return 1, "privacy.id_number", digits
    if not digits.isdigit():
        return None
    card = 16 <= size <= 19 and luhn_ok(digits) and _CARD_PREFIX.match(digits)
    if card and _regular(sizes, "card"):
        return 2, "privacy.bank_card", digits
    if size == 15 and _old_id(digits) and _regular(sizes, "old_id"):
        return 3, "privacy.id_number", digits
    if size == 11 and _MOBILE_PREFIX.match(digits) and _regular(sizes, "mobile"):
        return 4, "privacy.mobile", digits
    return None
