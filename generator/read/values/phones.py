"""Phone numbers as staff write them: one or several, with extensions and labels.

A phone field may hold one number (0359-1234567, 13800000000, 400-123-4567,
12345, 110), several (``0743-6222412 0743-6231658``, ``…、…``, a list), a number
with an extension (``12345转3``), a number with a label (``0743-6222412（办公室）``
or ``办公室：0743-6222412``), or labelled entries (``{label: 投诉, phone: …}``).
Each number becomes a ``PhoneNumber`` in display form with its own tel: link; a
field's value is ``Phones``, which reads as the numbers joined by 、.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.errors import codes
from generator.read.values.problem import ValueProblem, match, normalise_digits, value_problem

# code -> (short title, hint), and the message for a value that is wrong
PHONE_CODES: dict[str, tuple[str, str]] = codes(
    {
        "phone.invalid": (
            "电话号码写法不对",
            "请写成 0359-1234567、13800000000、400-123-4567 或 12345 这样的号码；几个号码用"
            "顿号或空格隔开，分机写成 12345转3，说明写在括号里：0743-6222412（办公室）。"
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
_EXTENSION = re.compile(r"^(?P<number>.+?)\s*(?:转|分机|ext\.?|x)\s*(?P<ext>[0-9]{1,6})$", re.I)
_LABEL_AFTER = re.compile(r"^(?P<number>[^（(]+?)\s*[（(](?P<label>[^（()）]{1,20})[)）]$")
_LABEL_BEFORE = re.compile(r"^(?P<label>[^0-9+:：]{1,20})[:：]\s*(?P<number>.+)$")
_SEPARATORS = re.compile(r"\s*[、,;/]\s*|\s+")


@dataclass(frozen=True)
class PhoneNumber:
    """One number in display form, with its extension and what it is for (a label)."""

    number: str  # 0359-1234567, 13800000000, 400-123-4567, 12345
    extension: str = ""  # 3 in 12345转3
    label: str = ""  # 办公室, 投诉

    @property
    def tel(self) -> str:
        """The tel: link: digits only, the extension after a pause (a comma)."""
        digits = re.sub(r"[^0-9+]", "", self.number)
        return f"tel:{digits}" + (f",{self.extension}" if self.extension else "")

    @property
    def dialled(self) -> str:
        """What to dial, without the label: 0743-6222412, 12345转3."""
        return self.number + (f"转{self.extension}" if self.extension else "")

    def __str__(self) -> str:
        return self.dialled + (f"（{self.label}）" if self.label else "")


class Phones(tuple[PhoneNumber, ...]):
    """The numbers of one phone field, in the order written; reads as they are joined by 、."""

    def __str__(self) -> str:
        return "、".join(map(str, self))

    @property
    def first(self) -> PhoneNumber:
        return self[0]


def _digits(text: str) -> str | None:
    """The digits of a phone written with optional spaces, dashes, (area code) or +86."""
    text = re.sub(r"\s+", "", normalise_digits(text).translate(_DASHES))
    text = re.sub(r"^\+86-?", "", text)
    text = re.sub(r"^\((0[0-9]{2,3})\)-?", r"\1-", text)
    if not match(r"[0-9]+(?:-[0-9]+){0,2}", text):
        return None
    return text.replace("-", "")


def _display(digits: str) -> str | None:
    if match(r"1[3-9][0-9]{9}|[1-9][0-9]{2,4}|[2-9][0-9]{6,7}", digits):
        return digits  # mobile, short service number (110, 12345), local number
    if match(r"[48]00[0-9]{7}", digits):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if match(r"0[0-9]{9,11}", digits):
        area = digits[:3] if digits[1] in "12" else digits[:4]
        if len(digits) - len(area) in (7, 8):
            return f"{area}-{digits[len(area) :]}"
    return None


def _one(text: str, label: str = "") -> PhoneNumber | None:
    """One number with its extension and label, or None when text is not one number."""
    text = normalise_digits(text).strip()
    found = _LABEL_AFTER.match(text) or _LABEL_BEFORE.match(text)
    if found:
        label, text = label or found["label"].strip(), found["number"].strip()
    extension = ""
    found = _EXTENSION.match(text)
    if found:
        text, extension = found["number"], found["ext"]
    digits = _digits(text)
    shown = _display(digits) if digits else None
    return PhoneNumber(shown, extension, label) if shown else None


def _numbers(text: str, original: object, label: str = "") -> list[PhoneNumber]:
    """Every number in a text: itself one number (0743 6222412), or several separated."""
    whole = _one(text, label)
    if whole is not None:
        return [whole]
    head = _LABEL_BEFORE.match(normalise_digits(text).strip())
    if head is not None and not label:  # 办公室：0743-6222412、0743-6231658: a label for all
        return _numbers(head["number"], original, head["label"].strip())
    found = []
    for part in (p for p in _SEPARATORS.split(normalise_digits(text).strip()) if p):
        number = _one(part, label)
        if number is None:
            raise _problem("phone.invalid", original)
        found.append(number)
    if not found:
        raise _problem("phone.invalid", original)
    return found


def _item(value: object, original: object) -> list[PhoneNumber]:
    if isinstance(value, PhoneNumber):
        return [value]
    if isinstance(value, float) and value.is_integer() and value >= 0:
        value = int(value)  # an Excel number cell
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return _numbers(str(int(value)), original)
    if isinstance(value, str) and value.strip():
        return _numbers(value, original)
    if isinstance(value, Mapping) and set(value) <= {"label", "phone", "name"}:
        label = value.get("label") or value.get("name") or ""
        number = value.get("phone")
        if isinstance(label, str) and number is not None and not isinstance(number, Mapping):
            return [
                PhoneNumber(n.number, n.extension, n.label or label.strip())
                for n in _item(number, original)
            ]
    raise _problem("phone.invalid", original)


def parse_phones(value: object) -> Phones:
    """Every number of a phone field: a text of one or several, a list, labelled entries."""
    if isinstance(value, Phones):
        return value
    items: Iterable[object] = value if isinstance(value, list | tuple) else [value]
    found = [n for item in items for n in _item(item, value)]
    if not found:
        raise _problem("phone.invalid", value)
    return Phones(found)


def parse_phone(value: object) -> str:
    """One number in display form: 0359-1234567, 13800000000, 400-123-4567, 12345, 110."""
    numbers_ = parse_phones(value)
    if len(numbers_) != 1:
        raise _problem("phone.invalid", value, "这里只能写一个号码")
    return numbers_.first.dialled


def tel_href(phone: object) -> str:
    """The tel: link of a phone (of the first number of a field of several)."""
    if isinstance(phone, Phones):
        return phone.first.tel
    if isinstance(phone, PhoneNumber):
        return phone.tel
    return "tel:" + re.sub(r"[^0-9+]", "", normalise_digits(str(phone)))


def is_mobile(phone: object) -> bool:
    """Whether a phone is a Chinese mobile number (1[3-9] and 9 more digits)."""
    if isinstance(phone, Phones):
        return any(is_mobile(n) for n in phone)
    text = phone.number if isinstance(phone, PhoneNumber) else phone
    digits = _digits(text) if isinstance(text, str) else None
    return bool(digits and match(r"1[3-9][0-9]{9}", digits))
