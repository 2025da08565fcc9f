"""councils.yml: the residents' charter (居民公约) and the councils (一约七会)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Date, Model, Month, Person, Text, zh
from generator.read import values
from generator.read.values import ValueProblem

# The seven councils of 一约七会, in the contract's order.
COUNCIL_KINDS: dict[str, str] = {
    "deliberation": "居民议事会",
    "moral_review": "道德评议会",
    "elders": "乡贤理事会",
    "weddings_funerals": "红白理事会",
    "anti_drug_gambling": "禁毒禁赌协会",
    "mediation": "民调理事会",
    "volunteers": "爱心志愿者协会",
}

CouncilKind = Literal[
    "deliberation",
    "moral_review",
    "elders",
    "weddings_funerals",
    "anti_drug_gambling",
    "mediation",
    "volunteers",
    "other",
]

# A plain file name beside councils.yml: no folders, so it cannot point outside.
MARKDOWN_FILE = r"^[^/\\:*?\"<>|]+\.[mM][dD]$"


class CharterMeta(Model):
    """The residents' charter: its title, when and by whom it was adopted, where its text is."""

    model_config = zh("居民公约", "居民公约：标题、何时由谁通过、正文放在哪里")

    title: Text = Field(title="公约名称", description="例如 新天地社区居民公约")
    adopted: Date = Field(
        title="通过日期",
        description="例如 2020-05-12；从系统导出的带时间的写法（2021-12-24 10:22:43）也可以，"
        "页面只显示日期",
    )
    adopted_by: str | None = Field(None, title="通过会议", description="例如 居民代表会议")
    text: str = Field(
        "charter.md",
        json_schema_extra={"pattern": MARKDOWN_FILE},
        title="公约全文文件",
        description="与本文件放在同一文件夹的 Markdown 文件名，默认 charter.md",
    )

    @field_validator("text")
    @classmethod
    def _plain_file_name(cls, text: str) -> str:
        if not re.fullmatch(MARKDOWN_FILE, text):
            raise PydanticCustomError(
                "schema.invalid",
                "只写文件名，例如 charter.md；文件要和 councils.yml 放在同一个文件夹，以 .md 结尾",
            )
        return text


def month_end(month: values.Month) -> dt.date:
    """The last day of a month (of the year, for a year alone: 2017年 → 2017-12-31)."""
    if month.month is None or month.month == 12:
        return dt.date(month.year, 12, 31)
    return dt.date(month.year, month.month + 1, 1) - dt.timedelta(days=1)


def month_start(month: values.Month) -> dt.date:
    """The first day of a month (of the year, for a year alone)."""
    return dt.date(month.year, month.month or 1, 1)


class CouncilMember(Person):
    """A council member, the month he or she joined and, once known, the month he or she left."""

    model_config = zh("成员", "七会成员：加入的月份，离开后写离开的月份")

    since: Month | None = Field(
        None, title="任职时间", description="例如 2023-01；只知道年份时写 2023年"
    )
    until: Month | None = Field(
        None,
        title="离任时间",
        description="任期结束或离任的月份，例如 2026-12；这个月过完后，页面把他/她列为往届成员"
        "（不显示电话）；还在任就不写",
        examples=["2026-12"],
    )

    @model_validator(mode="after")
    def _until_after_since(self) -> CouncilMember:
        if self.since and self.until and month_end(self.until) < month_start(self.since):
            raise ValueProblem(
                "schema.invalid",
                f"离任时间（until）{self.until}早于任职时间（since）{self.since}",
                "请检查是不是写反了：since 写开始任职的月份，until 写离任的月份。",
            )
        return self

    def former(self, today: dt.date) -> bool:
        """Whether the member had left before today (until's month is over)."""
        return self.until is not None and month_end(self.until) < today


class Standard(Model):
    """One line of a council's standards (红白理事会操办标准): what, and the limit."""

    model_config = zh("标准", "一条操办标准（如红白理事会操办标准）：什么事、上限多少")

    item: Text = Field(
        title="项目", description="例如 每桌（含烟酒）、彩礼、随礼", examples=["每桌（含烟酒）"]
    )
    limit: Text = Field(
        title="标准",
        description="例如 城区每桌不超480元、农村每桌不超300元",
        examples=["城区每桌不超480元"],
    )


class Decision(Model):
    """A decision the council took, published for residents."""

    model_config = zh("议定事项", "七会议定并向居民公开的一件事")

    date: Date = Field(title="日期")
    title: Text = Field(title="议题", description="例如 关于电动车集中充电棚选址的议定")
    outcome: Text = Field(title="结果", description="例如 表决通过（到会23人，同意21人）")
    summary: str | None = Field(None, title="详细说明", description="可用 Markdown")


class Council(Model):
    """One of the seven councils, or another residents' organisation (kind: other)."""

    model_config = zh("七会", "七会之一，或其他居民组织（kind 写 other）")

    kind: CouncilKind = Field(
        title="类别",
        description="deliberation 居民议事会、moral_review 道德评议会、elders 乡贤理事会、"
        "weddings_funerals 红白理事会、anti_drug_gambling 禁毒禁赌协会、mediation 民调理事会、"
        "volunteers 爱心志愿者协会、other 其他（须写 name）",
    )
    name: str | None = Field(
        None, title="名称", description="七会可不写，默认用标准名称；other 必须写"
    )
    purpose: str | None = Field(None, title="宗旨")
    term: str | None = Field(
        None,
        title="任期",
        description="成员的任期，照章程写，例如 理事每届任期三年，可连任",
        examples=["理事每届任期三年，可连任"],
    )
    members: list[CouncilMember] = Field(default_factory=list, title="成员")
    meets: str | None = Field(None, title="活动时间", description="例如 每月第一个星期五")
    standards: list[Standard] = Field(
        default_factory=list,
        title="标准",
        description="例如红白理事会的操办标准，每项写 item（项目）和 limit（标准），页面显示成表格",
        examples=[[{"item": "每桌（含烟酒）", "limit": "城区每桌不超480元"}]],
    )
    rules: str | None = Field(
        None,
        title="章程",
        description="章程全文，可用 Markdown（## 第一章 总则 写成小标题）；"
        "段首用空格缩进也照常显示为段落",
    )
    decisions: list[Decision] = Field(default_factory=list, title="议定事项")

    @model_validator(mode="after")
    def _other_has_name(self) -> Council:
        if self.kind == "other" and not self.name:
            raise PydanticCustomError("schema.invalid", "类别为 other（其他）时必须写 name（名称）")
        return self

    @property
    def display_name(self) -> str:
        """The name staff wrote, or the standard name of the kind."""
        return self.name or COUNCIL_KINDS[self.kind]


class Councils(Model):
    """The charter and the councils of the settlement."""

    model_config = zh("居民公约与七会", "本安置点的居民公约和七会")

    charter: CharterMeta = Field(title="居民公约")
    councils: list[Council] = Field(default_factory=list, title="七会")
