"""settlement.yml: a settlement's profile, organisations, facilities, buildings."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.contract.common import (
    Contact,
    Date,
    Model,
    Month,
    Person,
    Phone,
    Text,
    zh,
)
from generator.contract.schedules import FacilityHours
from generator.read.values import ValueProblem

ORGANIZATION_KINDS: dict[str, str] = {
    "party_branch": "党组织",
    "residents_committee": "居民委员会",
    "supervision_committee": "居务监督委员会",
    "service_center": "社区服务中心",
    "representatives": "居民代表委员会",
    "property": "物业服务",
    "other": "其他组织",
}
TOWN = re.compile(r"(?:^|[省市州盟县区旗])([^省市州盟县区旗]+?(?:镇|乡|街道|苏木))")
LOCATIONS: dict[str, str] = {"county_seat": "县城规划区内", "rural": "县城规划区外"}

OrganizationKind = Literal[
    "party_branch",
    "residents_committee",
    "supervision_committee",
    "service_center",
    "representatives",
    "property",
    "other",
]


class Organization(Model):
    """One body of the 两委一站 / 3+2 framework."""

    model_config = zh("组织机构", "“两委一站”或“3+2”组织架构中的一个机构")

    kind: OrganizationKind = Field(
        title="组织类别",
        description="party_branch 党组织、residents_committee 居委会、supervision_committee "
        "居务监督委员会、service_center 社区服务中心、representatives 居民代表委员会、"
        "property 物业服务、other 其他",
    )
    name: Text = Field(title="名称")
    members: list[Person] = Field(default_factory=list, title="成员")
    phone: Phone | None = Field(None, title="电话")
    duties: list[Text] = Field(default_factory=list, title="职责")

    @property
    def kind_name(self) -> str:
        return ORGANIZATION_KINDS[self.kind]


class Facility(Model):
    """A public facility of the settlement (日间照料中心, 卫生室 …)."""

    model_config = zh("服务设施", "安置点的一处公共设施（日间照料中心、卫生室……）")

    name: Text = Field(title="名称")
    location: str | None = Field(None, title="位置")
    hours: FacilityHours = Field(
        None,
        title="开放时间",
        description="每行写星期和时段，例如 每天 8:00-18:00；有季节作息、本设施自己的放假安排"
        "或值班时，照 windows.yml 的 hours 写（weekly、seasons、exceptions、duty）",
    )
    phone: Phone | None = Field(None, title="电话")
    description: str | None = Field(None, title="简介")


BUILDING_ID_LENGTH = 40  # a label to refer to a building by, not its description
_BUILDING_ID_HINT = (
    "楼栋编号是 grids.yml 引用这栋楼时写的简短名字，可以是数字或文字，"
    '例如 "1"、吉祥小区1栋、A区3单元；不能换行，最多 40 个字。'
)


def building_label(value: object) -> object:
    """A building id as staff write it → the label both files compare.

    Any text (吉祥小区1栋, A区3单元) or a bare number (1 means "1"); full-width
    characters count as their half-width forms (１栋 is 1栋) and spaces at either end
    are dropped, so settlement.yml and grids.yml need not be typed alike. A decimal
    number (YAML reads 1.10 as 1.1), an empty label or one with a line break is
    refused with a hint rather than read as something else.
    """
    if isinstance(value, bool):
        return value  # refused by the str type: true/false is not a building
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise ValueProblem(
            "schema.text",
            f"楼栋编号「{value}」是小数，YAML 会把它读成别的数",
            '请给编号加上英文引号，例如 "1.10"；' + _BUILDING_ID_HINT,
        )
    if not isinstance(value, str):
        return value  # refused by the str type
    label = unicodedata.normalize("NFKC", value).strip()
    if not label:
        raise ValueProblem("schema.empty", "楼栋编号不能为空", _BUILDING_ID_HINT)
    if "\n" in label or "\r" in label:
        raise ValueProblem(
            "schema.invalid", "楼栋编号不能换行", "请把编号写在一行里。" + _BUILDING_ID_HINT
        )
    if len(label) > BUILDING_ID_LENGTH:
        raise ValueProblem(
            "schema.invalid",
            f"楼栋编号「{label[:20]}…」太长了（{len(label)} 个字）",
            "楼栋的全称请写在 name（楼栋名称）。" + _BUILDING_ID_HINT,
        )
    return label


BuildingId = Annotated[
    str,
    BeforeValidator(building_label),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "minLength": 1,
            "maxLength": BUILDING_ID_LENGTH,
            "pattern": "^[^\\r\\n]+$",
            "description": "楼栋编号：数字或文字都可以，例如 1、吉祥小区1栋、A区3单元"
            "（一行，最多 40 个字）；grids.yml 用同样的写法引用这栋楼",
            "examples": ["吉祥小区1栋", "1"],
        }
    ),
]

UNKNOWN_WORDS = frozenset({"", "未知", "不详", "未填", "待统计", "待定", "-", "—", "－"})


def _unknown_households(value: object) -> object:
    """未知, 不详, an empty cell or a dash: the households are not known (None), never 0."""
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in UNKNOWN_WORDS:
        return None
    return value


class Building(Model):
    """A residential building; grids refer to it by id."""

    model_config = zh("楼栋", "一栋住宅楼；网格按编号引用它")

    id: BuildingId = Field(
        title="楼栋编号",
        description='网格文件（grids.yml）用这个编号引用楼栋，例如 "1" 或 吉祥小区1栋',
    )
    name: Text = Field(title="楼栋名称", description="例如 1号楼、吉祥小区1栋")
    units: int | None = Field(None, ge=0, le=100, title="单元数", description="例如 3")
    households: Annotated[
        int | None,
        BeforeValidator(
            _unknown_households,
            json_schema_input_type=Annotated[int, Field(ge=0, le=100000)]
            | Literal["未知", "不详"]
            | None,
        ),
    ] = Field(
        None,
        ge=0,
        le=100000,
        title="户数",
        description="这栋楼住了多少户，只写阿拉伯数字；还不清楚就不写（或写 未知），"
        "页面显示“户数未填”，不要写 0",
        examples=[72],
    )


class Settlement(Model):
    """The settlement's profile: the only file a settlement must have."""

    model_config = zh("安置点概况", "安置点概况：每个安置点必须有的唯一文件")

    name: Text = Field(title="社区名称", description="简称，例如 新天地社区")
    full_name: str | None = Field(None, title="全称")
    region: Text = Field(title="所在地", description="省市县乡镇，例如 山西省运城市夏县瑶峰镇")
    location: Literal["county_seat", "rural"] = Field(
        title="安置方式", description="county_seat 县城规划区内；rural 规划区外"
    )
    households: int = Field(ge=0, le=1_000_000, title="户数")
    population: int = Field(ge=0, le=5_000_000, title="人口")
    moved_in: Month | None = Field(None, title="入住时间", description="群众搬迁入住的月份")
    source_villages: list[Text] = Field(default_factory=list, title="迁出地")
    address: str | None = Field(None, title="地址")
    office_phone: Phone | None = Field(None, title="办公电话")
    supervision_phone: Phone | None = Field(
        None, title="监督电话", description="监督、投诉电话，每个页面底部都显示"
    )
    updated: Date = Field(title="信息更新日期")
    intro: str | None = Field(None, title="简介", description="可用 Markdown")
    organizations: list[Organization] = Field(default_factory=list, title="组织机构")
    facilities: list[Facility] = Field(default_factory=list, title="服务设施")
    buildings: list[Building] = Field(default_factory=list, title="楼栋")
    emergency: list[Contact] = Field(default_factory=list, title="紧急电话")

    @property
    def town(self) -> str:
        """The township (镇/乡/街道) at the end of the region, or the region itself."""
        towns = TOWN.findall(self.region)
        return towns[-1] if towns else self.region

    @property
    def location_name(self) -> str:
        return LOCATIONS[self.location]
