"""Parsers for the values staff write by hand: dates, months, quarters, money, phones, hours.

Staff type these in YAML or export them from Excel/WPS, so each parser accepts the
forms listed in shared/spec/data-format.md ("Common value formats") and a few obvious
variants (full-width digits, Chinese punctuation, Excel numbers and dates). Anything
else raises ValueProblem with a stable code, a Chinese message that names the value
received, and a Chinese hint on how to write it. One module per kind of value:
dates, money, areas, phones, days, times; problem holds what they share.
"""

from generator.read.values.areas import AREA_CODES, Area, parse_area
from generator.read.values.dates import (
    DATE_CODES,
    Month,
    Quarter,
    YearlyPeriod,
    parse_date,
    parse_date_range,
    parse_month,
    parse_quarter,
    parse_yearly_period,
)
from generator.read.values.days import DAY_CODES, DaySet, describe_days, parse_days
from generator.read.values.money import AMOUNT_CODES, parse_amount
from generator.read.values.periods import (
    KIND_NAMES,
    PERIOD_CODES,
    FundMonth,
    Period,
    parse_fund_month,
    parse_period,
    period_of,
)
from generator.read.values.phones import (
    PHONE_CODES,
    PhoneNumber,
    Phones,
    is_mobile,
    parse_phone,
    parse_phones,
    tel_href,
)
from generator.read.values.problem import ValueProblem, normalise_digits
from generator.read.values.times import END_OF_DAY, TIME_CODES, TimeRange, parse_times

# every value code, for the catalogue and the tests
VALUE_CODES: dict[str, tuple[str, str]] = (
    DATE_CODES | PERIOD_CODES | AMOUNT_CODES | PHONE_CODES | DAY_CODES | TIME_CODES | AREA_CODES
)

__all__ = [
    "END_OF_DAY",
    "KIND_NAMES",
    "VALUE_CODES",
    "Area",
    "DaySet",
    "FundMonth",
    "Month",
    "Period",
    "PhoneNumber",
    "Phones",
    "Quarter",
    "TimeRange",
    "ValueProblem",
    "YearlyPeriod",
    "describe_days",
    "is_mobile",
    "normalise_digits",
    "parse_amount",
    "parse_area",
    "parse_date",
    "parse_date_range",
    "parse_days",
    "parse_fund_month",
    "parse_month",
    "parse_period",
    "parse_phone",
    "parse_phones",
    "parse_quarter",
    "parse_times",
    "parse_yearly_period",
    "period_of",
    "tel_href",
]  # fmt: skip
