"""grids.yml: the 网格 of a settlement, their buildings and staff."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.contract.common import Id, Model, Person, Phone, Text


def _number_as_text(value: object) -> object:
    """A building written as a bare number (1 instead of "1") means the same id."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


BuildingRef = Annotated[
    Id,
    BeforeValidator(_number_as_text),
    WithJsonSchema(
        {"type": ["string", "integer"], "description": "楼栋编号（id）", "examples": ["1"]}
    ),
]


class GridMember(Person):
    """A 网格员 and the resident groups he or she covers."""

    covers: list[Text] = Field(
        default_factory=list, title="负责范围", description="例如 第一居民小组、第二居民小组"
    )


class Grid(Model):
    """One grid: its buildings, its 网格长, 网格员 and community police officer."""

    id: Id = Field(title="网格编号", description="英文编号，例如 g01")
    name: Text = Field(title="网格名称", description="例如 第一网格")
    buildings: list[BuildingRef] = Field(
        default_factory=list,
        title="包含楼栋",
        description='settlement.yml 中楼栋的编号（id），例如 ["1", "2", "3"]',
    )
    leader: Person | None = Field(None, title="网格长")
    members: list[GridMember] = Field(default_factory=list, title="网格员")
    police: Person | None = Field(None, title="社区民警")
    duties: list[Text] = Field(default_factory=list, title="工作职责")


class Grids(Model):
    """Every grid of the settlement and the number to complain to."""

    supervision_phone: Phone | None = Field(
        None, title="监督电话", description="对网格服务不满意时拨打的电话"
    )
    grids: list[Grid] = Field(title="网格")
