"""Amounts in yuan as exact Decimals with two places: never a float.

Staff write them as digits (1234.5, 1,234.50, ¥1234.50, 4295元, 1.2万) or as on a
voucher, in capitals (肆仟贰佰玖拾伍元整, 叁拾元零伍分), sometimes both
(肆仟贰佰玖拾伍元整（¥4295.00）): then the two must agree. The numeral part of a
capital amount is read by cn2an in its strict mode, so 壹壹元 is refused, not guessed.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

# code -> (short title, hint), and the message for a value that is wrong
AMOUNT_CODES: dict[str, tuple[str, str]] = codes(
    {
        "amount.invalid": (
            "金额写法不对",
            "请写阿拉伯数字，例如 1234.5、1,234.50、¥1234.50、4295元 或 1.2万；"
            "也可以照凭证写大写金额，例如 肆仟贰佰玖拾伍元整、叁拾元零伍分。不要写其他文字。",
        ),
        "amount.too_precise": (
            "金额超过两位小数",
            "金额只能精确到分（最多两位小数）。"
            "若是 Excel 公式算出的数，请用 =ROUND(公式,2) 取两位小数。",
        ),
        "amount.negative": (
            "金额是负数",
            "金额不能写负数：花出去的钱请写在“支出”列，冲正或退款请另起一行并在备注中说明。",
        ),
        "amount.too_large": ("金额大得不合理", "请检查是否多写了几位数，或把“万”和“元”弄混了。"),
        "amount.mismatch": (
            "大写和小写金额不一致",
            "同一个金额写了大写和阿拉伯数字两种写法，两者必须相等；请对照原始凭证改正其中一个，"
            "或只写一种。",
        ),
    }
)
_MESSAGES = {
    "amount.invalid": "「{v}」不是有效的金额",
    "amount.too_precise": "金额「{v}」超过两位小数",
    "amount.negative": "金额「{v}」是负数",
    "amount.too_large": "金额「{v}」大得不合理",
    "amount.mismatch": "金额「{v}」的大写和小写不一致",
}

_AMOUNT_LIMIT = Decimal("1e12")
_CENT = Decimal("0.01")

_NOUNS = {"amount": "金额"}


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS, detail)


_AMOUNT = (
    r"(?P<sign>[-−])?\s*[¥]?\s*(?P<sign2>[-−])?\s*"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>万元|万|元)?"
)


_NUMERALS = "零〇壹贰叁肆伍陆柒捌玖拾佰仟万亿一二两三四五六七八九十百千"
_DIGIT = "壹贰叁肆伍陆柒捌玖一二两三四五六七八九"
_CAPITAL = re.compile(
    rf"(?:人民币)?(?:\(?大写\)?)?[:：]?\s*"
    rf"(?:(?P<yuan>[{_NUMERALS}]+)[元圆])?零?"
    rf"(?:(?P<jiao>[{_DIGIT}])角)?零?"
    rf"(?:(?P<fen>[{_DIGIT}])分)?[整正]?"
)
_TENTHS = {c: i + 1 for i, c in enumerate("壹贰叁肆伍陆柒捌玖")} | {
    "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
# 肆仟贰佰玖拾伍元整（¥4295.00） or ¥4295.00（肆仟贰佰玖拾伍元整）
_BOTH = re.compile(r"(?P<first>[^()（）]+?)\s*[(（](?P<second>[^()（）]+)[)）]")


@functools.lru_cache(maxsize=4096)
def _capital_yuan(text: str) -> int | None:
    """肆仟贰佰玖拾伍 as 4295 (cn2an, strict), or None; a ledger repeats its amounts."""
    import cn2an  # 0.1 s to import: only when a capital amount is written

    try:
        return int(cn2an.cn2an(text, "strict"))
    except ValueError:
        return None


def _capital_number(text: str) -> Decimal | None:
    """A capital amount (肆仟贰佰玖拾伍元整) as a Decimal, or None when it is not one."""
    found = _CAPITAL.fullmatch(text)
    if found is None or not any(found.group("yuan", "jiao", "fen")):
        return None
    yuan = Decimal(0)
    if found["yuan"]:
        whole = _capital_yuan(found["yuan"])
        if whole is None:
            return None
        yuan = Decimal(whole)
    jiao, fen = (_TENTHS.get(found[part] or "", 0) for part in ("jiao", "fen"))
    return yuan + Decimal(jiao) / 10 + Decimal(fen) / 100


def _written_number(text: str, value: object) -> Decimal:
    """One way of writing an amount: digits, or capitals."""
    capital = _capital_number(text.replace(" ", ""))
    if capital is not None:
        return capital
    found = match(_AMOUNT, text)
    if found is None or (found["sign"] and found["sign2"]):
        raise _problem("amount.invalid", value)
    number = Decimal(found["num"].replace(",", ""))
    if found["unit"] in ("万", "万元"):
        number = number.scaleb(4)
    return -number if found["sign"] or found["sign2"] else number


def _amount_number(value: object) -> Decimal:
    """The exact number written, before checks; raises amount.invalid."""
    if isinstance(value, bool) or value is None:
        raise _problem("amount.invalid", value)
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(float.__repr__(value))  # an Excel cell: its shortest repr is what staff saw
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if not isinstance(value, str):
        raise _problem("amount.invalid", value)
    text = clean(value)
    both = _BOTH.fullmatch(text)
    if both is None:
        return _written_number(text, value)
    first, second = (_written_number(both[part].strip(), value) for part in ("first", "second"))
    if first != second:
        raise _problem("amount.mismatch", value, f"一个是 {first}，一个是 {second}")
    return first


def parse_amount(value: object) -> Decimal:
    """Yuan as an exact Decimal with 2 places: 1234.5, "1,234.50", "¥1234.50", "1.2万",
    "肆仟贰佰玖拾伍元整"."""
    number = _amount_number(value)
    if number < 0:
        raise _problem("amount.negative", value)
    if number >= _AMOUNT_LIMIT:
        raise _problem("amount.too_large", value)
    try:
        cents = number.quantize(_CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise _problem("amount.too_precise", value) from None
    if cents != number:
        raise _problem("amount.too_precise", value)
    return abs(cents)  # abs() turns -0.00 into 0.00
