"""grids.yml: the 网格 of a settlement, their buildings and staff.

Version 2 gives each member a role (专职网格员, 楼长, 网格指导员 …) and lets a member
name the buildings or units he or she answers for, so that "my building" leads to
one person: ``Grid.contact_for`` says who, and the checks and the grids page share it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from generator.contract.common import Id, Model, Person, Phone, Text, zh
from generator.contract.settlement import BUILDING_ID_LENGTH, BuildingId
from generator.errors import codes
from generator.read.values import ValueProblem

# The roles a grid member may have (the 网格长 is the grid's `leader`, the police
# officer its `police`), with what each is, for staff and for the reference.
MEMBER_ROLES: dict[str, str] = {
    "网格员": "网格员（不区分专职、兼职时写这个）",
    "专职网格员": "专职网格员",
    "兼职网格员": "兼职网格员",
    "楼长": "楼长（负责一栋或几栋楼）",
    "楼栋长": "楼栋长（同楼长，按本社区的叫法写）",
    "单元长": "单元长（负责一个或几个单元）",
    "微网格长": "微网格长（负责网格里的一个微网格）",
    "网格指导员": "网格指导员（例如包联的律师、医生、机关干部）",
}
# Who counts towards "one 网格员 for at most 300 households": not 楼长 or 指导员.
WORKER_ROLES = frozenset({"网格员", "专职网格员", "兼职网格员"})
DEFAULT_ROLE = "网格员"

GRID_CODES: dict[str, tuple[str, str]] = codes(
    {
        "grid.role": (
            "网格成员的岗位（role）写得不对",
            "role 只能写："
            + "、".join(MEMBER_ROLES)
            + "；不写就是网格员。网格长请写在本网格的 leader（网格长）一项，"
            "社区民警写在 police 一项。",
        ),
    }
)


# A building named in grids.yml: written as in settlement.yml (a bare number 1 is "1").
BuildingRef = Annotated[
    BuildingId,
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "minLength": 1,
            "maxLength": BUILDING_ID_LENGTH,
            "description": "楼栋编号（settlement.yml 中楼栋的 id），例如 1 或 吉祥小区1栋",
            "examples": ["1"],
        }
    ),
]


def _role(value: object) -> object:
    if value is None:
        return DEFAULT_ROLE
    if not isinstance(value, str):
        return value  # refused by the str type
    role = unicodedata.normalize("NFKC", value).strip()
    if role in MEMBER_ROLES:
        return role
    if role == "网格长":
        message = "网格长不写在 members（网格成员）里"
    else:
        message = f"「{role[:20]}」不是网格里的岗位"
    raise ValueProblem("grid.role", message, GRID_CODES["grid.role"][1])


Role = Annotated[
    str,
    BeforeValidator(_role),
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(MEMBER_ROLES),
            "description": "网格岗位：" + "、".join(MEMBER_ROLES) + "；不写就是网格员",
            "examples": ["楼长"],
        }
    ),
]

_CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
_UNIT = re.compile(r"(?:第)?([0-9]{1,3}|[一二三四五六七八九十])(?:单元)?")


def unit_label(value: object) -> object:
    """A unit as staff write it (1, "1", 1单元, 第一单元, 东单元) → its label: 1单元, 东单元."""
    if isinstance(value, bool):
        return value  # refused by the str type
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    found = _UNIT.fullmatch(text)
    if found:
        number = found.group(1)
        n = int(number) if number.isdigit() else _CHINESE_DIGITS[number]
        if n == 0:
            raise ValueProblem(
                "schema.invalid", "单元号不能是 0", "单元从 1 开始编号，例如 1 或 1单元。"
            )
        return f"{n}单元"
    if not text or "\n" in text or len(text) > 20:
        raise ValueProblem(
            "schema.invalid",
            f"单元「{text[:20]}」写得不对",
            "单元写单元号，例如 1、2 或 1单元；没有编号的单元写它的叫法，例如 东单元"
            "（一行，最多 20 个字）。",
        )
    return text


def unit_number(label: str) -> int | None:
    """The number of a unit label (3单元 → 3), or None for a named unit (东单元)."""
    found = re.fullmatch(r"([0-9]+)单元", label)
    return int(found.group(1)) if found else None


UnitLabel = Annotated[
    str,
    BeforeValidator(unit_label),
    WithJsonSchema(
        {"type": ["integer", "string"], "description": "单元号，例如 1 或 1单元", "examples": [1]}
    ),
]


def _one_or_many(value: object) -> object:
    """{吉祥小区1栋: 1} is one unit: a single value where a list is expected is a list of one."""
    if isinstance(value, dict):
        return {k: v if isinstance(v, list) else [v] for k, v in value.items()}
    return value


UnitsByBuilding = Annotated[
    dict[BuildingRef, list[UnitLabel]],
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "type": "object",
            "additionalProperties": {
                "anyOf": [
                    {"type": ["integer", "string"]},
                    {"type": "array", "items": {"type": ["integer", "string"]}},
                ]
            },
            "description": "按楼栋写负责的单元：楼栋编号: [单元号]，例如 {吉祥小区1栋: [1, 2]}",
            "examples": [{"吉祥小区1栋": [1, 2]}],
        }
    ),
]


class GridMember(Person):
    """A grid member: 网格员, 楼长, 单元长, 网格指导员 …, and what he or she covers."""

    model_config = zh("网格员", "网格里的一名成员（网格员、楼长、单元长、网格指导员……）和负责范围")

    role: Role = Field(
        DEFAULT_ROLE,
        title="网格岗位",
        description="这个人在网格里的岗位，公示和“找我的网格员”都这样称呼他/她；"
        "不写就是网格员。只有网格员（含专职、兼职）计入“每名网格员不超过 300 户”。"
        "在社区的职务（例如 居委会委员、律师）写在 position",
    )
    buildings: list[BuildingRef] = Field(
        default_factory=list,
        title="负责楼栋",
        description="这位成员负责的楼栋编号（要在本网格的 buildings 里）；"
        "“找我的网格员”按楼栋指向这位成员",
        examples=[["吉祥小区1栋", "吉祥小区2栋"]],
    )
    units: UnitsByBuilding = Field(
        default_factory=dict,
        title="负责单元",
        description="按楼栋写负责的单元，例如 {吉祥小区1栋: [1, 2]}；"
        "“找我的网格员”里这些单元指向这位成员",
    )
    covers: list[Text] = Field(
        default_factory=list,
        title="负责范围",
        description="其他说法的负责范围，只在公示里显示，例如 第一居民小组、第二居民小组",
    )

    @property
    def is_worker(self) -> bool:
        """A 网格员 (专职 or 兼职): counted by the households-per-网格员 standard."""
        return self.role in WORKER_ROLES


class Grid(Model):
    """One grid: its buildings, its 网格长, members and community police officer."""

    model_config = zh("网格", "一个网格：包含的楼栋、网格长、成员和社区民警")

    id: Id = Field(title="网格编号", description="英文编号，例如 g01")
    name: Text = Field(title="网格名称", description="例如 第一网格")
    buildings: list[BuildingRef] = Field(
        default_factory=list,
        title="包含楼栋",
        description='settlement.yml 中楼栋的编号（id），例如 ["1", "2", "3"] 或 [吉祥小区1栋]',
    )
    leader: Person | None = Field(None, title="网格长")
    members: list[GridMember] = Field(
        default_factory=list,
        title="网格员",
        description="网格员和其他网格成员（楼长、单元长、网格指导员等，用 role 写岗位）",
    )
    police: Person | None = Field(None, title="社区民警")
    duties: list[Text] = Field(default_factory=list, title="工作职责")

    @property
    def workers(self) -> tuple[GridMember, ...]:
        """The members who are 网格员 (专职, 兼职 or not said)."""
        return tuple(m for m in self.members if m.is_worker)

    def claims(self, building: str, unit: str | None = None) -> tuple[GridMember, ...]:
        """The members who name this building (or, with unit, this unit of it), in order."""
        if unit is None:
            return tuple(m for m in self.members if building in m.buildings)
        return tuple(m for m in self.members if unit in m.units.get(building, ()))

    @property
    def default_contact(self) -> tuple[str, Person] | None:
        """Whom to call for a building nobody names: the 网格长, else the grid's only member."""
        if self.leader is not None:
            return "网格长", self.leader
        if len(self.members) == 1:
            return self.members[0].role, self.members[0]
        return None

    def contact_for(self, building: str, unit: str | None = None) -> tuple[str, Person] | None:
        """The one person to call for a building (or a unit of it), with their role.

        The first member who names the unit, else the first who names the building,
        else the 网格长 (or the grid's only member). None when none of these exists;
        the checks warn about that, and about two members naming the same place.
        """
        if unit is not None:
            named = self.claims(building, unit)
            if named:
                return named[0].role, named[0]
        named = self.claims(building)
        if named:
            return named[0].role, named[0]
        return self.default_contact


class Grids(Model):
    """Every grid of the settlement and the number to complain to."""

    model_config = zh("网格", "安置点的所有网格和投诉电话")

    supervision_phone: Phone | None = Field(
        None, title="监督电话", description="对网格服务不满意时拨打的电话"
    )
    grids: list[Grid] = Field(title="网格")
