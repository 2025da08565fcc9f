"""Amounts in yuan as exact Decimals with two places: never a float."""

from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

# code -> (short title, hint), and the message for a value that is wrong
AMOUNT_CODES: dict[str, tuple[str, str]] = codes(
    {
        "amount.invalid": (
            "金额写法不对",
            "请只写阿拉伯数字，例如 1234.5、1,234.50、¥1234.50 或 1.2万，"
            "不要写大写金额或其他文字。",
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
    }
)
_MESSAGES = {
    "amount.invalid": "「{v}」不是有效的金额",
    "amount.too_precise": "金额「{v}」超过两位小数",
    "amount.negative": "金额「{v}」是负数",
    "amount.too_large": "金额「{v}」大得不合理",
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
    found = match(_AMOUNT, clean(value))
    if found is None or (found["sign"] and found["sign2"]):
        raise _problem("amount.invalid", value)
    number = Decimal(found["num"].replace(",", ""))
    if found["unit"] in ("万", "万元"):
        number = number.scaleb(4)
    return -number if found["sign"] or found["sign2"] else number


def parse_amount(value: object) -> Decimal:
    """Yuan as an exact Decimal with 2 places: 1234.5, "1,234.50", "¥1234.50", "1.2万"."""
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
