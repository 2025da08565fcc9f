"""Phone numbers in display form, their tel: links, and whether a number is a mobile."""

from __future__ import annotations

import numbers
import re

from generator.errors import codes
from generator.read.values.problem import ValueProblem, match, normalise_digits, value_problem

# code -> (short title, hint), and the message for a value that is wrong
PHONE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "phone.invalid": (
            "电话号码写法不对",
            "请写成 0359-1234567、13800000000、400-123-4567 或 12345 这样的号码，一项只写一个号码；"
            "Excel 中请把电话列设为“文本”格式，以免丢掉开头的 0。",
        ),
    }
)
_MESSAGES = {
    "phone.invalid": "「{v}」不是有效的电话号码",
}

_NOUNS = {"phone": "电话"}


def _problem(code: str, value: object, detail: str = "") -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS, detail)


_DASHES = str.maketrans(dict.fromkeys("—–―‐‑−", "-"))


def _phone_digits(text: str) -> str | None:
    """The digits of a phone written with optional spaces, dashes, (area code) or +86."""
    text = re.sub(r"\s+", "", normalise_digits(text).translate(_DASHES))
    text = re.sub(r"^\+86-?", "", text)
    text = re.sub(r"^\((0[0-9]{2,3})\)-?", r"\1-", text)
    if not match(r"[0-9]+(?:-[0-9]+){0,2}", text):
        return None
    return text.replace("-", "")


def _phone_display(digits: str) -> str | None:
    if match(r"1[3-9][0-9]{9}|[1-9][0-9]{2,4}|[2-9][0-9]{6,7}", digits):
        return digits  # mobile, short service number (110, 12345), local number
    if match(r"[48]00[0-9]{7}", digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if match(r"0[0-9]{9,11}", digits):
        area = digits[:3] if digits[1] in "12" else digits[:4]
        if len(digits) - len(area) in (7, 8):
            return f"{area}-{digits[len(area) :]}"
    return None


def parse_phone(value: object) -> str:
    """A phone number in display form: 0359-1234567, 13800000000, 400-123-4567, 12345, 110."""
    if isinstance(value, float) and value.is_integer() and value >= 0:
        value = int(value)  # an Excel number cell
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        text = str(int(value))
    elif isinstance(value, str):
        text = value
    else:
        raise _problem("phone.invalid", value)
    digits = _phone_digits(text)
    shown = _phone_display(digits) if digits else None
    if shown is None:
        raise _problem("phone.invalid", value)
    return shown


def tel_href(phone: str) -> str:
    """The tel: link of a phone: digits and + only."""
    return "tel:" + re.sub(r"[^0-9+]", "", normalise_digits(phone))


def is_mobile(phone: str) -> bool:
    """Whether a phone is a Chinese mobile number (1[3-9] and 9 more digits)."""
    digits = _phone_digits(phone) if isinstance(phone, str) else None
    return bool(digits and match(r"1[3-9][0-9]{9}", digits))
