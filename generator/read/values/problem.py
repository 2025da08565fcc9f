"""What every parser shares: the problem it raises and the small helpers of cleaning.

A parser raises ValueProblem: a stable code (registered by its module with
generator.errors.codes), a Chinese message naming the value received, and the
code's Chinese hint on how to write it.
"""

from __future__ import annotations

import re
import unicodedata

from generator.errors import CODES

YEARS = range(1900, 2101)  # a year outside this is a typo in this project's data


class ValueProblem(ValueError):
    """A value staff wrote that cannot be read: a stable code, a Chinese message and hint."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(code, message, hint)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}。{self.hint}" if self.hint else self.message


def show(value: object, limit: int = 30) -> str:
    """The value as staff would recognise it: text as written, others via repr; truncated."""
    text = value if isinstance(value, str) else repr(value)
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_problem(
    code: str, value: object, message: str, nouns: dict[str, str], detail: str = ""
) -> ValueProblem:
    """The problem for a value: message names it ({v}), or says it is missing."""
    if value is None or (isinstance(value, str) and not value.strip()):
        text = f"{nouns[code.split('.')[0]]}没有填写"
    else:
        text = message.format(v=show(value.strip() if isinstance(value, str) else value))
    if detail:
        text += f"：{detail}"
    return ValueProblem(code, text, CODES[code][1])


def normalise_digits(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (Unicode NFKC)."""
    return unicodedata.normalize("NFKC", text)


def clean(value: str) -> str:
    return normalise_digits(value).strip()


def match(pattern: str, text: str) -> re.Match[str] | None:
    return re.fullmatch(pattern, text, re.ASCII | re.IGNORECASE)
