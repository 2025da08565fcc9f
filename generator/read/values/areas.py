"""Areas of land and space as staff write them: 12.5亩, 300平方米, 300㎡, "1,200 m2"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.errors import codes
from generator.read.values.problem import ValueProblem, clean, match, value_problem

# code -> (short title, hint)
AREA_CODES: dict[str, tuple[str, str]] = codes(
    {
        "area.invalid": (
            "面积写法不对",
            "请写数字加单位，例如 12.5亩、300平方米 或 300㎡；单位只能是 亩、平方米 或 公顷。",
        ),
        "area.unit": (
            "面积没有写单位",
            "只写数字分不清是亩还是平方米，请在数字后面写上单位，例如 12.5亩 或 300平方米。",
        ),
    }
)
_MESSAGES = {
    "area.invalid": "「{v}」不是有效的面积",
    "area.unit": "面积「{v}」没有写单位",
}
_NOUNS = {"area": "面积"}

# how a unit is written (after NFKC: ㎡ and m² are m2) → the unit shown and totalled
UNITS = {"亩": "亩", "平方米": "平方米", "平米": "平方米", "m2": "平方米", "公顷": "公顷"}
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
_AREA = rf"({_NUMBER})\s*({'|'.join(sorted(UNITS, key=len, reverse=True))})?"
_LIMIT = Decimal("1e9")


@dataclass(frozen=True)
class Area:
    """An exact area with its unit (亩, 平方米 or 公顷)."""

    value: Decimal
    unit: str

    def __str__(self) -> str:
        """12.5亩, 1,200平方米"""
        return f"{self.value:,}{self.unit}"


def _problem(code: str, value: object) -> ValueProblem:
    return value_problem(code, value, _MESSAGES[code], _NOUNS)


def parse_area(value: object) -> Area:
    """12.5亩, 300平方米, 300 平米, 300㎡, "1,200 m2", 2公顷; a bare number is refused."""
    if isinstance(value, Area):
        return value
    if isinstance(value, bool) or value is None:
        raise _problem("area.invalid", value)
    if isinstance(value, int | float | Decimal):
        raise _problem("area.unit", value)
    if not isinstance(value, str):
        raise _problem("area.invalid", value)
    found = match(_AREA, clean(value).replace("m²", "m2"))
    if found is None:
        raise _problem("area.invalid", value)
    if not found[2]:
        raise _problem("area.unit", value)
    try:
        number = Decimal(found[1].replace(",", ""))
    except InvalidOperation:
        raise _problem("area.invalid", value) from None
    if number <= 0 or number >= _LIMIT:
        raise _problem("area.invalid", value)
    return Area(number, UNITS[found[2].lower()])
