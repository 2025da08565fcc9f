"""settlement.yml: a settlement's profile, organisations, facilities, buildings."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from generator.contract.common import (
    Contact,
    Date,
    HoursList,
    Id,
    Model,
    Month,
    Person,
    Phone,
    Text,
)

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

    name: Text = Field(title="名称")
    location: str | None = Field(None, title="位置")
    hours: HoursList = Field(default_factory=list, title="开放时间")
    phone: Phone | None = Field(None, title="电话")
    description: str | None = Field(None, title="简介")


class Building(Model):
    """A residential building; grids refer to it by id."""

    id: Id = Field(title="楼栋编号", description='网格文件用这个编号引用楼栋，例如 "1"')
    name: Text = Field(title="楼栋名称", description="例如 1号楼")
    units: int | None = Field(None, ge=0, le=100, title="单元数")
    households: int = Field(0, ge=0, le=100000, title="户数")


class Settlement(Model):
    """The settlement's profile: the only file a settlement must have."""

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
