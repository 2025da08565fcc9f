"""councils.yml: the residents' charter (居民公约) and the councils (一约七会)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from generator.contract.common import Date, Model, Month, Person, Text

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

    title: Text = Field(title="公约名称", description="例如 新天地社区居民公约")
    adopted: Date = Field(title="通过日期")
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


class CouncilMember(Person):
    """A council member and the month he or she joined."""

    since: Month | None = Field(None, title="任职时间", description="例如 2023-01")


class Decision(Model):
    """A decision the council took, published for residents."""

    date: Date = Field(title="日期")
    title: Text = Field(title="议题", description="例如 关于电动车集中充电棚选址的议定")
    outcome: Text = Field(title="结果", description="例如 表决通过（到会23人，同意21人）")
    summary: str | None = Field(None, title="详细说明", description="可用 Markdown")


class Council(Model):
    """One of the seven councils, or another residents' organisation (kind: other)."""

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
    members: list[CouncilMember] = Field(default_factory=list, title="成员")
    meets: str | None = Field(None, title="活动时间", description="例如 每月第一个星期五")
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

    charter: CharterMeta = Field(title="居民公约")
    councils: list[Council] = Field(default_factory=list, title="七会")
