"""lists/*.yml: a beneficiary list posted for the public (名单公示: 低保, 特困, 临时救助 …).

The rules allow four things per person and nothing more: the name, the household
size, the amount and the category. Every other field (a YAML key, a CSV column) is
refused by name when the file is read (generator/contract/lists_read.py); the model
here holds what is allowed. A list is posted for a fixed period (``period: 7天`` or
``until: 2026-11-27``) or long-term (``period: 长期``); an unclear period is refused,
never guessed. Whether a list is on the site depends only on the build's ``today``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainValidator, WithJsonSchema

from generator.contract.common import Amount, Date, Model, Text, zh
from generator.errors import codes
from generator.read.values import ValueProblem, normalise_digits

# code -> (title, hint): a posted list (名单公示)
LIST_CODES: dict[str, tuple[str, str]] = codes(
    {
        "list.field": (
            "名单里有规定不允许公开的项",
            "名单公示只能写四项：姓名、家庭人口、金额、类别（民政规定只公开这些）。"
            "请删除这一项或这一列：身份证号、电话、住址、银行卡号、户籍等一律不能公开。",
        ),
        "list.name": (
            "姓名一格里有姓名以外的内容",
            "姓名一格只写名字，可以写成 张某某；不要写住址、楼栋号、门牌号、电话或证件号，"
            "也不要加括号注明其他情况。",
        ),
        "list.household": (
            "家庭人口写法不对",
            "写 1 到 20 之间的整数，例如 3（也可以写 3人）。",
        ),
        "list.period": (
            "公示期写得不清楚",
            "三种写法选一种：period: 7天（从发布日期的次日起算，满7天后自动从网站撤下）；"
            "until: 2026-11-27（公示到这一天为止）；长期公示写 period: 长期。"
            "不要写“一周”“7个工作日”“一个月”这类说法，网站不会替您猜。",
        ),
        "list.header": (
            "名单表格的表头不对",
            "表格里要有一行列名：序号、姓名、家庭人口、金额、类别（序号和类别可以不要），"
            "列名下面每行一个人。",
        ),
    }
)

MAX_DAYS = 366  # a fixed period longer than a year is a long-term list: write 长期
MAX_HOUSEHOLD = 20


@dataclass(frozen=True)
class Period:
    """How long a list is posted: ``days`` after the day it is published, or long-term."""

    days: int | None  # None: long-term (长期公示)

    @property
    def long_term(self) -> bool:
        return self.days is None


_LONG_TERM = {"长期", "长期公示", "长期有效", "常年", "常年公示", "long", "longterm"}
_DAYS = re.compile(r"(?:公示)?(?:期)?(\d{1,3})(?:个)?(?:天|日|自然日)?")


def _period_problem(value: object, why: str) -> ValueProblem:
    shown = value if isinstance(value, str) else repr(value)
    return ValueProblem("list.period", f"「{shown[:30]}」{why}", LIST_CODES["list.period"][1])


def parse_period(value: object) -> Period:
    """``7天``, ``7日``, ``7`` or ``长期``; anything else (一周, 7个工作日) is refused."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _period_problem(value, "不是公示期的写法")
    text = re.sub(r"\s+", "", normalise_digits(str(value))).casefold()
    if text in _LONG_TERM:
        return Period(None)
    if "工作日" in text:
        why = "按工作日算要看放假安排，网站不替您推算：请写 until: 最后一天的日期"
        raise _period_problem(value, why)
    match = _DAYS.fullmatch(text)
    if match is None:
        raise _period_problem(value, "看不出是几天")
    days = int(match.group(1))
    if not 1 <= days <= MAX_DAYS:
        raise _period_problem(value, f"公示天数应在 1 到 {MAX_DAYS} 天之间；长期公示请写 长期")
    return Period(days)


PeriodValue = Annotated[
    Period,
    PlainValidator(parse_period),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "description": "公示期：7天（从发布日期的次日起算）或 长期",
            "examples": ["7天"],
        }
    ),
]

# A name is written in Chinese characters, maybe with the dot of a minority name
# (阿依古丽·买买提) or masked (张某某, 张**, 张××).
_NAME = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·•・*＊×xX]+")
_ADDRESS = re.compile(r"栋|幢|单元|小区|号楼|号院|门牌|社区|安置点|\d")
_MAX_NAME = 20


def _masked(text: str) -> str:
    """The value as shown in a message: never a number that could be someone's."""
    shown = normalise_digits(text)
    if len(re.findall(r"\d", shown)) >= 7:  # as long as a phone or an ID: masked
        shown = re.sub(r"\d", "*", shown)
    return shown if len(shown) <= 30 else shown[:29] + "…"


