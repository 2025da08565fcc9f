"""handbook.yml: the 便民服务手册, services grouped by category.

A service has version 1's fields (who, what to bring, steps, window, time limit,
fee, phone, basis) and, optionally, what county 政务服务 guides publish beside
them (version 2): 法定/承诺时限, 办件类型, 跑动次数, 网办地址, 收费依据, labelled
phones, a place other than the hall, alternative routes (paths) and a small FAQ.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator

from generator.contract.common import Id, Model, Phone, Text, zh
from generator.read.values import ValueProblem
from generator.read.values.problem import normalise_digits, show
from generator.read.values.urls import web_address

# 办件类型: what the county guides call a service that is done on the spot (即办件) and
# one that is done within a promised time (承诺件)
SERVICE_KINDS: dict[str, str] = {
    "即办件": "材料齐全时当场办结",
    "承诺件": "受理后在承诺时限内办结",
}
_KIND_DESCRIPTION = " 或 ".join(f"{kind}（{meaning}）" for kind, meaning in SERVICE_KINDS.items())
_KIND_HINT = (
    "办件类型只能写「即办件」（材料齐全当场办好）或「承诺件」（受理后在承诺时限内办好）。"
    "上报件、联办件等其他类型请不写 kind，把情况写在温馨提示（notes）里。"
)


def _kind(value: object) -> object:
    """即办件 or 承诺件 as written (spaces and a missing 件 forgiven); others refused."""
    if isinstance(value, str):
        text = re.sub(r"\s+", "", value)
        if text in ("即办", "承诺"):
            text += "件"
        if text in SERVICE_KINDS:
            return text
    if value is None:
        return None
    raise ValueProblem(
        "schema.choice",
        f"「{show(value)}」不是可选的办件类型；可选：{'、'.join(SERVICE_KINDS)}",
        _KIND_HINT,
    )


ServiceKind = Annotated[
    Literal["即办件", "承诺件"],
    BeforeValidator(_kind),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(SERVICE_KINDS),
            "description": _KIND_DESCRIPTION,
            "examples": ["承诺件"],
        }
    ),
]

_NUMERALS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_VISITS_WORDS = {"全程网办": 0, "不用跑": 0, "零跑动": 0}  # and 最多跑一次, 1次 … below
_VISITS = re.compile(r"(?:最多跑|跑)?(?P<n>-?[0-9]+|[零一二两三四五])次?")
_VISITS_HINT = (
    "跑动次数写办这件事最多要到现场几次，只写数字：0 表示全程网上办、不用跑，"
    "1 表示最多跑一次，2 表示最多跑两次；也可以写 0次、最多跑一次。"
)


def _visits(value: object) -> object:
    """An integer ≥ 0, also written 1次, 最多跑一次, 全程网办; negatives and words refused."""
    if value is None:
        return None
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = re.sub(r"\s+", "", normalise_digits(value))
        found = _VISITS.fullmatch(text)
        if text in _VISITS_WORDS:
            number = _VISITS_WORDS[text]
        elif found:
            n = found["n"]
            number = _NUMERALS[n] if n in _NUMERALS else int(n)
    if number is None:
        raise ValueProblem("schema.integer", f"应为整数，现在是「{show(value)}」", _VISITS_HINT)
    if number < 0:
        raise ValueProblem("schema.invalid", f"不能是负数，现在是「{show(value)}」", _VISITS_HINT)
    return number


Visits = Annotated[
    int,
    BeforeValidator(_visits),
    WithJsonSchema(
        {
            "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string"}],
            "description": "到现场最多跑几次：0 表示全程网办、不用跑，1 表示最多跑一次",
            "examples": [1],
        }
    ),
]

# what may stand in a page address: RFC 3986's unreserved characters, "%" escapes and the
# delimiters a query needs; no quotes, <, >, backslash, space or anything non-ASCII
_URL_PART = re.compile(r"[A-Za-z0-9._~%:@/?&=+,;!$*()#-]*")
_URL_MAX = 300  # a longer address does not fit a QR code a phone reads from paper
_ONLINE_HINT = (
    "请从县政务服务网上复制这件事的完整网址，以 https:// 或 http:// 开头，"
    "例如 https://zwfw.example.gov.cn/item/123；网址中不能有空格、引号、尖括号 < > 或反斜杠，"
    "中文请换成 %E4%B8%AD 这样的编码。没有网上办理的，不写 online。"
)


def check_page_url(url: str) -> str:
    """url if it is a plain http(s) address of a page, else ValueProblem(schema.url).

    The common rules are read.values.urls'; unlike the portal's base_url, a page
    address need not end in "/" and may have a query (?id=123) and a fragment
    (#guide): they are common on the counties' platforms.
    """

    def refuse(why: str) -> ValueProblem:
        return ValueProblem("schema.url", f"「{show(url, 60)}」不是可用的网址：{why}", _ONLINE_HINT)

    if len(url) > _URL_MAX:
        raise refuse(f"太长了（超过 {_URL_MAX} 个字符），印成二维码扫不出来")
    parts = web_address(url, refuse)
    rest = url[len(parts.scheme) + 3 + len(parts.netloc) :]
    if not _URL_PART.fullmatch(rest):
        raise refuse("其中有网址里不能直接写的字符（如引号、尖括号、反斜杠或中文）")
    return url


def _online(value: object) -> object:
    if isinstance(value, str):
        return check_page_url(value.strip())
    return value


OnlineUrl = Annotated[
    str,
    BeforeValidator(_online),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^https?://",
            "examples": ["https://zwfw.example.gov.cn/item/430923-dibao"],
        }
    ),
]


class Route(Model):
    """One way through a service, taken in one situation (材料齐全 → 受理, 审核, 办结)."""

    model_config = zh("分情况办理", "某种情况下办理一项服务的步骤（材料齐全 → 受理、审核、办结）")

    when: Text = Field(
        title="情形",
        description="什么情况下这样办",
        examples=["材料齐全", "材料不齐全", "情况紧急"],
    )
    steps: list[Text] = Field(
        title="办理步骤",
        description="这种情形下按先后顺序的步骤",
        examples=[["窗口受理", "审核", "办结"]],
    )

    @field_validator("steps")
    @classmethod
    def _some_steps(cls, steps: list[str]) -> list[str]:
        if not steps:
            raise ValueProblem(
                "schema.empty",
                "这种情形没有写办理步骤",
                "请至少写一步，例如 steps: [一次性告知所缺材料, 补齐后受理]；"
                "不需要这种情形就删除这一项。",
            )
        return steps


class Question(Model):
    """One question residents often ask, and its answer."""

    model_config = zh("常见问题", "居民常问的一个问题和回答")

    q: Text = Field(title="问题", description="居民常问的话", examples=["户口不在安置点能申请吗？"])
    a: Text = Field(
        title="回答",
        description="可用 Markdown",
        examples=["能。向户籍所在地乡镇人民政府提出申请，社区可以代办。"],
    )


class Service(Model):
    """One service residents can apply for: who, what to bring, where, how long, how much."""

    model_config = zh("服务事项", "居民可以申请的一项服务：谁能办、带什么、去哪办、多久、多少钱")

    id: Id = Field(
        title="事项编号",
        description="英文编号，例如 school-transfer，在手册中不能重复（大小写不同也算重复）；"
        "它也是这项服务网页的网址 handbook/school-transfer/，发布后请不要再改，"
        "不能用 index 或 readme",
    )
    name: Text = Field(title="事项名称", description="例如 搬迁子女转学入学")
    summary: str | None = Field(None, title="简介", description="一句话说明办的是什么事")
    # `for` is a Python keyword: the field is `eligibility`, written `for` in the YAML.
    eligibility: str | None = Field(
        None,
        alias="for",
        title="办理对象",
        description="谁可以办，例如 6至15周岁儿童；有几条条件时用 for: | 每行写一条",
        examples=["户籍或居住证在本社区的6至15周岁儿童"],
    )
    documents: list[Text] = Field(default_factory=list, title="所需材料")
    steps: list[Text] = Field(
        default_factory=list,
        title="办理流程",
        description="按先后顺序；分情况办理时改写 paths，这里可以不写",
    )
    paths: list[Route] = Field(
        default_factory=list,
        title="分情况办理",
        description="不同情形各自的步骤，例如 材料齐全时怎么办、材料不齐全时怎么办",
        examples=[
            [
                {"when": "材料齐全", "steps": ["窗口受理", "审核", "办结"]},
                {"when": "材料不齐全", "steps": ["一次性告知所缺材料", "补齐后受理"]},
            ]
        ],
    )
    window: Id | None = Field(
        None, title="办理窗口", description="windows.yml 中窗口的编号（id），例如 education"
    )
    where: str | None = Field(
        None,
        title="办理地点",
        description="不在本社区大厅办理时写去哪里办，例如 户籍所在地乡镇人民政府（迁出地）、"
        "县政务服务中心",
        examples=["户籍所在地村（居）委会或乡镇人民政府"],
    )
    time_limit: str | None = Field(None, title="办结时限", description="例如 5个工作日")
    legal_time_limit: str | None = Field(
        None,
        title="法定时限",
        description="法律法规规定的最长办理时间",
        examples=["20个工作日"],
    )
    promised_time_limit: str | None = Field(
        None,
        title="承诺时限",
        description="本县承诺的办理时间（一般比法定时限短）",
        examples=["5个工作日"],
    )
    kind: ServiceKind | None = Field(
        None,
        title="办件类型",
        description=_KIND_DESCRIPTION,
        examples=["即办件"],
    )
    visits: Visits | None = Field(
        None,
        title="跑动次数",
        description="到现场最多跑几次：0 表示全程网办、不用跑，1 表示最多跑一次",
        examples=[0, 1],
    )
    online: OnlineUrl | None = Field(
        None,
        title="网上办理地址",
        description="县政务服务网上这件事的网址，以 https:// 或 http:// 开头；"
        "网页上是一个链接，打印版手册上印成二维码",
        examples=["https://zwfw.example.gov.cn/item/430923-dibao"],
    )
    fee: str | None = Field(None, title="收费标准", description="例如 免费")
    fee_basis: str | None = Field(
        None,
        title="收费依据",
        description="收费的文件名称；不收费时可不写",
        examples=["《关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"],
    )
    phone: Phone | None = Field(None, title="咨询电话")
    phones: Phone | None = Field(
        None,
        title="联系电话（带说明）",
        description="几个带说明的电话，例如 咨询、投诉；写成 [{label: 投诉, phone: 0743-1234567}]",
        examples=[
            [{"label": "咨询", "phone": "0737-7226787"}, {"label": "投诉", "phone": "0737-7224401"}]
        ],
    )
    basis: str | None = Field(
        None,
        title="办理依据",
        description="法律、法规或政策文件名称；有几条时用 basis: | 每行写一条",
        examples=["《社会救助暂行办法》"],
    )
    keywords: list[Text] = Field(
        default_factory=list,
        title="关键词",
        description="居民可能用的说法，用于搜索和“我要办……”，例如 上学、转学",
    )
    notes: str | None = Field(None, title="温馨提示", description="可用 Markdown")
    faq: list[Question] = Field(
        default_factory=list,
        title="常见问题",
        description="居民常问的问题和回答，每项写 q（问题）和 a（回答，可用 Markdown）",
    )


class Category(Model):
    """A group of services (户籍, 义务教育, 就业创业 …)."""

    model_config = zh("服务类别", "一组服务（户籍、义务教育、就业创业……）")

    id: Id = Field(title="类别编号", description="英文编号，例如 education")
    name: Text = Field(title="类别名称", description="例如 义务教育")
    services: list[Service] = Field(default_factory=list, title="服务事项")


class Handbook(Model):
    """The settlement's service handbook."""

    model_config = zh("便民服务手册", "本安置点的便民服务手册")

    title: Text = Field(title="手册名称", description="例如 新天地社区便民服务手册")
    foreword: str | None = Field(None, title="前言", description="可用 Markdown")
    edition: str | None = Field(None, title="版次", description="例如 2025年10月版")
    categories: list[Category] = Field(title="服务类别")

    @property
    def all_services(self) -> list[Service]:
        """Every service of every category, in order."""
        return [service for category in self.categories for service in category.services]