def parse_name(value: object) -> str:
    """A person's name and nothing else: no digits, address, brackets or extra words."""
    if not isinstance(value, str) or not value.strip():
        raise ValueProblem("list.name", "姓名不能为空", LIST_CODES["list.name"][1])
    text = value.strip()
    parts = text.split()
    # "张  三": a two-character name padded to line up, as printed lists do
    joined = "".join(parts) if len(parts) > 1 and all(len(p) == 1 for p in parts) else text
    if _ADDRESS.search(normalise_digits(joined)) or not _NAME.fullmatch(joined):
        why = "像是还写了住址、数字或别的内容" if len(parts) > 1 or _ADDRESS.search(
            normalise_digits(joined)
        ) else "里有姓名以外的字符"
        raise ValueProblem(
            "list.name", f"姓名「{_masked(text)}」{why}", LIST_CODES["list.name"][1]
        )
    if len(joined) > _MAX_NAME:
        raise ValueProblem(
            "list.name", f"姓名「{_masked(text)}」太长了（最多 {_MAX_NAME} 个字）",
            LIST_CODES["list.name"][1],
        )
    return joined


def parse_household(value: object) -> int:
    """3, "3", "３", "3人", "3口" or an Excel number cell 3.0."""
    number: int | None = None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = re.sub(r"\s+", "", normalise_digits(value))
        match = re.fullmatch(r"(\d{1,3})(?:人|口|口人)?", text)
        number = int(match.group(1)) if match else None
    if number is None or not 1 <= number <= MAX_HOUSEHOLD:
        shown = _masked(value if isinstance(value, str) else repr(value))
        raise ValueProblem(
            "list.household",
            f"「{shown}」不是 1 到 {MAX_HOUSEHOLD} 之间的人数",
            LIST_CODES["list.household"][1],
        )
    return number


Name = Annotated[
    str,
    BeforeValidator(parse_name),
    WithJsonSchema(
        {"type": "string", "description": "只写姓名，可写成 张某某", "examples": ["张某某"]}
    ),
]
Household = Annotated[
    int,
    BeforeValidator(parse_household),
    WithJsonSchema(
        {
            "type": ["integer", "string"],
            "description": f"家庭人口：1 到 {MAX_HOUSEHOLD} 的整数，例如 3",
            "examples": [3],
        }
    ),
]

# the people file beside the list: 2026-11-低保.csv or .xlsx
PEOPLE_FILE = r"^[^/\\]+\.(?:csv|CSV|xlsx|XLSX)$"


class ListPerson(Model):
    """One line of the list: the four things the rules allow, nothing more."""

    model_config = zh("名单中的一人", "名单的一行：只写规定允许的四项，不多写")

    name: Name = Field(
        title="姓名", description="只写姓名，可以写成 张某某；不写住址、电话、证件号"
    )
    household: Household = Field(title="家庭人口", description="这一户享受保障的人数")
    amount: Amount = Field(
        title="金额", description="元，精确到分；也可以写大写：壹仟贰佰陆拾元整"
    )
    category: str | None = Field(
        None, max_length=10, title="类别", description="例如 A类、一档、全额、分散供养；可以不写"
    )


class ListMeta(Model):
    """A posted list: what it is, who posts it, for how long, and its people."""

    model_config = zh("名单公示", "一份公示名单：是什么、谁公示、公示多久、名单上的人")

    title: Text = Field(
        max_length=100, title="标题", description="例如 2026年11月城乡低保新增对象审核公示"
    )
    kind: Text = Field(
        max_length=20,
        title="名单类别",
        description="例如 低保、特困、临时救助、残疾人两项补贴、孤儿基本生活费、高龄津贴",
        examples=["低保"],
    )
    published: Date = Field(title="公示日期", description="从这一天起在网站上公示")
    period: PeriodValue | None = Field(
        None,
        title="公示期",
        description="7天：从公示日期的次日起算满7天后从网站撤下；长期：一直公示。"
        "与 until 二选一",
    )
    until: Date | None = Field(
        None, title="公示截止日期", description="公示到这一天（含）为止；与 period 二选一"
    )
    by: str | None = Field(None, max_length=50, title="公示单位", description="例如 吉祥社区居委会")
    supervision: str | None = Field(
        None,
        max_length=300,
        title="监督方式",
        description="如有异议向谁反映、监督电话（写办公电话，不写个人手机）；"
        "不写时显示本安置点的监督投诉电话",
    )
    people: list[ListPerson] | Annotated[str, Field(pattern=PEOPLE_FILE)] = Field(
        title="名单",
        description="每人一项：name 姓名、household 家庭人口、amount 金额、category 类别；"
        "或者写同一文件夹里的表格文件名，例如 2026-11-低保.csv（.xlsx 也可以），"
        "列名：序号、姓名、家庭人口、金额、类别",
    )

    @property
    def ends(self) -> dt.date | None:
        """The last day the list is posted (inclusive); None for a long-term list."""
        if self.until is not None:
            return self.until
        if self.period is not None and self.period.days is not None:
            return self.published + dt.timedelta(days=self.period.days)
        return None

    def posted(self, today: dt.date) -> bool:
        """Whether the list is on the site on the build day: within its period only."""
        ends = self.ends
        return self.published <= today and (ends is None or today <= ends)
